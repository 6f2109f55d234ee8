"""The status record: what the fast `streak`, `today` and `log` paths answer from.

It is rebuilt from the whole history after every full write (and when found stale), under
the home's lock, and stamped with the data it was derived from (storage/stamp.py). The
fast `log` updates it in step with the journal line it appends (fastpath/log.py). Fields:

- the streak's inputs: time zone, rollover hour, done and rest dates, runs;
- what judging a new entry needs: lifetime XP, the entry tally and earned badges, the
  check-in and follow-up counts, the last toolbox tip, the next sequence and document ids;
- `day`: today's view (ask, entries, coaching) in the `today --json` shapes, valid only
  for its `date`, and the document id of its ask;
- `plans`: today's swap and tomorrow's first `today` (and its swap), worked out ahead by
  the full service so the quick `today` commits them as they are (fastpath/plans.py),
  with the stamp of the pack files they were drawn from;
- the toolbox bank, so a fast `no` can be given its tip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rejection_therapy.core.ids import prefix_index
from rejection_therapy.core.summary import EntryFold
from rejection_therapy.packs.coaching import load_toolbox
from rejection_therapy.service.snapshot import Snapshot
from rejection_therapy.storage.database import generation_of
from rejection_therapy.storage.migrations import SCHEMA_VERSION
from rejection_therapy.storage.records import to_document
from rejection_therapy.storage.status_record import DOC_ID_TABLES, SHAPES_HASH, STATUS_VERSION
from rejection_therapy.views import keep_facts, streak_since_of

if TYPE_CHECKING:
    from rejection_therapy.service.context import Context
    from rejection_therapy.shapes import DayView, EntryDocs, PlannedDay, RunSpan, StatusRecord


NO_ENTRY_YET = "1970-01-01T00:00:00+00:00"
"""`latest_created_at` before the first entry: a fixed instant, so that a record kept up by
quick writes and one rebuilt later agree."""


def status_record(
    snapshot: Snapshot,
    data: dict[str, Any],
    file_schema: int,
    next_op: int,
    stamp: list[int] | None,
    day: DayView | None,
    day_ask_doc: int | None = None,
    plans: list[PlannedDay] | None = None,
    packs_stamp: list[list[object]] | None = None,
) -> StatusRecord:
    """The record for `data` (the stored tables, as saved) as of the snapshot's day;
    `next_op` numbers the next journal operation."""
    state = snapshot.state
    ledger = snapshot.ledger
    runs: list[RunSpan] = [
        {
            "number": run.number,
            "id": run.id,
            "start": run.start.isoformat(),
            "last": run.last_date.isoformat(),
            "length": run.days,
            "ended_early": run.ended_on is not None,
        }
        for run in ledger.runs
    ]
    folded = EntryFold({"runs": runs}).add_all(ledger.entries, ledger.xp_by_entry)
    latest_checkin = max(state.checkins, key=lambda c: c.created_at, default=None)
    record: StatusRecord = {
        "version": STATUS_VERSION,
        "shapes": SHAPES_HASH,
        "stamp": stamp,
        "generation": generation_of(data),
        "file_current": file_schema == SCHEMA_VERSION,
        "next_op": next_op,
        "damaged": state.damaged,
        "timezone": state.settings.timezone,
        "theme": state.settings.theme,
        "rollover_hour": state.settings.rollover_hour,
        "rest_dates": sorted(day.isoformat() for day in state.rest_dates),
        "runs": runs,
        **folded.fields(default_latest=NO_ENTRY_YET),
        "earned_badges": sorted({badge.badge_id for badge in state.badges}),
        "badges": [[badge.badge_id, badge.date.isoformat()] for badge in state.badges],
        "gap": latest_checkin.gap if latest_checkin else "",
        "checkins": ledger.checkins,
        "followups_done": ledger.followups_done,
        "next_doc_ids": {table: _next_doc_id(data, table) for table in DOC_ID_TABLES},
        "day": day,
        "day_ask_doc": day_ask_doc,
        "plans": plans or [],
        "packs_stamp": packs_stamp or [],
        "undo": None,
        "toolbox": [list(tip) for tip in load_toolbox()],
        "rest_days_allowed": state.settings.rest_days_per_run,
        "rest_docs": _rest_docs(data),
        "entry_docs": _entry_docs(snapshot, data),
        "entry_ids": prefix_index(entry.id for entry in state.entries),
        "entry_ids_file": "",  # (write_status moves a large index into its own file)
        "today_span": _today_span(snapshot),
        "today_facts": None,
        "streak_since": None,
    }
    record["streak_since"] = streak_since_of(record, snapshot.today)
    keep_facts(record, snapshot.today)
    return record


def _today_span(snapshot: Snapshot) -> list[object] | None:
    from zoneinfo import ZoneInfo

    from rejection_therapy.core.days import today_span

    settings = snapshot.state.settings
    return today_span(snapshot.today, ZoneInfo(settings.timezone), settings.rollover_hour)


def _rest_docs(data: dict[str, Any]) -> dict[str, list[list[object]]]:
    """The rest days' documents by date, as stored (with their document ids)."""
    docs: dict[str, list[list[object]]] = {}
    for doc_id, doc in sorted(data.get("rest_days", {}).items(), key=lambda item: int(item[0])):
        if isinstance(doc, dict) and isinstance(doc.get("date"), str):
            docs.setdefault(doc["date"], []).append([int(doc_id), doc])
    return docs


def _entry_docs(snapshot: Snapshot, data: dict[str, Any]) -> EntryDocs | None:
    """Today's entry documents with their ids, when each is as this code would write it
    (one it would rewrite differently must be edited by the full service)."""
    iso = snapshot.today.isoformat()
    stored = data.get("entries", {})
    docs: list[tuple[int, dict[str, Any]]] = sorted(
        (int(k), doc)
        for k, doc in stored.items()
        if isinstance(doc, dict) and doc.get("date") == iso
    )
    entries = {entry.id: entry for entry in snapshot.ledger.entries_on(snapshot.today)}
    for _doc_id, doc in docs:
        entry = entries.get(str(doc.get("id")))
        if entry is None or to_document(entry) != doc:
            return None
    if len(docs) != len(entries):
        return None
    return {"date": iso, "docs": [[doc_id, doc] for doc_id, doc in docs]}


def _next_doc_id(data: dict[str, Any], table: str) -> int:
    """The id TinyDB gives the next document of `table`: one more than the largest."""
    return max((int(doc_id) for doc_id in data.get(table, {})), default=0) + 1


def rebuilt_record(ctx: Context) -> StatusRecord:
    """The status record made anew (saved for next time when nobody writes); a new home
    starts its first run first. OSError when there is no data to read."""
    record = ctx.rebuild_status()
    if record is None or not record["runs"]:
        ctx.read()  # a new home starts its first run here
        record = ctx.rebuild_status()
    if record is None:
        raise OSError(f"could not read the data in {ctx.paths.home}")
    return record
