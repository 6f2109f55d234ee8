"""What every quick write shares: the lock, the checks that the status record may be
written from, the journal append and the record saved after it (standard library only).

A quick write never folds the journal into the data file: the journal keeps every change
until a backup holds it (storage/database.py), and the next full write folds it. It writes
only while a daily backup of the last week exists and the journal is short, so the changes
no backup holds stay few.
"""

from __future__ import annotations

import os
from datetime import timedelta

from rejection_therapy.filenames import (
    daily_backup_path,
    data_path,
    journal_path_for,
    lock_path,
    status_path,
)
from rejection_therapy.storage.files import StorageError, check_home
from rejection_therapy.storage.journal import JournalError, append_to_journal, journal_tail
from rejection_therapy.storage.lock import take_lock
from rejection_therapy.storage.stamp import stamp_of
from rejection_therapy.storage.status_record import DOC_ID_TABLES, read_status, write_status
from rejection_therapy.storage.transaction import numbered

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from typing import Any, TypeVar

    from rejection_therapy.shapes import StatusRecord

    Answer = TypeVar("Answer")

QUICK_JOURNAL_BYTES = 1024 * 1024
"""Past this the full service takes the next write (reading a long journal costs more)."""
BACKUP_DAYS = 7
"""A quick write needs a daily backup at most this many days old (the daily ones kept)."""


def under_lock(home: str, write: Callable[[StatusRecord], Answer | None]) -> Answer | None:
    """`write(record)` under the home's lock with the record as it is now; None (the full
    service writes) when there is no sound record or the journal does not follow it."""
    if not os.path.exists(status_path(home)):
        return None  # a new home, or one without a record: the full service makes it
    check_home(home)  # a home other users can write is refused, as the service refuses it
    lock = take_lock(lock_path(home))
    try:
        record = read_status(home)  # read once, under the lock: nobody writes meanwhile
        if record is None:
            return None
        _check_readable(data_path(home))
        try:
            if not _numbers_follow(journal_path_for(data_path(home)), record):
                return None  # the full service writes, and rebuilds the record
        except JournalError as error:
            raise StorageError(str(error)) from error
        return write(record)
    finally:
        lock.__exit__()


def writable(home: str, record: StatusRecord, today: date) -> bool:
    """The record may be written from today: made by this code for the current file, not
    damaged, with a short journal and a recent daily backup."""
    stamp = record["stamp"]
    return (
        bool(record.get("file_current"))
        and not record["damaged"]
        and stamp is not None
        and stamp[3] <= QUICK_JOURNAL_BYTES
        and any(
            os.path.exists(daily_backup_path(home, (today - timedelta(days=back)).isoformat()))
            for back in range(BACKUP_DAYS)
        )
    )


def _check_readable(path: str) -> None:
    """Saving only to the journal needs a data file the app can read back (a file that
    lost its permissions would make the change unreadable: refuse, as the service does)."""
    try:
        os.close(os.open(path, os.O_RDONLY))
    except OSError as error:
        raise StorageError(
            f"cannot read {path}: {error.strerror}; nothing was saved. Give yourself access "
            f"with `chmod u+rw {path}`."
        ) from error


def append(home: str, record: StatusRecord, lines: list[dict[str, Any]]) -> None:
    """Save journal operations (storage/transaction.py's `operation`s), numbered after the
    record's; the record's next numbers follow them."""
    operations = numbered(lines, record["next_op"])
    try:
        append_to_journal(journal_path_for(data_path(home)), operations)
    except OSError as error:
        raise StorageError(
            f"could not save {data_path(home)} (writing its journal): "
            f"{error.strerror or error}; nothing was saved and the previous data is intact."
        ) from error
    record["next_op"] += len(operations)


def save_record(home: str, record: StatusRecord) -> None:
    """The change is saved; a record that cannot be rewritten keeps its old stamp, so it
    reads as stale and is rebuilt: that must not turn the saved change into an error."""
    record["stamp"] = stamp_of(data_path(home))
    try:
        write_status(home, record)
    except OSError:
        return


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
        if kept and table in DOC_ID_TABLES
    )
