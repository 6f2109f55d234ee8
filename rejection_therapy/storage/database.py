"""The TinyDB file: read whole, changed in one locked transaction, written atomically.

TinyDB's default JSON storage rewrites the file in place on every operation and is not
safe for two processes. Here a transaction takes a cross-process lock, reads the file
once into memory, lets TinyDB work on that copy, and writes the result once, atomically.
No TinyDB handle outlives its transaction.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from rejection_therapy.paths import Paths
from rejection_therapy.storage.backups import backup_after_write, backup_before_migration
from rejection_therapy.storage.files import (
    StorageError,
    atomic_write,
    ensure_private_dir,
)
from rejection_therapy.storage.journal import (
    JournalError,
    apply_journal,
    journal_path_for,
    read_journal,
    remove_journal,
    salvage_journal,
)
from rejection_therapy.storage.lock import take_lock
from rejection_therapy.storage.migrations import META, SCHEMA_VERSION, migrate, schema_version_of
from rejection_therapy.storage.stamp import stamp_of


class _BufferStorage(Storage):
    """TinyDB storage over an in-memory dict; the transaction decides when to save."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = True

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class DataFile:
    """The data file as read: its bytes, its data (upgraded in memory, journal applied) and
    its schema version."""

    raw: bytes
    data: dict[str, Any]
    version: int


def read_data_file(path: Path) -> dict[str, Any] | None:
    """The parsed file, None when it does not exist; a corrupt file raises, untouched."""
    loaded = load_data_file(path)
    return loaded.data if loaded else None


def load_data_file(path: Path, journal: bool = True) -> DataFile | None:
    """Read and check the file, upgrading an older schema in memory (never on disk here),
    with the journal's lines applied unless `journal` is False."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StorageError(f"cannot read {path}: {error.strerror}") from error
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = (
            f" (line {error.lineno}, column {error.colno})"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise StorageError(
            f"{path} is not valid JSON{where}; it was left untouched. "
            "Move it aside (or restore a copy you kept) and run the command again."
        ) from error
    if not isinstance(data, dict) or not all(_is_table(table) for table in data.values()):
        raise StorageError(
            f"{path} does not hold rejection-therapy data; it was left untouched. "
            "Move it aside (or restore a copy you kept)."
        )
    version = _check_schema(path, data)
    upgraded = migrate(data, version)
    if journal:
        _apply_journal(path, upgraded)
    return DataFile(raw, upgraded, version)


def _apply_journal(path: Path, data: dict[str, Any]) -> None:
    """Documents the fast `log` appended since the file was last written (storage/journal.py)."""
    try:
        records = read_journal(journal_path_for(str(path)))
    except JournalError as error:
        raise StorageError(str(error)) from error
    except OSError as error:
        raise StorageError(f"cannot read the journal beside {path}: {error.strerror}") from error
    if records:
        apply_journal(data, records, generation_of(data))


def generation_of(data: dict[str, Any]) -> int:
    """How many times the file was written (the journal's lines name the one they follow)."""
    generation = data.get(META, {}).get("1", {}).get("generation", 0)
    return generation if isinstance(generation, int) else 0


def _is_table(table: object) -> bool:
    """A TinyDB table: numbered documents, each an object."""
    return isinstance(table, dict) and all(
        isinstance(doc_id, str) and doc_id.isdigit() and isinstance(document, dict)
        for doc_id, document in table.items()
    )


def _check_schema(path: Path, data: dict[str, Any]) -> int:
    version = schema_version_of(data)
    if version is None or version < 1:
        raise StorageError(f"{path} has an unreadable schema version; it was left untouched.")
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{path} was written by a newer rejection-therapy (schema {version}, this one "
            f"reads {SCHEMA_VERSION}); upgrade rejection-therapy. The file was left untouched."
        )
    return version


def open_memory(data: dict[str, Any] | None) -> TinyDB:
    """A TinyDB over a copy of `data` that never touches disk (for reading)."""
    return TinyDB(storage=_BufferStorage, data=data if data is not None else {})


class Database:
    """One home's data file, with locked transactions."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    def exists(self) -> bool:
        return self.paths.data_file.exists()

    def read(self) -> TinyDB:
        """A read-only snapshot: atomic replaces mean it is never torn, so no lock is needed."""
        return open_memory(read_data_file(self.paths.data_file))

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cross-process lock that every change of this home takes."""
        ensure_private_dir(self.paths.home)
        lock = take_lock(str(self.paths.lock_file))
        try:
            yield
        finally:
            lock.__exit__()

    @contextmanager
    def transaction(self, after_commit: Callable[[TinyDB], None] | None = None) -> Iterator[TinyDB]:
        """Lock, read, let the caller change the data, then write it once, atomically.

        `after_commit` runs under the same lock once the file is saved (it keeps derived
        files such as the status record in step with the data).
        """
        with self.locked():
            loaded = load_data_file(self.paths.data_file)
            upgrading = loaded is not None and loaded.version < SCHEMA_VERSION
            self._remove_stale_temp_files()
            if loaded is not None and upgrading:
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
                try:
                    backup_before_migration(self.paths, loaded.raw, loaded.version, stamp)
                except OSError as error:
                    raise StorageError(
                        f"could not keep a copy of {self.paths.data_file} before upgrading it: "
                        f"{error.strerror or error}; nothing was saved and the file is intact."
                    ) from error
            storage = _BufferStorage(loaded.data if loaded is not None else {})
            db = TinyDB(storage=lambda: storage)
            yield db
            if storage.dirty or loaded is None or upgrading:
                self._commit(storage.data)
                if after_commit is not None:
                    after_commit(db)

    def fold_salvaged_journal(self) -> tuple[int, list[int], Path] | None:
        """Fold the journal's readable lines into the file and set the journal aside;
        None when its lines are all readable. Returns (lines kept, damaged line numbers,
        where the journal now is)."""
        journal = Path(journal_path_for(str(self.paths.data_file)))
        with self.locked():
            records, damaged = salvage_journal(str(journal))
            if not damaged:
                return None
            loaded = load_data_file(self.paths.data_file, journal=False)
            data = loaded.data if loaded is not None else {}
            kept = apply_journal(data, records, generation_of(data))
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            aside = journal.with_name(f"{journal.name}.damaged-{stamp}")
            journal.rename(aside)
            self._commit(data)
        return kept, damaged, aside

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a writer that was killed mid-write (we hold the lock: none is live)."""
        for leftover in self.paths.home.glob(f".{self.paths.data_file.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _commit(self, data: dict[str, Any]) -> None:
        meta = data.setdefault(META, {}).setdefault("1", {})
        meta["schema_version"] = SCHEMA_VERSION
        meta["generation"] = generation_of(data) + 1
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            atomic_write(self.paths.data_file, payload)
        except OSError as error:
            raise StorageError(
                f"could not save {self.paths.data_file}: {error.strerror or error}; "
                "nothing was saved and the previous data is intact."
            ) from error
        # The file holds the journal's lines now; a journal that cannot be removed is
        # harmless, as its lines name the previous generation and are ignored.
        with contextlib.suppress(OSError):
            remove_journal(journal_path_for(str(self.paths.data_file)))
        # The entry is saved; a backup that cannot be written (say, a full disk) must not
        # turn that success into an error. `doctor` reports a missing recent backup.
        with contextlib.suppress(OSError):
            backup_after_write(self.paths, payload, date.today())


def data_file_stamp(path: Path) -> list[int] | None:
    """Identity of the data as it is now: the data file's and the journal's (see stamp.py)."""
    return stamp_of(str(path))
