"""The application layer both the CLI and the TUI talk to: every rule lives below it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from rejection_therapy.core import ids
from rejection_therapy.core.clock import Clock, ClockError, clock_from_environment
from rejection_therapy.core.days import challenge_date_for
from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import Run, Settings
from rejection_therapy.packs.registry import LoadedPack, PackSet, load_packs
from rejection_therapy.paths import Paths
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.zone import system_zone_name
from rejection_therapy.storage.database import (
    Database,
    data_file_stamp,
    load_data_file,
    open_memory,
)
from rejection_therapy.storage.files import StorageError
from rejection_therapy.storage.journal import journal_path_for, read_journal
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


@dataclass
class Snapshot:
    """The stored state and everything derived from it at one instant."""

    state: State
    now: datetime
    today: date

    def __post_init__(self) -> None:
        self.ledger = build_ledger(self.state, self.today)

    @property
    def settings(self) -> Settings:
        return self.state.settings


def build_ledger(state: State, today: date) -> Ledger:
    """Everything derived from the stored state as of `today`."""
    return Ledger(
        today,
        state.runs,
        state.entries,
        state.rest_dates,
        followups_done=sum(1 for f in state.followups if f.done_at is not None),
        checkins=len(state.checkins),
    )


def new_id() -> str:
    return ids.new_id()


class ServiceBase:
    """Opens the store, knows the clock, and makes sure a run exists."""

    def __init__(
        self,
        paths: Paths,
        environ: Mapping[str, str] | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.paths = paths
        self.database = Database(paths)
        self.environ = dict(os.environ if environ is None else environ)
        self._clock = clock
        self._packs: PackSet | None = None
        self._packs_seen: tuple[int, ...] | None = None

    # -- time -------------------------------------------------------------
    def clock_for(self, settings: Settings) -> Clock:
        if self._clock is not None:
            return self._clock
        try:
            return clock_from_environment(self.environ, settings.zone)
        except ClockError as error:
            raise UserError(str(error)) from error

    def now_and_today(self, settings: Settings) -> tuple[datetime, date]:
        now = self.clock_for(settings).now()
        return now, challenge_date_for(now, settings.zone, settings.rollover_hour)

    # -- packs --------------------------------------------------------------
    def pack_set(self) -> PackSet:
        """Built-in and user packs; reloaded when the user's pack folder changes."""
        stamp = self._packs_stamp()
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

    def _packs_stamp(self) -> tuple[int, ...] | None:
        try:
            folder = self.paths.packs_dir.stat()
        except OSError:
            return None
        files = [p.stat().st_mtime_ns for p in sorted(self.paths.packs_dir.glob("*.y*ml"))]
        return (folder.st_mtime_ns, *files)

    def forget_packs(self) -> None:
        """Reload packs on next use (after one was added or removed)."""
        self._packs = None

    # -- storage ------------------------------------------------------------
    def first_settings(self) -> Settings:
        return Settings(timezone=system_zone_name(self.environ))

    @contextmanager
    def change(self) -> Iterator[tuple[TinyDB, Snapshot]]:
        """A locked transaction with settings and a run guaranteed; refreshes the status record."""

        def refresh_status(db: TinyDB) -> None:
            # The data is saved by now; a status record that cannot be written is only stale,
            # and the fast paths rebuild a stale one. It must not turn the save into an error.
            with contextlib.suppress(OSError):
                self._write_status(db, SCHEMA_VERSION)

        with self.database.transaction(after_commit=refresh_status) as db:
            snapshot = self._ready_snapshot(db)
            yield db, snapshot

    def rebuild_status(self) -> None:
        """Rewrite the status record from the data file (when it was found stale)."""
        with self.database.locked():
            loaded = load_data_file(self.paths.data_file)
            if loaded is None:
                return
            self._write_status(open_memory(loaded.data), loaded.version)

    def _write_status(self, db: TinyDB, file_schema: int) -> None:
        from rejection_therapy.service.status import status_record

        state = self._state(db, self._settings(db) or self.first_settings())
        now, today = self.now_and_today(state.settings)
        snapshot = Snapshot(state, now, today)
        data = db.storage.read() or {}
        stamp = data_file_stamp(self.paths.data_file)
        journal = read_journal(journal_path_for(str(self.paths.data_file)))
        day = self.status_day(snapshot)
        record = status_record(snapshot, data, file_schema, len(journal), stamp, day)
        write_status(str(self.paths.home), record)
        with contextlib.suppress(OSError):  # the JSON record of earlier versions
            (self.paths.home / "status.json").unlink(missing_ok=True)

    def status_day(self, snapshot: Snapshot) -> dict[str, Any] | None:
        """Today's view for the status record (the Service's TodayMixin provides it)."""
        return None

    def read(self) -> Snapshot:
        """The current state; the first read of a new home starts the default run."""
        if not self.database.exists():
            with self.change() as (_db, snapshot):
                return snapshot
        db = self.database.read()
        settings = self._settings(db) or self.first_settings()
        if not db.table(RUNS):
            with self.change() as (_db, snapshot):
                return snapshot
        now, today = self.now_and_today(settings)
        return Snapshot(self._state(db, settings), now, today)

    def _settings(self, db: TinyDB) -> Settings | None:
        try:
            return load_settings(db)
        except StorageError as error:
            raise StorageError(f"{self.paths.data_file}: {error}") from error

    def _state(self, db: TinyDB, settings: Settings) -> State:
        """Every record, with the data file named in any complaint about one."""
        try:
            return load_state(db, settings)
        except StorageError as error:
            raise StorageError(f"{self.paths.data_file}: {error}") from error

    def _ready_snapshot(self, db: TinyDB) -> Snapshot:
        settings = self._settings(db)
        if settings is None:
            settings = self.first_settings()
            save_settings(db, settings)
        now, today = self.now_and_today(settings)
        if not db.table(RUNS):
            run = Run(
                id=new_id(), number=1, start=today, length=settings.run_length, created_at=now
            )
            db.table(RUNS).insert(to_document(run))
        return Snapshot(self._state(db, settings), now, today)


def yesterday_of(day: date) -> date:
    return day - timedelta(days=1)
