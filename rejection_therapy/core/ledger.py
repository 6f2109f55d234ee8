"""Everything derived from a person's history at one moment: days, streak, XP, badges.

A Ledger is computed, never stored, so nothing in it can drift from the entries.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from rejection_therapy.core.badges import BadgeProgress, badge_progress
from rejection_therapy.core.days import day_number
from rejection_therapy.core.models import Entry, Outcome, Run
from rejection_therapy.core.scoring import Level, entry_xp, level_for
from rejection_therapy.core.streaks import (
    FROZEN,
    FUTURE,
    MISSED,
    REST,
    TODAY,
    StreakSummary,
    summarize_streak,
)
from rejection_therapy.core.tally import EntryTally, badge_metrics, covered_days


@dataclass
class RunProgress:
    """One run as seen today."""

    run: Run
    today: date

    @property
    def day(self) -> int:
        """Today's day number, kept within 1..length (0 before the run starts)."""
        if self.today < self.run.start:
            return 0
        return min(day_number(self.run.start, self.today), self.length)

    @property
    def length(self) -> int:
        return self.run.days

    @property
    def complete(self) -> bool:
        """Every day of the run is behind the person."""
        return self.today > self.run.last_date

    @property
    def started(self) -> bool:
        return self.today >= self.run.start


@dataclass
class Ledger:
    """Derived state of the whole history at `today`."""

    today: date
    runs: list[Run]
    entries: list[Entry]
    rest_dates: set[date] = field(default_factory=set)
    followups_done: int = 0
    checkins: int = 0
    xp_by_entry: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.runs = sorted(self.runs, key=lambda run: run.number)
        self.entries = sorted(self.entries, key=lambda e: (e.date, e.created_at, e.seq, e.id))
        self.xp_by_entry = _xp_by_entry(self.entries)

    @cached_property
    def streak(self) -> StreakSummary:
        first = min((run.start for run in self.runs), default=None)
        spans = [(run.start, run.last_date) for run in self.runs]
        return summarize_streak(first, self.today, self.done_dates, self.rest_dates, spans)

    def seen_on(self, day: date) -> Ledger:
        """The same history seen from another day: only the streak depends on the day, so
        the sorted entries, their XP and indexes are shared (planning a week ahead costs no
        re-sort)."""
        other = copy.copy(self)
        other.today = day
        other.__dict__.pop("streak", None)
        return other

    @cached_property
    def _by_date(self) -> dict[date, list[Entry]]:
        found: dict[date, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            found[entry.date].append(entry)
        return found

    @cached_property
    def pending(self) -> list[Entry]:
        """Entries still waiting for an answer, in history order."""
        return [entry for entry in self.entries if entry.outcome is Outcome.PENDING]

    @property
    def done_dates(self) -> set[date]:
        return {entry.date for entry in self.entries}

    @property
    def current_run(self) -> Run | None:
        """The latest run that has started, else the next one to start."""
        started = [run for run in self.runs if run.start <= self.today]
        if started:
            return started[-1]
        return self.runs[0] if self.runs else None

    @property
    def next_run(self) -> Run | None:
        """A run set to begin after today, if one is."""
        return next((run for run in self.runs if run.start > self.today), None)

    @property
    def current(self) -> RunProgress | None:
        run = self.current_run
        return RunProgress(run, self.today) if run else None

    def run_containing(self, on: date) -> Run | None:
        """The run a date belongs to (the latest started run that covers it)."""
        for run in reversed(self.runs):
            if run.covers(on):
                return run
        return None

    def entries_on(self, on: date) -> list[Entry]:
        return list(self._by_date.get(on, ()))

    def entries_of_run(self, run: Run) -> list[Entry]:
        return [entry for entry in self.entries if entry.run_id == run.id]

    @property
    def total_xp(self) -> int:
        return sum(self.xp_by_entry.values())

    @property
    def level(self) -> Level:
        return level_for(self.total_xp)

    def counts(self, entries: Iterable[Entry] | None = None) -> dict[str, int]:
        """How many entries of each outcome."""
        tally = {outcome.value: 0 for outcome in Outcome}
        for entry in self.entries if entries is None else entries:
            tally[entry.outcome.value] += 1
        return tally

    def day_marks(self, run: Run) -> list[tuple[int, date, str]]:
        """Each day of a run with how it counted: an outcome, frozen, rest, missed, today, future."""
        by_date: dict[date, list[Entry]] = defaultdict(list)
        for entry in self.entries_of_run(run):
            by_date[entry.date].append(entry)
        marks = []
        length = run.days
        for offset in range(length):
            on = run.start + timedelta(days=offset)
            marks.append((offset + 1, on, self._mark_for(on, by_date.get(on, []))))
        return marks

    def _mark_for(self, on: date, entries: list[Entry]) -> str:
        if entries:
            outcomes = {entry.outcome for entry in entries}
            for outcome in (Outcome.WHY, Outcome.NO, Outcome.YES, Outcome.PENDING):
                if outcome in outcomes:
                    return outcome.value
        if on in self.rest_dates:
            return REST
        if on > self.today:
            return FUTURE
        mark = self.streak.marks.get(on)
        if on == self.today:
            return REST if mark == REST else TODAY
        return mark if mark in {FROZEN, REST} else MISSED

    def covered_days(self, run: Run) -> int:
        """Days of a run that count toward completion: done, frozen or rest."""
        return covered_days(self.streak, run.start, run.last_date, self.today)

    def tally(self) -> EntryTally:
        """The entry counts badges are measured by, folded in history order."""
        tally = EntryTally()
        for entry in self.entries:
            tally.add(entry)
        return tally

    def metrics(self) -> dict[str, int]:
        """The numbers badges are measured by."""
        runs = [(run.start, run.last_date, run.ended_on is not None) for run in self.runs]
        return badge_metrics(
            self.tally(), self.streak, runs, self.today, self.checkins, self.followups_done
        )

    def fear_trend(self, run: Run) -> list[dict[str, float | int | None]]:
        """Mean fear before and after, per week of a run: the evidence that exposure works."""
        weeks: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for entry in self.entries_of_run(run):
            week = (entry.date - run.start).days // 7 + 1
            if entry.fear_before is not None:
                weeks[week][0].append(entry.fear_before)
            if entry.fear_after is not None:
                weeks[week][1].append(entry.fear_after)
        return [
            {"week": week, "before": _mean(before), "after": _mean(after)}
            for week, (before, after) in sorted(weeks.items())
            if before or after
        ]

    def badge_progress(self) -> list[BadgeProgress]:
        return badge_progress(self.metrics())


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _xp_by_entry(entries: list[Entry]) -> dict[str, int]:
    """XP of every entry; entries must be sorted by date then creation."""
    ordinal: dict[date, int] = defaultdict(int)
    result = {}
    for entry in entries:
        ordinal[entry.date] += 1
        result[entry.id] = entry_xp(
            entry.outcome.value, entry.difficulty, entry.asked_why, ordinal[entry.date]
        )
    return result
