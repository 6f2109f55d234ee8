"""The data file: TinyDB's JSON layout, read whole, changed in locked transactions.

A transaction takes a cross-process lock, reads the file and its journal once, and lets
the service change records through storage/transaction.py. Committing appends the
operations to the journal (fsynced: the change is saved). The file is rewritten with the
journal folded in only at the day's first write, when the day's backup is kept and the
journal starts afresh, or when many lines wait (journal.py). Readers apply the lines after
the last fold. TinyDB can open the file as it is (tests/storage/test_transaction.py).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rejection_therapy.core.bounds import MAX_DATA_FILE_BYTES
from rejection_therapy.fileio import atomic_write
from rejection_therapy.filenames import daily_backup_name
from rejection_therapy.paths import Paths
from rejection_therapy.storage.backups import (
    backup_after_write,
    backup_before_migration,
    write_checkpoint,
)
from rejection_therapy.storage.files import (
    JournalDamaged,
    StorageError,
    UnreadableError,
    check_home,
    ensure_home,
)
from rejection_therapy.storage.journal import (
    JournalError,
    append_to_journal,
    apply_legacy,
    apply_operations,
    journal_path_for,
    read_journal,
    remove_journal,
)
from rejection_therapy.storage.lock import take_lock
from rejection_therapy.storage.migrations import META, SCHEMA_VERSION, migrate, schema_version_of
from rejection_therapy.storage.stamp import stamp_of
from rejection_therapy.storage.transaction import Transaction, numbered
from rejection_therapy.untrusted import UntrustedFileError, read_bounded

if TYPE_CHECKING:
    from rejection_therapy.storage.transaction import Tables

FOLD_AFTER_OPERATIONS = 500
"""Unfolded journal lines past which a write folds them into the data file (each read
applies them; a few hundred cost a reader about as much as the rewrite costs a writer)."""


@dataclass
class DataFile:
    """The data file as read: its bytes, its data (upgraded in memory, journal applied),
    its schema version, and the journal's operations."""

    raw: bytes
    data: dict[str, Any]
    version: int
    last_op: int = 0
    """The last operation in the file or its journal: the next one is numbered after it."""
    unfolded: int = 0
    """Journal operations not yet folded into the data file."""
    legacy_journal: bool = False
    """The journal was written by an earlier release (format 1)."""

    @property
    def needs_checkpoint(self) -> bool:
        """Written by an earlier release: no backup is known to hold what the journal
        lacks, so the next write saves a checkpoint and starts the journal afresh."""
        return self.version < SCHEMA_VERSION or self.legacy_journal


@dataclass
class KeptRead:
    """A read of the home with the stamp its files had before it (Database.read_kept)."""

    stamp: list[int] | None
    loaded: DataFile
    usable: bool = True


def read_data_file(path: Path) -> dict[str, Any] | None:
    """The parsed file, None when it does not exist; a corrupt file raises, untouched."""
    loaded = load_data_file(path)
    return loaded.data if loaded else None


def load_home(paths: Paths, journal: bool = True) -> DataFile | None:
    """The home's data file with its journal; None for a new home.

    A data file that is missing while its journal or backups are there is not a new home:
    that is an UnreadableError the repair answers (starting afresh over them would apply
    an old journal to new data, or bury the history behind new backups).
    """
    check_home(str(paths.home))  # data other users can change is not read either
    path = paths.data_file
    loaded = load_data_file(path, journal=journal)
    if loaded is not None:
        return loaded
    if os.path.islink(path):
        raise UnreadableError(
            f"{path} is a link to {os.path.realpath(path)}, which is not there (a drive that "
            "is not mounted?); nothing was changed. Make the target available and try again.",
            repairable=False,
        )
    if any(True for _ in _backups_or_journal(paths, journal_path_for(str(path)))):
        raise UnreadableError(
            f"{path} is missing, but its journal or backups are in {paths.home}; nothing was "
            "changed. Run `rejection-therapy doctor --repair` to restore them, or move "
            "the journal and backups/ aside too to start afresh."
        )
    return None


def _backups_or_journal(paths: Paths, journal_path: str) -> Iterator[Path]:
    if os.path.exists(journal_path):
        yield Path(journal_path)
    if paths.backups_dir.is_dir():
        yield from (p for p in paths.backups_dir.iterdir() if p.suffix == ".json")


def load_data_file(path: Path, journal: bool = True) -> DataFile | None:
    """Read and check one data file (the home's or a backup), upgrading an older schema in
    memory (never on disk here), with its journal's operations applied unless `journal`
    is False. None when there is no such file."""
    try:
        raw = read_bounded(path, MAX_DATA_FILE_BYTES, what="data file")
    except FileNotFoundError:
        return None
    except PermissionError as error:
        raise UnreadableError(
            f"cannot read {path}: permission denied; give yourself access with "
            f"`chmod u+rw {path}` (nothing was changed)",
            repairable=False,
            permission=True,
        ) from error
    except UntrustedFileError as error:
        raise UnreadableError(f"{error}; it was left untouched") from error
    except OSError as error:
        raise UnreadableError(
            f"cannot read {path}: {error.strerror or error}; nothing was changed. Check the "
            "disk or the folder it is on, then try again.",
            repairable=False,
        ) from error
    data = parse_data(raw, path)
    version = _check_schema(path, data)
    upgraded = migrate(data, version)
    loaded = DataFile(raw, upgraded, version, last_op=journal_op_of(upgraded))
    if journal:
        _apply_journal(path, loaded)
    return loaded


def parse_data(raw: bytes, path: Path) -> dict[str, Any]:
    """The tables of a data file (or a backup); anything else is an UnreadableError."""
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        where = (
            f" (line {error.lineno}, column {error.colno})"
            if isinstance(error, json.JSONDecodeError)
            else " (nested too deeply)"
            if isinstance(error, RecursionError)
            else ""
        )
        raise UnreadableError(
            f"{path} is not valid JSON{where}; it was left untouched. Run "
            "`rejection-therapy doctor --repair` to restore the newest good backup."
        ) from error
    except MemoryError as error:
        raise UnreadableError(f"{path} is too large to read; it was left untouched.") from error
    if not isinstance(data, dict) or not all(_is_table(table) for table in data.values()):
        raise UnreadableError(
            f"{path} does not hold rejection-therapy data; it was left untouched. Run "
            "`rejection-therapy doctor --repair` to restore the newest good backup."
        )
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _apply_journal(path: Path, loaded: DataFile) -> None:
    """The operations committed since the file was last folded (storage/journal.py)."""
    try:
        journal = read_journal(journal_path_for(str(path)), after=loaded.last_op)
    except JournalError as error:
        raise JournalDamaged(str(error)) from error
    except OSError as error:
        raise StorageError(f"cannot read the journal beside {path}: {error.strerror}") from error
    if journal.legacy:
        apply_legacy(loaded.data, journal.legacy, generation_of(loaded.data))
        loaded.legacy_journal = True
    elif journal.operations:
        loaded.unfolded = apply_operations(loaded.data, journal.operations, loaded.last_op)
        loaded.last_op = max(loaded.last_op, journal.last_op)


def generation_of(data: dict[str, Any]) -> int:
    """How many times the file was written (format-1 journal lines name the one they follow)."""
    generation = _meta(data).get("generation", 0)
    return generation if type(generation) is int else 0


def journal_op_of(data: dict[str, Any]) -> int:
    """The last journal operation folded into this data."""
    op = _meta(data).get("journal_op", 0)
    return op if type(op) is int and op >= 0 else 0


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    meta = data.get(META, {}).get("1", {})
    return meta if isinstance(meta, dict) else {}


def _is_table(table: object) -> bool:
    """A TinyDB table: numbered documents, each an object."""
    return isinstance(table, dict) and all(
        isinstance(doc_id, str)
        and doc_id.isdigit()
        and len(doc_id) < 10
        and isinstance(document, dict)
        for doc_id, document in table.items()
    )


def _check_schema(path: Path, data: dict[str, Any]) -> int:
    version = schema_version_of(data)
    if version is None or version < 1:
        raise UnreadableError(
            f"{path} has an unreadable schema version; it was left untouched. Run "
            "`rejection-therapy doctor --repair` to restore the newest good backup."
        )
    if version > SCHEMA_VERSION:
        raise UnreadableError(
            f"{path} was written by a newer rejection-therapy (schema {version}, this one "
            f"reads {SCHEMA_VERSION}); upgrade rejection-therapy. The file was left untouched.",
            repairable=False,
        )
    return version


class Database:
    """One home's data file, with locked transactions."""

    def __init__(
        self, paths: Paths, day_of: Callable[[dict[str, Any]], date] | None = None
    ) -> None:
        self.paths = paths
        self.day_of = day_of or (lambda _data: date.today())
        """The app's date for some data (its time zone, its clock): names the day's backup."""

    @property
    def journal_path(self) -> str:
        return str(self.paths.journal_file)

    def exists(self) -> bool:
        return self.paths.data_file.exists()

    def read(self) -> Tables:
        """The tables as they are now: atomic replaces and whole journal lines mean a read
        is never torn, so no lock is needed."""
        return self.read_kept()[0]

    def read_kept(self) -> tuple[Tables, KeptRead | None]:
        """The tables, and the read itself for a transaction that follows at once (it is
        taken instead of reading again when the files have not changed since: a `today`
        that must draw the day's ask reads the history once, not twice). The caller hands
        it on explicitly; nothing keeps it here, so no other thread can pick it up."""
        stamp = data_file_stamp(self.paths.data_file)  # before the read: a later change shows
        loaded = load_home(self.paths)
        if loaded is None:
            return {}, None
        return loaded.data, KeptRead(stamp, loaded)

    def _load_for_change(self, kept: KeptRead | None) -> DataFile | None:
        """The home as it is now, under the lock: the kept read if nothing changed since."""
        if kept is not None and kept.usable and kept.stamp == data_file_stamp(self.paths.data_file):
            kept.usable = False  # a transaction changes its data: it serves once
            return kept.loaded
        return load_home(self.paths)

    @contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the cross-process lock that every change of this home takes."""
        ensure_home(self.paths.home)
        lock = take_lock(str(self.paths.lock_file), timeout)
        try:
            yield
        finally:
            lock.__exit__()

    @contextmanager
    def transaction(
        self,
        after_commit: Callable[[Transaction], None] | None = None,
        reuse: KeptRead | None = None,
    ) -> Iterator[Transaction]:
        """Lock, read, let the caller change records, then commit the operations once.

        `after_commit` runs under the same lock once the change is saved, with the tables
        as saved (it keeps derived files such as the status record in step with the data).
        The transaction then knows the number of the last operation saved (`last_op`).
        """
        with self.locked():
            loaded = self._load_for_change(reuse)
            self._remove_stale_temp_files()
            if loaded is not None and loaded.version < SCHEMA_VERSION:
                self._keep_before_migration(loaded)
            # The data was read for this transaction alone: it is changed in place, and a
            # transaction that raises leaves the file as it was.
            transaction = Transaction(loaded.data if loaded is not None else {})
            transaction.last_op = loaded.last_op if loaded is not None else 0
            yield transaction
            if transaction.changed or loaded is None or loaded.needs_checkpoint:
                self.commit(loaded, transaction)
                if after_commit is not None:
                    after_commit(transaction)

    def _keep_before_migration(self, loaded: DataFile) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        try:
            backup_before_migration(self.paths, loaded.raw, loaded.version, stamp)
        except OSError as error:
            raise StorageError(
                f"could not keep a copy of {self.paths.data_file} before upgrading it: "
                f"{error.strerror or error}; nothing was saved and the file is intact."
            ) from error

    def commit(self, loaded: DataFile | None, transaction: Transaction) -> None:
        """Save a transaction's changes (call under the lock).

        Usually its operations are appended to the journal (fsynced: saved) and that is
        all: an undo or an edit costs a line, not a rewrite. The file is rewritten with the
        journal folded in only when the day's backup is still to be kept (the first write
        of the day; the backup then holds every line, so the journal starts afresh) or the
        lines since the last fold grow long. A new file, or one an earlier release wrote,
        is saved whole and a checkpoint backup starts the journal afresh.
        """
        data = transaction.tables()
        if loaded is None or loaded.needs_checkpoint:
            self.checkpoint(data, loaded.last_op if loaded else 0)
            return
        operations = numbered(transaction.operations, loaded.last_op + 1)
        if operations:
            try:
                append_to_journal(self.journal_path, operations)
            except OSError as error:
                raise StorageError(
                    f"could not save {self.paths.data_file} (writing its journal): "
                    f"{error.strerror or error}; nothing was saved and the previous data is intact."
                ) from error
            loaded.last_op = transaction.last_op = operations[-1]["op"]
            loaded.unfolded += len(operations)
        today = self.day_of(data)
        if not self._fold_due(loaded, today):
            return  # the journal holds the change; readers apply it
        payload = self._fold(data, loaded.last_op, required=False)
        if payload is None:
            return  # the journal holds the change: the next write folds it in
        # The change is saved; a backup that cannot be written (say, a full disk) must not
        # turn that success into an error. The journal then keeps its lines, and `doctor`
        # reports the missing backup.
        with contextlib.suppress(OSError):
            if backup_after_write(self.paths, payload, today) is not None:
                remove_journal(self.journal_path)

    def _fold_due(self, loaded: DataFile, today: date) -> bool:
        """Fold when the day's backup is still to be kept, or the unfolded lines are many."""
        if loaded.unfolded >= FOLD_AFTER_OPERATIONS:
            return True
        return not (self.paths.backups_dir / daily_backup_name(today.isoformat())).exists()

    def checkpoint(self, data: dict[str, Any], last_op: int) -> None:
        """Save `data` whole, keep it as a checkpoint backup, and start the journal afresh:
        from now on the newest backup plus the journal is the whole history again."""
        payload = self._fold(data, last_op, required=True)
        assert payload is not None
        try:
            if backup_after_write(self.paths, payload, self.day_of(data)) is None:
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
                write_checkpoint(self.paths, payload, stamp)  # the day had its backup already
        except OSError:
            return  # saved; without a backup the journal keeps its lines (doctor says so)
        remove_journal(self.journal_path)

    def fold(self) -> None:
        """Write the journal's lines into the data file now. The journal keeps them until a
        backup holds them; a file an earlier release wrote is saved as a checkpoint."""
        with self.locked():
            loaded = load_home(self.paths)
            if loaded is None:
                return
            if loaded.needs_checkpoint:
                self.checkpoint(loaded.data, loaded.last_op)
            elif loaded.unfolded:
                self._fold(loaded.data, loaded.last_op, required=True)

    def checkpoint_now(self) -> None:
        """Save the home as it is as a checkpoint backup (when no backup holds it all)."""
        with self.locked():
            loaded = load_home(self.paths)
            if loaded is not None:
                self.checkpoint(loaded.data, loaded.last_op)

    def _fold(self, data: dict[str, Any], last_op: int, *, required: bool) -> bytes | None:
        """Write `data` as the data file, holding every operation up to `last_op`; its
        bytes, or None when it could not be written and need not be (`required` False)."""
        tables = data.pop(META, None)
        data[META] = (
            tables if isinstance(tables, dict) else {}
        )  # last: backups are probed from their end
        meta = data[META].setdefault("1", {})
        meta["schema_version"] = SCHEMA_VERSION
        meta["generation"] = generation_of(data) + 1
        meta["journal_op"] = last_op
        try:
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (ValueError, RecursionError) as error:
            raise StorageError(f"could not save {self.paths.data_file}: {error}") from error
        try:
            atomic_write(self.paths.data_file, payload, follow_symlink=True)
        except OSError as error:
            if not required:
                return None
            raise StorageError(
                f"could not save {self.paths.data_file}: {error.strerror or error}; "
                "nothing was saved and the previous data is intact."
            ) from error
        return payload

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a writer that was killed mid-write (we hold the lock: none is live)."""
        target = Path(os.path.realpath(self.paths.data_file))
        for folder in {self.paths.home, target.parent}:
            for leftover in folder.glob(f".{target.name}.*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def data_file_stamp(path: Path) -> list[int] | None:
    """Identity of the data as it is now: the data file's and the journal's (see stamp.py)."""
    return stamp_of(str(path))
