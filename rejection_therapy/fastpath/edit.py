"""`rejection-therapy edit` of one of today's entries, from the status record.

The record keeps today's entry documents and an index of every entry id's first characters
(service/status.py). An edit whose id prefix names exactly one of today's entries, and no
other entry anywhere, rewrites that document as the service does (core/new_entry.py's
`edited_fields`), recounts it in the tally, gives it its XP again and stores any badge
the change earns. Anything else (an older entry, an entry of an application or still
pending, a prefix the index cannot rule on, a note too long) is the full service's
(tests/fastpath compares the two).
"""

from __future__ import annotations

from datetime import date

from rejection_therapy.core.ids import MIN_PREFIX, ids_matching
from rejection_therapy.core.log_input import MAX_NOTE, text_problem
from rejection_therapy.core.new_entry import StoredEntry, edited_fields, utc_text
from rejection_therapy.core.now import ClockError
from rejection_therapy.core.scoring import entry_xp
from rejection_therapy.core.summary import EntryFold
from rejection_therapy.fastpath.badges import badge_operations, keep_earned, reached
from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.fastpath.write import append, save_record, under_lock, writable
from rejection_therapy.storage.transaction import operation
from rejection_therapy.views import badge_json, entry_shape, record_summary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime
    from typing import Any

    from rejection_therapy.shapes import BadgeView, DayView, StatusRecord


def quick_edit(
    home: str, ref: str, outcome: str | None, note: str | None, environ: Mapping[str, str]
) -> tuple[str, str, str, list[BadgeView]] | None:
    """Edit and return (entry id, outcome, note, badges earned); None: the full service."""
    if note is not None and text_problem(note, MAX_NOTE, "note"):
        return None  # the service says what is wrong with it

    def commit(record: StatusRecord) -> tuple[str, str, str, list[BadgeView]] | None:
        try:
            now, today = record_now(record, environ)
            return _edit(home, record, ref.strip().lower(), outcome, note, now, today)
        except (ClockError, KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None  # a record this code cannot use: the full service edits, and rebuilds

    return under_lock(home, commit)


def _edit(
    home: str,
    record: StatusRecord,
    ref: str,
    outcome: str | None,
    note: str | None,
    now: datetime,
    today: date,
) -> tuple[str, str, str, list[BadgeView]] | None:
    iso = today.isoformat()
    day, docs = record["day"], record["entry_docs"]
    if day is None or docs is None or day["date"] != iso or docs["date"] != iso:
        return None
    if len(ref) < MIN_PREFIX or not writable(home, record, today):
        return None
    if [pair[1]["id"] for pair in docs["docs"]] != [e["id"] for e in day["entries"]]:  # type: ignore[index]
        return None  # documents that are not the day's entries: the full service edits
    found = [pair for pair in docs["docs"] if str(pair[1]["id"]).lower().startswith(ref)]  # type: ignore[index]
    if len(found) != 1 or _entries_matching(home, record, ref) != 1:
        return None  # no such entry today, or a prefix another entry may share
    doc_id, old = found[0][0], dict(found[0][1])  # type: ignore[call-overload]
    if old["outcome"] == "pending" or old["kind"] is not None:
        return None  # the answer to an ask still out, or an event: the service's
    new = {**old, **edited_fields(old["outcome"], outcome, note), "updated_at": utc_text(now)}
    position = next(n for n, view in enumerate(day["entries"]) if view["id"] == old["id"])
    before, after = StoredEntry(old), StoredEntry(new)
    xp = entry_xp(after.outcome, after.difficulty, after.asked_why, position + 1)
    folded = EntryFold(record)
    folded.tally.replace(before, after)
    run = next(r for r in record["runs"] if r["id"] == old["run_id"])
    folded.runs.replace(before, after, _outcomes_that_day(day, run["number"], old["id"], after))
    folded.total_xp += xp - day["entries"][position]["xp"]
    earned = reached(record, folded.tally, lambda: record_summary(record, today, marks=True), today)
    view = entry_shape(after, run["number"], date.fromisoformat(run["start"]), xp)
    lines = [operation("entries", str(doc_id), new)]
    lines += badge_operations(record, earned, now, today, old["id"])
    # Everything is known: only now is anything written.
    append(home, record, lines)
    record["next_doc_ids"]["badges"] += len(earned)
    record.update(folded.fields(default_latest=record["latest_created_at"]))
    keep_earned(record, earned, today)
    for shown in [day, *(p["day"] for p in record["plans"] if p["date"] == iso)]:
        shown["entries"] = [view if e["id"] == old["id"] else e for e in shown["entries"]]
    docs["docs"] = [[doc_id, new] if pair[0] == doc_id else pair for pair in docs["docs"]]
    record["undo"] = None  # an undo point is good only right after its log
    save_record(home, record)
    return new["id"], new["outcome"], new["note"], [badge_json(rule) for rule in earned]


def _outcomes_that_day(day: DayView, run_number: int, edited_id: str, edited: Any) -> list[str]:
    """The outcomes of the day's entries of the edited entry's run, the edit made."""
    return [
        str(edited.outcome) if view["id"] == edited_id else view["outcome"]
        for view in day["entries"]
        if view["run"] == run_number
    ]


def _entries_matching(home: str, record: StatusRecord, ref: str) -> int | None:
    """How many entries may have ids starting with `ref`: in the record and in its index
    file (storage/status_record.py); None when that file is not the record's."""
    count = ids_matching(record["entry_ids"], ref)
    token = record["entry_ids_file"]
    if not token:
        return count
    from rejection_therapy.storage.status_record import read_entry_ids

    index = read_entry_ids(home, token)
    return None if index is None else count + ids_matching(index, ref)
