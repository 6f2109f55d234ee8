"""The pack format: a header and a list of challenges, strictly typed.

Text fields are strict strings, so an unquoted `NO` (read by YAML as false) or `12:30`
(read as a number) is an error the author can fix rather than a silent surprise. The one
exception is `version`: a whole number such as `3` means what it says and is kept as text.
Every string is checked here, after YAML has unescaped it, so a pack read back from the
parsed-packs cache meets the same rule as one read from its file.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)

from rejection_therapy.core.situation import AFTERS, GOALS, NEEDS, VIAS, WHOS
from rejection_therapy.core.text import unsafe_character

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$|^[a-z0-9]$"
MAX_TEXT = 500
MAX_CHALLENGES = 5000
MAX_NUMBER_CHARS = 40
"""The longest whole number a pack may hold (a version written as a number, say)."""
RESERVED_IDS = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{digit}" for digit in range(1, 10)]
    + [f"lpt{digit}" for digit in range(1, 10)]
)
"""Device names Windows will not use as a file name, with any extension: a pack id is one."""


class UnsafeTextError(ValueError):
    """Text holds a character that could hide or restyle what is shown (see core.text)."""

    def __init__(self, index: int, description: str) -> None:
        super().__init__(f"holds {description}")
        self.index = index
        self.description = description

    @property
    def control(self) -> bool:
        return self.description.startswith("control character")


def _refuse_unsafe_text(value: object) -> object:
    if isinstance(value, str):
        found = unsafe_character(value)
        if found is not None:
            raise UnsafeTextError(*found)
    return value


def _refuse_reserved_id(value: str) -> str:
    if value.lower() in RESERVED_IDS:
        raise ValueError(
            f"{value!r} is a device name on Windows and cannot be a file name there; pick another id"
        )
    return value


def _whole_number_as_text(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10**MAX_NUMBER_CHARS:  # compared, never printed: str() of a huge int fails
            raise ValueError(f"a version number has at most {MAX_NUMBER_CHARS} digits")
        return str(value)
    return value


CHECKED = BeforeValidator(_refuse_unsafe_text)
"""Last in each Annotated: validators placed before the constraints hide them from the schema."""
PackId = Annotated[
    StrictStr,
    Field(pattern=ID_PATTERN, json_schema_extra={"not": {"enum": sorted(RESERVED_IDS)}}),
    AfterValidator(_refuse_reserved_id),
    CHECKED,
]
ChallengeId = Annotated[StrictStr, Field(pattern=ID_PATTERN), CHECKED]
Text = Annotated[StrictStr, Field(min_length=1, max_length=MAX_TEXT), CHECKED]
OptionalText = Annotated[StrictStr, Field(max_length=MAX_TEXT), CHECKED]
Tag = Annotated[StrictStr, Field(pattern=r"^[a-z0-9-]{1,40}$"), CHECKED]
Need = Literal[NEEDS]  # type: ignore[valid-type]
Via = Literal[VIAS]  # type: ignore[valid-type]
After = Literal[AFTERS]  # type: ignore[valid-type]
Who = Literal[WHOS]  # type: ignore[valid-type]
Goal = Literal[GOALS]  # type: ignore[valid-type]
Language = Annotated[StrictStr, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"), CHECKED]
VersionText = Annotated[
    Text,
    BeforeValidator(_whole_number_as_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
                {"type": "integer"},
            ],
            "description": 'Text such as "1.0.0", or a whole number (kept as text). '
            "Quote anything else YAML would change, such as 1.10 (a number) or NO (false).",
        }
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Challenge(_Strict):
    """One ask a pack offers."""

    id: ChallengeId
    ask: Text
    difficulty: Annotated[StrictInt, Field(ge=1, le=5)]
    category: Text
    tip: OptionalText = ""
    why_prompt: OptionalText = ""
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    safety: OptionalText = ""
    needs: list[Need] | None = Field(default=None, max_length=len(NEEDS))
    """All of these must be true of the person (left out: read from the tags)."""
    via: list[Via] | None = Field(default=None, min_length=1, max_length=len(VIAS))
    """Any one of these ways of making the ask will do (left out: read from the tags)."""
    after: After | None = None
    """The event this ask follows; such asks are offered beside the daily ask, never drawn."""
    who: Who | None = None
    """Who is asked: someone-you-know, stranger, business, employer or group (the toolbox
    offers a thank-you note only where there is someone to thank)."""
    goals: list[Goal] | None = Field(default=None, min_length=1, max_length=len(GOALS))
    """Only for people who came for one of these (or have not said): a job-search ask
    presumes a job search, a creative one a creative practice."""
    push: StrictBool = True
    """False where a no should simply be accepted (a personal invitation, reconnecting): no
    ask-why or smaller-ask tip follows it."""


class Pack(_Strict):
    """A pack file: its header and its challenges."""

    pack: PackId
    title: Text
    version: VersionText
    author: Text
    description: Text
    language: Language
    license: Text
    challenges: list[Challenge] = Field(min_length=1, max_length=MAX_CHALLENGES)
    id_map: dict[ChallengeId, ChallengeId | None] = Field(
        default_factory=dict, max_length=MAX_CHALLENGES
    )
    """Old ask ids and what became of them: the id of the ask that replaced it, or null
    when it was removed. Retired asks and a run's used asks follow the map."""

    @model_validator(mode="after")
    def _unique_ids(self) -> Pack:
        seen: dict[str, int] = {}
        for index, challenge in enumerate(self.challenges):
            if challenge.id in seen:
                raise DuplicateIdError(challenge.id, seen[challenge.id], index)
            seen[challenge.id] = index
        for old, new in self.id_map.items():
            if old in seen:
                raise ValueError(f"id_map: {old!r} is still an ask's id; an old id is never reused")
            if new is not None and new not in seen:
                raise ValueError(f"id_map: {old!r} points to {new!r}, which no ask has")
        return self


class DuplicateIdError(ValueError):
    """Two challenges in one pack share an id; carries both positions for the message."""

    def __init__(self, challenge_id: str, first: int, second: int) -> None:
        super().__init__(f"duplicate id {challenge_id!r}")
        self.challenge_id = challenge_id
        self.first = first
        self.second = second


TOP_LEVEL_KEYS = tuple(Pack.model_fields)
CHALLENGE_KEYS = tuple(Challenge.model_fields)
SAFE_ID = re.compile(ID_PATTERN)
