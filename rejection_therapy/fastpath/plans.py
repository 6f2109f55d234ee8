"""A new day's first `today`, and `today --swap`, committed from the status record.

The full service plans both whenever it writes the record (service/today.py): it draws
tomorrow's ask and today's swap with its own draw and builds the day view after each. A
quick `today` takes the plan for today's date as it is, appends its journal lines under the
lock, and makes its day the record's: no rule of the draw lives here. A plan is used only
while the record matches the data (its stamp) and the pack files are the ones it was drawn
from; otherwise the full service draws (tests/fastpath compares the two).
"""

from __future__ import annotations

import os

from rejection_therapy.core.now import ClockError
from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.fastpath.write import append, save_record, under_lock, writable
from rejection_therapy.filenames import PACKS_FOLDER
from rejection_therapy.storage.stamp import packs_stamp
from rejection_therapy.storage.status_record import read_status
from rejection_therapy.storage.transaction import operation
from rejection_therapy.views import facts_today, keep_facts, today_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from rejection_therapy.shapes import DayView, PlannedDay, StatusRecord, TodayAnswer

DAILY_ASKS = "daily_asks"  # storage/records.py's table name (importing it costs pydantic)


def planned_today(
    home: str, environ: Mapping[str, str], *, swap: bool
) -> tuple[TodayAnswer, DayView] | None:
    """`today --json` after the planned new day (or swap), or None: the full service."""
    record = read_status(home)
    if record is None:
        return None
    try:
        _now, today = record_now(record, environ)
        plan = _plan_for(record, today, swap)
    except (ClockError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    if plan is None:
        return None
    if plan["insert"] is None:  # a day outside a run: nothing is stored, the view is all
        return _answer(record, plan["day"], today)

    def commit(record: StatusRecord) -> tuple[TodayAnswer, DayView] | None:
        try:
            if record_now(record, environ)[1] != today:  # (and the record's span is today's)
                return None
            plan = _plan_for(record, today, swap)  # the record as it is under the lock
            if plan is None or plan["insert"] is None or not _usable(home, record, today):
                return None
            lines, doc_id = _lines(record, plan)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None  # a record this code cannot use: the full service writes, and rebuilds
        append(home, record, lines)
        ids = record["next_doc_ids"]
        ids[DAILY_ASKS] = max(ids[DAILY_ASKS], doc_id + 1)
        record["day"] = plan["day"]
        record["day_ask_doc"] = doc_id
        docs = record["entry_docs"]
        if docs is None or docs["date"] != plan["date"]:
            # the documents of another day: none are kept unless the day has no entry yet
            empty = not plan["day"]["entries"]
            record["entry_docs"] = {"date": plan["date"], "docs": []} if empty else None
        record["plans"] = _left_after(record["plans"], plan)
        record["undo"] = None  # an undo point is good only right after its log
        answer = _answer(record, plan["day"], today)  # (it keeps the new day's facts)
        save_record(home, record)
        return answer

    return under_lock(home, commit)


def _left_after(plans: list[PlannedDay], done: PlannedDay) -> list[PlannedDay]:
    """The plans still good once `done` is committed. After a new day: that day's swap and
    the later days (each was drawn as if this day's ask were kept). A swap uses up another
    ask, so later days must be planned anew."""
    if done["kind"] == "swap":
        return []
    return [
        p
        for p in plans
        if p["date"] > done["date"] or p["kind"] == "swap" and p["date"] == done["date"]
    ]


def _plan_for(record: StatusRecord, today: date, swap: bool) -> PlannedDay | None:
    """The plan for today of the kind asked for, when the record's day allows it."""
    iso = today.isoformat()
    day = record["day"]
    if swap:
        if not day or day["date"] != iso or day["ask"] is None or day["swapped"]:
            return None  # (the full service says why there is nothing to swap)
        if record["day_ask_doc"] is None:
            return None
    elif day and day["date"] == iso and day["ask"] is not None:
        return None  # today is drawn: fastpath/today.py answers
    kind = "swap" if swap else "new-day"
    plan = next((p for p in record["plans"] if p["kind"] == kind and p["date"] == iso), None)
    if plan is not None and any(
        p["kind"] == "new-day" and p["insert"] is not None and p["date"] < iso
        for p in record["plans"]
    ):
        return None  # a day in between was never opened: its ask is not drawn as planned
    return plan


def _usable(home: str, record: StatusRecord, today: date) -> bool:
    """The record may be written from, and the pack files are the plan's."""
    user_packs = os.path.join(home, PACKS_FOLDER)
    return writable(home, record, today) and record["packs_stamp"] == packs_stamp(user_packs)


def _lines(record: StatusRecord, plan: PlannedDay) -> tuple[list[dict[str, object]], int]:
    """The journal operations of the plan, and the document id of the day's new ask."""
    insert, doc_id = plan["insert"], plan["insert_id"]
    if insert is None or doc_id is None:
        raise ValueError("a plan without the ask it stores")
    if plan["kind"] != "swap":
        return [operation(DAILY_ASKS, str(doc_id), insert, insert=True)], doc_id
    removed, remove = record["day_ask_doc"], plan["remove"]
    if removed is None or remove is None:
        raise ValueError("a swap plan without the ask it replaces")
    return [
        operation(DAILY_ASKS, str(removed), remove, remove=True),
        operation(DAILY_ASKS, str(doc_id), insert, insert=True),
    ], doc_id


def _answer(record: StatusRecord, day: DayView, today: date) -> tuple[TodayAnswer, DayView]:
    facts = keep_facts(record, today, facts_today(record, today))  # (a swap keeps today's)
    return today_json(facts, day, int(record["total_xp"])), day
