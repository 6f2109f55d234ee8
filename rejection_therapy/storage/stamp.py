"""The identity of a home's data as it is now, read without opening it (standard library).

The status record keeps the stamp of the data it was derived from: the data file's inode,
modification time and size, and the journal's (zeros when there is none). Every write
replaces the data file (a new inode) or appends to the journal (a new size), so a record
whose stamp differs is stale.
"""

from __future__ import annotations

import os

from rejection_therapy.storage.journal import journal_path_for


def stamp_of(data_path: str) -> list[int] | None:
    """The stamp of the data file at `data_path` and its journal; None without a data file."""
    try:
        info = os.stat(data_path)
    except OSError:
        return None
    try:
        journal = os.stat(journal_path_for(data_path))
        journal_part = [journal.st_ino, journal.st_mtime_ns, journal.st_size]
    except OSError:
        journal_part = [0, 0, 0]
    return [info.st_ino, info.st_mtime_ns, info.st_size, *journal_part]
