"""Converts stored documents to domain records and back, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from rejection_therapy.core.models import (
    CheckIn,
    DailyAsk,
    EarnedBadge,
    Entry,
    Event,
    FollowUp,
    Intention,
    Run,
    Settings,
)
from rejection_therapy.storage.documents import checked_document, read_document
from rejection_therapy.storage.transaction import KEYS, Transaction

if TYPE_CHECKING:
    from rejection_therapy.storage.transaction import Tables

RUNS = "runs"
ENTRIES = "entries"
DAILY_ASKS = "daily_asks"
BADGES = "badges"
SETTINGS = "settings"
REST_DAYS = "rest_days"
TOMBSTONES = "tombstones"
FOLLOWUPS = "followups"
CHECKINS = "checkins"
INTENTIONS = "intentions"
EVENTS = "events"


def to_document(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data (dates and instants as ISO-8601 text), checked within
    bounds: what is written is what a read accepts (storage/documents.py)."""
    return checked_document(record)


@dataclass
class State:
    """Everything stored, as domain records."""

    settings: Settings
    runs: list[Run] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    daily_asks: list[DailyAsk] = field(default_factory=list)
    badges: list[EarnedBadge] = field(default_factory=list)
    rest_dates: set[date] = field(default_factory=set)
    followups: list[FollowUp] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    intentions: list[Intention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    damaged: int = 0
    """Stored records read repaired or left out (`doctor` says which, and repairs them)."""

    def intention_for(self, run_id: str) -> Intention | None:
        return next((i for i in self.intentions if i.run_id == run_id), None)

    def daily_ask(self, run_id: str, on: date) -> DailyAsk | None:
        for ask in self.daily_asks:
            if ask.run_id == run_id and ask.date == on:
                return ask
        return None

    def entry(self, entry_id: str) -> Entry | None:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        return None


_LISTS = {
    RUNS: "runs",
    ENTRIES: "entries",
    DAILY_ASKS: "daily_asks",
    BADGES: "badges",
    FOLLOWUPS: "followups",
    CHECKINS: "checkins",
    INTENTIONS: "intentions",
    EVENTS: "events",
}
"""The tables a State keeps as lists of records (tombstones it does not keep)."""


def apply_operation(state: State, operation: dict[str, Any]) -> None:
    """Bring `state` in step with one journal operation of a transaction (the service's
    own, so its documents are valid): the records a command reads after changing some are
    the ones it stored, without reading the file again or mirroring the change by hand."""
    from rejection_therapy.storage.checks import MODELS, check_settings

    table = operation["table"]
    document = operation.get("doc")
    if table == SETTINGS:
        if document is not None:
            state.settings = check_settings({SETTINGS: {"1": document}}) or state.settings
        return
    key = operation.get("id")
    if table == REST_DAYS:
        if document is None:
            state.rest_dates.discard(date.fromisoformat(str(key)))
        else:
            state.rest_dates.add(date.fromisoformat(document["date"]))
        return
    name = _LISTS.get(table)
    if name is None:
        return
    records = getattr(state, name)
    if not operation.get("insert"):  # an insert adds a record; the others replace or remove
        records = [record for record in records if _key(table, record) != key]
        setattr(state, name, records)
    if document is not None:
        records.append(read_document(MODELS[table], document))


def _key(table: str, record: Any) -> str:
    """A record's key as storage/transaction.key_of names its document."""
    if table == DAILY_ASKS:
        return f"{record.run_id}/{record.date.isoformat()}"
    return str(getattr(record, KEYS.get(table, "id")))


def load_settings(tables: Tables) -> Settings | None:
    """The stored settings (a value out of bounds reads as its default; see checks.py)."""
    from rejection_therapy.storage.checks import check_settings

    return check_settings(tables)


def save_settings(transaction: Transaction, settings: Settings) -> None:
    transaction.put_single(SETTINGS, to_document(settings))


def load_state(tables: Tables, fallback_settings: Settings) -> State:
    """Every table as records, checked and put in order by the one validator (checks.py)."""
    from rejection_therapy.storage.checks import check_tables

    checked = check_tables(tables)
    return State(
        settings=checked.settings or fallback_settings,
        runs=checked.records(RUNS),
        entries=checked.records(ENTRIES),
        daily_asks=checked.records(DAILY_ASKS),
        badges=checked.records(BADGES),
        rest_dates={rest.date for rest in checked.records(REST_DAYS)},
        followups=checked.records(FOLLOWUPS),
        checkins=checked.records(CHECKINS),
        intentions=checked.records(INTENTIONS),
        events=checked.records(EVENTS),
        damaged=len(checked.problems),
    )
