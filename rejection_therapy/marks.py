"""One look for each outcome and kind of day, in the TUI, the CLI and every share format.

A no is the point of the game, so it wears the warm, bright colour and a star, never a
cross or red. Frozen and rest days share no colour with an outcome. The colours are
Okabe-Ito's, told apart by people with the common colour-vision deficiencies; the symbol
carries the meaning alone where there is no colour (NO_COLOR, plain text, a screen reader).
"""

from __future__ import annotations

# Okabe-Ito (and two greys for days without an ask)
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
PURPLE = "#CC79A7"
BROWN = "#8C6D46"
GREY = "#8A929C"
LIGHT = "#E9ECF0"
BLACK, WHITE = "#000000", "#FFFFFF"


class Mark(tuple[str, str, str, str, str, str]):
    """symbol (one terminal cell), emoji (one square), plain (ASCII), fill colour, the ink
    that reads on that fill, label. A tuple: `streak` and `share` import it, and a
    dataclass would cost them the typing machinery."""

    __slots__ = ()

    @property
    def symbol(self) -> str:
        return self[0]

    @property
    def emoji(self) -> str:
        return self[1]

    @property
    def plain(self) -> str:
        return self[2]

    @property
    def fill(self) -> str:
        return self[3]

    @property
    def ink(self) -> str:
        return self[4]

    @property
    def label(self) -> str:
        return self[5]


# Emoji: single code points with Emoji_Presentation=Yes and no variation selector, so every
# cell is exactly one emoji wide in monospace and proportional fonts alike.
MARKS: dict[str, Mark] = {
    "no": Mark(("✦", "🟧", "N", ORANGE, BLACK, "no")),
    "why": Mark(("?", "🟪", "W", PURPLE, BLACK, "why")),
    "yes": Mark(("✓", "🟩", "Y", GREEN, WHITE, "yes")),
    "pending": Mark(("…", "🟨", "P", YELLOW, BLACK, "pending")),
    "frozen": Mark(("❄", "🟦", "F", SKY, BLACK, "frozen")),
    "rest": Mark(("☾", "🟫", "R", BROWN, WHITE, "rest")),
    "missed": Mark(("○", "⬛", "x", GREY, BLACK, "missed")),
    "today": Mark(("◇", "🔳", "T", WHITE, BLACK, "today")),
    "future": Mark(("·", "⬜", ".", LIGHT, BLACK, "to come")),
}
OUTCOMES = ("no", "why", "yes", "pending")
DAYS = ("frozen", "rest", "missed", "today", "future")
LEGEND_ORDER = OUTCOMES + DAYS
