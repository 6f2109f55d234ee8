"""A snapshot: the stored state and what is derived from it at one instant."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from rejection_therapy.core import ids
from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import DailyAsk, Settings
from rejection_therapy.storage.database import (
    KeptRead,
)
from rejection_therapy.storage.records import (
    RUNS,
    State,
    apply_operation,
)

if TYPE_CHECKING:
    pass


class Snapshot:
    """The stored state and everything derived from it at one instant."""

    def __init__(self, state: State, now: datetime, today: date) -> None:
        self._state = state
        self.now = now
        self.today = today
        self._ledger: Ledger | None = None
        self.kept: KeptRead | None = None
        """The read this snapshot came from, for `change(reuse=...)` (read(keep_for_change))."""
        self.trusted = True
        """Whether each operation was followed record by record. One it cannot follow (a
        value a read would repair, a run removed under other records) clears it: the state
        is then read anew from the transaction's tables when next asked for (`reload`)."""
        self.reload: Callable[[], State] | None = None
        self._stale = False

    @property
    def state(self) -> State:
        if self._stale and self.reload is not None:
            self._state = self.reload()
            self._stale = False
        return self._state

    @property
    def ledger(self) -> Ledger:
        """Derived from the state as it is now (a change inside a transaction renews it)."""
        if self._ledger is None:
            self._ledger = build_ledger(self.state, self.today)
        return self._ledger

    def apply(self, operation: dict[str, Any]) -> None:
        """Keep the state in step with an operation of the transaction it was read in."""
        self._ledger = None
        if self.trusted and operation["table"] == RUNS and operation.get("remove"):
            self.trusted = False  # records of that run may dangle now: the checks decide
        if self.trusted:
            try:
                apply_operation(self._state, operation)
                return
            except ValueError:  # pydantic's ValidationError: a value a read would repair
                self.trusted = False
        self._stale = True  # read anew, once, when next asked for

    @property
    def settings(self) -> Settings:
        return self.state.settings

    def seen_on(self, day: date) -> Snapshot:
        """The same state seen from another day (the ledger's history is shared)."""
        other = Snapshot(self.state, self.now, day)
        other._ledger = self.ledger.seen_on(day)
        return other

    def with_daily_asks(self, daily_asks: list[DailyAsk]) -> Snapshot:
        """The same moment with other daily asks (a planned draw): the ledger, which no
        daily ask changes, is shared."""
        other = Snapshot(replace(self.state, daily_asks=daily_asks), self.now, self.today)
        other._ledger = self._ledger
        return other


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


def yesterday_of(day: date) -> date:
    return day - timedelta(days=1)
