"""The context every use case shares: the home's paths and database, the clock, the
environment and the packs read in this process. The use cases are plain functions over it
(asks.py, entries.py, coaching.py, ...); `Service` binds them to one context."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rejection_therapy.core.clock import Clock, ClockError, clock_from_environment
from rejection_therapy.core.days import challenge_date_for
from rejection_therapy.core.models import Run, Settings
from rejection_therapy.fileio import write_new_file
from rejection_therapy.packs.registry import LoadedPack, PackSet, load_packs
from rejection_therapy.paths import Paths
from rejection_therapy.service.errors import TargetExists, UserError
from rejection_therapy.service.snapshot import Snapshot, new_id
from rejection_therapy.service.zone import system_zone_name
from rejection_therapy.storage.database import (
    Database,
    data_file_stamp,
    load_home,
)
from rejection_therapy.storage.files import StorageError
from rejection_therapy.storage.lock import try_lock
from rejection_therapy.storage.migrations import SCHEMA_VERSION
from rejection_therapy.storage.records import (
    RUNS,
    State,
    load_settings,
    load_state,
    save_settings,
    to_document,
)
from rejection_therapy.storage.status_record import write_status
from rejection_therapy.storage.transaction import Transaction

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from rejection_therapy.shapes import StatusRecord
    from rejection_therapy.storage.transaction import Tables


class Context:
    """Opens the store, knows the clock and the packs, and makes sure a run exists."""

    def __init__(
        self,
        paths: Paths,
        environ: Mapping[str, str] | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.paths = paths
        self.database = Database(paths, day_of=self._date_of_data)
        self.environ = dict(os.environ if environ is None else environ)
        self._clock = clock
        self._packs: PackSet | None = None
        self._packs_seen: list[list[object]] | None = None
        self.pool_memo: dict[object, tuple[object, list[Any]]] = {}
        """Each run's pool of asks, kept for the same packs and settings (asks.ask_pool)."""
        self.damaged = 0
        """Stored records the last read left out or read repaired (`doctor` repairs them)."""

    # -- time -------------------------------------------------------------
    def clock_for(self, settings: Settings) -> Clock:
        return self.clock_in(settings.zone)

    def clock_in(self, zone: ZoneInfo) -> Clock:
        """The one clock: the injected one, else REJECTION_THERAPY_NOW, else the system's."""
        if self._clock is not None:
            return self._clock
        try:
            return clock_from_environment(self.environ, zone)
        except ClockError as error:
            raise UserError(str(error)) from error

    def now_and_today(self, settings: Settings) -> tuple[datetime, date]:
        now = self.clock_for(settings).now()
        return now, challenge_date_for(now, settings.zone, settings.rollover_hour)

    def _date_of_data(self, data: dict[str, Any]) -> date:
        """Today by the app's clock and the data's own settings (names the day's backup)."""
        from rejection_therapy.storage.checks import check_settings

        try:
            return self.now_and_today(check_settings(data) or self.first_settings())[1]
        except UserError:
            return date.today()

    # -- packs --------------------------------------------------------------
    def pack_set(self) -> PackSet:
        """Built-in and user packs; reloaded when the user's pack folder changes."""
        stamp = self.packs_stamp()
        if self._packs is None or stamp != self._packs_seen:
            self._packs = None
            self._packs_seen = stamp
        if self._packs is None:
            from rejection_therapy.packs.loader import PackError

            try:
                self._packs = load_packs(self.paths.packs_dir, self._packs_cache_file())
            except PackError as error:
                first = error.problems[0]
                raise UserError(f"cannot load pack {first}") from error
        return self._packs

    def packs(self) -> list[LoadedPack]:
        return self.pack_set().packs

    def _packs_cache_file(self) -> Path | None:
        """Parsed packs are kept beside the data once the home exists (packs/registry.py)."""
        return self.paths.packs_cache_file if self.paths.home.is_dir() else None

    def set_aside_packs(self) -> list[tuple[Path, Exception]]:
        """User pack files that did not load, when packs were read in this process."""
        return list(self._packs.broken) if self._packs is not None else []

    def forget_packs(self) -> None:
        """Reload packs on next use (after one was added or removed)."""
        self._packs = None

    # -- files a person names -------------------------------------------------
    def write_output(self, path: Path, text: str, *, private: bool, replace: bool) -> Path:
        """Write an export or a snapshot where the person asked: never over an existing file
        unless `replace`, never through a symbolic link, never into the home's own files,
        atomically and with its final mode from the start."""
        target = Path(path).expanduser()
        home = os.path.realpath(self.paths.home)
        parent = os.path.realpath(target.parent)
        own = {os.path.realpath(p) for p in (self.paths.data_file, self.database.journal_path)}
        if parent == home or parent.startswith(home + os.sep) or os.path.realpath(target) in own:
            raise UserError(
                f"{target} is one of the app's own files or in its home ({home}); "
                "write it somewhere else"
            )
        if target.is_dir() and not target.is_symlink():
            raise UserError(f"{target} is a folder; name a file in it")
        if os.path.lexists(target) and not replace:
            raise TargetExists(f"{target} exists; add --force to replace it")
        try:
            write_new_file(
                target, text.encode("utf-8"), mode=0o600 if private else 0o644, replace=replace
            )
        except FileExistsError:
            raise TargetExists(f"{target} exists; add --force to replace it") from None
        except OSError as error:
            raise UserError(f"could not write {target}: {error.strerror or error}") from error
        return target

    # -- storage ------------------------------------------------------------
    def first_settings(self) -> Settings:
        return Settings(timezone=system_zone_name(self.environ))

    @contextmanager
    def change(self, reuse: Snapshot | None = None) -> Iterator[tuple[Transaction, Snapshot]]:
        """A locked transaction with settings and a run guaranteed; refreshes the status record.

        The snapshot is kept in step with every operation the caller makes, so after the
        commit the status record is made from it, without reading the file again. `reuse`:
        a snapshot read with `keep_for_change` just before; its read (and its state) serve
        the transaction when the files have not changed since. Hand it on only when that
        snapshot is not used again: the change goes into its state.
        """
        ready: list[Snapshot] = []

        def refresh_status(saved: Transaction) -> None:
            # The data is saved by now; a status record that cannot be written is only stale,
            # and the fast paths rebuild a stale one. It must not turn the save into an error.
            with contextlib.suppress(OSError):
                stamp = data_file_stamp(self.paths.data_file)
                snapshot = ready[0]
                if not snapshot.trusted or snapshot.state.damaged:
                    # what the checks make of the tables (repairs, records left out) counts
                    record = self._status_record(
                        saved.tables(), SCHEMA_VERSION, saved.last_op + 1, stamp
                    )
                else:
                    record = self._record_of(
                        snapshot, saved.tables(), SCHEMA_VERSION, saved.last_op + 1, stamp
                    )
                write_status(str(self.paths.home), record)
                self.paths.legacy_status_file.unlink(missing_ok=True)

        kept = reuse.kept if reuse is not None else None
        with self.database.transaction(after_commit=refresh_status, reuse=kept) as transaction:
            snapshot = self._ready_snapshot(transaction, reuse)
            tables, settings = transaction.tables(), snapshot.settings
            snapshot.reload = lambda: self._state(tables, settings)
            transaction.observer = snapshot.apply
            ready.append(snapshot)
            yield transaction, snapshot

    def rebuild_status(self) -> StatusRecord | None:
        """The status record made anew from the data file, read without the lock; it is
        saved only when the lock is free at once and the data has not changed meanwhile
        (a read never waits for a writer). None without a data file."""
        stamp = data_file_stamp(self.paths.data_file)
        loaded = load_home(self.paths)
        if loaded is None:
            return None
        record = self._status_record(loaded.data, loaded.version, loaded.last_op + 1, stamp)
        lock = try_lock(str(self.paths.lock_file)) if self.paths.home.is_dir() else None
        if lock is not None:
            try:
                if data_file_stamp(self.paths.data_file) == stamp:
                    with contextlib.suppress(OSError):
                        write_status(str(self.paths.home), record)
            finally:
                lock.__exit__()
        return record

    def save_status(self, data: Tables, file_schema: int, next_op: int) -> None:
        """Write the record for data just saved (under the lock), reading it anew."""
        stamp = data_file_stamp(self.paths.data_file)
        write_status(str(self.paths.home), self._status_record(data, file_schema, next_op, stamp))

    def _status_record(
        self, data: Tables, file_schema: int, next_op: int, stamp: list[int] | None
    ) -> StatusRecord:
        state = self._state(data, self._settings(data) or self.first_settings())
        now, today = self.now_and_today(state.settings)
        return self._record_of(Snapshot(state, now, today), data, file_schema, next_op, stamp)

    def _record_of(
        self,
        snapshot: Snapshot,
        data: Tables,
        file_schema: int,
        next_op: int,
        stamp: list[int] | None,
    ) -> StatusRecord:
        from rejection_therapy.service.status import status_record

        packs_stamp = self.packs_stamp()  # before the draws: a pack changed since is seen
        from rejection_therapy.service.today import status_today

        day, day_ask_doc, plans = status_today(self, snapshot, data)
        return status_record(
            snapshot, data, file_schema, next_op, stamp, day, day_ask_doc, plans, packs_stamp
        )

    def packs_stamp(self) -> list[list[object]]:
        """The pack files as they are now (an edited, added or removed pack changes it)."""
        from rejection_therapy.storage.stamp import packs_stamp

        return packs_stamp(str(self.paths.packs_dir))

    def read(self, keep_for_change: bool = False) -> Snapshot:
        """The current state; the first read of a new home starts the default run. With
        `keep_for_change`, a `change(reuse=snapshot)` that follows can take this read."""
        if not self.database.exists():
            with self.change() as (_transaction, snapshot):
                return snapshot
        tables, kept = self.database.read_kept()
        settings = self._settings(tables) or self.first_settings()
        if not tables.get(RUNS):
            with self.change() as (_transaction, snapshot):
                return snapshot
        now, today = self.now_and_today(settings)
        snapshot = Snapshot(self._state(tables, settings), now, today)
        snapshot.kept = kept if keep_for_change else None
        return snapshot

    def _settings(self, tables: Tables) -> Settings | None:
        try:
            return load_settings(tables)
        except StorageError as error:
            raise StorageError(f"{self.paths.data_file}: {error}") from error

    def _state(self, tables: Tables, settings: Settings) -> State:
        """Every record, with the data file named in any complaint about one."""
        try:
            state = load_state(tables, settings)
        except StorageError as error:
            raise StorageError(f"{self.paths.data_file}: {error}") from error
        self.damaged = state.damaged
        return state

    def _ready_snapshot(self, transaction: Transaction, reuse: Snapshot | None) -> Snapshot:
        tables = transaction.tables()
        settings = self._settings(tables)
        if settings is None:
            settings = self.first_settings()
            save_settings(transaction, settings)
        now, today = self.now_and_today(settings)
        if not tables.get(RUNS):
            run = Run(
                id=new_id(), number=1, start=today, length=settings.run_length, created_at=now
            )
            transaction.insert(RUNS, to_document(run))
        if (
            reuse is not None
            and reuse.kept is not None
            and reuse.kept.loaded.data is tables
            and not transaction.operations
        ):
            return Snapshot(reuse.state, now, today)  # the same tables, read just before
        return Snapshot(self._state(tables, settings), now, today)
