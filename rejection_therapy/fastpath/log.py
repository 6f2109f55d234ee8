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
from rejection_therapy.core.coaching import AskFacts, ToolboxTip, choose_tip
from rejection_therapy.core.log_input import DEFAULT_DIFFICULTY, cleaned, log_problem
from rejection_therapy.core.now import ClockError
from rejection_therapy.core.scoring import entry_xp
from rejection_therapy.core.tally import EntryTally, streak_metrics
from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.filenames import BACKUPS_FOLDER, LOCK_FILE, daily_backup_name
from rejection_therapy.storage.files import StorageError, check_home
from rejection_therapy.storage.journal import (
    JournalError,
    append_to_journal,
    journal_path_for,
    journal_tail,
)
from rejection_therapy.storage.lock import take_lock
from rejection_therapy.storage.stamp import stamp_of
from rejection_therapy.storage.status_record import data_path, read_status, write_status
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

MAX_JOURNAL_BYTES = 1024 * 1024
"""Past this the full service takes the next write (reading a long journal costs more)."""

VALUE_OPTIONS = {
    "--note": "note",
    "--ask": "ask_text",
    "--difficulty": "difficulty",
    "--learned": "learned",
    "--next": "next_time",
    "--fear-before": "fear_before",
    "--fear-after": "fear_after",
}
NUMBER_OPTIONS = ("difficulty", "fear_before", "fear_after")
FLAG_OPTIONS = {"--asked-why": "asked_why", "--json": "json"}
OUTCOMES = ("no", "yes", "why", "pending")


class LogArgs:
    """The options of a plain `log`, parsed without argparse."""

    def __init__(self) -> None:
        self.outcome = ""
        self.note = ""
        self.ask_text: str | None = None
        self.difficulty: int | None = None
        self.asked_why = False
        self.learned = ""
        self.next_time = ""
        self.fear_before: int | None = None
        self.fear_after: int | None = None
        self.json = False


def parse_log_args(argv: list[str]) -> LogArgs | None:
    """The options of `log`; None for anything unusual (help, --yesterday, typos, bad
    numbers), which argparse and the full service then answer."""
    args = LogArgs()
    rest = list(argv)
    outcomes = []
    while rest:
        word = rest.pop(0)
        name, has_value, value = word.partition("=")
        if name in VALUE_OPTIONS:
            if not has_value:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
            field = VALUE_OPTIONS[name]
            if field in NUMBER_OPTIONS:
                if not value.strip().isdigit():
                    return None
                setattr(args, field, int(value))
            else:
                setattr(args, field, value)
        elif word in FLAG_OPTIONS:
            setattr(args, FLAG_OPTIONS[word], True)
        elif word in OUTCOMES:
            outcomes.append(word)
        else:
            return None
    if len(outcomes) != 1:
        return None
    args.outcome = outcomes[0]
    return args


def fast_log(home: str, args: LogArgs, environ: Mapping[str, str]) -> dict[str, Any] | None:
    """Log and return `log --json`, or None when the full service must do it."""
    if log_problem(
        note=args.note,
        ask_text=args.ask_text,
        difficulty=args.difficulty,
        learned=args.learned,
        next_time=args.next_time,
        fear_before=args.fear_before,
        fear_after=args.fear_after,
    ):
        return None  # the service words the problem
    if read_status(home) is None:
        return None
    check_home(home)  # a home other users can write is refused, as the service refuses it
    lock = take_lock(os.path.join(home, LOCK_FILE))
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
    home: str, record: dict[str, Any], args: LogArgs, environ: Mapping[str, str]
) -> dict[str, Any] | None:
    try:
        planned = _plan(home, record, args, environ)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None  # a record this code cannot use: the full service logs, and rebuilds it
    if planned is None:
        return None
    entry, earned, now, today, entry_view, tip_text, updates, answer = planned
    # Everything the answer needs is known: only now is anything written.
    if not _append(home, record, entry, earned, now, today):
        return None
    record["day"]["entries"].append(entry_view)
    if tip_text:
        record["day"]["tip"] = tip_text
    record.update(updates)
    _save_record(home, record)
    return answer


def _plan(
    home: str, record: dict[str, Any], args: LogArgs, environ: Mapping[str, str]
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
    entry = _new_entry(record, args, run, now, today)
    ordinal = len(day["entries"]) + 1
    xp = entry_xp(entry.outcome, entry.difficulty, entry.asked_why, ordinal)
    tally = EntryTally(record["tally"])
    tally.add(entry)
    summary = record_summary(record, today, extra_done=today)
    runs = [
        (date.fromisoformat(r["start"]), date.fromisoformat(r["last"]), r["ended_early"])
        for r in record["runs"]
    ]
    metrics = {
        **tally.metrics(),
        **streak_metrics(summary, runs, today),
        "checkins": record["checkins"],
        "followups_done": record["followups_done"],
    }
    earned = newly_reached(metrics, set(record["earned_badges"]))
    tip_text = _tip_text(record, entry.toolbox_tip)
    entry_view = entry_shape(entry, run["number"], date.fromisoformat(run["start"]), xp)
    outcomes = {e["outcome"] for e in day["entries"]} | {entry.outcome}
    updates = {
        "total_xp": record["total_xp"] + xp,
        "tally": tally.to_record(),
        "earned_badges": sorted({*record["earned_badges"], *(rule.id for rule in earned)}),
        "last_tip": entry.toolbox_tip or record["last_tip"],
        "max_seq": entry.seq,
        "latest_created_at": now.isoformat(),
        "done_dates": sorted({*record["done_dates"], today.isoformat()}),
    }
    answer = log_json(
        entry_view,
        [badge_json(rule) for rule in earned],
        tip_text,
        streak_facts_on({**record, **updates}, today, summary),
        updates["total_xp"],
        rest_day_returned=False,
        only_yes_today=outcomes == {"yes"},
    )
    return entry, earned, now, today, entry_view, tip_text, updates, answer


def _plain_case(
    home: str, record: dict[str, Any], args: LogArgs, now: datetime, today: date
) -> dict[str, Any] | None:
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
    backup = daily_backup_name(today.isoformat())
    if not os.path.exists(os.path.join(home, BACKUPS_FOLDER, backup)):
        return None  # the first write of the calendar day also keeps the day's backup
    iso = today.isoformat()
    run = next((r for r in reversed(record["runs"]) if r["start"] <= iso <= r["last"]), None)
    if run is None or args.ask_text is None and day["ask"] is None:
        return None
    started = [r for r in record["runs"] if r["start"] <= iso]
    if started[-1]["number"] != run["number"]:
        return None  # today's view is of a later run than the one today belongs to
    return run


class NewEntry:
    """The new entry's fields, as an Entry has them (entry_shape reads these)."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    outcome: str
    difficulty: int
    asked_why: bool
    note: str
    learned: str
    next_time: str
    pack: str | None
    own: bool
    category: str
    fear_before: int | None
    toolbox_tip: str | None
    seq: int
    id: str

    def document(self) -> dict[str, Any]:
        """What the service stores for this entry (pydantic's JSON of an Entry)."""
        fields = self.__dict__
        document = {name: fields[name] for name in ENTRY_FIELDS}
        document["date"] = fields["date"].isoformat()
        for name in ("created_at", "updated_at"):
            document[name] = utc_text(fields[name])
        return document


ENTRY_FIELDS = (
    "id",
    "run_id",
    "date",
    "outcome",
    "ask_text",
    "ask_id",
    "pack",
    "difficulty",
    "category",
    "own",
    "note",
    "learned",
    "next_time",
    "fear_before",
    "fear_after",
    "toolbox_tip",
    "resolved_at",
    "asked_why",
    "late",
    "created_at",
    "updated_at",
    "seq",
)


def utc_text(instant: datetime) -> str:
    """An instant as pydantic writes a UTC datetime."""
    return instant.isoformat().replace("+00:00", "Z")


def _new_entry(
    record: dict[str, Any], args: LogArgs, run: dict[str, Any], now: datetime, today: date
) -> NewEntry:
    if args.ask_text is not None:
        ask: dict[str, Any] = {
            "ask_text": cleaned(args.ask_text),
            "ask_id": None,
            "pack": None,
            "category": "",
            "difficulty": args.difficulty or DEFAULT_DIFFICULTY,
            "own": True,
        }
    else:
        daily = record["day"]["ask"]
        ask = {
            "ask_text": daily["text"],
            "ask_id": daily["id"],
            "pack": daily["pack"],
            "category": daily["category"],
            "difficulty": daily["difficulty"],
            "own": False,
        }
    entry = NewEntry(
        id=ids.new_id(),
        run_id=run["id"],
        date=today,
        outcome=args.outcome,
        note=cleaned(args.note),
        learned=cleaned(args.learned),
        next_time=cleaned(args.next_time),
        fear_before=args.fear_before,
        fear_after=args.fear_after,
        toolbox_tip=None,
        resolved_at=None,
        asked_why=args.asked_why or args.outcome == "why",
        late=False,
        created_at=now,
        updated_at=now,
        seq=record["max_seq"] + 1,
        **ask,
    )
    if entry.outcome == "no":
        entry.toolbox_tip = _choose_tip(record, entry)
    return entry


def _choose_tip(record: dict[str, Any], entry: NewEntry) -> str | None:
    tips = [ToolboxTip(i, k, t, tuple(c), lo, hi, u) for i, k, t, c, lo, hi, u in record["toolbox"]]
    facts = AskFacts(entry.category, entry.pack or "", entry.difficulty, entry.asked_why)
    tip = choose_tip(tips, facts, record["last_tip"], seed=entry.id)
    return tip.id if tip else None


def _tip_text(record: dict[str, Any], tip_id: str | None) -> str:
    return next((tip[2] for tip in record["toolbox"] if tip[0] == tip_id), "") if tip_id else ""


def _append(
    home: str,
    record: dict[str, Any],
    entry: NewEntry,
    earned: list[Any],
    now: datetime,
    today: date,
) -> bool:
    """The entry and its badges as journal operations; False when the record's numbers do
    not follow the journal's (then the full service logs, and rebuilds the record)."""
    ids = record["next_doc_ids"]
    op = record["next_op"]
    operations = [_insert(op, "entries", ids["entries"], entry.document())]
    for offset, rule in enumerate(earned, start=1):
        badge = {
            "badge_id": rule.id,
            "earned_at": utc_text(now),
            "date": today.isoformat(),
            "entry_id": entry.id,
        }
        operations.append(_insert(op + offset, "badges", ids["badges"] + offset - 1, badge))
    journal = journal_path_for(data_path(home))
    try:
        if not _numbers_follow(journal, record):
            return False
        append_to_journal(journal, operations)
    except JournalError as error:
        raise StorageError(str(error)) from error
    except OSError as error:
        raise StorageError(
            f"could not save {data_path(home)} (writing its journal): "
            f"{error.strerror or error}; nothing was saved and the previous data is intact."
        ) from error
    ids["entries"] += 1
    ids["badges"] += len(earned)
    record["next_op"] = op + len(operations)
    return True


def _insert(op: int, table: str, doc_id: int, document: dict[str, Any]) -> dict[str, Any]:
    """An insert never replaces a document: a taken id moves to the next free one."""
    return {"op": op, "table": table, "doc_id": str(doc_id), "doc": document, "insert": True}


def _numbers_follow(journal_path: str, record: dict[str, Any]) -> bool:
    """The record's next operation and document ids are above the journal's latest ones
    (an insert never replaces a document, so a record wrong further back costs nothing)."""
    journal = journal_tail(journal_path)
    if journal.legacy or journal.damaged or journal.last_op >= record["next_op"]:
        return False
    ids = record["next_doc_ids"]
    return all(
        int(operation["doc_id"]) < ids[operation["table"]]
        for operation in journal.operations
        if operation["table"] in ids
    )


def _save_record(home: str, record: dict[str, Any]) -> None:
    """The entry is saved; a record that cannot be rewritten keeps its old stamp, so it
    reads as stale and is rebuilt: that must not turn the saved log into an error."""
    record["stamp"] = stamp_of(data_path(home))
    with contextlib.suppress(OSError):
        write_status(home, record)
