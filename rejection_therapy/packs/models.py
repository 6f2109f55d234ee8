"""The pack format: a header and a list of challenges, strictly typed.

Text fields are strict strings, so an unquoted `NO` (read by YAML as false) or `12:30`
(read as a number) is an error the author can fix rather than a silent surprise.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$|^[a-z0-9]$"
MAX_TEXT = 500
MAX_CHALLENGES = 5000

PackId = Annotated[StrictStr, Field(pattern=ID_PATTERN)]
ChallengeId = Annotated[StrictStr, Field(pattern=ID_PATTERN)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=MAX_TEXT)]
OptionalText = Annotated[StrictStr, Field(max_length=MAX_TEXT)]


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
    tags: list[Annotated[StrictStr, Field(pattern=r"^[a-z0-9-]{1,40}$")]] = Field(
        default_factory=list, max_length=20
    )
    safety: OptionalText = ""


class Pack(_Strict):
    """A pack file: its header and its challenges."""

    pack: PackId
    title: Text
    version: Text
    author: Text
    description: Text
    language: Annotated[StrictStr, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    license: Text
    challenges: list[Challenge] = Field(min_length=1, max_length=MAX_CHALLENGES)

    @model_validator(mode="after")
    def _unique_ids(self) -> Pack:
        seen: dict[str, int] = {}
        for index, challenge in enumerate(self.challenges):
            if challenge.id in seen:
                raise DuplicateIdError(challenge.id, seen[challenge.id], index)
            seen[challenge.id] = index
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
