"""A ladder that listens: the day-based rung, moved one rung by how the person is doing,
and whether the asks left can carry the rest of a run.

The rule (README, "Rules of the game"): when the last 3 entries at the current rung were
rated fear-before 3 or less, asks move up one rung for 3 days; when 2 of those 3 were
rated 8 or more, or the person swapped on 3 of the last 5 days, asks move down one rung
for 3 days. Never more than one rung from the day-based ladder; without fear ratings the
day-based ladder applies unchanged. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rejection_therapy.core.scheduler import target_difficulty

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

SHIFT_DAYS = 3
EASY_FEAR = 3
HARD_FEAR = 8
SWAP_WINDOW = 5
SWAPS_TO_EASE = 3
MAX_JUMP = 1.0
"""How far an ask may stand from the day's rung before the pool counts as too small."""


@dataclass(frozen=True, slots=True)
class Shift:
    """A move of the ladder: +1 bolder, -1 gentler, 0 none; since the day it began."""

    rung: int = 0
    since: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class PastAsk:
    """What the ladder needs of an earlier daily ask of the run."""

    on: date
    swapped: bool
    shift: int
    shift_since: date | None


def base_rung(day: int, length: int) -> int:
    """The day-based rung, halves rounded up (2.5 is rung 3)."""
    return int(target_difficulty(day, length) + 0.5)


def shifted_target(day: int, length: int, shift: Shift) -> float | None:
    """The rung a moved ladder aims at (None: the day-based target applies)."""
    if not shift.rung:
        return None
    return float(min(max(base_rung(day, length) + shift.rung, 1), 5))


def ladder_shift(
    on: date,
    rung: int,
    fears_at_rung: Sequence[int | None],
    past_asks: Iterable[PastAsk],
) -> Shift:
    """The shift for the ask drawn on `on`. `fears_at_rung`: fear-before of the run's
    entries at the day's rung, oldest first; `past_asks`: the run's earlier daily asks."""
    past = [ask for ask in past_asks if ask.on < on]
    running = next(
        (
            ask
            for ask in sorted(past, key=lambda a: a.on, reverse=True)
            if ask.shift and ask.shift_since and on - ask.shift_since < timedelta(SHIFT_DAYS)
        ),
        None,
    )
    if running is not None:
        return Shift(running.shift, running.shift_since)
    window = {on - timedelta(days) for days in range(1, SWAP_WINDOW + 1)}
    swaps = sum(1 for ask in past if ask.on in window and ask.swapped)
    last = list(fears_at_rung)[-3:]
    rated = [fear for fear in last if fear is not None]
    if rung > 1 and sum(1 for fear in rated if fear >= HARD_FEAR) >= 2:
        return Shift(
            -1,
            on,
            f"Asks ease off a rung for {SHIFT_DAYS} days: your fear at rung {rung} "
            f"was {HARD_FEAR}/10 or more on 2 of your last 3 asks.",
        )
    if rung > 1 and swaps >= SWAPS_TO_EASE:
        return Shift(
            -1,
            on,
            f"Asks ease off a rung for {SHIFT_DAYS} days: you swapped on {swaps} of "
            f"the last {SWAP_WINDOW} days.",
        )
    if rung < 5 and len(rated) == 3 and max(rated) <= EASY_FEAR:
        return Shift(
            1,
            on,
            f"Asks are getting bolder for {SHIFT_DAYS} days: your fear at rung {rung} "
            f"has dropped to {max(rated)}/10.",
        )
    return Shift()


def carries(rungs: Iterable[int], targets: Iterable[float]) -> bool:
    """Whether asks at these rungs (each usable once) can serve every target rung, each
    within one rung. Interval matching: serve the targets whose window closes first with
    the lowest ask still inside it (optimal for windows on a line)."""
    left = [0] * 7
    for rung in rungs:
        if 1 <= rung <= 5:
            left[rung] += 1
    for target in sorted(targets):
        low, high = target - MAX_JUMP, target + MAX_JUMP
        served = next((r for r in range(1, 6) if low <= r <= high and left[r]), None)
        if served is None:
            return False
        left[served] -= 1
    return True


def targets_left(day: int, length: int) -> list[float]:
    """The day-based target of each day from `day` to the end of the run."""
    return [target_difficulty(d, length) for d in range(max(day, 1), length + 1)]
