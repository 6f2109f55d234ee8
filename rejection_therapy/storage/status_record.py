"""Reading and writing the status record (standard library only: the fast paths use it).

What the record holds is built in service/status.py (its shape: shapes.StatusRecord). It
is stored with `marshal`, the format of Python's own bytecode caches: it is a derived
cache in a private folder, and `marshal` is built into the interpreter, so reading it
costs `streak` no import. Like every file the app reads, it is untrusted: it is read only
when it is a regular file of ours of a bounded size, and used only when it has the shape
this code writes (`SHAPES_HASH`) and matches the data as it is now. Anything else, a
damaged file included, makes it stale: it is rebuilt.
"""

from __future__ import annotations

import marshal
import os

from rejection_therapy.core.epoch import is_iso_date
from rejection_therapy.filenames import data_path, entry_ids_path, status_path
from rejection_therapy.storage.stamp import stamp_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from rejection_therapy.shapes import StatusRecord

STATUS_VERSION = 13
SHAPES_HASH = "d94612f1307f"
"""A digest of the shapes in shapes.py; tests/test_shapes.py recomputes it and fails when
the shapes change without it (the record of other code must never be misread)."""
MAX_STATUS_BYTES = 32 * 1024 * 1024

_FIELDS = {
    "version": int,
    "shapes": str,
    "generation": int,
    "file_current": bool,
    "next_op": int,
    "damaged": int,
    "timezone": str,
    "theme": str,
    "rollover_hour": int,
    "done_dates": list,
    "rest_dates": list,
    "runs": list,
    "total_xp": int,
    "tally": dict,
    "earned_badges": list,
    "badges": list,
    "gap": str,
    "run_folds": dict,
    "checkins": int,
    "followups_done": int,
    "max_seq": int,
    "latest_created_at": str,
    "next_doc_ids": dict,
    "plans": list,
    "packs_stamp": list,
    "toolbox": list,
    "rest_days_allowed": int,
    "rest_docs": dict,
    "entry_ids": str,
    "entry_ids_file": str,
}
_RUN_FIELDS = {
    "number": int,
    "id": str,
    "start": str,
    "last": str,
    "length": int,
    "ended_early": bool,
}
_ENTRY_KEYS = frozenset(
    ("id", "date", "day", "run", "outcome", "ask", "ask_id", "pack", "difficulty", "own")
    + ("asked_why", "late", "note", "learned", "next_time", "fear_before", "fear_after")
    + ("xp", "created_at", "updated_at")
)
"""shapes.EntryView's keys (tests/test_shapes.py checks they agree)."""
_FACT_KEYS = frozenset(
    ("current", "best", "day", "length", "run", "date", "today_done", "rest_today")
    + ("at_risk", "freezes", "complete", "next_run_starts")
)
"""shapes.StreakFacts' keys (tests/test_shapes.py checks they agree)."""
_FOLLOWUP_KEYS = frozenset(("id", "entry_id", "text", "due", "done"))
_FOLD_FIELDS: dict[str, type] = {"counts": list, "marks": str, "fear": dict}
_FOLD_MARKS = " nywp"
"""core/run_folds.py's day marks (tests/test_shapes.py checks they agree)."""
TALLY_COUNTERS: tuple[str, ...] = ("entries", "nos", "yes", "whys", "asked_why", "notes")
TALLY_COUNTERS += ("hard_asks", "own_asks", "reflections")
"""core/tally.py's EntryTally.COUNTERS (tests/test_shapes.py checks they agree)."""
_ASK_FIELDS = {"id": str, "text": str, "pack": str, "difficulty": int, "category": str}
_OFFER_FIELDS = {**_ASK_FIELDS, "key": str, "after": str, "event_date": str}
DOC_ID_TABLES = ("entries", "badges", "daily_asks", "tombstones", "rest_days")
"""The tables whose next document id the record keeps (quick writes insert into them)."""
_PLAN_FIELDS: dict[str, type] = {"kind": str, "date": str, "day": dict}
_UNDO_FIELDS: dict[str, type] = {"date": str, "lines": list, "restore": dict, "drop_done": bool}
_DAY_FIELDS = {
    "date": str,
    "swapped": bool,
    "entries": list,
    "followups_due": list,
    "checkin_due": bool,
    "stale_pending": list,
    "intention_missing": bool,
    "offers": list,
    "ladder_note": str,
    "rung_shift": int,
    "pool_note": str,
    "profile_unasked": bool,
}


def read_status(home: str) -> StatusRecord | None:
    """The status record when it is sound and matches the data as it is now, else None."""
    from rejection_therapy.untrusted import read_bounded

    try:
        raw = read_bounded(status_path(home), MAX_STATUS_BYTES, follow_symlinks=False)
        if not _owned_private(status_path(home)) or not _private_home(home):
            return None
        record = marshal.loads(raw)
    except Exception:  # noqa: BLE001 - any problem at all (MemoryError too) means "rebuild"
        return None
    if not sound(record) or record["stamp"] != stamp_of(data_path(home)):
        return None
    return record  # type: ignore[no-any-return]  # its shape: shapes.StatusRecord


def _private_home(home: str) -> bool:
    """Other users cannot write the home (the full path then says why it is refused)."""
    return not os.stat(home).st_mode & 0o002


def _owned_private(path: str) -> bool:
    """The record is this user's and nobody else can write it (marshal trusts its input)."""
    info = os.lstat(path)
    getuid = getattr(os, "getuid", None)
    return (getuid is None or info.st_uid == getuid()) and not info.st_mode & 0o022


def sound(record: object) -> bool:
    """The record has the shape this code writes and values the fast paths can use: every
    field they read, with its type; dates that are dates, a time zone that exists, ids
    that can be used. Anything else: rebuild."""
    try:
        return isinstance(record, dict) and _sound(record)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        return False


def _sound(record: dict[str, Any]) -> bool:
    if record.get("version") != STATUS_VERSION or record.get("shapes") != SHAPES_HASH:
        return False
    if not _typed(record, _FIELDS) or not 0 <= record["rollover_hour"] <= 23:
        return False
    stamp = record.get("stamp")
    if not (stamp is None or isinstance(stamp, list) and len(stamp) == 4):
        return False
    if not all(isinstance(run, dict) and _typed(run, _RUN_FIELDS) for run in record["runs"]):
        return False
    # Dates are text here; the fast paths read them in a guard that rebuilds on any error
    # (parsing thousands of them again here would cost `streak` a millisecond).
    dates = [*record["done_dates"], *record["rest_dates"]]
    if len("".join(dates)) != 10 * len(dates):  # (text only: a join of anything else raises)
        return False
    # The zone is loaded only when today must be worked out from it (fastpath/clock.py):
    # an unknown one raises there, and the record is rebuilt.
    if not _sound_span(record.get("today_span", "")):
        return False
    if not _sound_facts(record.get("today_facts", "")):
        return False
    since = record.get("streak_since", "")
    if since is not None and not (
        isinstance(since, list)
        and len(since) == 6
        and isinstance(since[0], str)
        and len(since[0]) == 10
        and all(type(n) is int and n >= 0 for n in since[1:])
    ):
        return False
    ids = record["next_doc_ids"]
    if not all(type(ids.get(t)) is int and ids[t] >= 1 for t in DOC_ID_TABLES):
        return False
    if not _optional_id(record.get("day_ask_doc", "")):
        return False
    if not all(_sound_plan(plan) for plan in record["plans"]):
        return False
    if not _sound_undo(record.get("undo", "")):
        return False
    if not _sound_entry_docs(record.get("entry_docs", "")) or len(record["entry_ids"]) % 8:
        return False
    if not all(_sound_pairs(pairs) for pairs in record["rest_docs"].values()):
        return False
    if record["next_op"] < 1 or record["max_seq"] < 0:
        return False
    if not all(isinstance(tip, list) and len(tip) == 10 for tip in record["toolbox"]):
        return False
    if not all(isinstance(badge, str) for badge in record["earned_badges"]):
        return False
    if not all(run["length"] >= 1 for run in record["runs"]):
        return False
    lengths = {run["id"]: run["length"] for run in record["runs"]}
    folds = record["run_folds"]
    if not all(_sound_fold(fold, lengths.get(run_id)) for run_id, fold in folds.items()):
        return False
    if not all(_sound_badge(pair) for pair in record["badges"]):
        return False
    if not all(type(record["tally"].get(name)) is int for name in TALLY_COUNTERS):
        return False
    return _sound_day(record.get("day")) and isinstance(record.get("last_tip"), str | None)


def _sound_fold(fold: object, length: int | None) -> bool:
    """A run's fold (core/run_folds.py) of a run of `length` days: four counts, a mark of
    its own kinds for each day, its fear sums by week."""
    return (
        isinstance(fold, dict)
        and _typed(fold, _FOLD_FIELDS)
        and len(fold["marks"]) == length
        and not fold["marks"].strip(_FOLD_MARKS)
        and len(fold["counts"]) == 4
        and all(type(n) is int and n >= 0 for n in fold["counts"])
        and all(
            type(week) is int
            and isinstance(sums, list)
            and len(sums) == 4
            and all(type(n) is int and n >= 0 for n in sums)
            for week, sums in fold["fear"].items()
        )
    )


def _sound_badge(pair: object) -> bool:
    """[badge id, the date it was earned]."""
    if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
        return False
    return is_iso_date(pair[1])


def _sound_span(span: object) -> bool:
    """None, or [date text, first second, end second] with the seconds in order."""
    if span is None:
        return True
    return (
        isinstance(span, list)
        and len(span) == 3
        and isinstance(span[0], str)
        and len(span[0]) == 10
        and all(type(second) is float for second in span[1:])
        and span[1] < span[2]
    )


def _sound_facts(facts: object) -> bool:
    """None, or [date text, the streak facts with every field of its shape]."""
    if facts is None:
        return True
    return (
        isinstance(facts, list)
        and len(facts) == 2
        and isinstance(facts[0], str)
        and isinstance(facts[1], dict)
        and set(facts[1]) == _FACT_KEYS
    )


def _optional_id(value: object) -> bool:
    return value is None or type(value) is int and value >= 1


def _sound_plan(plan: object) -> bool:
    if not (isinstance(plan, dict) and _typed(plan, _PLAN_FIELDS) and plan["day"] is not None):
        return False
    if not all(f in plan and isinstance(plan[f], dict | None) for f in ("insert", "remove")):
        return False
    return _optional_id(plan.get("insert_id", "")) and _sound_day(plan["day"])


def _sound_undo(undo: object) -> bool:
    if undo is None:
        return True
    if not (isinstance(undo, dict) and _typed(undo, _UNDO_FIELDS) and undo["lines"]):
        return False
    return all(
        isinstance(line, dict)
        and isinstance(line.get("table"), str)
        and isinstance(line.get("doc_id"), str)
        and isinstance(line.get("doc"), dict)
        for line in undo["lines"]
    )


def _sound_entry_docs(entry_docs: object) -> bool:
    if entry_docs is None:
        return True
    if not (isinstance(entry_docs, dict) and isinstance(entry_docs.get("date"), str)):
        return False
    return _sound_pairs(entry_docs.get("docs"))


def _sound_pairs(pairs: object) -> bool:
    """A list of [document id, document]."""
    return isinstance(pairs, list) and all(
        isinstance(pair, list)
        and len(pair) == 2
        and type(pair[0]) is int
        and pair[0] >= 1
        and isinstance(pair[1], dict)
        for pair in pairs
    )


def _sound_day(day: object) -> bool:
    if day is None:
        return True
    if not (isinstance(day, dict) and _typed(day, _DAY_FIELDS)):
        return False
    if not is_iso_date(day["date"]) or "ask" not in day:
        return False
    ask = day["ask"]
    if ask is not None and not (isinstance(ask, dict) and _typed(ask, _ASK_FIELDS)):
        return False
    return (
        all(
            isinstance(entry, dict) and entry.keys() >= _ENTRY_KEYS
            for entry in (*day["entries"], *day["stale_pending"])
        )
        and all(isinstance(f, dict) and f.keys() >= _FOLLOWUP_KEYS for f in day["followups_due"])
        and all(isinstance(offer, dict) and _typed(offer, _OFFER_FIELDS) for offer in day["offers"])
    )


def _typed(mapping: dict[str, object], fields: dict[str, type]) -> bool:
    for name, kind in fields.items():
        value = mapping.get(name)
        if kind is int and (type(value) is not int):
            return False
        if kind is not int and not isinstance(value, kind):
            return False
    return True


def write_status(home: str, record: StatusRecord) -> None:
    """Replace the record atomically (call under the home's lock, after the data is saved).
    Not fsynced: after a power cut the record is stale (its stamp names the data before the
    last change), empty or torn, and every one of those is rebuilt from the data.

    A record that carries a large index of entry-id prefixes itself (`entry_ids_file` empty)
    has it moved into a file of its own under a new token: every quick command reads and
    every quick write rewrites the record, and at 100,000 entries the index was nine
    tenths of it. The record then keeps only the ids quick-logged since (the quick `edit`
    reads both, read_entry_ids)."""
    from rejection_therapy.fileio import atomic_write  # (`streak` only reads)

    if not record["entry_ids_file"] and len(record["entry_ids"]) > ENTRY_IDS_KEPT * 8:
        token = os.urandom(8).hex()
        index = marshal.dumps([token, record["entry_ids"]])
        atomic_write(entry_ids_path(home), index, durable=False)
        record["entry_ids"], record["entry_ids_file"] = "", token
    atomic_write(status_path(home), marshal.dumps(dict(record)), durable=False)


ENTRY_IDS_KEPT = 2000
"""Prefixes the record keeps itself; more go to the index file."""
MAX_ENTRY_IDS_BYTES = 64 * 1024 * 1024


def read_entry_ids(home: str, token: str) -> str | None:
    """The index file's prefixes when it is the one the record names (`token`), else None
    (the caller leaves the answer to the full service). Untrusted like the record: a
    regular file of ours, bounded, of the shape written here."""
    from rejection_therapy.untrusted import UntrustedFileError, read_bounded

    try:
        raw = read_bounded(entry_ids_path(home), MAX_ENTRY_IDS_BYTES, follow_symlinks=False)
        found = marshal.loads(raw)
    except (OSError, UntrustedFileError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(found, list) and len(found) == 2 and found[0] == token):
        return None
    index = found[1]
    return index if isinstance(index, str) and len(index) % 8 == 0 else None
