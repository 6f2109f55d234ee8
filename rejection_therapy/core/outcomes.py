"""How outcomes look in text (standard library only; keys compare equal to `Outcome`)."""

OUTCOME_SYMBOLS = {"no": "✦", "yes": "✓", "why": "?", "pending": "…"}
"""marks.py's symbols, written out: the quick `today` and `log` print them without
loading the palette (tests/test_marks.py keeps the two equal)."""

REFRAME = "A no is a chapter, not the conclusion: you asked, and that was the point."
ASK_BIGGER = "Only yeses today: ask bigger tomorrow. The game is to hear no."
