"""The records a person's history is made of, validated with pydantic."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rejection_therapy.core.outcomes import OUTCOME_SYMBOLS as TEXT_SYMBOLS

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

FearRating = Annotated[int, Field(ge=0, le=10)]

Difficulty = Annotated[int, Field(ge=1, le=5)]


class Record(BaseModel):
    """Stored records ignore keys they do not know, so newer files stay readable."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Run(Record):
    """One challenge of `length` days from `start`."""

    id: str
    number: int = Field(ge=1)
    start: date
    length: int = Field(ge=1)
    packs: list[str] | None = None
    created_at: datetime
    ended_on: date | None = None

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


class Entry(Record):
    """One logged ask with its outcome."""

    id: str
    run_id: str
    date: date
    outcome: Outcome
    ask_text: str
    ask_id: str | None = None
    pack: str | None = None
    difficulty: Difficulty = DEFAULT_DIFFICULTY
    category: str = ""
    own: bool = False
    note: str = ""
    """What happened."""
    learned: str = ""
    """Reflection: what I learned."""
    next_time: str = ""
    """Reflection: what I'll try next time."""
    fear_before: FearRating | None = None
    fear_after: FearRating | None = None
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


class FollowUp(Record):
    """A due-dated next step born from an entry (a thank-you note, a feedback ask)."""

    id: str
    entry_id: str
    text: str
    due: date
    created_at: datetime
    done_at: datetime | None = None


class CheckIn(Record):
    """The weekly three questions."""

    id: str
    run_id: str
    date: date
    worked: str
    didnt: str
    gap: str
    created_at: datetime


class Intention(Record):
    """ "If I do ___, then ___ will happen", one per run."""

    run_id: str
    text: str
    set_at: datetime


class DailyAsk(Record):
    """The ask a run assigned to one date, fixed once first read."""

    run_id: str
    date: date
    ask_id: str
    text: str
    pack: str
    difficulty: Difficulty
    category: str = ""
    tip: str = ""
    why_prompt: str = ""
    safety: str = ""
    swapped_away: list[str] = Field(default_factory=list)


class EarnedBadge(Record):
    """A badge as earned: kept with its date even if the rules change later."""

    badge_id: str
    earned_at: datetime
    date: date
    entry_id: str | None = None


class Settings(BaseModel):
    """What the person can change with `rejection-therapy config`."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    timezone: str = "UTC"
    """The IANA time zone days are counted in (saved at first run; SSH hosts are often UTC)."""
    rollover_hour: int = Field(default=4, ge=0, le=23)
    """The local hour a new challenge day begins: an ask at 01:30 counts for the day before."""
    run_length: int = Field(default=DEFAULT_RUN_LENGTH, ge=1, le=1000)
    """How many days a new run lasts."""
    theme: Literal["dark", "light"] = "dark"
    """The TUI's colour theme."""
    pending_days: int = Field(default=14, ge=1, le=365)
    """After this many days a pending ask is offered as "no answer counts as a no"."""
    rest_days_per_run: int = Field(default=4, ge=0, le=100)
    """How many rest days a run may have (declared in advance)."""
    excluded_tags: list[str] = Field(default_factory=list)
    """Asks carrying any of these tags are never drawn (e.g. costs-money, in-person)."""
    disabled_packs: list[str] = Field(default_factory=list)
    """Packs that feed no daily asks (changed with `packs enable/disable`)."""
    pack_weights: dict[str, float] = Field(default_factory=dict)
    """How often a pack's asks are drawn relative to others (default 1)."""
    retired_asks: list[str] = Field(default_factory=list)
    """Asks never to be drawn again, as `pack/ask-id` (changed with `never`)."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(
                f"unknown time zone {value!r}: use an IANA name such as Europe/Berlin"
            ) from error
        return value

    @field_validator("excluded_tags", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
