"""What `stats` and a shared snapshot need of each run's entries, folded one entry at a
time: the run's outcome counts, each of its days' grid mark and its fear ratings by week.

The status record keeps these folds (core/summary.py folds them with everything else), so
`stats`, `badges` and `share` answer without reading a single entry; the Ledger computes
the same figures from the entries (tests/fastpath/test_progress.py compares the two).
Standard library only.
"""

from __future__ import annotations

from datetime import date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

OUTCOMES = ("no", "yes", "why", "pending")
"""Outcome's order: a fold's counts are kept in it."""
MARK_OF = {"why": "w", "no": "n", "yes": "y", "pending": "p"}
"""A day's grid mark as one character, best first: a day with a why shows why, then no..."""
OUTCOME_OF_MARK = {mark: outcome for outcome, mark in MARK_OF.items()}
_RANK = {mark: rank for rank, mark in enumerate(MARK_OF.values())}
NO_ENTRY = " "
"""A day of the run without an entry (its mark comes from the streak)."""


def empty_fold(length: int) -> dict[str, Any]:
    """A run's fold before its first entry."""
    return {"counts": [0, 0, 0, 0], "marks": NO_ENTRY * length, "fear": {}}


class RunFolds:
    """Each run's fold, by run id, copied on first change (the record's stay as they were)."""

    def __init__(self, runs: Iterable[Mapping[str, Any]], folds: Mapping[str, Any]) -> None:
        self._runs = {run["id"]: run for run in runs}
        self.folds: dict[str, Any] = dict(folds)
        self._own: set[str] = set()

    def add(self, entry: Any) -> None:
        """One more entry of its run (an entry of no known run belongs to no fold)."""
        found = self._fold(entry.run_id)
        if found is None:
            return
        fold, start = found
        fold["counts"][OUTCOMES.index(str(entry.outcome))] += 1
        offset = (entry.date - start).days
        marks = fold["marks"]
        mark = MARK_OF[str(entry.outcome)]
        if 0 <= offset < len(marks) and (
            marks[offset] == NO_ENTRY or _RANK[mark] < _RANK[marks[offset]]
        ):
            fold["marks"] = marks[:offset] + mark + marks[offset + 1 :]
        if entry.fear_before is None and entry.fear_after is None:
            return
        sums = fold["fear"].setdefault(offset // 7 + 1, [0, 0, 0, 0])
        if entry.fear_before is not None:
            sums[0] += entry.fear_before
            sums[1] += 1
        if entry.fear_after is not None:
            sums[2] += entry.fear_after
            sums[3] += 1

    def replace(self, old: Any, new: Any, outcomes_that_day: Iterable[str]) -> None:
        """An entry whose outcome changed (`edit`): its count moves, and its day's mark is
        that of `outcomes_that_day`, the outcomes of its run's entries that day, edit made.
        Its fear ratings cannot change (core/tally.py refuses such an edit)."""
        found = self._fold(new.run_id)
        if found is None:
            return
        fold, start = found
        fold["counts"][OUTCOMES.index(str(old.outcome))] -= 1
        fold["counts"][OUTCOMES.index(str(new.outcome))] += 1
        offset = (new.date - start).days
        marks = fold["marks"]
        if 0 <= offset < len(marks):
            ranked = sorted(_RANK[MARK_OF[outcome]] for outcome in outcomes_that_day)
            mark = list(MARK_OF.values())[ranked[0]] if ranked else NO_ENTRY
            fold["marks"] = marks[:offset] + mark + marks[offset + 1 :]

    def _fold(self, run_id: str) -> tuple[dict[str, Any], date] | None:
        run = self._runs.get(run_id)
        if run is None:
            return None
        if run_id not in self._own:
            kept = self.folds.get(run_id) or empty_fold(run["length"])
            self.folds[run_id] = {
                "counts": list(kept["counts"]),
                "marks": kept["marks"],
                "fear": {week: list(sums) for week, sums in kept["fear"].items()},
            }
            self._own.add(run_id)
        return self.folds[run_id], date.fromisoformat(run["start"])


def fear_trend(fold: Mapping[str, Any]) -> list[dict[str, float | int | None]]:
    """Mean fear before and after, per week of the run (Ledger.fear_trend's figures)."""
    return [
        {"week": week, "before": _mean(sums[0], sums[1]), "after": _mean(sums[2], sums[3])}
        for week, sums in sorted(fold["fear"].items())
        if sums[1] or sums[3]
    ]


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def outcome_counts(fold: Mapping[str, Any]) -> dict[str, int]:
    """{"no": …, "yes": …, "why": …, "pending": …} (Ledger.counts' shape)."""
    return dict(zip(OUTCOMES, fold["counts"], strict=True))
