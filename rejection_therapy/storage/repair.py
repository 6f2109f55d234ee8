"""What `doctor --repair` does to a home, each step losing nothing that was saved.

- A data file that is damaged or missing is renamed aside (never deleted), and the data is
  made again from the backup that holds the most (the highest journal operation) plus
  every journal operation after it: an entry reported "Logged" is in one or the other
  (journal.py keeps lines until a backup holds them). Operations no backup or line holds
  any more are named, never passed over in silence.
- A journal with damaged lines keeps every readable line; the damaged journal is kept
  beside it under another name.
- Records the checks set aside move to a `set-aside-*.json` file in the home; values they
  repaired and runs they joined are written as they are read.
Each step ends with a checkpoint backup, so the journal starts afresh from a backup that
holds everything. A file that cannot be read for lack of permission is never touched.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rejection_therapy.fileio import atomic_write
from rejection_therapy.storage.backups import list_backups
from rejection_therapy.storage.checks import SET_ASIDE, Checked, check_tables
from rejection_therapy.storage.database import (
    Database,
    DataFile,
    journal_op_of,
    load_data_file,
    load_home,
)
from rejection_therapy.storage.files import StorageError
from rejection_therapy.storage.journal import apply_operations, salvage_journal
from rejection_therapy.storage.migrations import META


@dataclass
class Restored:
    """A data file made again from a backup and the journal."""

    backup: Path
    operations: int
    aside: Path | None
    lost: list[tuple[int, int]] = field(default_factory=list)
    """Journal operations that no backup or readable line holds (first, last)."""
    unreadable_backups: list[Path] = field(default_factory=list)


@dataclass
class Salvaged:
    kept: int
    damaged: list[int]
    aside: Path


@dataclass
class Cleaned:
    written: list[str] = field(default_factory=list)
    set_aside_file: Path | None = None


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")


def salvage(database: Database) -> Salvaged | None:
    """Keep the journal's readable lines, set the damaged journal aside; None if none is
    damaged. When the data file reads, its readable operations are folded in and a
    checkpoint starts the journal afresh; otherwise they wait for `restore`."""
    path = Path(database.journal_path)
    with database.locked():
        journal = salvage_journal(str(path))
        if not journal.damaged:
            return None
        aside = path.with_name(f"{path.name}.damaged-{_stamp()}")
        path.rename(aside)
        try:
            loaded = load_data_file(database.paths.data_file, journal=False)
        except StorageError:
            loaded = None  # `restore` rebuilds it from a backup and these lines
        if loaded is None:
            from rejection_therapy.storage.journal import rewrite_journal

            if journal.operations:
                rewrite_journal(str(path), journal.operations)
            return Salvaged(len(journal.operations), journal.damaged, aside)
        _apply_readable(loaded, journal.operations, journal.legacy)
        database.checkpoint(loaded.data, max(loaded.last_op, journal.last_op))
    return Salvaged(len(journal.operations) + len(journal.legacy), journal.damaged, aside)


def _apply_readable(
    loaded: DataFile, operations: list[dict[str, Any]], legacy: list[dict[str, Any]]
) -> int:
    if legacy:
        from rejection_therapy.storage.database import generation_of
        from rejection_therapy.storage.journal import apply_legacy

        return apply_legacy(loaded.data, legacy, generation_of(loaded.data))
    return apply_operations(loaded.data, operations, loaded.last_op)


def restore(database: Database) -> Restored:
    """The backup that holds the most, plus every later journal operation, as the data file;
    the damaged (or missing) file is renamed aside. Raises StorageError when no backup reads."""
    paths = database.paths
    with database.locked():
        journal = salvage_journal(database.journal_path)
        readable: list[tuple[int, float, Path, DataFile]] = []
        unreadable: list[Path] = []
        for backup in list_backups(paths):
            try:
                loaded = load_data_file(backup, journal=False)
            except StorageError:
                unreadable.append(backup)
                continue
            if loaded is not None:
                readable.append(
                    (journal_op_of(loaded.data), backup.stat().st_mtime, backup, loaded)
                )
        if not readable:
            raise StorageError(
                f"no backup in {paths.backups_dir} can be read; the data file was left as it "
                "is. Restore a copy you kept, or move the data file, its journal and "
                "backups/ aside to start afresh."
            )
        base, _mtime, backup, chosen = max(readable, key=lambda found: (found[0], found[1]))
        later = [op for op in journal.operations if op["op"] > base]
        lost = _holes(base, later)
        apply_operations(chosen.data, later, base)
        aside = _set_aside_data_file(database)
        chosen.data.setdefault(META, {}).setdefault("1", {})
        database.checkpoint(chosen.data, max(base, journal.last_op))
        newer_unreadable = [b for b in unreadable if b.stat().st_mtime > backup.stat().st_mtime]
    return Restored(backup, len(later), aside, lost, newer_unreadable)


def _holes(base: int, operations: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The ranges of operation numbers after `base` that none of `operations` has."""
    holes, expected = [], base + 1
    for operation in operations:
        if operation["op"] > expected:
            holes.append((expected, operation["op"] - 1))
        expected = operation["op"] + 1
    return holes


def _set_aside_data_file(database: Database) -> Path | None:
    """Rename the data file out of the way (never overwrite or delete it). A link keeps
    its place: the file it points to is renamed, and the restored data written there."""
    data = database.paths.data_file
    target = Path(os.path.realpath(data)) if data.is_symlink() else data
    if not target.exists():
        return None
    aside = target.with_name(f"{target.name}.corrupt-{_stamp()}")
    target.rename(aside)
    return aside


def clean(database: Database) -> Cleaned:
    """Write the data as the checks read it: repaired values and joined runs stored, records
    set aside moved into a file of their own (call when the file itself reads)."""
    result = Cleaned()
    with database.transaction() as transaction:
        data = transaction.tables()
        checked = check_tables(data)
        if not checked.needs_repair:
            return result
        result.set_aside_file = keep_set_aside(database, checked)
        for table, documents in checked.changed.items():
            stored = data.get(table, {})
            for doc_id, document in documents.items():
                if doc_id in stored:
                    transaction.replace_document(table, doc_id, document)
        for table, documents in checked.set_aside.items():
            for doc_id in documents:
                transaction.remove_document(table, doc_id)
        result.written = [str(f) for f in checked.problems]
    return result


def keep_set_aside(database: Database, checked: Checked) -> Path | None:
    """The records the checks could not read, kept in a file of their own in the home."""
    if not any(checked.set_aside.values()):
        return None
    target = database.paths.home / f"set-aside-{_stamp()}.json"
    number = 1
    while target.exists():
        number += 1
        target = database.paths.home / f"set-aside-{_stamp()}-{number}.json"
    document = {
        "why": [str(f) for f in checked.findings if f.action == SET_ASIDE],
        "tables": checked.set_aside,
    }
    payload = json.dumps(document, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    try:
        atomic_write(target, payload)
    except OSError as error:
        raise StorageError(
            f"could not keep the records to set aside in {target}: {error.strerror}; nothing was changed"
        ) from error
    return target


def missing_or_damaged(database: Database) -> bool:
    """Whether the home's data file must be restored (damaged or missing with history)."""
    from rejection_therapy.storage.files import UnreadableError

    try:
        load_home(database.paths)
    except UnreadableError as error:
        return error.repairable
    return False
