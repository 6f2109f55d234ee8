"""The moments a log can bring, beyond its XP: a new level, a streak milestone, a freeze
that carried the streak over a missed day, the last day of a run.

Pure: both ways the TUI logs (the full service and the quick log) hand over the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from rejection_therapy.core.scoring import level_for
from rejection_therapy.core.streaks import FROZEN, REST

STREAK_MILESTONES = (3, 7, 14, 21, 30, 50, 75, 100, 150, 200, 250, 300, 365, 500, 750, 1000)
"""Streak lengths worth a moment: close together at first, when keeping on is hardest."""


@dataclass(frozen=True, slots=True)
class Moments:
    level_up: int | None = None
    """The level just reached."""
    milestone: int | None = None
    """The streak length just reached, when it is one of STREAK_MILESTONES."""
    covered: tuple[date, ...] = ()
    """Missed days just before today that a freeze covered, so the streak lived on."""
    run_done: bool = False
    """Today is the run's last day and this log finished it."""

    def __bool__(self) -> bool:
        return bool(self.level_up or self.milestone or self.covered or self.run_done)


def covered_by_freeze(marks: Mapping[date, str], today: date) -> tuple[date, ...]:
    """The frozen days in the stretch before today, back to the last day that was neither
    frozen nor rest: the days a freeze spent to carry the streak to today."""
    covered = []
    day = today - timedelta(days=1)
    while marks.get(day) in (FROZEN, REST):
        if marks[day] == FROZEN:
            covered.append(day)
        day -= timedelta(days=1)
    return tuple(reversed(covered))


def moments_of(
    *,
    total_xp: int,
    earned_xp: int,
    first_today: bool,
    streak: int,
    day: int,
    length: int,
    covered: tuple[date, ...],
) -> Moments:
    """What this log brought. `first_today`: no entry was logged today before it (only the
    day's first log grows the streak, spends a freeze's story, or finishes the run)."""
    before, after = level_for(total_xp - earned_xp).level, level_for(total_xp).level
    if not first_today:
        return Moments(level_up=after if after > before else None)
    return Moments(
        level_up=after if after > before else None,
        milestone=streak if streak in STREAK_MILESTONES else None,
        covered=covered,
        run_done=length > 0 and day == length,
    )
