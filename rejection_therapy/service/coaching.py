"""Coaching: pending asks, follow-ups, weekly check-ins, the intention, rest days, the look back."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from rejection_therapy.core import review as review_rules
from rejection_therapy.core import when
from rejection_therapy.core.models import (
    ANSWERS,
    CheckIn,
    Entry,
    FollowUp,
    Intention,
    Outcome,
    Run,
)
from rejection_therapy.core.new_entry import with_tip
from rejection_therapy.core.rest import RestProblem, rest_days_used
from rejection_therapy.core.review import Review
from rejection_therapy.packs.coaching import load_toolbox, tip_text
from rejection_therapy.service.context import Context
from rejection_therapy.service.entries import (
    MAX_NOTE,
    clean_text,
    find_entry,
    last_tip,
    settle_badges,
)
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.events import add_event
from rejection_therapy.service.snapshot import Snapshot, new_id
from rejection_therapy.storage.documents import read_document
from rejection_therapy.storage.records import (
    CHECKINS,
    ENTRIES,
    FOLLOWUPS,
    INTENTIONS,
    REST_DAYS,
    to_document,
)
from rejection_therapy.views import ask_json


@dataclass
class FollowUpList:
    due: list[FollowUp]
    upcoming: list[FollowUp]
    done: list[FollowUp] = field(default_factory=list)


def parse_due(text: str, today: date) -> date:
    """A due date by the one date parser (core/when.py): `in 3 days`, `friday`, `+3d`,
    YYYY-MM-DD..."""
    try:
        return when.parse_day(text, today)
    except when.DayError as error:
        raise UserError(f"--due {error}; +Nd works too (e.g. +1d)") from None


def resolve(ctx: Context, entry_ref: str, outcome: Outcome) -> tuple[Entry, str]:
    """Give a pending ask its answer; returns the entry and a toolbox tip after a no."""
    if outcome not in ANSWERS:
        raise UserError("resolve with no, yes or why")
    with ctx.change() as (transaction, snapshot):
        entry = find_entry(ctx, snapshot, entry_ref)
        if entry.outcome is not Outcome.PENDING:
            raise UserError(
                f"entry {entry.id[:8]} is not pending (it is {entry.outcome.value}); use `edit`"
            )
        updated = replace(
            entry,
            outcome=outcome,
            asked_why=entry.asked_why or outcome is Outcome.WHY,
            resolved_at=snapshot.now,
            updated_at=snapshot.now,
        )
        daily = snapshot.state.daily_ask(entry.run_id, entry.date)
        asked = ask_json(daily) if daily and daily.ask_id == entry.ask_id else None
        silent = (snapshot.today - entry.date).days >= snapshot.settings.pending_days
        document = with_tip(
            to_document(updated), load_toolbox(), last_tip(snapshot), asked, silent=silent
        )
        updated = read_document(Entry, document)
        transaction.replace(ENTRIES, entry.id, document)
        if entry.kind == "application" and outcome is Outcome.NO:
            add_event(ctx, transaction, snapshot, "rejection", snapshot.today, entry.id)
        settle_badges(ctx, transaction, snapshot, entry.id)
        return updated, tip_text(updated.toolbox_tip)


def stale_pending(snapshot: Snapshot) -> list[Entry]:
    """Pending asks older than the setting (core/review.py)."""
    return review_rules.stale_pending(
        snapshot.ledger.pending, snapshot.today, snapshot.settings.pending_days
    )


def add_followup(ctx: Context, entry_ref: str, text: str, due_text: str) -> FollowUp:
    if not text.strip():
        raise UserError('a follow-up needs its text, e.g. "send a thank-you note"')
    with ctx.change() as (transaction, snapshot):
        entry = find_entry(ctx, snapshot, entry_ref)
        due = parse_due(due_text, snapshot.today)
        if due < snapshot.today:
            raise UserError(f"--due {due.isoformat()} is in the past; pick today or later")
        followup = FollowUp(
            id=new_id(),
            entry_id=entry.id,
            text=clean_text(text, MAX_NOTE, "follow-up"),
            due=due,
            created_at=snapshot.now,
        )
        transaction.insert(FOLLOWUPS, to_document(followup))
        return followup


def followups(
    ctx: Context, snapshot: Snapshot | None = None, include_done: bool = False
) -> FollowUpList:
    snapshot = snapshot or ctx.read()
    open_ones = sorted(
        (f for f in snapshot.state.followups if f.done_at is None),
        key=lambda f: (f.due, f.created_at),
    )
    done = sorted(
        (f for f in snapshot.state.followups if f.done_at is not None),
        key=lambda f: f.done_at or f.created_at,
    )
    return FollowUpList(
        due=[f for f in open_ones if f.due <= snapshot.today],
        upcoming=[f for f in open_ones if f.due > snapshot.today],
        done=done if include_done else [],
    )


def complete_followup(ctx: Context, followup_ref: str) -> FollowUp:
    with ctx.change() as (transaction, snapshot):
        ref = followup_ref.strip().lower()
        matches = (
            [f for f in snapshot.state.followups if f.id.lower().startswith(ref)]
            if len(ref) >= 4
            else []
        )
        if len(matches) != 1:
            problem = "matches several" if matches else "matches none"
            raise UserError(f"follow-up id {followup_ref!r} {problem}; see ids with `followups`")
        followup = matches[0]
        if followup.done_at is not None:
            raise UserError(f"follow-up {followup.id[:8]} is already done")
        done = replace(followup, done_at=snapshot.now)
        transaction.replace(FOLLOWUPS, followup.id, to_document(done))
        settle_badges(ctx, transaction, snapshot, None)
        return done


def checkin_due(snapshot: Snapshot) -> bool:
    """Every 7th day of a run, until answered (core/review.py)."""
    return review_rules.checkin_due(
        snapshot.ledger.current, snapshot.state.checkins, snapshot.today
    )


def checkin(ctx: Context, worked: str, didnt: str, gap: str) -> CheckIn:
    answers = {"worked": worked, "didnt": didnt, "gap": gap}
    for name, value in answers.items():
        if not value.strip():
            raise UserError(f"the check-in needs --{name}: {CHECKIN_QUESTIONS[name]}")
    with ctx.change() as (transaction, snapshot):
        progress = snapshot.ledger.current
        if progress is None:
            raise UserError("there is no run to check in on")
        record = CheckIn(
            id=new_id(),
            run_id=progress.run.id,
            date=snapshot.today,
            created_at=snapshot.now,
            **{k: clean_text(v, MAX_NOTE, k) for k, v in answers.items()},
        )
        transaction.insert(CHECKINS, to_document(record))
        settle_badges(ctx, transaction, snapshot, None)
        return record


def current_gap(snapshot: Snapshot) -> str:
    return review_rules.current_gap(snapshot.state.checkins)


def set_intention(ctx: Context, text: str) -> Intention:
    cleaned = clean_text(text, MAX_NOTE, "intention")
    if not cleaned:
        raise UserError('write it as "If I ___, then ___ will happen"')
    with ctx.change() as (transaction, snapshot):
        progress = snapshot.ledger.current
        if progress is None:
            raise UserError("there is no run to set an intention for")
        intention = Intention(run_id=progress.run.id, text=cleaned, set_at=snapshot.now)
        transaction.remove_record(INTENTIONS, progress.run.id, key="run_id")
        transaction.insert(INTENTIONS, to_document(intention))
        return intention


def declare_rest(
    ctx: Context, on: date, cancel: bool = False, reuse: Snapshot | None = None
) -> tuple[int, int]:
    """Declare (or withdraw) a rest day; returns (rest days used, allowed) for its run.
    `reuse`: a snapshot read with keep_for_change just before (Service.change)."""
    with ctx.change(reuse=reuse) as (transaction, snapshot):
        run = snapshot.ledger.run_containing(on)
        allowed = snapshot.settings.rest_days_per_run
        try:
            used = rest_days_used(
                on,
                snapshot.today,
                cancel=cancel,
                run=(run.number, run.start, run.last_date) if run else None,
                rest_dates=snapshot.state.rest_dates,
                has_entries=bool(snapshot.ledger.entries_on(on)),
                allowed=allowed,
            )
        except RestProblem as problem:
            raise UserError(str(problem)) from None
        if cancel:
            transaction.remove_record(REST_DAYS, on.isoformat(), key="date")
        else:
            assert run is not None  # (rest_days_used refuses a date outside a run)
            transaction.insert(
                REST_DAYS,
                {
                    "date": on.isoformat(),
                    "run_id": run.id,
                    "declared_at": snapshot.now.isoformat(),
                },
            )
        return used, allowed


def review(ctx: Context, run_number: int | None = None) -> Review:
    snapshot = ctx.read()
    ledger = snapshot.ledger
    if run_number is None:
        run = ledger.current_run
    else:
        run = next((r for r in ledger.runs if r.number == run_number), None)
    if run is None:
        known = ", ".join(str(r.number) for r in ledger.runs)
        raise UserError(f"no run {run_number}; runs: {known}")
    return review_of(snapshot, run)


def review_of(snapshot: Snapshot, run: Run) -> Review:
    """The look back at one run, from a snapshot already read (no I/O)."""
    return review_rules.review_of(
        snapshot.ledger, run, snapshot.state.followups, snapshot.state.intention_for(run.id)
    )


CHECKIN_QUESTIONS = {
    "worked": "What worked this week?",
    "didnt": "What didn't work?",
    "gap": "What is the one gap to work on next week?",
}
