"""Streaks and freezes, derived from done dates and the clock (never stored counters).

Standard library only: the fast `streak` command imports this module directly.

Rules, walked day by day from the first run's start to today:
- a done day (at least one entry) adds one to the streak;
- a rest day (declared in advance, no entry) pauses it: neither adds nor breaks;
- a missed day is covered by a held freeze when there is one (shown as frozen: the
  streak survives but does not grow), otherwise the streak breaks;
- one freeze is earned for every 7 done days in a streak (the count restarts after each
  one earned, and when the streak breaks); at most 2 are held;
- today, while still open, neither adds nor breaks: the streak is "at risk";
- a day that belongs to no run (between one run's end and the next one's start) is
  neutral, like a rest day: neither adds nor breaks, and is never "at risk".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

DONE_DAYS_PER_FREEZE = 7
MAX_FREEZES = 2

DONE = "done"
FROZEN = "frozen"
MISSED = "missed"
REST = "rest"
OPEN = "open"
BETWEEN = "between"


class StreakSummary:
    """Where the person stands today, plus how each past day was counted.

    A plain class rather than a dataclass: the fast `streak` path avoids that import.
    """

    def __init__(self) -> None:
        self.current = 0
        self.best = 0
        self.freezes = 0
        self.today_done = False
        self.today_rest = False
        self.marks: dict[date, str] = {}
        self.freezes_used = 0
        self.today_in_run = True

    @property
    def at_risk(self) -> bool:
        """Today is still open, inside a run, while a streak is running."""
        return (
            not self.today_done and not self.today_rest and self.today_in_run and self.current > 0
        )


def summarize_streak(
    first_date: date | None,
    today: date,
    done_dates: Iterable[date],
    rest_dates: Iterable[date] = (),
    run_spans: Sequence[tuple[date, date]] | None = None,
) -> StreakSummary:
    """Walk every day from `first_date` to `today` and count the streak and freezes.

    `run_spans` (first and last date of each run) marks the days between runs as
    neutral; without it every day from `first_date` counts.
    """
    done = set(done_dates)
    rest = set(rest_dates) - done
    spans = list(run_spans) if run_spans is not None else None

    def in_a_run(day: date) -> bool:
        return spans is None or any(start <= day <= last for start, last in spans)

    summary = StreakSummary()
    if first_date is None or first_date > today:
        summary.today_done = today in done
        return summary
    toward_freeze = 0
    day = first_date
    one_day = timedelta(days=1)
    while day <= today:
        if day in done:
            summary.marks[day] = DONE
            summary.current += 1
            summary.best = max(summary.best, summary.current)
            toward_freeze += 1
            if toward_freeze == DONE_DAYS_PER_FREEZE:
                toward_freeze = 0
                summary.freezes = min(MAX_FREEZES, summary.freezes + 1)
        elif day in rest:
            summary.marks[day] = REST
        elif not in_a_run(day):
            summary.marks[day] = BETWEEN
        elif day == today:
            summary.marks[day] = OPEN
        elif summary.freezes > 0:
            summary.marks[day] = FROZEN
            summary.freezes -= 1
            summary.freezes_used += 1
        else:
            summary.marks[day] = MISSED
            summary.current = 0
            toward_freeze = 0
        day += one_day
    summary.today_done = today in done
    summary.today_rest = today in rest
    summary.today_in_run = in_a_run(today)
    return summary
