"""How each kind of day and outcome looks in the TUI: marks.py's symbol and colours as
Textual styles (the CLI and every share format read the same table)."""

from __future__ import annotations

from dataclasses import dataclass

from rejection_therapy.marks import LEGEND_ORDER, MARKS, OUTCOMES

__all__ = ["LEGEND_ORDER", "LOOKS", "OUTCOME_STYLES", "Look", "pips"]


@dataclass(frozen=True)
class Look:
    symbol: str
    style: str
    label: str


# Days without an ask are not filled: the grid stays quiet where nothing happened.
_UNFILLED = {"missed": "bold $text-muted", "today": "reverse bold", "future": "$text-muted"}

LOOKS: dict[str, Look] = {
    key: Look(mark.symbol, _UNFILLED.get(key, f"bold {mark.ink} on {mark.fill}"), mark.label)
    for key, mark in MARKS.items()
}

# As text: the fill's hue, darker on a light theme (tui/themes.py), so a count or a label
# reads at WCAG AA on any background.
OUTCOME_STYLES = {outcome: f"bold $outcome-{outcome}" for outcome in OUTCOMES}


def pips(difficulty: int) -> str:
    """Difficulty as five stars, filled up to the rung."""
    return "★" * difficulty + "☆" * (5 - difficulty)
