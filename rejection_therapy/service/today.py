"""Today's view: the day, its ask, its entries and the streak, as one record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rejection_therapy.core.ledger import Ledger, RunProgress
from rejection_therapy.core.models import DailyAsk, Entry, FollowUp
from rejection_therapy.packs.coaching import tip_text
from rejection_therapy.service.base import Snapshot
from rejection_therapy.service.coaching import CoachingMixin
from rejection_therapy.service.errors import UserError
from rejection_therapy.storage.status_record import read_status
from rejection_therapy.views import ask_json, entry_json, followup_json

if TYPE_CHECKING:
    from rejection_therapy.shapes import DayView, OfferView


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


class TodayMixin(CoachingMixin):
    """`rejection-therapy today` and the TUI's Today screen."""

    def today(self, swap: bool = False) -> TodayView:
        """Today's ask, drawn and stored on first read (and swapped once when asked)."""
        snapshot = self.read(keep_for_change=True)
        progress = snapshot.ledger.current
        needs_write = swap or (
            progress is not None
            and progress.started
            and not progress.complete
            and snapshot.state.daily_ask(progress.run.id, snapshot.today) is None
        )
        if needs_write:
            with self.change(reuse=snapshot) as (transaction, snapshot):
                progress = snapshot.ledger.current
                if progress is None or not progress.started or progress.complete:
                    raise UserError("there is no ask to swap: today is not a day of a run")
                run = progress.run
                if swap:
                    self.swap_daily_ask(transaction, snapshot, run, snapshot.today)
                else:
                    self.ensure_daily_ask(transaction, snapshot, run, snapshot.today)
        else:
            snapshot.kept = None  # no change follows: let the read go
            if read_status(str(self.paths.home)) is None:
                self.rebuild_status()  # so the next `today` and `streak` answer from it at once
        return self.day_view(snapshot)

    def day_view(self, snapshot: Snapshot) -> TodayView:
        """Today as stored (the ask is not drawn here)."""
        progress = snapshot.ledger.current
        ask = snapshot.state.daily_ask(progress.run.id, snapshot.today) if progress else None
        return TodayView(
            snapshot=snapshot,
            progress=progress,
            ask=ask,
            entries=snapshot.ledger.entries_on(snapshot.today),
            swapped=bool(ask and ask.swapped_away),
            followups_due=self.followups(snapshot).due,
            stale_pending=self.stale_pending(snapshot),
            checkin_due=self.checkin_due(snapshot),
            gap=self.current_gap(snapshot),
            offers=self.offers(snapshot),
        )

    def status_day(self, snapshot: Snapshot) -> DayView | None:
        return day_record(self.day_view(snapshot))
