"""`rejection-therapy log` as one durable journal line, judged from the status record.

Under the home's lock: the record must match the data as it is now and be made for today,
and the log must be the plain case (today, inside the run, not a rest day, the day's
backup already kept). Then the new entry and any badges it earns are appended to the
journal and fsynced, and the record is brought up to date. XP, badges, the streak and the
toolbox tip come from the same core functions the service uses, so the answer and the
stored documents are the ones the full service would have made (tests/fastpath).
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime

from rejection_therapy.core import ids
from rejection_therapy.core.badges import newly_reached
from rejection_therapy.core.coaching import ToolboxTip
from rejection_therapy.core.new_entry import (
    StoredEntry,
    ask_fields,
    entry_document,
    utc_text,
    with_tip,
)
from rejection_therapy.core.now import ClockError
from rejection_therapy.core.scoring import entry_xp
from rejection_therapy.core.summary import EntryFold
from rejection_therapy.core.tally import badge_metrics
from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.filenames import daily_backup_path, data_path, journal_path_for, lock_path
from rejection_therapy.storage.files import StorageError, check_home
from rejection_therapy.storage.journal import (
    JournalError,
    append_to_journal,
    journal_tail,
)
from rejection_therapy.storage.lock import take_lock
from rejection_therapy.storage.stamp import stamp_of
from rejection_therapy.storage.status_record import read_status, write_status
from rejection_therapy.storage.transaction import numbered, operation
from rejection_therapy.views import (
    badge_json,
    entry_shape,
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

MAX_JOURNAL_BYTES = 1024 * 1024
"""Past this the full service takes the next write (reading a long journal costs more)."""


def fast_log(home: str, args: LogRequest, environ: Mapping[str, str]) -> LogAnswer | None:
    """Log and return `log --json`, or None when the full service must do it."""
    if args.yesterday or args.offer or args.kind or args.problem():
        return None  # the service logs late entries, offers and events, and words problems
    if read_status(home) is None:
        return None
    check_home(home)  # a home other users can write is refused, as the service refuses it
    lock = take_lock(lock_path(home))
    try:
        record = read_status(home)  # again: another process may have written since
        if record is None:
            return None
        _check_readable(data_path(home))
        return _log_under_lock(home, record, args, environ)
    finally:
        lock.__exit__()


def _check_readable(path: str) -> None:
    """Saving only to the journal needs a data file the app can read back (a file that
    lost its permissions would make the entry unreadable: refuse, as the service does)."""
    try:
        os.close(os.open(path, os.O_RDONLY))
    except OSError as error:
        raise StorageError(
            f"cannot read {path}: {error.strerror}; nothing was saved. Give yourself access "
            f"with `chmod u+rw {path}`."
        ) from error


def _log_under_lock(
    home: str, record: StatusRecord, args: LogRequest, environ: Mapping[str, str]
) -> LogAnswer | None:
    try:
        if not _numbers_follow(journal_path_for(data_path(home)), record):
            return None  # the full service logs, and rebuilds the record
    except JournalError as error:
        raise StorageError(str(error)) from error
    try:
        planned = _plan(home, record, args, environ)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None  # a record this code cannot use: the full service logs, and rebuilds it
    if planned is None:
        return None
    document, earned, now, today, entry_view, tip_text, totals, earned_ids, answer = planned
    day = record["day"]
    if day is None:
        return None
    # Everything the answer needs is known: only now is anything written.
    _append(home, record, document, earned, now, today)
    day["entries"].append(entry_view)
    if tip_text:
        day["tip"] = tip_text
    record.update(totals)
    record["earned_badges"] = earned_ids
    _save_record(home, record)
    return answer


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
    runs = [
        (date.fromisoformat(r["start"]), date.fromisoformat(r["last"]), r["ended_early"])
        for r in record["runs"]
    ]
    metrics = badge_metrics(
        folded.tally, summary, runs, today, record["checkins"], record["followups_done"]
    )
    earned = newly_reached(metrics, set(record["earned_badges"]))
    tip_text = _tip_text(record, entry.toolbox_tip)
    entry_view = entry_shape(entry, run["number"], date.fromisoformat(run["start"]), xp)
    outcomes = {e["outcome"] for e in day["entries"]} | {entry.outcome}
    totals = folded.fields(default_latest=record["latest_created_at"])
    earned_ids = sorted({*record["earned_badges"], *(rule.id for rule in earned)})
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
    if record["damaged"]:
        return None  # the full service logs, and says what `doctor` would repair
    if today.isoformat() in record["rest_dates"]:
        return None  # logging gives the rest day back: the service does that
    stamp = record["stamp"]
    if stamp is None or stamp[5] > MAX_JOURNAL_BYTES:
        return None
    if now < datetime.fromisoformat(record["latest_created_at"]):
        return None  # a clock that went back: the new entry would not be the latest
    if not os.path.exists(daily_backup_path(home, today.isoformat())):
        return None  # the first write of the calendar day also keeps the day's backup
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
    tips = [ToolboxTip._make(row) for row in record["toolbox"]]  # rows: storage/status_record
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
) -> None:
    """Save the entry and its badges as journal operations (the record's numbers were
    checked to follow the journal's under this lock)."""
    ids = record["next_doc_ids"]
    op = record["next_op"]
    lines = [operation("entries", str(ids["entries"]), document, insert=True)]
    for offset, rule in enumerate(earned):
        badge = {
            "badge_id": rule.id,
            "earned_at": utc_text(now),
            "date": today.isoformat(),
            "entry_id": document["id"],
        }
        lines.append(operation("badges", str(ids["badges"] + offset), badge, insert=True))
    operations = numbered(lines, op)
    journal = journal_path_for(data_path(home))
    try:
        append_to_journal(journal, operations)
    except OSError as error:
        raise StorageError(
            f"could not save {data_path(home)} (writing its journal): "
            f"{error.strerror or error}; nothing was saved and the previous data is intact."
        ) from error
    ids["entries"] += 1
    ids["badges"] += len(earned)
    record["next_op"] = op + len(operations)


def _numbers_follow(journal_path: str, record: StatusRecord) -> bool:
    """The record's next operation and document ids are above the journal's latest ones
    (an insert never replaces a document, so a record wrong further back costs nothing)."""
    journal = journal_tail(journal_path)
    if journal.legacy or journal.damaged or journal.last_op >= record["next_op"]:
        return False
    present: dict[tuple[str, str], bool] = {}
    for line in journal.operations:  # in order: a removed document frees its id
        present[line["table"], line["doc_id"]] = not line.get("remove")
    ids = record["next_doc_ids"]
    return all(
        int(doc_id) < ids[table]
        for (table, doc_id), kept in present.items()
        if kept and table in ids
    )


def _save_record(home: str, record: StatusRecord) -> None:
    """The entry is saved; a record that cannot be rewritten keeps its old stamp, so it
    reads as stale and is rebuilt: that must not turn the saved log into an error."""
    record["stamp"] = stamp_of(data_path(home))
    with contextlib.suppress(OSError):
        write_status(home, record)
