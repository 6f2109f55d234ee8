"""Choosing one toolbox tip after a no: one that fits the ask, never the same twice in a row."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ToolboxTip:
    """One coaching suggestion and where it applies."""

    id: str
    kind: str
    text: str
    categories: tuple[str, ...] = ()
    min_difficulty: int = 1
    max_difficulty: int = 5
    unless_asked_why: bool = False


@dataclass(frozen=True)
class AskFacts:
    """What the chooser needs to know about the ask that got a no."""

    category: str = ""
    pack: str = ""
    difficulty: int = 2
    asked_why: bool = False


def fits(tip: ToolboxTip, ask: AskFacts) -> bool:
    if tip.categories and not {ask.category, ask.pack} & set(tip.categories):
        return False
    if not tip.min_difficulty <= ask.difficulty <= tip.max_difficulty:
        return False
    return not (tip.unless_asked_why and ask.asked_why)


def choose_tip(
    tips: Sequence[ToolboxTip], ask: AskFacts, previous: str | None, seed: str
) -> ToolboxTip | None:
    """A fitting tip other than the previous one; tips made for this kind of ask come first."""
    fitting = [t for t in tips if fits(t, ask) and t.id != previous]
    if not fitting:
        fitting = [t for t in tips if t.id != previous]
    if not fitting:
        return None
    specific = [t for t in fitting if t.categories]
    rng = random.Random(seed)
    if specific and rng.random() < 0.5:
        return rng.choice(sorted(specific, key=lambda t: t.id))
    return rng.choice(sorted(fitting, key=lambda t: t.id))
