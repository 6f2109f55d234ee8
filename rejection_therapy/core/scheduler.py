"""The daily ask: an exposure ladder, easy early and hard late, no repeats inside a run."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Candidate:
    """What the scheduler needs to know of an ask it may draw."""

    key: str
    difficulty: int
    weight: float = 1.0


def target_difficulty(day: int, length: int) -> float:
    """The ladder rung for day k of a run: 1 on the first day rising to 5 on the last."""
    if length <= 1:
        return 1.0
    progress = min(max(day - 1, 0), length - 1) / (length - 1)
    return 1.0 + 4.0 * progress


def choose_ask(
    candidates: Sequence[Candidate],
    used: set[str],
    day: int,
    length: int,
    seed: str,
    target: float | None = None,
) -> Candidate:
    """Pick among the unused asks nearest the day's target difficulty, reproducibly (or
    nearest `target`, the rung core/ladder.py moved the day to).

    Once every ask has been used in the run, repeats are allowed again.
    """
    if not candidates:
        raise ValueError("no asks to choose from")
    pool = [c for c in candidates if c.key not in used] or list(candidates)
    if target is None:
        target = target_difficulty(day, length)
    nearest = min(abs(c.difficulty - target) for c in pool)
    closest = sorted(
        (c for c in pool if abs(c.difficulty - target) == nearest), key=lambda c: c.key
    )
    rng = random.Random(seed)
    if all(c.weight == 1.0 for c in closest):
        return rng.choice(closest)
    return rng.choices(closest, weights=[c.weight for c in closest])[0]


def draw_seed(run_id: str, on: date, swaps: int) -> str:
    """The seed of a day's draw: same run, date and swap count give the same ask."""
    return f"{run_id}:{on.isoformat()}:{swaps}"
