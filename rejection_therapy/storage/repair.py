"""What `doctor --repair` does to a home, each step losing nothing that was saved.

- A data file that cannot be read is renamed aside (never deleted), and the data is made
  again from the newest backup that reads plus every journal operation after it: an entry
  reported "Logged" is in one or the other (journal.py keeps lines until a backup holds them).
- A journal with damaged lines keeps every readable line; the damaged journal is kept
  beside it under another name.
- Records the checks set aside move to a `set-aside-*.json` file in the home; values they
  repaired and runs they joined are written as they are read.
A file that cannot be read for lack of permission is never treated as damaged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rejection_therapy.storage.backups import list_backups
from rejection_therapy.storage.checks import SET_ASIDE, Checked, check_tables
from rejection_therapy.storage.database import (
    Database,
    UnreadableError,
    journal_op_of,
    load_data_file,
)
from rejection_therapy.storage.files import StorageError, atomic_write
from rejection_therapy.storage.journal import (
    JournalError,
    apply_operations,
    rewrite_journal,
    salvage_journal,
)


@dataclass
class Restored:
    """A data file made again from a backup and the journal."""

    backup: Path
    operations: int
    aside: Path | None
    lost_between: tuple[int, int] | None = None
    """Journal operations that no backup or line holds any more (first, last)."""


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
    """Keep the journal's readable lines, set the damaged journal aside; None if none is damaged."""
    path = Path(database.journal_path)
    with database.locked():
        journal = salvage_journal(str(path))
        if not journal.damaged:
            return None
        aside = path.with_name(f"{path.name}.damaged-{_stamp()}")
        path.rename(aside)
        operations = journal.operations
        if journal.legacy:
            loaded = load_data_file(database.paths.data_file, journal=False)
            generation = (
                (loaded.data.get("meta", {}).get("1", {}) or {}).get("generation", 0)
                if loaded
                else 0
            )
            base = journal_op_of(loaded.data) if loaded else 0
            lines = [line for line in journal.legacy if line["base"] == generation]
            operations = [
                {
                    "op": base + n,
                    "table": line["table"],
                    "doc_id": line["doc_id"],
                    "doc": line["doc"],
                }
                for n, line in enumerate(lines, start=1)
            ]
        if operations:
            rewrite_journal(str(path), operations)
    return Salvaged(len(operations), journal.damaged, aside)


def restore(database: Database) -> Restored:
    """The newest backup that reads, plus every later journal operation, as the data file;
    the unreadable file is renamed aside. Raises StorageError when no backup reads."""
    paths = database.paths
    with database.locked():
        journal = salvage_journal(database.journal_path)
        for backup in list_backups(paths):
            try:
                loaded = load_data_file(backup, journal=False)
            except (UnreadableError, StorageError):
                continue
            if loaded is None:
                continue
            data = loaded.data
            base = journal_op_of(data)
            later = [op for op in journal.operations if op["op"] > base]
            lost = None
            if later and later[0]["op"] > base + 1:
                lost = (base + 1, later[0]["op"] - 1)
            apply_operations(data, later, base)
            aside = _set_aside_data_file(database)
            last = max(base, journal.last_op)
            _write_restored(database, data, last)
            return Restored(backup, len(later), aside, lost)
    raise StorageError(
        f"no backup in {paths.backups_dir} can be read; the data file was left as it is. "
        "Restore a copy you kept, or move the data file aside to start afresh."
    )


def _write_restored(database: Database, data: dict[str, Any], last_op: int) -> None:
    meta = data.setdefault("meta", {}).setdefault("1", {})
    meta["journal_op"] = last_op
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    atomic_write(database.paths.data_file, payload, follow_symlink=True)


def _set_aside_data_file(database: Database) -> Path | None:
    """Rename the data file out of the way (never overwrite or delete it)."""
    data = database.paths.data_file
    if not data.exists():
        return None
    aside = data.with_name(f"{data.name}.corrupt-{_stamp()}")
    data.rename(aside)
    return aside


def clean(database: Database) -> Cleaned:
    """Write the data as the checks read it: repaired values and joined runs stored, records
    set aside moved into a file of their own (call when the file itself reads)."""
    result = Cleaned()
    with database.transaction() as db:
        data = db.storage.read() or {}
        checked = check_tables(data)
        if not checked.needs_repair:
            return result
        result.set_aside_file = _keep_set_aside(database, checked)
        for table, documents in checked.changed.items():
            stored = data.setdefault(table, {})
            for doc_id, document in documents.items():
                if doc_id in stored:
                    stored[doc_id] = document
        for table, documents in checked.set_aside.items():
            for doc_id in documents:
                data.get(table, {}).pop(doc_id, None)
        db.storage.write(data)
        result.written = [str(f) for f in checked.problems]
    return result


def _keep_set_aside(database: Database, checked: Checked) -> Path | None:
    if not any(checked.set_aside.values()):
        return None
    target = database.paths.home / f"set-aside-{_stamp()}.json"
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


__all__ = ["Cleaned", "JournalError", "Restored", "Salvaged", "clean", "restore", "salvage"]
