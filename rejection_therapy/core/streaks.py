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

from datetime import date, timedelta

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

DONE_DAYS_PER_FREEZE = 7
MAX_FREEZES = 2

DONE = "done"
FROZEN = "frozen"
MISSED = "missed"
REST = "rest"
OPEN = "open"
BETWEEN = "between"
TODAY = "today"
FUTURE = "future"
"""How the Journey grid marks today and the days still to come."""


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


def _run_days(spans: Sequence[tuple[date, date]] | None) -> Callable[[date], bool]:
    """Whether a day belongs to a run, for days asked about in increasing order (and any
    day after those): the spans merged into sorted intervals, walked with one cursor."""
    if spans is None:
        return lambda _day: True
    merged: list[list[date]] = []
    for start, last in sorted(spans):
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([start, last])
    cursor = 0

    def in_a_run(day: date) -> bool:
        nonlocal cursor
        while cursor < len(merged) and merged[cursor][1] < day:
            cursor += 1
        return cursor < len(merged) and merged[cursor][0] <= day

    return in_a_run


def summarize_streak(
    first_date: date | None,
    today: date,
    done_dates: Iterable[date],
    rest_dates: Iterable[date] = (),
    run_spans: Sequence[tuple[date, date]] | None = None,
    resume: Sequence[Any] | None = None,
) -> StreakSummary:
    """Walk every day from `first_date` to `today` and count the streak and freezes.

    `run_spans` (first and last date of each run) marks the days between runs as
    neutral; without it every day from `first_date` counts. `resume`: the walk's state at
    the start of a day (`streak_state_at`), to walk on from there; the summary's marks
    then hold only the days from it on.
    """
    done = set(done_dates)
    rest = set(rest_dates) - done
    in_a_run = _run_days(list(run_spans) if run_spans is not None else None)
    summary = StreakSummary()
    if first_date is None or first_date > today:
        summary.today_done = today in done
        return summary
    day, toward_freeze = first_date, 0
    if resume is not None and first_date <= resume[0] <= today:
        day = resume[0]
        summary.current, summary.best, summary.freezes, summary.freezes_used = resume[1:5]
        toward_freeze = resume[5]
    _walk(summary, day, today, today, done, rest, in_a_run, toward_freeze)
    summary.today_done = today in done
    summary.today_rest = today in rest
    summary.today_in_run = in_a_run(today)
    return summary


def streak_state_at(
    first_date: date | None,
    day: date,
    done_dates: Iterable[date],
    rest_dates: Iterable[date] = (),
    run_spans: Sequence[tuple[date, date]] | None = None,
) -> tuple[date, int, int, int, int, int] | None:
    """The walk's state at the start of `day`, every earlier day judged as past: (day,
    current, best, freezes, freezes used, done days toward the next freeze). What
    `summarize_streak` resumes from, so a later `today` walks only the days since. None
    when the walk starts on or after `day`."""
    if first_date is None or first_date >= day:
        return None
    done = set(done_dates)
    rest = set(rest_dates) - done
    in_a_run = _run_days(list(run_spans) if run_spans is not None else None)
    summary = StreakSummary()
    toward = _walk(summary, first_date, day - timedelta(days=1), day, done, rest, in_a_run, 0)
    return day, summary.current, summary.best, summary.freezes, summary.freezes_used, toward


def _walk(
    summary: StreakSummary,
    day: date,
    last: date,
    today: date,
    done: set[date],
    rest: set[date],
    in_a_run: Callable[[date], bool],
    toward_freeze: int,
) -> int:
    """Judge the days from `day` to `last` into `summary`; the done days toward a freeze."""
    marks = summary.marks
    one_day = timedelta(days=1)
    while day <= last:
        if day in done:
            marks[day] = DONE
            summary.current += 1
            if summary.current > summary.best:
                summary.best = summary.current
            toward_freeze += 1
            if toward_freeze == DONE_DAYS_PER_FREEZE:
                toward_freeze = 0
                summary.freezes = min(MAX_FREEZES, summary.freezes + 1)
        elif day in rest:
            marks[day] = REST
        elif not in_a_run(day):
            marks[day] = BETWEEN
        elif day == today:
            marks[day] = OPEN
        elif summary.freezes > 0:
            marks[day] = FROZEN
            summary.freezes -= 1
            summary.freezes_used += 1
        else:
            marks[day] = MISSED
            summary.current = 0
            toward_freeze = 0
        day += one_day
    return toward_freeze
