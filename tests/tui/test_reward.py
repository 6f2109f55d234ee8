"""The reward panel's lines: every moment a log brings is said once, in one place."""

from __future__ import annotations

from datetime import date

from rejection_therapy.core.badges import BADGES_BY_ID
from rejection_therapy.core.moments import Moments
from rejection_therapy.tui.logged import Logged
from rejection_therapy.tui.reward import level_bar, reward_lines


def _logged(moments: Moments, **changes) -> Logged:
    values = dict(
        entry_id="e1",
        outcome="no",
        xp=45,
        level=4,
        tip="Say your reason first.",
        rest_day_returned=False,
        only_yes_today=False,
        badges_earned=[BADGES_BY_ID["first-no"]],
        total_xp=3987,
        xp_to_next_level=13,
        streak=7,
        moments=moments,
    )
    values.update(changes)
    return Logged(**values)


def _text(logged: Logged) -> str:
    return "\n".join(line.plain for line in reward_lines(logged))


def test_every_moment_is_named_once():
    moments = Moments(
        level_up=4, milestone=7, covered=(date(2026, 12, 1), date(2026, 12, 2)), run_done=True
    )
    text = _text(_logged(moments))
    for said in (
        "Run complete",
        "j opens your look-back",
        "Level up! You reached level 4.",
        "A 7-day streak: a milestone.",
        "Freezes covered Tuesday 1 Dec, Wednesday 2 Dec: the streak lives on.",
        "First no",
        "A no is a chapter",
        "Toolbox: Say your reason first.",
    ):
        assert text.count(said) == 1, said


def test_a_plain_yes_says_the_level_and_streak_and_no_reframe():
    text = _text(_logged(Moments(), outcome="yes", tip="", badges_earned=[], streak=1))
    assert "Level 4 " in text and "13 XP to level 5" in text and "Streak: 1 day." in text
    assert "chapter" not in text and "Level up" not in text and "milestone" not in text


def test_tip_text_from_a_pack_is_shown_literally():
    text = _text(_logged(Moments(), tip="[b]bold?[/b] \x1b[31mred"))
    assert "[b]bold?[/b] red" in text


def test_the_level_bar_is_never_full_before_the_level_is_reached():
    assert level_bar(0, 100).count("█") == 0
    assert level_bar(99, 1).count("█") < 20
