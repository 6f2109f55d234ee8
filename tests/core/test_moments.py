"""The moments a log brings: a level reached, a streak milestone, freezes, a run's end."""

from __future__ import annotations

from datetime import date

from rejection_therapy.core.moments import STREAK_MILESTONES, Moments, covered_by_freeze, moments_of
from rejection_therapy.core.scoring import xp_for_level
from rejection_therapy.core.streaks import FROZEN, MISSED, REST

TODAY = date(2026, 3, 12)


def _moments(**changes):
    values = dict(
        total_xp=5, earned_xp=5, first_today=True, streak=2, day=2, length=100, covered=()
    )
    values.update(changes)
    return moments_of(**values)


def test_a_plain_log_brings_no_moment():
    assert not _moments()


def test_crossing_a_level_threshold_is_a_level_up_even_on_a_second_log():
    threshold = xp_for_level(3)
    assert _moments(total_xp=threshold, earned_xp=10).level_up == 3
    assert _moments(total_xp=threshold, earned_xp=10, first_today=False).level_up == 3
    assert _moments(total_xp=threshold + 10, earned_xp=10).level_up is None


def test_milestones_and_the_run_end_come_with_the_days_first_log_only():
    assert _moments(streak=7).milestone == 7 and 7 in STREAK_MILESTONES
    assert _moments(streak=8).milestone is None
    assert _moments(streak=7, first_today=False).milestone is None
    assert _moments(day=100, length=100).run_done
    assert not _moments(day=100, length=100, first_today=False).run_done


def test_the_freeze_story_is_the_frozen_days_just_before_today():
    marks = {
        date(2026, 3, 8): MISSED,
        date(2026, 3, 9): "done",
        date(2026, 3, 10): FROZEN,
        date(2026, 3, 11): REST,
        TODAY: "open",
    }
    assert covered_by_freeze(marks, TODAY) == (date(2026, 3, 10),)
    assert covered_by_freeze({date(2026, 3, 11): "done"}, TODAY) == ()
    covered = (date(2026, 3, 11),)
    assert _moments(covered=covered).covered == covered
    assert _moments(covered=covered, first_today=False) == Moments()
