"""The app's light theme and the outcome colours as text, readable on every theme.

Textual's own light theme draws amber titles, green "today done" and the outcome counts
at 1.5-2.6:1 on its grey; this one meets WCAG AA (4.5:1) for every text colour the app
uses, on the background and on the surfaces text sits on (tests/tui/test_themes.py
measures it). The outcome colours (marks.py) are fills; as text on a light theme they
take a darker shade of the same hue.
"""

from __future__ import annotations

from textual.theme import Theme

from rejection_therapy.device import DARK_THEME, LIGHT_THEME
from rejection_therapy.marks import MARKS, OUTCOMES

__all__ = ["LIGHT", "outcome_text_colours"]

LIGHT = Theme(
    name=LIGHT_THEME,
    primary="#004578",
    secondary="#0178D4",
    accent="#8F4F00",
    warning="#94500A",
    error="#A8243F",
    success="#166A30",
    surface="#E8E8E8",
    panel="#DCDCDC",
    background="#F2F2F2",
    dark=False,
    variables={"footer-key-foreground": "#005A9E"},
)

OUTCOME_TEXT_ON_LIGHT = {"no": "#8A5400", "why": "#9A3D74", "yes": "#006B4C", "pending": "#5A626C"}
"""Each outcome's hue, dark enough to read as text on a light background."""


def outcome_text_colours(dark: bool) -> dict[str, str]:
    """`$outcome-no` and the rest: the fill itself on a dark theme, a darker shade on a light one."""
    return {
        f"outcome-{outcome}": MARKS[outcome].fill if dark else OUTCOME_TEXT_ON_LIGHT[outcome]
        for outcome in OUTCOMES
    }


def toggled(dark: bool) -> str:
    """ctrl+t: the app's light theme from any dark one, Textual's dark from any light one."""
    return LIGHT_THEME if dark else DARK_THEME
