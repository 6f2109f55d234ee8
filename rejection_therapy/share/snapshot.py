"""The data every snapshot format renders: counts, the grid, streaks, level and badges.

Private by default: no notes, no ask texts, no paths, user or host names. Ask texts and
notes come in only when the person opts in, and the snapshot says so.
"""

from __future__ import annotations

from typing import Any

from rejection_therapy.core.badges import BADGES_BY_ID
from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import EarnedBadge, Entry, Run

SNAPSHOT_VERSION = 1


def run_to_share(ledger: Ledger) -> Run | None:
    """The run a person means by "my run": the current one, except that a run just finished
    stays the one shared until the run after it has its first entry (the day after day 100,
    the new run is an empty grid nobody wants to post)."""
    current = ledger.current_run
    if current is None or ledger.entries_of_run(current):
        return current
    finished = [
        run for run in ledger.runs if run.number < current.number and run.last_date < ledger.today
    ]
    return finished[-1] if finished else current


def run_complete(ledger: Ledger, run: Run, entries: list[Entry]) -> bool:
    """Every day of the run is behind the person, or it is the last day and it is done."""
    last = run.last_date
    return ledger.today > last or (
        ledger.today == last and any(entry.date == last for entry in entries)
    )


def build_snapshot(
    ledger: Ledger,
    badges: list[EarnedBadge],
    run: Run | None = None,
    include_asks: bool = False,
    include_notes: bool = False,
) -> dict[str, Any]:
    """A plain, JSON-ready picture of one run (the one `run_to_share` picks unless `run` is
    given)."""
    run = run or run_to_share(ledger)
    if run is None:
        raise ValueError("no run to share")
    entries = ledger.entries_of_run(run)
    length = run.days
    day = min(max((ledger.today - run.start).days + 1, 0), length)
    snapshot: dict[str, Any] = {
        "snapshot_version": SNAPSHOT_VERSION,
        "date": ledger.today.isoformat(),
        "run": {
            "number": run.number,
            "start": run.start.isoformat(),
            "length": length,
            "day": day,
            "complete": run_complete(ledger, run, entries),
        },
        "streak": {
            "current": ledger.streak.current,
            "best": ledger.streak.best,
            "freezes": ledger.streak.freezes,
        },
        "counts": ledger.counts(entries),
        "level": {"level": ledger.level.level, "xp": ledger.level.xp},
        "grid": [mark for _day, _date, mark in ledger.day_marks(run)],
        "badges": [
            {
                "id": badge.badge_id,
                "name": BADGES_BY_ID[badge.badge_id].name,
                "icon": BADGES_BY_ID[badge.badge_id].icon,
                "earned_on": badge.date.isoformat(),
            }
            for badge in sorted(badges, key=lambda b: (b.date, b.badge_id))
            if badge.badge_id in BADGES_BY_ID
        ],
        "includes": {"asks": include_asks, "notes": include_notes},
    }
    if include_asks or include_notes:
        snapshot["entries"] = [
            {
                "date": entry.date.isoformat(),
                "day": (entry.date - run.start).days + 1,
                "outcome": entry.outcome.value,
                **({"ask": entry.ask_text} if include_asks else {}),
                **({"note": entry.note} if include_notes else {}),
            }
            for entry in entries
        ]
    return snapshot
