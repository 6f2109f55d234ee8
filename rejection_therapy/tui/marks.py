"""How each kind of day and outcome looks: a symbol (readable without colour) and a style."""

from __future__ import annotations

from dataclasses import dataclass

from rejection_therapy.core.streaks import FROZEN, FUTURE, MISSED, REST, TODAY


@dataclass(frozen=True)
class Look:
    symbol: str
    style: str
    label: str


# Okabe-Ito colours: told apart by people with the common colour-vision deficiencies,
# readable on the dark and the light theme; the symbol still carries the meaning alone.
PURPLE = "#CC79A7"
BLUE, ORANGE, GREEN, SKY, YELLOW, VERMILLION = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#56B4E9",
    "#F0E442",
    "#D55E00",
)

LOOKS: dict[str, Look] = {
    "why": Look("?", f"bold #000000 on {ORANGE}", "why"),
    "no": Look("✗", f"bold #ffffff on {BLUE}", "no"),
    "yes": Look("✓", f"bold #ffffff on {GREEN}", "yes"),
    "pending": Look("…", f"bold #000000 on {PURPLE}", "pending"),
    FROZEN: Look("❄", f"bold #000000 on {SKY}", "frozen"),
    REST: Look("☾", f"#000000 on {YELLOW}", "rest"),
    MISSED: Look("○", f"bold {VERMILLION}", "missed"),
    TODAY: Look("◇", "reverse bold", "today"),
    FUTURE: Look("·", "$text-muted", "future"),
}

OUTCOME_STYLES = {
    "no": f"bold {SKY}",
    "yes": f"bold {GREEN}",
    "why": f"bold {ORANGE}",
    "pending": f"bold {PURPLE}",
}
LEGEND_ORDER = ("no", "why", "yes", "pending", FROZEN, REST, MISSED, TODAY, FUTURE)


def pips(difficulty: int) -> str:
    """Difficulty as five stars, filled up to the rung."""
    return "★" * difficulty + "☆" * (5 - difficulty)
