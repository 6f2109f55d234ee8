"""How wide the card's text is, estimated without a font file, so its boxes fit what they hold.

The widths are DejaVu Sans's, measured once in a browser: the widest of the sans-serif fonts
the card's font stack lands on (Segoe UI, San Francisco, Roboto, Helvetica and Arial all set
the same text narrower), so a box sized from them holds its text in any of those fonts.
"""

from __future__ import annotations

# Advance widths in thousandths of an em for the printable ASCII characters, " " to "~".
REGULAR = (
    *(318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337),
    *(636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531),
    *(1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787),
    *(603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500),
    *(500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612),
    *(635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838),
)
BOLD = (
    *(348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365),
    *(696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580),
    *(1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850),
    *(733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500),
    *(500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687),
    *(716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838),
)
EMOJI = 1300
"""A colour emoji or a symbol: Apple's and Noto's emoji are about 1.25 em wide."""
OTHER = 1000
"""Any other character (an accented letter, a dash): an em, wider than most."""
SYMBOLS_FROM = 0x2190
"""Arrows, dingbats, symbols and emoji start here; below it, letters and punctuation."""
ZERO_WIDTH = frozenset((0x200B, 0x200C, 0x200D, 0x2060, 0xFE0E, 0xFE0F))
"""Joiners and variation selectors: they change how a neighbour looks, not the width."""

ASCENT, DESCENT = 0.8, 0.25
"""How far text reaches above and below its baseline, in ems (digits and capitals reach
0.73; descenders 0.24)."""


def text_width(text: str, size: float, bold: bool = False, letter_spacing: float = 0) -> float:
    """The width `text` takes at `size` pixels: an upper bound for the card's fonts."""
    table = BOLD if bold else REGULAR
    units = 0
    for character in text:
        code = ord(character)
        if 32 <= code < 127:
            units += table[code - 32]
        elif code in ZERO_WIDTH or 0x300 <= code < 0x370:
            continue  # a combining accent sits on the letter before it
        elif code >= SYMBOLS_FROM:
            units += EMOJI
        else:
            units += OTHER
    return units * size / 1000 + letter_spacing * len(text)
