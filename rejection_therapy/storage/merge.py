"""Merging two histories (a laptop's and an SSH box's) into one, the same from either side.

Both sides are checked first (the incoming one strictly: one bad value refuses the whole
import), then their records are put in order together by the rules of normalize.py, so
the result depends on the records only: A into B equals B into A, and importing the same
file twice changes nothing. Settings belong to the home: they come in only where the home
has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rejection_therapy.core.models import Run
from rejection_therapy.storage import records as tables
from rejection_therapy.storage.checks import MODELS, Checked, check_documents
from rejection_therapy.storage.documents import stored_text, to_document
from rejection_therapy.storage.normalize import Item, normalize

Tables = dict[str, dict[str, dict[str, Any]]]
"""Table name -> {document id: stored document}."""


@dataclass
class MergeReport:
    """What an import added, changed and removed, and which runs joined which."""

    added: dict[str, int] = field(default_factory=dict)
    updated: int = 0
    removed: int = 0
    joins: list[tuple[Run, Run]] = field(default_factory=list)
    unreadable: Checked | None = None
    """The home's own records that could not be read: an import keeps them aside."""
    set_aside_file: Path | None = None

    def join_lines(self) -> list[str]:
        return [
            f"the {joined.days}-day run from {joined.start.isoformat()} joins the "
            f"{target.days}-day run from {target.start.isoformat()} (they overlap): its "
            "entries, rest days and check-ins move there"
            for joined, target in self.joins
        ]


def merge_tables(current: dict[str, Any], incoming: dict[str, Any]) -> tuple[Tables, MergeReport]:
    """The merged tables and what changed for the current home.

    Each side's documents are checked on their own (the incoming ones strictly), then all
    records are put in order at once, so neither side is favoured. Raises
    checks.ImportProblem when the incoming data holds a value out of bounds.
    """
    theirs = check_documents(incoming, strict=True)
    mine = check_documents(current)
    combined = {
        table: [Item(f"here:{i.doc_id}", i.record) for i in mine.items.get(table, [])]
        + [Item(f"in:{i.doc_id}", i.record) for i in theirs.items.get(table, [])]
        for table in MODELS
    }
    merged = normalize(combined)
    merged.items[tables.RUNS] = [*merged.items.get(tables.RUNS, []), *merged.joined]
    result = {table: _numbered_documents(table, merged.items.get(table, [])) for table in MODELS}
    settings = (current.get(tables.SETTINGS) or {}) or (incoming.get(tables.SETTINGS) or {})
    result[tables.SETTINGS] = {"1": _first(settings)} if settings else {}
    report = _report(normalize(mine.items).items, merged.items, merged.joins)
    report.unreadable = mine
    return result, report


def _first(documents: dict[str, Any]) -> dict[str, Any]:
    return dict(documents[min(documents, key=lambda k: int(k) if k.isdigit() else 0)])


SORT_KEYS = {
    tables.RUNS: lambda r: (r.start, r.id),
    tables.ENTRIES: lambda e: (e.created_at, e.id),
    tables.DAILY_ASKS: lambda a: (a.date, a.run_id),
    tables.BADGES: lambda b: (b.date, b.earned_at, b.badge_id),
    tables.REST_DAYS: lambda r: r.date,
    tables.TOMBSTONES: lambda t: (t.deleted_at, t.id),
    tables.FOLLOWUPS: lambda f: (f.created_at, f.id),
    tables.CHECKINS: lambda c: (c.date, c.created_at, c.id),
    tables.INTENTIONS: lambda i: (i.set_at, i.run_id),
    tables.EVENTS: lambda e: (e.date, e.created_at, e.id),
}
"""The order records are stored in after a merge: by their content, never by side."""


def _numbered_documents(table: str, items: list[Item]) -> dict[str, dict[str, Any]]:
    """Records as stored documents with ids 1, 2, ...; entries get their order (seq) anew."""
    ordered = sorted((item.record for item in items), key=SORT_KEYS[table])
    if table == tables.ENTRIES:
        ordered = [replace(e, seq=seq) for seq, e in enumerate(ordered, start=1)]
    return {str(n): to_document(record) for n, record in enumerate(ordered, start=1)}


def _identity(table: str, record: Any) -> Any:
    return SORT_KEYS[table](record) if table != tables.ENTRIES else record.id


def _report(
    before: dict[str, list[Item]], after: dict[str, list[Item]], joins: list[tuple[Run, Run]]
) -> MergeReport:
    report = MergeReport(joins=joins)
    for table in MODELS:
        known = {_identity(table, item.record) for item in before.get(table, [])}
        new = sum(1 for item in after.get(table, []) if _identity(table, item.record) not in known)
        if new:
            report.added[table] = new
    mine = {item.record.id: item.record for item in before.get(tables.ENTRIES, [])}
    kept = {item.record.id: item.record for item in after.get(tables.ENTRIES, [])}
    report.removed = sum(1 for entry_id in mine if entry_id not in kept)
    report.updated = sum(
        1
        for entry_id, entry in kept.items()
        if entry_id in mine and _comparable(entry) != _comparable(mine[entry_id])
    )
    runs_before = {item.record.id: item.record for item in before.get(tables.RUNS, [])}
    runs_after = {item.record.id: item.record for item in after.get(tables.RUNS, [])}
    report.updated += sum(
        1
        for run_id, run in runs_before.items()
        if run_id in runs_after and _run_shape(runs_after[run_id]) != _run_shape(run)
    )
    return report


def _run_shape(run: Run) -> tuple[Any, ...]:
    return (run.start, run.last_date, run.packs)


def _comparable(entry: Any) -> str:
    return stored_text(entry, frozenset({"seq"}))
