"""The numbers badges are measured by, as a fold over entries plus the streak's marks.

The Ledger folds every entry; the fast `log` path keeps the folded tally in the status
record and adds the one new entry, so both judge badges with the same code. Standard
library only.
"""

from __future__ import annotations

from datetime import date, timedelta

from rejection_therapy.core.streaks import DONE, FROZEN, MISSED, REST, StreakSummary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

HARD_DIFFICULTY = 4
COUNTED_MARKS = (DONE, FROZEN, REST)
_KEPT_BEYOND_COUNTS = ("pack", "category", "fear_before")


class EntryTally:
    """Counts over entries in their history order (first fear ratings depend on it)."""

    COUNTERS = (
        "entries",
        "nos",
        "yes",
        "whys",
        "asked_why",
        "notes",
        "hard_asks",
        "own_asks",
        "reflections",
    )

    def __init__(self, record: dict[str, Any] | None = None) -> None:
        record = record or {}
        self.counts = {name: int(record.get(name, 0)) for name in self.COUNTERS}
        self.packs = set(record.get("packs", ()))
        self.fear_firsts: dict[str, int] = dict(record.get("fear_firsts", {}))
        self.fear_drop = int(record.get("fear_drop", 0))

    def add(self, entry: Any) -> None:
        """Count one more entry (the latest in history order): an Entry, or anything with
        its attributes (the fast `log` path has no Entry)."""
        self._count(entry, 1)
        if entry.pack:
            self.packs.add(entry.pack)
        if entry.fear_before is not None and entry.category:
            first = self.fear_firsts.setdefault(entry.category, entry.fear_before)
            self.fear_drop = max(self.fear_drop, first - entry.fear_before)

    def replace(self, old: Any, new: Any) -> None:
        """Count an edited entry as it is now (`edit`: its outcome and note changed). What
        is kept of an entry beyond counts (its pack, its fear rating) must not change:
        ValueError, and the full service rebuilds the tally."""
        if any(getattr(old, name) != getattr(new, name) for name in _KEPT_BEYOND_COUNTS):
            raise ValueError("an edit that changes what the tally keeps beyond counts")
        self._count(old, -1)
        self._count(new, 1)

    def _count(self, entry: Any, step: int) -> None:
        counts = self.counts
        outcome = str(entry.outcome)
        counts["entries"] += step
        if outcome == "no":
            counts["nos"] += step
        elif outcome == "yes":
            counts["yes"] += step
        elif outcome == "why":
            counts["whys"] += step
        counts["asked_why"] += step * (outcome == "why" or bool(entry.asked_why))
        counts["notes"] += step * bool(entry.note.strip())
        counts["hard_asks"] += step * (entry.difficulty >= HARD_DIFFICULTY)
        counts["own_asks"] += step * bool(entry.own)
        counts["reflections"] += step * bool(entry.learned.strip() or entry.next_time.strip())

    def metrics(self) -> dict[str, int]:
        return {**self.counts, "packs_used": len(self.packs), "fear_drop": self.fear_drop}

    def to_record(self) -> dict[str, Any]:
        return {
            **self.counts,
            "packs": sorted(self.packs),
            "fear_firsts": dict(sorted(self.fear_firsts.items())),
            "fear_drop": self.fear_drop,
        }


def covered_days(summary: StreakSummary, start: date, last: date, today: date) -> int:
    """Days of a run that count toward completion so far: done, frozen or rest."""
    marks = summary.marks
    count = 0
    on, end = start, min(last, today)
    step = timedelta(days=1)
    while on <= end:
        if marks.get(on) in COUNTED_MARKS:
            count += 1
        on += step
    return count


def streak_metrics(
    summary: StreakSummary, runs: Iterable[tuple[date, date, bool]], today: date
) -> dict[str, int]:
    """Badge metrics of the streak; `runs` are (first day, last day, ended early)."""
    covered = []
    finished = 0
    for start, last, ended_early in runs:
        days = covered_days(summary, start, last, today)
        covered.append(days)
        if days == (last - start).days + 1 and not ended_early:
            finished += 1
    marks = summary.marks
    one_day = timedelta(days=1)
    comebacks = sum(
        1 for on, mark in marks.items() if mark == DONE and marks.get(on - one_day) == MISSED
    )
    return {
        "best_streak": summary.best,
        "covered_days": max(covered, default=0),
        "runs_finished": finished,
        "comebacks": comebacks,
        "freezes_used": summary.freezes_used,
    }


STREAK_METRICS = ("best_streak", "covered_days", "runs_finished", "comebacks", "freezes_used")
"""The metrics `streak_metrics` measures (walking every day of the history)."""


def streak_badges_left(earned: set[str]) -> bool:
    """Whether a badge measured by the streak is still to be earned (earned ones are never
    judged again, so without one the streak need not be walked to judge badges)."""
    from rejection_therapy.core.badges import BADGES

    return any(rule.metric in STREAK_METRICS and rule.id not in earned for rule in BADGES)


def badge_metrics(
    tally: EntryTally,
    summary: StreakSummary | None,
    runs: Iterable[tuple[date, date, bool]],
    today: date,
    checkins: int,
    followups_done: int,
) -> dict[str, int]:
    """Every number badges are measured by (the Ledger's and the quick writes' alike).
    `summary` None: every badge the streak measures is earned (`streak_badges_left`), and
    its metrics read 0."""
    streak = (
        streak_metrics(summary, runs, today)
        if summary is not None
        else dict.fromkeys(STREAK_METRICS, 0)
    )
    return {
        **tally.metrics(),
        **streak,
        "checkins": checkins,
        "followups_done": followups_done,
    }
