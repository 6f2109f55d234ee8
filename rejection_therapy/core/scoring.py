"""XP and levels: reward what the person controls (making the ask, asking why).

XP for one entry = (outcome base + why bonus) x difficulty, then shrunk after the third
entry of a day so that a pile of trivial asks cannot farm it:

| outcome | base | why bonus |
|---------|------|-----------|
| no      | 10   | +5 when logged with --asked-why |
| why     | 10   | +5 always (asking why is the skill) |
| yes     | 4    | +5 when logged with --asked-why |
| pending | 6    | - (the answer changes it when it comes) |

The 4th entry of a day earns half, the 5th a quarter, and so on (never below 1).

Level curve: reaching level L takes 25 x L x (L - 1) XP in total — 50 for level 2,
150 for level 3, 300 for level 4, 500 for level 5, 2,250 for level 10.
"""

from __future__ import annotations

BASE_XP = {"no": 10, "why": 10, "yes": 4, "pending": 6}
WHY_BONUS = 5
FULL_XP_ENTRIES_PER_DAY = 3
LEVEL_STEP = 25


def entry_xp(outcome: str, difficulty: int, asked_why: bool, ordinal_in_day: int) -> int:
    """XP of one entry; `ordinal_in_day` counts from 1 in the order entries were made."""
    base = BASE_XP.get(outcome, 0)
    if base == 0:
        return 0
    bonus = WHY_BONUS if outcome == "why" or (asked_why and outcome != "pending") else 0
    full = (base + bonus) * difficulty
    extra = max(0, ordinal_in_day - FULL_XP_ENTRIES_PER_DAY)
    return max(1, full >> extra)


def xp_for_level(level: int) -> int:
    """Total XP needed to reach `level` (level 1 needs none)."""
    return LEVEL_STEP * level * (level - 1)


class Level(tuple[int, int, int, int]):
    """A level and how far the person is toward the next one: (level, xp, floor, ceiling).
    A tuple of its own rather than a dataclass or a namedtuple: the fast `today` and `log`
    paths import neither dataclasses nor collections."""

    __slots__ = ()

    def __getnewargs__(self) -> tuple[object, ...]:  # copy and pickle pass the fields
        return tuple(self)

    def __new__(cls, level: int, xp: int, floor: int, ceiling: int) -> Level:
        return tuple.__new__(cls, (level, xp, floor, ceiling))

    def __repr__(self) -> str:
        return f"Level(level={self[0]}, xp={self[1]}, floor={self[2]}, ceiling={self[3]})"

    @property
    def level(self) -> int:
        return self[0]

    @property
    def xp(self) -> int:
        return self[1]

    @property
    def floor(self) -> int:
        return self[2]

    @property
    def ceiling(self) -> int:
        return self[3]

    @property
    def into_level(self) -> int:
        return self.xp - self.floor

    @property
    def span(self) -> int:
        return self.ceiling - self.floor

    @property
    def to_next(self) -> int:
        return self.ceiling - self.xp


def level_for(xp: int) -> Level:
    """The level reached with `xp` in total."""
    level = 1
    while xp_for_level(level + 1) <= xp:
        level += 1
    return Level(level, xp, xp_for_level(level), xp_for_level(level + 1))
