"""Starting runs and changing settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rejection_therapy.core.models import Run, Settings
from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.snapshot import Snapshot, new_id
from rejection_therapy.storage.records import (
    DAILY_ASKS,
    ENTRIES,
    RUNS,
    save_settings,
    to_document,
)
from rejection_therapy.storage.transaction import Transaction

if TYPE_CHECKING:
    from pydantic import ValidationError

    from rejection_therapy.storage.transaction import Document

MAX_DAYS_AHEAD = 366
MANAGED_SETTINGS = {
    "disabled_packs": "packs enable|disable ID",
    "pack_weights": "packs enable ID --weight W",
    "retired_asks": "never ASK_ID",
    "profile": "profile set KEY=VALUE",
    "profile_asked": "profile setup",
}


def start(
    ctx: Context,
    days: int | None = None,
    packs: list[str] | None = None,
    begin: date | None = None,
    force: bool = False,
) -> Run:
    """Begin a new run; ending one in progress needs `force`."""
    if days is not None and not 1 <= days <= 1000:
        raise UserError(f"--days {days} is out of range; a run lasts 1 to 1000 days")
    if packs is not None:
        known = {p.id for p in ctx.packs()}
        unknown = [p for p in packs if p not in known]
        if unknown:
            raise UserError(f"unknown pack {unknown[0]!r}; known packs: {', '.join(sorted(known))}")
    with ctx.change() as (transaction, snapshot):
        start = begin or snapshot.today
        if start < snapshot.today:
            raise UserError(
                f"--date {start.isoformat()} is in the past; a run begins today or later"
            )
        if start > snapshot.today + timedelta(days=MAX_DAYS_AHEAD):
            raise UserError(f"--date {start.isoformat()} is more than a year ahead")
        kept = _make_room(ctx, transaction, snapshot, start, force)
        number = max((r.number for r in kept), default=0) + 1
        run = Run(
            id=new_id(),
            number=number,
            start=start,
            length=days or snapshot.settings.run_length,
            packs=packs,
            created_at=snapshot.now,
        )
        transaction.insert(RUNS, to_document(run))
        _adopt_entries(ctx, transaction, snapshot, run)
        return run


def _make_room(
    ctx: Context, transaction: Transaction, snapshot: Snapshot, start: date, force: bool
) -> list[Run]:
    """End (or drop) runs that would overlap a new run starting on `start`; returns those kept."""
    kept = []
    for run in snapshot.state.runs:
        if run.last_date < start:
            kept.append(run)
            continue
        if not force and not _untouched(snapshot, run):
            progress = snapshot.ledger.current
            if run.start > snapshot.today:
                what = f"run {run.number} is set to begin on {run.start.isoformat()}"
            elif progress is not None and progress.run.id == run.id:
                what = f"run {run.number} is on day {progress.day}/{progress.length}"
            else:
                what = f"run {run.number} is still going"
            raise UserError(f"{what}; add --force to end it and start a new run")
        transaction.remove(DAILY_ASKS, _asks_of(run.id, on_or_after=start))
        if run.start >= start:
            transaction.remove_record(RUNS, run.id)
        else:
            ended = replace(run, ended_on=start - timedelta(days=1), updated_at=snapshot.now)
            transaction.replace(RUNS, run.id, to_document(ended))
            kept.append(ended)
    return kept


def _untouched(snapshot: Snapshot, run: Run) -> bool:
    """A run nobody has used yet (a new home's first run): a new one may replace it."""
    state = snapshot.state
    return not (
        any(e.run_id == run.id for e in state.entries)
        or any(run.covers(day) for day in state.rest_dates)
        or any(c.run_id == run.id for c in state.checkins)
        or state.intention_for(run.id) is not None
    )


def _adopt_entries(ctx: Context, transaction: Transaction, snapshot: Snapshot, run: Run) -> None:
    """Entries dated inside the new run now belong to it."""
    changed_at = snapshot.now.isoformat().replace("+00:00", "Z")
    for entry in snapshot.state.entries:
        if entry.date >= run.start and entry.run_id != run.id:
            # a change like any other: a merge elsewhere then takes the newer version
            transaction.update(ENTRIES, entry.id, {"run_id": run.id, "updated_at": changed_at})


def settings(ctx: Context) -> Settings:
    return ctx.read().settings


def set_setting(ctx: Context, key: str, value: str) -> Settings:
    """Change one setting after validating it; past entries are never moved."""
    if key in MANAGED_SETTINGS:
        raise UserError(f"{key} is changed with `rejection-therapy {MANAGED_SETTINGS[key]}`")
    names = [spec.name for spec in fields(Settings)]
    if key not in names:
        raise UserError(f"unknown setting {key!r}; settings: {', '.join(names)}")
    from pydantic import ValidationError

    from rejection_therapy.storage.schemas import SCHEMAS, as_record

    with ctx.change() as (transaction, snapshot):
        data = to_document(snapshot.settings)
        data[key] = value
        try:
            updated = as_record(Settings, SCHEMAS[Settings].model_validate(data))
        except ValidationError as error:
            raise UserError(_setting_problem(key, value, error)) from None
        save_settings(transaction, updated)
        return updated


SETTING_WORDS = {
    "rollover_hour": "a whole hour from {ge} to {le}",
    "run_length": "a whole number of days from {ge} to {le}",
    "theme": "dark or light",
    "pending_days": "a whole number of days from {ge} to {le}",
    "rest_days_per_run": "a whole number from {ge} to {le}",
    "excluded_tags": "up to {items} tags separated by commas, each up to {text} characters",
}
"""What each setting takes, in the app's words; the numbers come from the schema's own
bounds (storage/schemas.py), so the message and the check cannot drift apart. The time
zone's own check words its refusal already (`unknown time zone ...`)."""


def _setting_problem(key: str, value: str, error: ValidationError) -> str:
    """One line for a value the settings schema refused: what the setting takes, and the
    value given; a setting without words here keeps the schema's own reason."""
    from rejection_therapy.core import bounds
    from rejection_therapy.core.when import shown
    from rejection_therapy.storage.schemas import SCHEMAS

    words = SETTING_WORDS.get(key)
    if words is None:
        problem = error.errors()[0]
        worded = problem.get("ctx", {}).get("error")  # a validator of ours: the app's words
        return str(worded) if worded else f"{key} {shown(value)}: {problem['msg']}"
    limits = {"text": bounds.MAX_SHORT_TEXT, "items": bounds.MAX_LIST}
    for rule in SCHEMAS[Settings].model_fields[key].metadata:
        limits.update({name: getattr(rule, name) for name in ("ge", "le") if hasattr(rule, name)})
    return f"{key} must be {words.format(**limits)}, not {shown(value)}"


def _asks_of(run_id: str, on_or_after: date) -> Callable[[Document], bool]:
    """Daily asks of a run from a date on (a new run that overlaps it draws its own)."""
    first = on_or_after.isoformat()
    return lambda ask: ask.get("run_id") == run_id and str(ask.get("date", "")) >= first
