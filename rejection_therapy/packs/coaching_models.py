"""The coaching bank's file format (loaded only when a tip is needed)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictStr


class TipModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: StrictStr = Field(pattern=r"^[a-z0-9-]{1,60}$")
    kind: StrictStr
    text: StrictStr = Field(min_length=1, max_length=300)
    categories: list[StrictStr] = Field(default_factory=list)
    min_difficulty: int = Field(default=1, ge=1, le=5)
    max_difficulty: int = Field(default=5, ge=1, le=5)
    unless_asked_why: bool = False
    who: list[StrictStr] = Field(default_factory=list)
    silence: bool = False
    pushes: bool = False


class Toolbox(BaseModel):
    model_config = ConfigDict(extra="forbid")

    toolbox: StrictStr
    tips: list[TipModel] = Field(min_length=1)
