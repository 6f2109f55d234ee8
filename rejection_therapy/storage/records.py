"""Converts stored TinyDB documents to domain records and back, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import Query, TinyDB

from rejection_therapy.core.models import (
    CheckIn,
    DailyAsk,
    EarnedBadge,
    Entry,
    FollowUp,
    Intention,
    Run,
    Settings,
)
from rejection_therapy.storage.files import StorageError

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

Model = TypeVar("Model", bound=BaseModel)


def to_document(record: BaseModel) -> dict[str, Any]:
    """A record as JSON-ready data (dates and instants as ISO-8601 text)."""
    return record.model_dump(mode="json")


def _records(db: TinyDB, table: str, model: type[Model]) -> list[Model]:
    result = []
    for document in db.table(table).all():
        try:
            result.append(model.model_validate(document))
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise StorageError(
                f"a stored {table} record (document {document.doc_id}) is invalid at "
                f"{where}: {problem['msg']}; the file was left untouched: fix that record by hand "
                "or move the file aside to start afresh."
            ) from error
    return result


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


def load_settings(db: TinyDB) -> Settings | None:
    documents = db.table(SETTINGS).all()
    if not documents:
        return None
    try:
        return Settings.model_validate(documents[0])
    except ValidationError as error:
        raise StorageError(
            f"the stored settings are invalid ({error.errors()[0]['msg']}); the file was left "
            "untouched: fix the settings table in it by hand (`rejection-therapy locate` shows where)."
        ) from error


def save_settings(db: TinyDB, settings: Settings) -> None:
    table = db.table(SETTINGS)
    table.truncate()
    table.insert(settings.model_dump(mode="json"))


def load_state(db: TinyDB, fallback_settings: Settings) -> State:
    """Read every table into records."""
    return State(
        settings=load_settings(db) or fallback_settings,
        runs=_records(db, RUNS, Run),
        entries=_records(db, ENTRIES, Entry),
        daily_asks=_records(db, DAILY_ASKS, DailyAsk),
        badges=_records(db, BADGES, EarnedBadge),
        rest_dates=_rest_dates(db),
        followups=_records(db, FOLLOWUPS, FollowUp),
        checkins=_records(db, CHECKINS, CheckIn),
        intentions=_records(db, INTENTIONS, Intention),
    )


def _rest_dates(db: TinyDB) -> set[date]:
    dates = set()
    for document in db.table(REST_DAYS).all():
        try:
            dates.add(date.fromisoformat(document["date"]))
        except (KeyError, TypeError, ValueError) as error:
            raise StorageError(
                f"a stored rest day (document {document.doc_id}) has no valid date; "
                "the file was left untouched: fix that record by hand."
            ) from error
    return dates


def by_id(record_id: str) -> Any:
    return Query().id == record_id
