"""Choosing one toolbox tip after a no: one that fits the ask, never the same twice in a row."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

# Tuples of their own rather than dataclasses or namedtuples: the fast `log` path chooses
# tips, and importing dataclasses or collections costs it more than the choosing.

TipRow = tuple[str, str, str, tuple[str, ...], int, int, bool, tuple[str, ...], bool, bool]


class ToolboxTip(TipRow):
    """One coaching suggestion and where it applies: `who` limits it to asks made of those
    people (a thank-you note needs someone to thank), `silence` to a no that was no answer,
    and a tip that `pushes` (ask why, a smaller ask) is never offered after a no the ask
    says to accept. Stored in the status record as its row (a list of its fields)."""

    __slots__ = ()

    def __getnewargs__(self) -> tuple[object, ...]:  # copy and pickle pass the fields
        return tuple(self)

    def __new__(
        cls,
        id: str,  # noqa: A002 - the tip's id in the coaching bank
        kind: str,
        text: str,
        categories: tuple[str, ...] = (),
        min_difficulty: int = 1,
        max_difficulty: int = 5,
        unless_asked_why: bool = False,
        who: tuple[str, ...] = (),
        silence: bool = False,
        pushes: bool = False,
    ) -> ToolboxTip:
        fields = (id, kind, text, categories, min_difficulty, max_difficulty)
        return tuple.__new__(cls, (*fields, unless_asked_why, who, silence, pushes))

    @classmethod
    def from_row(cls, row: Sequence[object]) -> ToolboxTip:
        """The tip of a stored row; TypeError for a row of another length."""
        if len(row) != len(_TIP_FIELDS):
            raise TypeError(f"a toolbox row has {len(_TIP_FIELDS)} fields, not {len(row)}")
        return cls(*row)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"ToolboxTip(id={self[0]!r})"

    @property
    def id(self) -> str:
        return self[0]

    @property
    def kind(self) -> str:
        return self[1]

    @property
    def text(self) -> str:
        return self[2]

    @property
    def categories(self) -> tuple[str, ...]:
        return self[3]

    @property
    def min_difficulty(self) -> int:
        return self[4]

    @property
    def max_difficulty(self) -> int:
        return self[5]

    @property
    def unless_asked_why(self) -> bool:
        return self[6]

    @property
    def who(self) -> tuple[str, ...]:
        return self[7]

    @property
    def silence(self) -> bool:
        return self[8]

    @property
    def pushes(self) -> bool:
        return self[9]


_TIP_FIELDS: tuple[str, ...] = ("id", "kind", "text", "categories", "min_difficulty")
_TIP_FIELDS += ("max_difficulty", "unless_asked_why", "who", "silence", "pushes")


class AskFacts(tuple[str, str, int, bool, bool, "str | None", bool]):
    """What the chooser needs to know about the ask that got a no (`silent`: the no was no
    answer at all, or the ask went by message or phone, where silence is the usual no)."""

    __slots__ = ()

    def __getnewargs__(self) -> tuple[object, ...]:  # copy and pickle pass the fields
        return tuple(self)

    def __new__(
        cls,
        category: str = "",
        pack: str = "",
        difficulty: int = 2,
        asked_why: bool = False,
        push: bool = True,
        who: str | None = None,
        silent: bool = False,
    ) -> AskFacts:
        return tuple.__new__(cls, (category, pack, difficulty, asked_why, push, who, silent))

    @property
    def category(self) -> str:
        return self[0]

    @property
    def pack(self) -> str:
        return self[1]

    @property
    def difficulty(self) -> int:
        return self[2]

    @property
    def asked_why(self) -> bool:
        return self[3]

    @property
    def push(self) -> bool:
        return self[4]

    @property
    def who(self) -> str | None:
        return self[5]

    @property
    def silent(self) -> bool:
        return self[6]


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
