"""The shapes that cross a boundary, written down once: JSON output and the status record.

Imported for type checking only (`if TYPE_CHECKING:`), so they cost the fast paths
nothing. The status record keeps `SHAPES_HASH` (storage/status_record.py), a digest of
these definitions: a release that changes one of them without changing the hash fails
tests/test_shapes.py, and a record written by other code is rebuilt rather than misread.
"""

from __future__ import annotations

from typing import TypedDict


class AskView(TypedDict):
    """A daily ask in `today --json` (`ask`)."""

    id: str
    text: str
    pack: str
    difficulty: int
    category: str
    tip: str
    why_prompt: str
    safety: str
    needs: list[str]
    via: list[str]
    tags: list[str]
    who: str | None
    push: bool


class EntryView(TypedDict):
    """An entry in `today --json`, `log --json` and `history --json`."""

    id: str
    date: str
    day: int | None
    run: int | None
    outcome: str
    ask: str
    ask_id: str | None
    pack: str | None
    difficulty: int
    own: bool
    asked_why: bool
    late: bool
    note: str
    learned: str
    next_time: str
    fear_before: int | None
    fear_after: int | None
    xp: int
    created_at: str
    updated_at: str


class FollowUpView(TypedDict):
    id: str
    entry_id: str
    text: str
    due: str
    done: bool


class OfferView(AskView):
    """An ask offered beside the daily ask because of an event (`today --json`'s `offers`);
    `log --offer KEY` logs it."""

    key: str
    after: str
    event_date: str


class DayView(TypedDict):
    """Today as the status record keeps it: what `today` shows."""

    date: str
    run_start: str | None
    next_run: int | None
    ask: AskView | None
    swapped: bool
    entries: list[EntryView]
    followups_due: list[FollowUpView]
    tip: str | None
    gap: str | None
    checkin_due: bool
    stale_pending: list[EntryView]
    intention_missing: bool
    offers: list[OfferView]
    ladder_note: str
    rung_shift: int
    pool_note: str
    profile_unasked: bool


class RunSpan(TypedDict):
    """A run as the status record keeps it."""

    number: int
    id: str
    start: str
    last: str
    length: int
    ended_early: bool


class StreakFacts(TypedDict):
    """`streak --json`."""

    current: int
    best: int
    day: int
    length: int
    run: int
    date: str
    today_done: bool
    rest_today: bool
    at_risk: bool
    freezes: int
    complete: bool
    next_run_starts: str | None


class EntryTotals(TypedDict):
    """The status record's fields folded over entries (core/summary.py)."""

    total_xp: int
    tally: dict[str, object]
    done_dates: list[str]
    last_tip: str | None
    max_seq: int
    latest_created_at: str
    run_folds: dict[str, RunFold]


class RunFold(TypedDict):
    """One run's entries folded (core/run_folds.py): counts in Outcome's order, a mark per
    day of the run (one character; a space: no entry), fear sums by week of the run
    ([before total, before count, after total, after count])."""

    counts: list[int]
    marks: str
    fear: dict[int, list[int]]


class PlannedDay(TypedDict):
    """A write the full service worked out ahead, for the quick `today` to commit as is:
    a new day's first `today` (`kind` "new-day": its drawn ask, or none when the day is
    not a day of a run) or the day's one swap (`kind` "swap"). `day` is the view after it;
    `insert` the daily ask document to add (None: nothing to write); `remove` the one it
    replaces; `insert_id` the document id the service gives the new one."""

    kind: str
    date: str
    day: DayView
    insert: dict[str, object] | None
    remove: dict[str, object] | None
    insert_id: int | None


class UndoPlan(TypedDict):
    """What undoing the entry the quick `log` just made puts back (fastpath/undo.py): its
    journal operations (the entry's insert, then its badges'), the record's values from
    before it, and whether its date was done before it."""

    date: str
    lines: list[dict[str, object]]
    restore: dict[str, object]
    drop_done: bool


class EntryDocs(TypedDict):
    """The entries of the record's day as stored, each as [document id, document]: what the
    quick `edit` rewrites (the day's entries only: the rest stay on disk)."""

    date: str
    docs: list[list[object]]


class StatusRecord(TypedDict):
    """What `streak`, `today` and `log` answer from (service/status.py builds it)."""

    version: int
    shapes: str
    stamp: list[int] | None
    generation: int
    file_current: bool
    next_op: int
    damaged: int
    timezone: str
    theme: str
    rollover_hour: int
    done_dates: list[str]
    rest_dates: list[str]
    runs: list[RunSpan]
    total_xp: int
    tally: dict[str, object]
    """Counts by name, plus `packs` (list of ids), `fear_firsts` and `fear_drop` (core/tally.py)."""
    earned_badges: list[str]
    checkins: int
    followups_done: int
    last_tip: str | None
    max_seq: int
    latest_created_at: str
    run_folds: dict[str, RunFold]
    """Each run's fold by run id (a run without an entry may have none)."""
    badges: list[list[str]]
    """Every earned badge record as [badge id, date], in stored order."""
    gap: str
    """The gap named in the latest weekly check-in ("" before the first)."""
    next_doc_ids: dict[str, int]
    day: DayView | None
    day_ask_doc: int | None
    """The document id of `day`'s daily ask (a quick swap removes it)."""
    plans: list[PlannedDay]
    packs_stamp: list[list[object]]
    """The pack files the plans were drawn from (path, modification time, size)."""
    undo: UndoPlan | None
    toolbox: list[list[object]]
    rest_days_allowed: int
    rest_docs: dict[str, list[list[object]]]
    """Each rest day's documents as stored, [document id, document] (a quick cancel removes them)."""
    entry_docs: EntryDocs | None
    """None when a document of the day is not as this code writes it (the full path edits)."""
    entry_ids: str
    entry_ids_file: str
    today_span: list[object] | None
    today_facts: list[object] | None
    streak_since: list[object] | None
    """[date, current, best, freezes, freezes used, toward a freeze]: the streak walk's state
    at the start of the record's day (core/streaks.py), so a summary walks only the days since."""
    """[challenge date, its StreakFacts]: what `streak` answers that day until a change."""
    """[challenge date, POSIX seconds it begins, ends]: today without loading the zone
    (fastpath/clock.py); None on a day the zone's clocks change."""
    """Every entry's id prefix, for telling whether an id prefix is unique (core/ids.py)."""


class BadgeView(TypedDict):
    """A badge in `log --json` (`badges_earned`) and `badges --json`."""

    id: str
    name: str
    description: str


class LevelView(TypedDict):
    """Lifetime XP and level (named total_xp so it never hides an entry's own xp)."""

    total_xp: int
    level: int
    xp_to_next_level: int


class CheckInView(TypedDict):
    id: str
    date: str
    worked: str
    didnt: str
    gap: str


class LogAnswer(EntryView, LevelView):
    """`log --json`: the new entry, what it earned and where the person stands now."""

    badges_earned: list[BadgeView]
    tip: str | None
    streak: StreakFacts
    rest_day_returned: bool
    only_yes_today: bool


class TodayAnswer(StreakFacts, LevelView):
    """`today --json`: the streak facts of now (also under `streak`), the day and the level."""

    streak: StreakFacts
    ask: AskView | None
    swapped: bool
    entries: list[EntryView]
    followups_due: list[FollowUpView]
    tip: str | None
    gap: str | None
    checkin_due: bool
    stale_pending: list[EntryView]
    offers: list[OfferView]
    ladder_note: str
    rung_shift: int
    pool_note: str


RECORD_SHAPES = (
    AskView,
    OfferView,
    EntryView,
    FollowUpView,
    DayView,
    RunSpan,
    StreakFacts,
    StatusRecord,
    PlannedDay,
    UndoPlan,
    EntryDocs,
)
"""Every shape the status record holds: SHAPES_HASH is computed over these."""
