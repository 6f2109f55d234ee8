"""What changed in this home since its last sync, read from its journal (storage/journal.py)
instead of by comparing every record: a sync after a `log` reads a few lines, not ten
years of history.

Each journal operation names its table, its document and the record's key (and the
record a put took the place of, `was`). The records the operations after the last sync
left behind (the last operation on each document wins; a record removed, or whose place
another took, and not put anywhere since, is gone) are the only ones that can differ
from the sync's baseline. When the journal cannot
say (its lines were folded into the data file since, it is damaged, or an earlier release
wrote it), the caller compares every record instead.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rejection_therapy.filenames import journal_path_for
from rejection_therapy.storage.journal import JournalError, read_journal
from rejection_therapy.sync.devicelog import TABLES
from rejection_therapy.sync.merge import DEVICE_ONLY_SETTINGS
from rejection_therapy.sync.state import SETTINGS_KEY

Touched = dict[str, dict[str, Any] | None]
"""table/key -> the record as it is now, or None when it was removed."""


def touched_since(data_file: str, after: int, mark: str) -> tuple[Touched, int, str] | None:
    """The records touched by the journal's operations numbered after `after`, the number
    of the last one and its mark (line_mark); None when the journal does not hold every
    such operation, or its operation `after` is not the one marked `mark` (a journal
    restored by a repair numbers its operations again)."""
    try:
        journal = read_journal(journal_path_for(data_file), after)
    except (JournalError, OSError):
        return None
    operations = journal.operations
    if journal.legacy or journal.last_op < after or not journal.last_op:
        return None  # an earlier format, the lines folded away, or no journal to ask
    if line_mark(journal.after_line) != mark:  # both "" when that line was folded away
        return None
    if operations and operations[0]["op"] != after + 1:
        return None  # some of the operations after `after` are no longer there
    final: dict[tuple[str, str], dict[str, Any]] = {}
    removed: set[str] = set()
    for operation in operations:
        final[(operation["table"], str(operation.get("doc_id")))] = operation
        table = operation["table"]
        if table in TABLES and table != "settings":  # every record an operation let go of
            for gone in (
                operation.get("id") if operation.get("remove") else None,
                operation.get("was"),
            ):
                if isinstance(gone, str):
                    removed.add(f"{table}/{gone}")
    present: Touched = {}
    for (table, doc_id), operation in final.items():
        if table not in TABLES:
            continue
        key = SETTINGS_KEY if table == "settings" else operation.get("id")
        if not isinstance(key, str) or (table == "settings" and doc_id != "1"):
            continue  # a document without a record key is not synced (records_of skips it)
        name = f"{table}/{key}"
        document = operation.get("doc")
        if operation.get("remove") or not isinstance(document, dict):
            removed.add(name)
        elif table == "settings":
            present[name] = {k: v for k, v in document.items() if k not in DEVICE_ONLY_SETTINGS}
        else:
            present[name] = document
    # A record moved to another document (a merge numbers documents anew) is present.
    touched = {name: None for name in removed - set(present)} | present
    return touched, journal.last_op, line_mark(journal.last_line)


def line_mark(line: bytes) -> str:
    """A short hash of a journal line: the same number on another line is another journal."""
    return hashlib.sha256(line).hexdigest()[:16] if line else ""


def journal_mark(data_file: str, op: int) -> str:
    """The mark of operation `op` in the journal now ("" when it is not there: folded)."""
    try:
        journal = read_journal(journal_path_for(data_file), op)
    except (JournalError, OSError):
        return ""
    return line_mark(journal.after_line) if journal.last_op >= op else ""
