"""`rejection-therapy log` as one durable journal line, judged from the status record.

Under the home's lock: the record must match the data as it is now and be made for today,
and the log must be the plain case (today, inside the run, not a rest day; a short journal
and a recent backup: fastpath/write.py). Then the new entry and any badges it earns are appended to the
journal and fsynced, and the record is brought up to date. XP, badges, the streak and the
toolbox tip come from the same core functions the service uses, so the answer and the
stored documents are the ones the full service would have made (tests/fastpath).
"""

from __future__ import annotations

from datetime import date, datetime

from rejection_therapy.core import ids
from rejection_therapy.core.coaching import ToolboxTip
from rejection_therapy.core.new_entry import (
    StoredEntry,
    ask_fields,
    entry_document,
    with_tip,
)
from rejection_therapy.core.now import ClockError
from rejection_therapy.core.scoring import entry_xp
from rejection_therapy.core.summary import EntryFold
from rejection_therapy.fastpath.badges import badge_operations, keep_earned, reached, with_earned
from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.fastpath.undo import undo_plan, undo_point
from rejection_therapy.fastpath.write import append, save_record, under_lock, writable
from rejection_therapy.storage.transaction import operation
from rejection_therapy.views import (
    badge_json,
    entry_shape,
    keep_facts,
    log_json,
    record_summary,
    streak_facts_on,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from rejection_therapy.core.log_input import LogRequest
    from rejection_therapy.shapes import DayView, LogAnswer, RunSpan, StatusRecord


def fast_log(home: str, args: LogRequest, environ: Mapping[str, str]) -> LogAnswer | None:
    """Log and return `log --json`, or None when the full service must do it."""
    if args.yesterday or args.offer or args.kind or args.problem():
        return None  # the service logs late entries, offers and events, and words problems
    return under_lock(home, lambda record: _log_under_lock(home, record, args, environ))


def _log_under_lock(
    home: str, record: StatusRecord, args: LogRequest, environ: Mapping[str, str]
) -> LogAnswer | None:
    try:
        planned = _plan(home, record, args, environ)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None  # a record this code cannot use: the full service logs, and rebuilds it
    if planned is None:
        return None
    document, earned, now, today, entry_view, tip_text, totals, _earned_ids, answer = planned
    # Everything the answer needs is known: only now is anything written.
    before, had_today = undo_point(record), today.isoformat() in record["done_dates"]
    lines = _append(home, record, document, earned, now, today)
    for day in _views_of(record, today.isoformat()):
        day["entries"].append(entry_view)
        if tip_text:
            day["tip"] = tip_text
    if document["outcome"] == "pending" or document["fear_before"] is not None:
        # Later days' plans read pending asks and fear ratings: the full service plans anew.
        record["plans"] = [p for p in record["plans"] if p["date"] <= today.isoformat()]
    record.update(totals)
    keep_earned(record, earned, today)
    keep_facts(record, today, answer["streak"])
    _keep_document(record, lines[0], today.isoformat())
    record["undo"] = undo_plan(before, lines, today.isoformat(), had_today)
    save_record(home, record)
    return answer


def _keep_document(record: StatusRecord, line: dict[str, Any], iso: str) -> None:
    """The new entry's document among the day's (for a quick `edit`) and its id indexed."""
    docs = record["entry_docs"]
    if docs is not None and docs["date"] == iso:
        docs["docs"].append([int(line["doc_id"]), line["doc"]])
    else:
        record["entry_docs"] = None
    record["entry_ids"] = ids.with_id(record["entry_ids"], line["doc"]["id"])


def _views_of(record: StatusRecord, iso: str) -> list[DayView]:
    """Today's view, and the one its planned swap would make: the entry is in both."""
    found = [p["day"] for p in record["plans"] if p["date"] == iso]
    day = record["day"]
    return [day, *found] if day is not None else found


def _plan(
    home: str, record: StatusRecord, args: LogRequest, environ: Mapping[str, str]
) -> tuple[Any, ...] | None:
    """The new entry, what it earns, the record's new values and the answer, computed
    before anything is written (a record that fails here costs nothing)."""
    try:
        now, today = record_now(record, environ)
    except ClockError:
        return None
    run = _plain_case(home, record, args, now, today)
    if run is None:
        return None
    day = record["day"]
    if day is None:
        return None
    document = _new_entry(record, day, args, run, now, today)
    entry = StoredEntry(document)
    ordinal = len(day["entries"]) + 1
    xp = entry_xp(entry.outcome, entry.difficulty, entry.asked_why, ordinal)
    folded = EntryFold(record)
    folded.add(entry, xp)
    summary = record_summary(record, today, extra_done=today)
    earned = reached(
        record,
        folded.tally,
        lambda: record_summary(record, today, extra_done=today, marks=True),
        today,
    )
    tip_text = _tip_text(record, entry.toolbox_tip)
    entry_view = entry_shape(entry, run["number"], date.fromisoformat(run["start"]), xp)
    outcomes = {e["outcome"] for e in day["entries"]} | {entry.outcome}
    totals = folded.fields(default_latest=record["latest_created_at"])
    earned_ids = with_earned(record, earned)
    after: StatusRecord = {**record, **totals, "earned_badges": earned_ids}
    answer = log_json(
        entry_view,
        [badge_json(rule) for rule in earned],
        tip_text,
        streak_facts_on(after, today, summary),
        totals["total_xp"],
        rest_day_returned=False,
        only_yes_today=outcomes == {"yes"},
    )
    return document, earned, now, today, entry_view, tip_text, totals, earned_ids, answer


def _plain_case(
    home: str, record: StatusRecord, args: LogRequest, now: datetime, today: date
) -> RunSpan | None:
    """The run today belongs to, when this log is one the fast path makes; else None."""
    day = record.get("day")
    if not day or day["date"] != today.isoformat() or not record.get("file_current"):
        return None
    if not writable(home, record, today):
        return None  # (a damaged record: the full service logs, and says what to repair)
    if today.isoformat() in record["rest_dates"]:
        return None  # logging gives the rest day back: the service does that
    if now < datetime.fromisoformat(record["latest_created_at"]):
        return None  # a clock that went back: the new entry would not be the latest
    iso = today.isoformat()
    run = next((r for r in reversed(record["runs"]) if r["start"] <= iso <= r["last"]), None)
    if run is None or args.ask_text is None and day["ask"] is None:
        return None
    started = [r for r in record["runs"] if r["start"] <= iso]
    if started[-1]["number"] != run["number"]:
        return None  # today's view is of a later run than the one today belongs to
    return run


def _new_entry(
    record: StatusRecord,
    day: DayView,
    args: LogRequest,
    run: RunSpan,
    now: datetime,
    today: date,
) -> dict[str, Any]:
    """The entry's document, by the one entry builder (core/new_entry.py)."""
    document = entry_document(
        args,
        ask_fields(args, day["ask"]),
        entry_id=ids.new_id(),
        run_id=run["id"],
        on=today,
        now=now,
        seq=record["max_seq"] + 1,
    )
    tips = [ToolboxTip.from_row(row) for row in record["toolbox"]]  # rows: storage/status_record
    return with_tip(document, tips, record["last_tip"], None if args.ask_text else day["ask"])


def _tip_text(record: StatusRecord, tip_id: str | None) -> str:
    return (
        next((str(tip[2]) for tip in record["toolbox"] if tip[0] == tip_id), "") if tip_id else ""
    )


def _append(
    home: str,
    record: StatusRecord,
    document: dict[str, Any],
    earned: list[Any],
    now: datetime,
    today: date,
) -> list[dict[str, Any]]:
    """Save the entry and its badges as journal operations (the record's numbers were
    checked to follow the journal's under this lock); the operations."""
    ids = record["next_doc_ids"]
    lines = [operation("entries", str(ids["entries"]), document, insert=True)]
    lines += badge_operations(record, earned, now, today, document["id"])
    append(home, record, lines)
    ids["entries"] += 1
    ids["badges"] += len(earned)
    return lines
