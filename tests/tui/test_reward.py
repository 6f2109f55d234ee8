"""The reward panel's lines: every moment a log brings is said once, in one place."""

from __future__ import annotations

from datetime import date

from rejection_therapy.core.badges import BADGES_BY_ID
from rejection_therapy.core.models import Outcome
from rejection_therapy.core.moments import Moments
from rejection_therapy.tui.logged import Logged
from rejection_therapy.tui.reward import level_bar, reward_lines
from rejection_therapy.tui.screens.journey import JourneyScreen
from rejection_therapy.tui.screens.lookback import LookBackScreen
from tests.tui.conftest import rewarded, screen_text, service_at, settle, wait_until


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


async def test_the_last_day_of_a_run_opens_the_look_back_from_the_reward(make_app, home, clock):
    service = service_at(home, clock)
    service.start(days=3, force=True)
    for day in ("2026-03-02", "2026-03-03"):
        clock.set(f"{day}T10:00:00+01:00")
        service.log(Outcome.NO)
    clock.set("2026-03-04T10:00:00+01:00")  # day 3 of 3
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")  # no note
        assert await wait_until(pilot, lambda: rewarded(app, "Run complete", "look-back"))
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, LookBackScreen)  # the run on one card
        assert "3 asks, 3 nos" in screen_text(app) and "This run: 3 no" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j")  # the Journey shows the look back too, and l opens the card
        await settle(pilot)
        assert isinstance(app.screen, JourneyScreen)
        assert await wait_until(pilot, lambda: "Look back" in screen_text(app))
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LookBackScreen)
