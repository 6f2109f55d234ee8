"""Today's view: the day, its ask, its entries and the streak, as one record."""

from __future__ import annotations

from dataclasses import dataclass, field

from rejection_therapy.core.ledger import Ledger, RunProgress
from rejection_therapy.core.models import DailyAsk, Entry, FollowUp
from rejection_therapy.service.base import Snapshot
from rejection_therapy.service.coaching import CoachingMixin
from rejection_therapy.service.errors import UserError


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

    @property
    def ledger(self) -> Ledger:
        return self.snapshot.ledger

    @property
    def in_run(self) -> bool:
        return self.progress is not None and self.progress.started and not self.progress.complete


class TodayMixin(CoachingMixin):
    """`rejection-therapy today` and the TUI's Today screen."""

    def today(self, swap: bool = False) -> TodayView:
        """Today's ask, drawn and stored on first read (and swapped once when asked)."""
        snapshot = self.read()
        progress = snapshot.ledger.current
        needs_write = swap or (
            progress is not None
            and progress.started
            and not progress.complete
            and snapshot.state.daily_ask(progress.run.id, snapshot.today) is None
        )
        if needs_write:
            with self.change() as (db, snapshot):
                progress = snapshot.ledger.current
                if progress is None or not progress.started or progress.complete:
                    raise UserError("there is no ask to swap: today is not a day of a run")
                run = progress.run
                if swap:
                    self.swap_daily_ask(db, snapshot, run, snapshot.today)
                else:
                    self.ensure_daily_ask(db, snapshot, run, snapshot.today)
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
        )
