"""The coaching rules that only read a history: pending asks gone stale, the weekly
check-in falling due, the gap named last, and the look back at a run. Pure: the service
and the TUI call them with what they have read (no I/O, no service)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rejection_therapy.core.ledger import Ledger, RunProgress
from rejection_therapy.core.models import CheckIn, Entry, FollowUp, Intention, Outcome, Run

CHECKIN_EVERY = 7
"""A check-in falls due on every 7th day of a run."""
HARDEST_SHOWN = 5


@dataclass
class Review:
    """The look back at a run."""

    run: Run
    entries: list[Entry]
    counts: dict[str, int]
    covered_days: int
    fear_trend: list[dict[str, float | int | None]]
    lessons: list[Entry]
    hardest: list[Entry]
    followups_done: int
    intention: Intention | None
    complete: bool


def stale_pending(pending: list[Entry], today: date, pending_days: int) -> list[Entry]:
    """Pending asks at least `pending_days` old: offered as "no answer counts as a no"."""
    return [entry for entry in pending if (today - entry.date).days >= pending_days]


def checkin_due(progress: RunProgress | None, checkins: list[CheckIn], today: date) -> bool:
    """Every 7th day of a run, until that day's check-in is answered."""
    if progress is None or not progress.started or progress.complete:
        return False
    if progress.day % CHECKIN_EVERY:
        return False
    return not any(checkin.date == today for checkin in checkins)


def current_gap(checkins: list[CheckIn]) -> str:
    """The gap named in the latest check-in ("" before the first)."""
    latest = max(checkins, key=lambda checkin: checkin.created_at, default=None)
    return latest.gap if latest else ""


def review_of(
    ledger: Ledger, run: Run, followups: list[FollowUp], intention: Intention | None
) -> Review:
    """The look back at one run."""
    entries = ledger.entries_of_run(run)
    run_ids = {entry.id for entry in entries}
    return Review(
        run=run,
        entries=entries,
        counts=ledger.counts(entries),
        covered_days=ledger.covered_days(run),
        fear_trend=ledger.fear_trend(run),
        lessons=[entry for entry in entries if entry.learned.strip()],
        hardest=sorted(
            (entry for entry in entries if entry.outcome in (Outcome.NO, Outcome.WHY)),
            key=lambda entry: (-entry.difficulty, entry.date),
        )[:HARDEST_SHOWN],
        followups_done=sum(1 for f in followups if f.done_at and f.entry_id in run_ids),
        intention=intention,
        complete=ledger.today > run.last_date,
    )
