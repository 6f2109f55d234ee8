"""Choosing one toolbox tip after a no: one that fits the ask, never the same twice in a row."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Sequence

# Named tuples rather than dataclasses: the fast `log` path chooses tips, and importing
# dataclasses costs it more than the choosing.


class ToolboxTip(
    namedtuple(
        "ToolboxTip",
        "id kind text categories min_difficulty max_difficulty unless_asked_why who silence pushes",
        defaults=((), 1, 5, False, (), False, False),
    )
):
    """One coaching suggestion and where it applies: `who` limits it to asks made of those
    people (a thank-you note needs someone to thank), `silence` to a no that was no answer,
    and a tip that `pushes` (ask why, a smaller ask) is never offered after a no the ask
    says to accept."""

    __slots__ = ()


class AskFacts(
    namedtuple(
        "AskFacts",
        "category pack difficulty asked_why push who silent",
        defaults=("", "", 2, False, True, None, False),
    )
):
    """What the chooser needs to know about the ask that got a no (`silent`: the no was no
    answer at all, or the ask went by message or phone, where silence is the usual no)."""

    __slots__ = ()


def fits(tip: ToolboxTip, ask: AskFacts) -> bool:
    if tip.categories and not {ask.category, ask.pack} & set(tip.categories):
        return False
    if tip.who and ask.who not in tip.who:
        return False
    if (tip.silence and not ask.silent) or (tip.pushes and not ask.push):
        return False
    if not tip.min_difficulty <= ask.difficulty <= tip.max_difficulty:
        return False
    return not (tip.unless_asked_why and ask.asked_why)


def choose_tip(
    tips: Sequence[ToolboxTip], ask: AskFacts, previous: str | None, seed: str
) -> ToolboxTip | None:
    """A fitting tip other than the previous one; tips made for this kind of ask come first."""
    fitting = [t for t in tips if fits(t, ask) and t.id != previous]
    if not fitting:  # any tip that is never wrong for this ask: the general ones
        fitting = [
            t
            for t in tips
            if t.id != previous and not (t.categories or t.who or t.silence or t.pushes)
        ]
    if not fitting:
        return None
    specific = [t for t in fitting if t.categories]
    number = _number_of(seed)
    pool = specific if specific and number >> 63 else fitting  # the specific half the time
    return sorted(pool, key=lambda t: t.id)[(number >> 1) % len(pool)]


def _number_of(seed: str) -> int:
    """A 64-bit number from the seed, the same on every machine (FNV-1a). The seed is a new
    entry's random id, so the choice is as random as the id; importing `random` cost the
    fast `log` more than choosing."""
    number = 0xCBF29CE484222325
    for byte in seed.encode():
        number = ((number ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return number
