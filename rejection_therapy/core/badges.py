"""Badges as data: each is a metric, a goal, a name and a one-line description."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

# Tuples of their own rather than dataclasses or namedtuples: the fast `log` path judges
# badges, and importing dataclasses or collections costs it more than the judging.


class BadgeRule(tuple[str, str, str, str, int, str]):
    """A badge is earned when `metric` reaches `goal`: (id, name, description, metric,
    goal, icon)."""

    __slots__ = ()

    def __getnewargs__(self) -> tuple[object, ...]:  # copy and pickle pass the fields
        return tuple(self)

    def __new__(
        cls,
        id: str,
        name: str,
        description: str,
        metric: str,
        goal: int,
        icon: str,  # noqa: A002
    ) -> BadgeRule:
        return tuple.__new__(cls, (id, name, description, metric, goal, icon))

    def __repr__(self) -> str:
        return f"BadgeRule(id={self[0]!r}, goal={self[4]})"

    @property
    def id(self) -> str:
        return self[0]

    @property
    def name(self) -> str:
        return self[1]

    @property
    def description(self) -> str:
        return self[2]

    @property
    def metric(self) -> str:
        return self[3]

    @property
    def goal(self) -> int:
        return self[4]

    @property
    def icon(self) -> str:
        return self[5]


BADGES: tuple[BadgeRule, ...] = (
    BadgeRule("first-ask", "Opening move", "Log your first ask.", "entries", 1, "🚪"),
    BadgeRule("first-no", "First no", "Hear your first no, and live.", "nos", 1, "🙅"),
    BadgeRule(
        "first-why", "Curious", "Ask why after a no for the first time.", "asked_why", 1, "❓"
    ),
    BadgeRule("streak-3", "Warming up", "Keep a 3-day streak.", "best_streak", 3, "🔥"),
    BadgeRule("streak-7", "One week in", "Keep a 7-day streak.", "best_streak", 7, "📅"),
    BadgeRule("streak-30", "Habit formed", "Keep a 30-day streak.", "best_streak", 30, "💪"),
    BadgeRule("streak-100", "Unshakeable", "Keep a 100-day streak.", "best_streak", 100, "🗻"),
    BadgeRule(
        "day-50",
        "Halfway",
        "Reach day 50 of a run with every day counted.",
        "covered_days",
        50,
        "🌓",
    ),
    BadgeRule(
        "all-days",
        "Finisher",
        "Count every day of a run: done, frozen or rest.",
        "runs_finished",
        1,
        "🏁",
    ),
    BadgeRule("nos-10", "Thick skin", "Collect 10 nos.", "nos", 10, "🪨"),
    BadgeRule("nos-50", "Rejection regular", "Collect 50 nos.", "nos", 50, "🎯"),
    BadgeRule("nos-100", "Centurion", "Collect 100 nos.", "nos", 100, "🏆"),
    BadgeRule("whys-10", "Why not?", "Ask why 10 times.", "asked_why", 10, "🔍"),
    BadgeRule(
        "comeback", "Comeback", "Log an ask the day after a missed day.", "comebacks", 1, "🌱"
    ),
    BadgeRule("notes-10", "Storyteller", "Write a note on 10 entries.", "notes", 10, "📝"),
    BadgeRule("hard-5", "Deep end", "Take 5 asks of difficulty 4 or 5.", "hard_asks", 5, "🌊"),
    BadgeRule("packs-4", "Explorer", "Take asks from 4 different packs.", "packs_used", 4, "🧭"),
    BadgeRule("own-10", "Self-starter", "Log 10 asks of your own.", "own_asks", 10, "💡"),
    BadgeRule(
        "freeze-saved", "Safety net", "Let a freeze save your streak.", "freezes_used", 1, "🧊"
    ),
    BadgeRule(
        "reflections-10",
        "Reflective",
        "Write what you learned or will try next on 10 entries.",
        "reflections",
        10,
        "🪞",
    ),
    BadgeRule("checkins-4", "Weekly ritual", "Answer 4 weekly check-ins.", "checkins", 4, "📆"),
    BadgeRule(
        "followups-5", "Follows through", "Complete 5 follow-ups.", "followups_done", 5, "📬"
    ),
    BadgeRule(
        "fear-drop-3",
        "Braver now",
        "See your fear before a kind of ask drop by 3 points.",
        "fear_drop",
        3,
        "🦁",
    ),
)

BADGES_BY_ID = {rule.id: rule for rule in BADGES}


class BadgeProgress(tuple[BadgeRule, int]):
    """How far the person is toward one badge: (rule, value)."""

    __slots__ = ()

    def __getnewargs__(self) -> tuple[object, ...]:  # copy and pickle pass the fields
        return tuple(self)

    def __new__(cls, rule: BadgeRule, value: int) -> BadgeProgress:
        return tuple.__new__(cls, (rule, value))

    def __repr__(self) -> str:
        return f"BadgeProgress(rule={self[0]!r}, value={self[1]})"

    @property
    def rule(self) -> BadgeRule:
        return self[0]

    @property
    def value(self) -> int:
        return self[1]

    @property
    def reached(self) -> bool:
        return self.value >= self.rule.goal

    @property
    def fraction(self) -> float:
        return min(1.0, self.value / self.rule.goal)


def badge_progress(metrics: Mapping[str, int]) -> list[BadgeProgress]:
    """Progress toward every badge, in display order."""
    return [BadgeProgress(rule, int(metrics.get(rule.metric, 0))) for rule in BADGES]


def newly_reached(metrics: Mapping[str, int], earned: set[str]) -> list[BadgeRule]:
    """Badges whose goal is reached now and that are not yet earned."""
    return [p.rule for p in badge_progress(metrics) if p.reached and p.rule.id not in earned]
