"""`rejection-therapy undo` of the entry the quick `log` just made, from the status record.

Taking back the newest entry leaves the data as it was before it was logged, but for the
entry's tombstone; so the quick log keeps, with the record it brings up to date, the
record's values from before (`undo`). The quick undo appends the operations the service's
undo makes (the entry removed, its tombstone kept, the badges it earned removed) and puts
those values back. Anything else (an entry the full service logged, a second undo, any
write in between) is undone by the full service (tests/fastpath compares the two).
"""

from __future__ import annotations

import marshal

from rejection_therapy.core.ids import without_id
from rejection_therapy.core.now import ClockError
from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.fastpath.write import append, save_record, under_lock, writable
from rejection_therapy.storage.status_record import read_status
from rejection_therapy.storage.transaction import operation

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime
    from typing import Any

    from rejection_therapy.shapes import StatusRecord, UndoPlan

RESTORED = (
    "total_xp",
    "tally",
    "last_tip",
    "max_seq",
    "latest_created_at",
    "earned_badges",
    "badges",
    "run_folds",
    "day",
    "plans",
    "next_doc_ids",
    "entry_docs",
    "today_facts",
)
"""The record's fields a quick log changes (done_dates too: `drop_done`)."""


def undo_point(record: StatusRecord) -> dict[str, Any]:
    """A copy of the fields a log is about to change (marshal: a deep copy, at C speed)."""
    return marshal.loads(marshal.dumps({name: record[name] for name in RESTORED}))  # type: ignore[literal-required]


def undo_plan(
    before: dict[str, Any], lines: list[dict[str, Any]], iso: str, had_today: bool
) -> UndoPlan:
    """What undoing the entry just logged (`lines`: its journal operations) puts back."""
    return {"date": iso, "lines": lines, "restore": before, "drop_done": not had_today}


def quick_undo(home: str, environ: Mapping[str, str]) -> tuple[str, str, list[str]] | None:
    """Undo the entry the quick log made: its outcome, its ask and the ids of the badges
    taken back with it; None when the full service must undo."""
    record = read_status(home)
    if record is None or record.get("undo") is None:
        return None
    try:
        now, today = record_now(record, environ)
    except (ClockError, ValueError):
        return None

    def commit(record: StatusRecord) -> tuple[str, str, list[str]] | None:
        try:
            if record_now(record, environ)[1] != today:  # (and the record's span is today's)
                return None
            undo = record["undo"]
            if undo is None or not writable(home, record, today):
                return None
            entry, badges = _undone(record, undo, today.isoformat())
            entry_ids = without_id(record["entry_ids"], entry["doc"]["id"])
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None  # a record this code cannot use: the full service undoes
        tombstone = record["next_doc_ids"]["tombstones"]
        append(home, record, _lines(entry, badges, tombstone, now))
        record.update(undo["restore"])  # type: ignore[typeddict-item]
        record["entry_ids"] = entry_ids
        record["next_doc_ids"]["tombstones"] = tombstone + 1
        if undo["drop_done"]:
            record["done_dates"].remove(undo["date"])
        record["undo"] = None
        save_record(home, record)
        document = entry["doc"]
        return (
            str(document["outcome"]),
            str(document["ask_text"]),
            [str(badge["doc"]["badge_id"]) for badge in badges],
        )

    return under_lock(home, commit)


def _undone(
    record: StatusRecord, undo: UndoPlan, iso: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The entry's insert and its badges' inserts, checked to be what the record says:
    today's newest entry, and badges earned with it (anything else raises ValueError)."""
    lines: list[dict[str, Any]] = undo["lines"]  # type: ignore[assignment]  # (checked below)
    entry, *badges = lines
    day = record["day"]
    if undo["date"] != iso or day is None or day["date"] != iso or not day["entries"]:
        raise ValueError("not today's entry")
    entry_id = entry["doc"]["id"]
    if entry["table"] != "entries" or day["entries"][-1]["id"] != entry_id:
        raise ValueError("not the newest entry")
    if not all(b["table"] == "badges" and b["doc"]["entry_id"] == entry_id for b in badges):
        raise ValueError("a badge of another entry")
    if not set(undo["restore"]) == set(RESTORED):
        raise ValueError("an incomplete undo point")
    return entry, badges


def _lines(
    entry: dict[str, Any], badges: list[dict[str, Any]], tombstone: int, now: datetime
) -> list[dict[str, Any]]:
    """The service's undo, as journal operations and in its order (service/entries.py)."""
    entry_id = entry["doc"]["id"]
    return [
        operation("entries", str(entry["doc_id"]), entry["doc"], remove=True),
        operation(
            "tombstones",
            str(tombstone),
            {"id": entry_id, "deleted_at": now.isoformat()},
            insert=True,
        ),
        *(operation("badges", str(b["doc_id"]), b["doc"], remove=True) for b in badges),
    ]
