"""How outcomes look in text (standard library only; keys compare equal to `Outcome`)."""

from rejection_therapy.marks import MARKS, OUTCOMES

OUTCOME_SYMBOLS = {outcome: MARKS[outcome].symbol for outcome in OUTCOMES}
"""One terminal cell per outcome (marks.py: a no is a star, never a cross)."""

REFRAME = "A no is a chapter, not the conclusion: you asked, and that was the point."
ASK_BIGGER = "Only yeses today: ask bigger tomorrow. The game is to hear no."
