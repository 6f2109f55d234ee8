"""The records a person's history is made of: frozen, slotted dataclasses, standard
library only. Each is immutable (a change is a new record, `dataclasses.replace`) and
built by keyword, as its stored document names its values.

A record is built from checked values: storage/documents.py reads a stored document into
one (plain checks first, the pydantic schema in storage/schemas.py when they fail), and
checks every document before it is written. Building a record here checks nothing, so
core code that builds one passes values it already owns (dates, aware instants).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from rejection_therapy.core.outcomes import OUTCOME_SYMBOLS as TEXT_SYMBOLS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rejection_therapy.core.situation import Situation

Day = date
"""A calendar day (the name a record whose field is called `date` can still use)."""
DEFAULT_RUN_LENGTH = 100
DEFAULT_DIFFICULTY = 2


class Outcome(StrEnum):
    """What happened when the person made the ask."""

    NO = "no"
    YES = "yes"
    WHY = "why"
    PENDING = "pending"


ANSWERS = (Outcome.NO, Outcome.YES, Outcome.WHY)
"""The outcomes that close an ask (a pending one waits for one of these)."""

OUTCOME_SYMBOLS = {Outcome(name): symbol for name, symbol in TEXT_SYMBOLS.items()}
OUTCOME_WORDS = {
    Outcome.NO: "rejected",
    Outcome.YES: "accepted",
    Outcome.WHY: "turned by why",
    Outcome.PENDING: "awaiting an answer",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """One challenge of `length` days from `start`."""

    id: str
    number: int
    start: date
    length: int
    packs: list[str] | None = None
    created_at: datetime
    ended_on: date | None = None
    updated_at: datetime | None = None
    """When it last changed (ended early, or lengthened by a merge): the newer copy wins."""
    joined_into: str | None = None
    """Set when a merge joined this run into an overlapping one: kept so that every later
    merge, from any side, joins it the same way (storage/normalize.py)."""

    @property
    def changed_at(self) -> datetime:
        return self.updated_at or self.created_at

    def covers(self, on: date) -> bool:
        """Whether `on` is one of this run's days."""
        return self.start <= on <= self.last_date

    @property
    def days(self) -> int:
        """How many days the run has (fewer when it was ended early)."""
        return (self.last_date - self.start).days + 1

    @property
    def last_date(self) -> date:
        natural = self.start + timedelta(days=self.length - 1)
        if self.ended_on is not None:
            return min(natural, self.ended_on)
        return natural


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One logged ask with its outcome."""

    id: str
    run_id: str
    date: date
    outcome: Outcome
    ask_text: str
    ask_id: str | None = None
    pack: str | None = None
    difficulty: int = DEFAULT_DIFFICULTY
    category: str = ""
    own: bool = False
    note: str = ""
    """What happened."""
    learned: str = ""
    """Reflection: what I learned."""
    next_time: str = ""
    """Reflection: what I'll try next time."""
    fear_before: int | None = None
    fear_after: int | None = None
    toolbox_tip: str | None = None
    """The coaching tip offered after this no, so the next one can differ."""
    resolved_at: datetime | None = None
    """When a pending ask got its answer."""
    asked_why: bool = False
    late: bool = False
    created_at: datetime
    updated_at: datetime
    seq: int = 0
    """Order of creation in this history: breaks ties between equal instants."""
    kind: Literal["application"] | None = None
    """What the ask was: a job application's no is a rejection event (see Event)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUp:
    """A due-dated next step born from an entry (a thank-you note, a feedback ask)."""

    id: str
    entry_id: str
    text: str
    due: date
    created_at: datetime
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckIn:
    """The weekly three questions."""

    id: str
    run_id: str
    date: date
    worked: str
    didnt: str
    gap: str
    created_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Something that happened to the person (a rejection, an interview, an offer): the
    asks that follow such an event are offered beside the daily ask around its date."""

    id: str
    kind: Literal["rejection", "interview", "offer"]
    date: date
    created_at: datetime
    entry_id: str | None = None
    """The entry whose answer was this event (a pending application resolved as no)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Intention:
    """ "If I do ___, then ___ will happen", one per run."""

    run_id: str
    text: str
    set_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class DailyAsk:
    """The ask a run assigned to one date, fixed once first read."""

    run_id: str
    date: date
    ask_id: str
    text: str
    pack: str
    difficulty: int
    category: str = ""
    tip: str = ""
    why_prompt: str = ""
    safety: str = ""
    swapped_away: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    rung_shift: int = 0
    """The ladder's move for this day (core/ladder.py): -1 gentler, +1 bolder."""
    shift_since: Day | None = None
    """The day that move began (it lasts three days)."""
    ladder_note: str = ""
    """Said on the day the ladder moved."""
    pool_note: str = ""
    """Said when the asks left cannot carry the run without a repeat or a jump."""
    who: str | None = None
    push: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class EarnedBadge:
    """A badge as earned: kept with its date even if the rules change later."""

    badge_id: str
    earned_at: datetime
    date: date
    entry_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RestDay:
    """A day declared in advance that pauses the streak."""

    date: date
    run_id: str | None = None
    declared_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Tombstone:
    """An entry that was deleted, so that a merge never brings it back."""

    id: str
    deleted_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """What the person can change with `rejection-therapy config` (storage/schemas.py
    holds the rules each value is checked against)."""

    timezone: str = "UTC"
    """The IANA time zone days are counted in (saved at first run; SSH hosts are often UTC)."""
    rollover_hour: int = 4
    """The local hour a new challenge day begins: an ask at 01:30 counts for the day before."""
    run_length: int = DEFAULT_RUN_LENGTH
    """How many days a new run lasts."""
    theme: Literal["dark", "light"] = "dark"
    """The TUI's colour theme."""
    pending_days: int = 14
    """After this many days a pending ask is offered as "no answer counts as a no"."""
    rest_days_per_run: int = 4
    """How many rest days a run may have (declared in advance)."""
    excluded_tags: list[str] = field(default_factory=list)
    """Asks carrying any of these tags are never drawn (e.g. costs-money, in-person)."""
    disabled_packs: list[str] = field(default_factory=list)
    """Packs that feed no daily asks (changed with `packs enable/disable`)."""
    pack_weights: dict[str, float] = field(default_factory=dict)
    """How often a pack's asks are drawn relative to others (default 1)."""
    retired_asks: list[str] = field(default_factory=list)
    """Asks never to be drawn again, as `pack/ask-id` (changed with `never`)."""
    profile: dict[str, str | bool] = field(default_factory=dict)
    """The person's situation: `goal` and yes/no answers (core/situation.py). An answer left
    out counts as yes; the situation never leaves the home (no snapshot shows it)."""
    profile_asked: bool = False
    """The situation questions were put once (answered or skipped): the TUI asks no more."""

    @property
    def situation(self) -> Situation:
        from rejection_therapy.core.situation import Situation

        return Situation.from_profile(self.profile)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
