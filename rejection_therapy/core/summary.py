"""The entry-derived part of the status record, as a fold: one step per entry in history
order. The rebuild folds every entry (service/status.py); the quick `log` takes the one
step for its new entry (fastpath/log.py). Both run `EntryFold.add`, so the record kept up
step by step and the rebuilt one agree by construction (tests/fastpath checks it too).
Standard library only.
"""

from __future__ import annotations

from rejection_therapy.core.run_folds import RunFolds
from rejection_therapy.core.tally import EntryTally

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

    from rejection_therapy.shapes import EntryTotals


class EntryFold:
    """Totals over entries: XP, the badge tally, done dates, the last tip, the newest seq,
    and each run's fold (core/run_folds.py; `record` names the runs)."""

    def __init__(self, record: Mapping[str, Any] | None = None) -> None:
        record = record or {}
        self.tally = EntryTally(record.get("tally"))
        self.runs = RunFolds(record.get("runs", ()), record.get("run_folds", {}))
        self.total_xp: int = record.get("total_xp", 0)
        self.done_dates: set[str] = set(record.get("done_dates", ()))
        self.last_tip: str | None = record.get("last_tip")
        self.max_seq: int = record.get("max_seq", 0)
        self.latest_created_at: str | None = record.get("latest_created_at")
        self._latest = _instant(self.latest_created_at)

    def add(self, entry: Any, xp: int) -> None:
        """One more entry, the latest in history order, worth `xp`: an Entry, or anything
        with its attributes (views.entry_shape's fields)."""
        self.tally.add(entry)
        self.runs.add(entry)
        self.total_xp += xp
        self.done_dates.add(entry.date.isoformat())
        if entry.toolbox_tip:
            self.last_tip = entry.toolbox_tip
        self.max_seq = max(self.max_seq, entry.seq)
        if self._latest is None or entry.created_at >= self._latest:
            self._latest = entry.created_at
            self.latest_created_at = entry.created_at.isoformat()

    def add_all(self, entries: Iterable[Any], xp_of: Mapping[str, int]) -> EntryFold:
        for entry in entries:
            self.add(entry, xp_of[entry.id])
        return self

    def fields(self, default_latest: str) -> EntryTotals:
        """The record's fields this fold owns (`default_latest` when there is no entry)."""
        return {
            "total_xp": self.total_xp,
            "tally": self.tally.to_record(),
            "done_dates": sorted(self.done_dates),
            "last_tip": self.last_tip,
            "max_seq": self.max_seq,
            "latest_created_at": self.latest_created_at or default_latest,
            "run_folds": self.runs.folds,
        }


def _instant(text: str | None) -> Any:
    if text is None:
        return None
    from datetime import datetime

    return datetime.fromisoformat(text)
