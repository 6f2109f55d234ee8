"""A person's situation (what they came for, what they have) and what an ask needs.

The draw offers an ask only when the person has everything it `needs` and at least one of
the ways (`via`) it can be made. An unanswered question counts as "yes", so a home that
never answered keeps every ask it had. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

GOALS = ("job-search", "work", "social", "creative", "general")
GOAL_HELP = {
    "job-search": "finding a job",
    "work": "growing at work",
    "social": "meeting people",
    "creative": "being bold and creative",
    "general": "a bit of everything",
}
HAVES = ("job", "student", "out", "face-to-face", "phone", "online", "money", "community")
HAVE_QUESTIONS = {
    "job": "Do you have a job with colleagues?",
    "student": "Are you a student?",
    "out": "Can you go out to shops, streets and venues?",
    "face-to-face": "Can you talk with someone in person (at home counts)?",
    "phone": "Can you make phone calls?",
    "online": "Can you email, message and post online?",
    "money": "Can you spend a little money on an ask?",
    "community": "Do you belong to a club, course or group?",
}
NEEDS = ("job", "student", "out", "money", "community")
VIAS = ("in-person", "phone", "online")
AFTERS = ("rejection", "interview", "offer")
WHOS = ("someone-you-know", "stranger", "business", "employer", "group")
"""Who an ask is made of (packs: `who`)."""
VIA_HAVE = {"in-person": "face-to-face", "phone": "phone", "online": "online"}
"""The answer that opens each way of making an ask."""
GOAL_PACKS = {"job-search": "career", "work": "career", "social": "social", "creative": "bold"}
"""The built-in pack that serves each goal: its asks are drawn three times as often."""
GOAL_WEIGHT = 3.0

_NEED_TAGS = {"money": "costs-money", "job": "workplace"}
_VIA_TAGS = {"phone": "phone", "online": "online"}
_REMOTE_TAGS = {"online": "online", "by-message": "online", "remote": "online", "phone": "phone"}


class SituationError(ValueError):
    """A profile answer outside the vocabulary; the message lists the valid ones."""


@dataclass(frozen=True, slots=True)
class Situation:
    """The goal and the yes/no answers a person gave (absent: not answered)."""

    goal: str | None = None
    answers: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def from_profile(cls, profile: Mapping[str, object]) -> Situation:
        goal = profile.get("goal")
        answers = tuple(
            (key, bool(profile[key])) for key in HAVES if isinstance(profile.get(key), bool)
        )
        return cls(goal if goal in GOALS else None, answers)

    def has(self, what: str) -> bool:
        return dict(self.answers).get(what, True)

    def allows(self, fit: AskFit) -> bool:
        """The person can make this ask: every need met, one way open, and it serves what
        they came for (an ask for a goal is for people with that goal, or none said)."""
        if fit.goals and self.goal is not None and self.goal not in fit.goals:
            return False
        return all(self.has(need) for need in fit.needs) and any(
            self.has(VIA_HAVE[way]) for way in fit.via
        )

    def with_answer(self, key: str, value: bool) -> Situation:
        answers = dict(self.answers)
        answers[key] = value
        return Situation(self.goal, tuple((k, answers[k]) for k in HAVES if k in answers))

    @property
    def answered_no(self) -> list[str]:
        return [key for key, value in self.answers if not value]


@dataclass(frozen=True, slots=True)
class AskFit:
    """What an ask needs, the ways it can be made, the event it follows, and its tags
    (as written plus those its needs and ways imply, so `excluded_tags` sees them)."""

    needs: tuple[str, ...]
    via: tuple[str, ...]
    after: str | None
    tags: tuple[str, ...]
    goals: tuple[str, ...] = ()


def fit_of(
    tags: Iterable[str],
    needs: Iterable[str] | None,
    via: Iterable[str] | None,
    after: str | None = None,
    goals: Iterable[str] | None = None,
) -> AskFit:
    """An ask's fit. A pack that does not say `needs` or `via` has them read from its tags;
    an ask with no tag for a way of asking is taken to be made in person, out of the house,
    so a home-bound person is not handed walk-in asks."""
    written = list(dict.fromkeys(tags))
    if via is None:
        ways = {_REMOTE_TAGS[tag] for tag in written if tag in _REMOTE_TAGS}
        if "in-person" in written or "outdoors" in written or not ways:
            ways.add("in-person")
        via = [way for way in VIAS if way in ways]
    if needs is None:
        implied = {need for need, tag in _NEED_TAGS.items() if tag in written}
        remote = any(tag in _REMOTE_TAGS for tag in written)
        out_tags = "outdoors" in written or ("in-person" in written and "workplace" not in written)
        if out_tags or (not remote and "workplace" not in written):
            implied.add("out")
        needs = [need for need in NEEDS if need in implied]
    needs, via = tuple(needs), tuple(via)
    derived = [tag for need, tag in _NEED_TAGS.items() if need in needs]
    derived += [tag for way, tag in _VIA_TAGS.items() if way in via]
    if via == ("in-person",):
        derived.append("in-person")
    return AskFit(needs, via, after, tuple(dict.fromkeys([*written, *derived])), tuple(goals or ()))


def parse_answers(pairs: Iterable[str]) -> dict[str, str | bool | None]:
    """`key=value` words as profile changes: a goal, yes/no answers, or an empty value to
    forget an answer. Every word is checked before any is used."""
    changes: dict[str, str | bool | None] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        key, value = key.strip().lower(), value.strip().lower()
        if not equals or key not in ("goal", *HAVES):
            raise SituationError(
                f"{_shown(pair)} is not a profile answer; use key=value with a key from "
                f"goal, {', '.join(HAVES)} (e.g. goal=job-search job=no)"
            )
        if not value:
            changes[key] = None
        elif key == "goal":
            if value not in GOALS:
                raise SituationError(
                    f"goal {_shown(value)} is unknown; use one of {', '.join(GOALS)}"
                )
            changes[key] = value
        else:
            changes[key] = yes_no(key, value)
    return changes


def yes_no(key: str, value: str) -> bool:
    word = value.strip().lower()
    if word in ("yes", "y", "true", "1"):
        return True
    if word in ("no", "n", "false", "0"):
        return False
    raise SituationError(f"{key}={_shown(value)}: answer yes or no (or leave it empty to unset)")


def _shown(value: str) -> str:
    from rejection_therapy.core.text import without_controls

    return repr(without_controls(value)[:40])
