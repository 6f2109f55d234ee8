"""Logging, undoing and fixing entries, and the badges they earn."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rejection_therapy.core.badges import BADGES_BY_ID, BadgeRule, newly_reached
from rejection_therapy.core.ids import MIN_PREFIX
from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.log_input import MAX_NOTE, LogRequest, cleaned, text_problem
from rejection_therapy.core.models import EarnedBadge, Entry, Outcome, Run
from rejection_therapy.core.new_entry import ask_fields, edited_fields, entry_document, with_tip
from rejection_therapy.packs.coaching import load_toolbox, tip_text
from rejection_therapy.service.asks import ensure_daily_ask
from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import NothingToDo, UserError
from rejection_therapy.service.events import add_event, find_offer
from rejection_therapy.service.snapshot import Snapshot, new_id, yesterday_of
from rejection_therapy.storage.documents import read_document
from rejection_therapy.storage.records import (
    BADGES,
    ENTRIES,
    REST_DAYS,
    TOMBSTONES,
    to_document,
)
from rejection_therapy.storage.transaction import Transaction
from rejection_therapy.views import ask_json


@dataclass
class LogResult:
    """What a new entry earned, and the state after it."""

    entry: Entry
    xp: int
    badges_earned: list[BadgeRule]
    ledger: Ledger
    only_yes_today: bool = False
    tip: str = ""
    """A toolbox tip after a no."""
    rest_day_returned: bool = False


@dataclass
class RemovedEntry:
    """An entry taken back, with the badges that went with it."""

    entry: Entry
    badges_removed: list[BadgeRule] = field(default_factory=list)
    badge_records: list[EarnedBadge] = field(default_factory=list)
    """The badge records that went with it, as stored: a redo puts them back as they were."""


def last_tip(snapshot: Snapshot) -> str | None:
    """The toolbox tip offered last, so the next one can differ."""
    return next((e.toolbox_tip for e in reversed(snapshot.ledger.entries) if e.toolbox_tip), None)


def clean_text(value: str, limit: int, what: str) -> str:
    problem = text_problem(value, limit, what)
    if problem:
        raise UserError(problem)
    return cleaned(value)


def log(
    ctx: Context,
    outcome: Outcome,
    *,
    note: str = "",
    ask_text: str | None = None,
    difficulty: int | None = None,
    asked_why: bool = False,
    yesterday: bool = False,
    learned: str = "",
    next_time: str = "",
    fear_before: int | None = None,
    fear_after: int | None = None,
    offer: str | None = None,
    kind: str | None = None,
) -> LogResult:
    request = LogRequest()
    request.offer, request.kind = offer, kind
    request.outcome = outcome.value
    request.note, request.ask_text, request.difficulty = note, ask_text, difficulty
    request.asked_why, request.yesterday = asked_why, yesterday
    request.learned, request.next_time = learned, next_time
    request.fear_before, request.fear_after = fear_before, fear_after
    problem = request.problem()
    if problem:
        raise UserError(problem)
    with ctx.change() as (transaction, snapshot):
        on = yesterday_of(snapshot.today) if yesterday else snapshot.today
        run = _run_for_log(ctx, snapshot, on, yesterday)
        daily: Mapping[str, Any] | None = None
        if offer is not None:
            daily = find_offer(ctx, snapshot, offer)
        elif ask_text is None:
            daily = ask_json(ensure_daily_ask(ctx, transaction, snapshot, run, on))
        document = entry_document(
            request,
            ask_fields(request, daily),
            entry_id=new_id(),
            run_id=run.id,
            on=on,
            now=snapshot.now,
            seq=max((e.seq for e in snapshot.state.entries), default=0) + 1,
        )
        with_tip(document, load_toolbox(), last_tip(snapshot), daily)
        entry = read_document(Entry, document)  # the one entry builder's output, checked
        transaction.insert(ENTRIES, document)
        if kind == "application" and outcome is Outcome.NO:
            add_event(ctx, transaction, snapshot, "rejection", on, entry.id)
        rest_returned = _give_back_rest_day(ctx, transaction, snapshot, on)
        ledger, earned = settle_badges(ctx, transaction, snapshot, entry.id)
    day_outcomes = {e.outcome for e in ledger.entries_on(on)}
    return LogResult(
        entry=entry,
        xp=ledger.xp_by_entry[entry.id],
        badges_earned=earned,
        ledger=ledger,
        only_yes_today=day_outcomes == {Outcome.YES},
        tip=tip_text(entry.toolbox_tip),
        rest_day_returned=rest_returned,
    )


def _give_back_rest_day(
    ctx: Context, transaction: Transaction, snapshot: Snapshot, on: date
) -> bool:
    """Logging on a declared rest day makes it a done day and returns the rest day."""
    if on not in snapshot.state.rest_dates:
        return False
    transaction.remove_record(REST_DAYS, on.isoformat(), key="date")
    return True


def _run_for_log(ctx: Context, snapshot: Snapshot, on: date, yesterday: bool) -> Run:
    run = snapshot.ledger.run_containing(on)
    if run is not None:
        return run
    current = snapshot.ledger.current
    if current and not current.started:
        raise UserError(
            f"run {current.run.number} starts on {current.run.start.isoformat()}; log from then on"
        )
    if current and current.complete:
        raise UserError(
            f"run {current.run.number} is complete ({current.length}/{current.length} days); "
            "begin the next with `rejection-therapy start`"
        )
    when = "yesterday" if yesterday else on.isoformat()
    raise UserError(f"{when} is not a day of any run; log today instead")


def settle_badges(
    ctx: Context, transaction: Transaction, snapshot: Snapshot, entry_id: str | None
) -> tuple[Ledger, list[BadgeRule]]:
    """Award every badge whose goal is now reached; earned ones are never re-judged."""
    earned_ids = {badge.badge_id for badge in snapshot.state.badges}
    reached = newly_reached(snapshot.ledger.metrics(), earned_ids)
    for rule in reached:
        badge = EarnedBadge(
            badge_id=rule.id, earned_at=snapshot.now, date=snapshot.today, entry_id=entry_id
        )
        transaction.insert(BADGES, to_document(badge))
    return snapshot.ledger, reached


def undo(ctx: Context) -> RemovedEntry:
    """Take back the newest entry of the current challenge date, whoever made it."""
    with ctx.change() as (transaction, snapshot):
        todays = snapshot.ledger.entries_on(snapshot.today)
        if not todays:
            raise NothingToDo("nothing to undo: no entry yet today")
        newest = max(todays, key=lambda e: (e.created_at, e.seq, e.id))
        return _remove(ctx, transaction, snapshot, newest)


def delete(ctx: Context, entry_ref: str) -> RemovedEntry:
    with ctx.change() as (transaction, snapshot):
        return _remove(ctx, transaction, snapshot, find_entry(ctx, snapshot, entry_ref))


def edit(ctx: Context, entry_ref: str, outcome: Outcome | None, note: str | None) -> Entry:
    return edit_entry(ctx, entry_ref, outcome, note)[0]


def edit_entry(
    ctx: Context, entry_ref: str, outcome: Outcome | None, note: str | None
) -> tuple[Entry, list[BadgeRule]]:
    """Change an entry's outcome and/or note; the entry as it is now and the badges the
    change earned."""
    if outcome is None and note is None:
        raise UserError("nothing to change: give --outcome and/or --note")
    with ctx.change() as (transaction, snapshot):
        entry = find_entry(ctx, snapshot, entry_ref)
        if note is not None:
            clean_text(note, MAX_NOTE, "note")
        changes = edited_fields(entry.outcome.value, outcome and outcome.value, note)
        if outcome is not None:
            changes["outcome"] = outcome
        updated = replace(entry, **{**changes, "updated_at": snapshot.now})
        transaction.replace(ENTRIES, entry.id, to_document(updated))
        _ledger, earned = settle_badges(ctx, transaction, snapshot, entry.id)
        return updated, earned


def reflect(
    ctx: Context,
    entry_ref: str,
    note: str,
    learned: str,
    next_time: str,
    fear_before: int | None,
    fear_after: int | None,
    outcome: Outcome | None = None,
) -> Entry:
    """Set an entry's reflection and fear ratings (what the note dialog edits), and its
    outcome too when given (History's entry dialog edits all of them at once)."""
    for rating in (fear_before, fear_after):
        if rating is not None and not 0 <= rating <= 10:
            raise UserError(f"fear {rating} is out of range; rate it from 0 to 10")
    with ctx.change() as (transaction, snapshot):
        entry = find_entry(ctx, snapshot, entry_ref)
        changes = edited_fields(entry.outcome.value, outcome and outcome.value, None)
        if outcome is not None:
            changes["outcome"] = outcome
        updated = replace(
            entry,
            **changes,
            note=clean_text(note, MAX_NOTE, "note"),
            learned=clean_text(learned, MAX_NOTE, "lesson"),
            next_time=clean_text(next_time, MAX_NOTE, "next-time note"),
            fear_before=fear_before,
            fear_after=fear_after,
            updated_at=snapshot.now,
        )
        transaction.replace(ENTRIES, entry.id, to_document(updated))
        settle_badges(ctx, transaction, snapshot, entry.id)
        return updated


def find_entry(ctx: Context, snapshot: Snapshot, entry_ref: str) -> Entry:
    ref = entry_ref.strip().lower()
    if len(ref) < MIN_PREFIX:
        raise UserError(
            f"entry id {entry_ref!r} is too short; give at least {MIN_PREFIX} characters"
        )
    matches = [e for e in snapshot.state.entries if e.id.lower().startswith(ref)]
    if not matches:
        raise UserError(f"no entry with id {entry_ref!r}; see ids with `rejection-therapy history`")
    if len(matches) > 1:
        raise UserError(
            f"entry id {entry_ref!r} matches {len(matches)} entries; give more characters"
        )
    return matches[0]


def _remove(
    ctx: Context, transaction: Transaction, snapshot: Snapshot, entry: Entry
) -> RemovedEntry:
    transaction.remove_record(ENTRIES, entry.id)
    transaction.insert(TOMBSTONES, {"id": entry.id, "deleted_at": snapshot.now.isoformat()})
    records = [b for b in snapshot.state.badges if b.entry_id == entry.id]
    transaction.remove(BADGES, lambda badge: badge.get("entry_id") == entry.id)
    settle_badges(ctx, transaction, snapshot, None)
    still = {b.badge_id for b in snapshot.state.badges}
    removed = [
        BADGES_BY_ID[b.badge_id]
        for b in records
        if b.badge_id in BADGES_BY_ID and b.badge_id not in still
    ]
    return RemovedEntry(entry, removed, [b for b in records if b.badge_id not in still])


def redo(ctx: Context, removed: RemovedEntry) -> Entry:
    """Put back an entry just taken back: the same id, fields and badge records, as if the
    undo had not happened (the TUI offers it for a few seconds after `u`)."""
    entry = removed.entry
    with ctx.change() as (transaction, snapshot):
        if any(e.id == entry.id for e in snapshot.state.entries):
            raise NothingToDo("that entry is back already")
        if entry.date != snapshot.today:
            raise UserError("too late to bring that entry back: its day is over")
        transaction.remove(TOMBSTONES, lambda stone: stone.get("id") == entry.id)
        transaction.insert(ENTRIES, to_document(entry))
        held = {b.badge_id for b in snapshot.state.badges}
        for badge in removed.badge_records:
            if badge.badge_id not in held:
                transaction.insert(BADGES, to_document(badge))
        return entry
