"""Choosing one toolbox tip after a no: one that fits the ask, never the same twice in a row."""

from __future__ import annotations

import random
from collections import namedtuple
from collections.abc import Sequence

# Named tuples rather than dataclasses: the fast `log` path chooses tips, and importing
# dataclasses costs it more than the choosing.


class ToolboxTip(
    namedtuple(
        "ToolboxTip",
        "id kind text categories min_difficulty max_difficulty unless_asked_why",
        defaults=((), 1, 5, False),
    )
):
    """One coaching suggestion and where it applies."""

    __slots__ = ()


class AskFacts(
    namedtuple("AskFacts", "category pack difficulty asked_why", defaults=("", "", 2, False))
):
    """What the chooser needs to know about the ask that got a no."""

    __slots__ = ()


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
