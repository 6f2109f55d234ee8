"""The rules every stored value is checked against, as pydantic models: one per record of
core/models.py, field for field (tests/storage/test_documents.py keeps them equal).

storage/documents.py reads a document with plain checks first and comes here only when
they fail: pydantic then says exactly what is wrong, and storage/checks.py repairs what
has one sensible repair. `config set` checks a setting here too.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    field_validator,
)

from rejection_therapy.core import bounds, models
from rejection_therapy.core.models import DEFAULT_DIFFICULTY, DEFAULT_RUN_LENGTH, Outcome

FearRating = Annotated[StrictInt, Field(ge=bounds.MIN_FEAR, le=bounds.MAX_FEAR)]

Difficulty = Annotated[StrictInt, Field(ge=bounds.MIN_DIFFICULTY, le=bounds.MAX_DIFFICULTY)]


def _iso_text(value: object) -> object:
    """Dates and instants are stored as ISO-8601 text: a number is not a date here (pydantic
    would read it as seconds since 1970)."""
    if isinstance(value, int | float):
        raise ValueError("expected an ISO-8601 date as text")
    return value


Day = Annotated[
    date,
    BeforeValidator(_iso_text),
    Field(ge=bounds.EARLIEST_DATE, le=bounds.LATEST_DATE),
]
"""A calendar date a person can mean (core/bounds.py)."""
Instant = Annotated[
    AwareDatetime,
    BeforeValidator(_iso_text),
    Field(ge=bounds.EARLIEST_INSTANT, le=bounds.LATEST_INSTANT),
]
"""A moment with its time zone, within the bounds."""
RecordId = Annotated[StrictStr, Field(pattern=bounds.ID_PATTERN)]
ShortText = Annotated[
    StrictStr, Field(max_length=bounds.MAX_SHORT_TEXT, pattern=bounds.TEXT_PATTERN)
]
AskText = Annotated[StrictStr, Field(max_length=bounds.MAX_ASK, pattern=bounds.TEXT_PATTERN)]
NoteText = Annotated[StrictStr, Field(max_length=bounds.MAX_NOTE, pattern=bounds.TEXT_PATTERN)]


class Record(BaseModel):
    """Stored records ignore keys they do not know, so newer files stay readable."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Run(Record):
    """One challenge of `length` days from `start`."""

    id: RecordId
    number: StrictInt = Field(ge=1, le=bounds.MAX_RUN_NUMBER)
    start: Day
    length: StrictInt = Field(ge=bounds.MIN_RUN_DAYS, le=bounds.MAX_RUN_DAYS)
    packs: list[ShortText] | None = Field(default=None, max_length=bounds.MAX_LIST)
    created_at: Instant
    ended_on: Day | None = None
    updated_at: Instant | None = None
    """When it last changed (ended early, or lengthened by a merge): the newer copy wins."""
    joined_into: RecordId | None = None
    """Set when a merge joined this run into an overlapping one: kept so that every later
    merge, from any side, joins it the same way (storage/normalize.py)."""


class Entry(Record):
    """One logged ask with its outcome."""

    id: RecordId
    run_id: RecordId
    date: Day
    outcome: Outcome
    ask_text: AskText
    ask_id: RecordId | None = None
    pack: ShortText | None = None
    difficulty: Difficulty = DEFAULT_DIFFICULTY
    category: ShortText = ""
    own: StrictBool = False
    note: NoteText = ""
    """What happened."""
    learned: NoteText = ""
    """Reflection: what I learned."""
    next_time: NoteText = ""
    """Reflection: what I'll try next time."""
    fear_before: FearRating | None = None
    fear_after: FearRating | None = None
    toolbox_tip: ShortText | None = None
    """The coaching tip offered after this no, so the next one can differ."""
    resolved_at: Instant | None = None
    """When a pending ask got its answer."""
    asked_why: StrictBool = False
    late: StrictBool = False
    created_at: Instant
    updated_at: Instant
    seq: StrictInt = Field(default=0, ge=0, le=bounds.MAX_SEQ)
    """Order of creation in this history: breaks ties between equal instants."""
    kind: Literal["application"] | None = None
    """What the ask was: a job application's no is a rejection event (see Event)."""


class FollowUp(Record):
    """A due-dated next step born from an entry (a thank-you note, a feedback ask)."""

    id: RecordId
    entry_id: RecordId
    text: NoteText
    due: Day
    created_at: Instant
    done_at: Instant | None = None


class CheckIn(Record):
    """The weekly three questions."""

    id: RecordId
    run_id: RecordId
    date: Day
    worked: NoteText
    didnt: NoteText
    gap: NoteText
    created_at: Instant


class Event(Record):
    """Something that happened to the person (a rejection, an interview, an offer): the
    asks that follow such an event are offered beside the daily ask around its date."""

    id: RecordId
    kind: Literal["rejection", "interview", "offer"]
    date: Day
    created_at: Instant
    entry_id: RecordId | None = None
    """The entry whose answer was this event (a pending application resolved as no)."""


class Intention(Record):
    """ "If I do ___, then ___ will happen", one per run."""

    run_id: RecordId
    text: NoteText
    set_at: Instant


class DailyAsk(Record):
    """The ask a run assigned to one date, fixed once first read."""

    run_id: RecordId
    date: Day
    ask_id: RecordId
    text: AskText
    pack: ShortText
    difficulty: Difficulty
    category: ShortText = ""
    tip: AskText = ""
    why_prompt: AskText = ""
    safety: AskText = ""
    swapped_away: list[ShortText] = Field(default_factory=list, max_length=bounds.MAX_LIST)
    needs: list[ShortText] = Field(default_factory=list, max_length=bounds.MAX_LIST)
    via: list[ShortText] = Field(default_factory=list, max_length=bounds.MAX_LIST)
    tags: list[ShortText] = Field(default_factory=list, max_length=bounds.MAX_LIST)
    rung_shift: int = Field(default=0, ge=-1, le=1)
    """The ladder's move for this day (core/ladder.py): -1 gentler, +1 bolder."""
    shift_since: Day | None = None
    """The day that move began (it lasts three days)."""
    ladder_note: AskText = ""
    """Said on the day the ladder moved."""
    pool_note: AskText = ""
    """Said when the asks left cannot carry the run without a repeat or a jump."""
    who: ShortText | None = None
    push: StrictBool = True


class EarnedBadge(Record):
    """A badge as earned: kept with its date even if the rules change later."""

    badge_id: RecordId
    earned_at: Instant
    date: Day
    entry_id: RecordId | None = None


class RestDay(Record):
    """A day declared in advance that pauses the streak."""

    date: Day
    run_id: RecordId | None = None
    declared_at: Instant | None = None


class Tombstone(Record):
    """An entry that was deleted, so that a merge never brings it back."""

    id: RecordId
    deleted_at: Instant


Weight = Annotated[float, Field(ge=bounds.MIN_WEIGHT, le=bounds.MAX_WEIGHT, allow_inf_nan=False)]


class Settings(BaseModel):
    """What the person can change with `rejection-therapy config`."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    timezone: str = Field(default="UTC", max_length=bounds.MAX_SHORT_TEXT)
    """The IANA time zone days are counted in (saved at first run; SSH hosts are often UTC)."""
    rollover_hour: int = Field(default=4, ge=0, le=23)
    """The local hour a new challenge day begins: an ask at 01:30 counts for the day before."""
    run_length: int = Field(
        default=DEFAULT_RUN_LENGTH, ge=bounds.MIN_RUN_DAYS, le=bounds.MAX_RUN_DAYS
    )
    """How many days a new run lasts."""
    theme: Literal["dark", "light"] = "dark"
    """The TUI's colour theme."""
    pending_days: int = Field(default=14, ge=1, le=365)
    """After this many days a pending ask is offered as "no answer counts as a no"."""
    rest_days_per_run: int = Field(default=4, ge=0, le=100)
    """How many rest days a run may have (declared in advance)."""
    excluded_tags: list[ShortText] = Field(default_factory=list, max_length=bounds.MAX_LIST)
    """Asks carrying any of these tags are never drawn (e.g. costs-money, in-person)."""
    disabled_packs: list[ShortText] = Field(default_factory=list, max_length=bounds.MAX_LIST)
    """Packs that feed no daily asks (changed with `packs enable/disable`)."""
    pack_weights: dict[ShortText, Weight] = Field(default_factory=dict, max_length=bounds.MAX_LIST)
    """How often a pack's asks are drawn relative to others (default 1)."""
    retired_asks: list[ShortText] = Field(default_factory=list, max_length=100_000)
    """Asks never to be drawn again, as `pack/ask-id` (changed with `never`)."""
    profile: dict[ShortText, ShortText | StrictBool] = Field(default_factory=dict, max_length=20)
    """The person's situation: `goal` and yes/no answers (core/situation.py). An answer left
    out counts as yes; the situation never leaves the home (no snapshot shows it)."""
    profile_asked: StrictBool = False
    """The situation questions were put once (answered or skipped): the TUI asks no more."""

    @field_validator("profile")
    @classmethod
    def _known_answers(cls, value: dict[str, str | bool]) -> dict[str, str | bool]:
        """Answers this version knows are checked; keys from a newer version are kept."""
        from rejection_therapy.core.situation import GOALS, HAVES

        for key, answer in value.items():
            if key == "goal" and answer not in GOALS:
                raise ValueError(f"goal {answer!r} is unknown; use one of {', '.join(GOALS)}")
            if key in HAVES and not isinstance(answer, bool):
                raise ValueError(f"{key} must be true or false")
        return value

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


SCHEMAS: dict[type, type[BaseModel]] = {
    models.Run: Run,
    models.Entry: Entry,
    models.FollowUp: FollowUp,
    models.CheckIn: CheckIn,
    models.Event: Event,
    models.Intention: Intention,
    models.DailyAsk: DailyAsk,
    models.EarnedBadge: EarnedBadge,
    models.RestDay: RestDay,
    models.Tombstone: Tombstone,
    models.Settings: Settings,
}
"""Each plain record (core/models.py) and the schema its documents are checked against."""


def as_record(kind: type[Any], checked: BaseModel) -> Any:
    """The plain record a schema read."""
    return kind(**{name: getattr(checked, name) for name in type(checked).model_fields})
