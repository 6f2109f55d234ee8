"""Today's view: the day, its ask, its entries and the streak, as one record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rejection_therapy.core.ledger import Ledger, RunProgress
from rejection_therapy.core.models import DailyAsk, Entry, FollowUp
from rejection_therapy.packs.coaching import tip_text
from rejection_therapy.service.asks import draw, ensure_daily_ask, swap_daily_ask, swap_draw
from rejection_therapy.service.coaching import (
    checkin_due,
    current_gap,
    followups,
    stale_pending,
)
from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.events import offers
from rejection_therapy.service.snapshot import Snapshot
from rejection_therapy.storage.records import DAILY_ASKS, to_document
from rejection_therapy.storage.status_record import read_status
from rejection_therapy.views import ask_json, entry_json, followup_json

if TYPE_CHECKING:
    from rejection_therapy.shapes import DayView, OfferView, PlannedDay

NEW_DAY = "new-day"
SWAP = "swap"
PLAN_DAYS = 7
"""How many days ahead the record plans: a week of quick `today`s between full writes."""


@dataclass
class TodayView:
    """What the person needs to act today."""

    snapshot: Snapshot
    progress: RunProgress | None
    ask: DailyAsk | None
    entries: list[Entry]
    swapped: bool
    followups_due: list[FollowUp] = field(default_factory=list)
    stale_pending: list[Entry] = field(default_factory=list)
    checkin_due: bool = False
    gap: str = ""
    offers: list[OfferView] = field(default_factory=list)

    @property
    def ledger(self) -> Ledger:
        return self.snapshot.ledger

    @property
    def in_run(self) -> bool:
        return self.progress is not None and self.progress.started and not self.progress.complete


def latest_tip(view: TodayView) -> str | None:
    """The toolbox tip offered after today's latest no."""
    tipped = [e for e in view.entries if e.toolbox_tip]
    return tip_text(tipped[-1].toolbox_tip) or None if tipped else None


def day_record(view: TodayView) -> DayView:
    """The day as the status record keeps it: what `today` shows, in its JSON shapes."""
    ledger = view.ledger
    progress = view.progress
    return {
        "date": view.snapshot.today.isoformat(),
        "run_start": progress.run.start.isoformat() if progress else None,
        "next_run": ledger.next_run.number if ledger.next_run else None,
        "ask": ask_json(view.ask),
        "swapped": view.swapped,
        "entries": [entry_json(e, ledger) for e in view.entries],
        "followups_due": [followup_json(f) for f in view.followups_due],
        "tip": latest_tip(view),
        "gap": view.gap or None,
        "checkin_due": view.checkin_due,
        "stale_pending": [entry_json(e, ledger) for e in view.stale_pending],
        "intention_missing": bool(
            progress and view.snapshot.state.intention_for(progress.run.id) is None
        ),
        "offers": view.offers,
        "ladder_note": view.ask.ladder_note if view.ask else "",
        "rung_shift": view.ask.rung_shift if view.ask else 0,
        "pool_note": view.ask.pool_note if view.ask else "",
        "profile_unasked": not view.snapshot.settings.profile_asked
        and not view.snapshot.settings.profile,
    }


def today(ctx: Context, swap: bool = False) -> TodayView:
    """Today's ask, drawn and stored on first read (and swapped once when asked)."""
    snapshot = ctx.read(keep_for_change=True)
    progress = snapshot.ledger.current
    needs_write = swap or (
        progress is not None
        and progress.started
        and not progress.complete
        and snapshot.state.daily_ask(progress.run.id, snapshot.today) is None
    )
    if needs_write:
        with ctx.change(reuse=snapshot) as (transaction, snapshot):
            progress = snapshot.ledger.current
            if progress is None or not progress.started or progress.complete:
                raise UserError("there is no ask to swap: today is not a day of a run")
            run = progress.run
            if swap:
                swap_daily_ask(ctx, transaction, snapshot, run, snapshot.today)
            else:
                ensure_daily_ask(ctx, transaction, snapshot, run, snapshot.today)
    else:
        snapshot.kept = None  # no change follows: let the read go
        if read_status(str(ctx.paths.home)) is None:
            ctx.rebuild_status()  # so the next `today` and `streak` answer from it at once
    return day_view(ctx, snapshot)


def day_view(ctx: Context, snapshot: Snapshot) -> TodayView:
    """Today as stored (the ask is not drawn here)."""
    progress = snapshot.ledger.current
    ask = snapshot.state.daily_ask(progress.run.id, snapshot.today) if progress else None
    return TodayView(
        snapshot=snapshot,
        progress=progress,
        ask=ask,
        entries=snapshot.ledger.entries_on(snapshot.today),
        swapped=bool(ask and ask.swapped_away),
        followups_due=followups(ctx, snapshot).due,
        stale_pending=stale_pending(snapshot),
        checkin_due=checkin_due(snapshot),
        gap=current_gap(snapshot),
        offers=offers(ctx, snapshot),
    )


def status_today(
    ctx: Context, snapshot: Snapshot, data: dict[str, Any]
) -> tuple[DayView, int | None, list[PlannedDay]]:
    """Today's view, its ask's document id, and the writes planned ahead: today's swap
    (or today's first `today` when its ask is still to be drawn), and tomorrow's first
    `today` with its swap. They are worked out by the same draw and day view the
    commands use, so the quick `today` commits one as it is without loading the
    history (fastpath/plans.py); a plan holds only while nothing but a quick write has
    changed the data since (the status record's stamp)."""
    day = day_record(day_view(ctx, snapshot))
    if ctx.set_aside_packs():
        return day, None, []  # the full service warns of them each time
    next_id = max(map(int, data.get(DAILY_ASKS) or {}), default=0) + 1
    today_ask = _drawn(ctx, snapshot)
    if today_ask is not None:
        doc_id, insert_id = _daily_ask_ids(data, today_ask.run_id, today_ask.date.isoformat())
        swap = [] if today_ask.swapped_away else [_swap_plan(ctx, snapshot, today_ask, insert_id)]
        return day, doc_id, swap + _days_ahead(ctx, snapshot, next_id)
    first, drawn = _first_today(ctx, snapshot, next_id, view_outside_run=False)
    if drawn is not snapshot:
        next_id += 1
    return day, None, first + _days_ahead(ctx, drawn, next_id)


def _days_ahead(ctx: Context, snapshot: Snapshot, next_id: int) -> list[PlannedDay]:
    """The first `today` of each of the next PLAN_DAYS days (and its swap), each drawn as
    if every day before it had been opened and its ask kept: a quick `today` commits a
    day's plan only when no earlier day's draw is still waiting (fastpath/plans.py)."""
    ahead: list[PlannedDay] = []
    for _ in range(PLAN_DAYS):
        day = snapshot.seen_on(snapshot.today + timedelta(days=1))
        first, snapshot = _first_today(ctx, day, next_id)
        if not first:
            break  # an ask already stored for that day: nothing to plan from here
        ahead.extend(first)
        if snapshot is not day:
            next_id += 1  # a drawn ask took the id
    return ahead


def _first_today(
    ctx: Context, snapshot: Snapshot, next_id: int, *, view_outside_run: bool = True
) -> tuple[list[PlannedDay], Snapshot]:
    """The day's first `today`, and the swap after it: a drawn ask (stored as document
    `next_id`), or only the view of a day outside a run (not needed for today: the
    record's day is that view). With the snapshot after it (the same one when nothing
    is drawn)."""
    progress = snapshot.ledger.current
    if progress is None or not progress.started or progress.complete:
        if not view_outside_run:
            return [], snapshot
        return [_plan(NEW_DAY, day_view(ctx, snapshot), None, None, None)], snapshot
    if snapshot.state.daily_ask(progress.run.id, snapshot.today) is not None:
        return [], snapshot  # drawn already: there is no first `today` to plan
    ask = draw(ctx, snapshot, progress.run, snapshot.today, swapped_away=[])
    drawn = snapshot.with_daily_asks([*snapshot.state.daily_asks, ask])
    # Its swap removes the new ask (the largest id) and so gives the same id again.
    return [
        _plan(NEW_DAY, day_view(ctx, drawn), ask, None, next_id),
        _swap_plan(ctx, drawn, ask, next_id),
    ], drawn


def _drawn(ctx: Context, snapshot: Snapshot) -> DailyAsk | None:
    progress = snapshot.ledger.current
    if progress is None or not progress.started or progress.complete:
        return None
    return snapshot.state.daily_ask(progress.run.id, snapshot.today)


def _swap_plan(
    ctx: Context, snapshot: Snapshot, current: DailyAsk, insert_id: int | None
) -> PlannedDay:
    run = next(run for run in snapshot.state.runs if run.id == current.run_id)
    replacement = swap_draw(ctx, snapshot, run, current)
    kept = [ask for ask in snapshot.state.daily_asks if ask is not current]
    swapped = snapshot.with_daily_asks([*kept, replacement])
    return _plan(SWAP, day_view(ctx, swapped), replacement, current, insert_id)


def _plan(
    kind: str,
    view: TodayView,
    insert: DailyAsk | None,
    remove: DailyAsk | None,
    insert_id: int | None,
) -> PlannedDay:
    return {
        "kind": kind,
        "date": view.snapshot.today.isoformat(),
        "day": day_record(view),
        "insert": to_document(insert) if insert is not None else None,
        "remove": to_document(remove) if remove is not None else None,
        "insert_id": insert_id,
    }


def _daily_ask_ids(data: dict[str, Any], run_id: str, on: str) -> tuple[int | None, int]:
    """The document id of the run's ask for `on`, and the id the service gives the ask that
    replaces it (one more than the largest id left once it is removed: storage/transaction)."""
    found = None
    others = []
    for doc_id, document in (data.get(DAILY_ASKS) or {}).items():
        if found is None and document.get("run_id") == run_id and document.get("date") == on:
            found = int(doc_id)
        else:
            others.append(int(doc_id))
    return found, max(others, default=0) + 1
