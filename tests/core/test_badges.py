"""Badges as data: rules, progress and newly reached badges."""

from __future__ import annotations

import pytest

from rejection_therapy.core.badges import BADGES, BADGES_BY_ID, badge_progress, newly_reached


def progress_of(metrics, badge_id):
    return next(p for p in badge_progress(metrics) if p.rule.id == badge_id)


def test_there_are_at_least_fifteen_badges_with_unique_ids():
    ids = [rule.id for rule in BADGES]
    assert len(ids) >= 15
    assert len(set(ids)) == len(ids)
    assert set(BADGES_BY_ID) == set(ids)
    assert all(BADGES_BY_ID[rule.id] is rule for rule in BADGES)


@pytest.mark.parametrize("rule", BADGES, ids=lambda rule: rule.id)
def test_each_badge_has_a_name_a_description_and_a_reachable_goal(rule):
    assert rule.name.strip()
    assert rule.description.strip()
    assert rule.metric.strip()
    assert rule.icon.strip()
    assert rule.goal >= 1


def test_names_are_unique():
    names = [rule.name for rule in BADGES]
    assert len(set(names)) == len(names)


def test_progress_covers_every_badge_in_display_order():
    progress = badge_progress({})
    assert [p.rule for p in progress] == list(BADGES)
    assert all(p.value == 0 and not p.reached and p.fraction == 0.0 for p in progress)


def test_progress_fraction_and_reached():
    metrics = {"nos": 5}
    assert progress_of(metrics, "first-no").reached
    assert progress_of(metrics, "first-no").fraction == 1.0
    assert progress_of(metrics, "nos-10").fraction == pytest.approx(0.5)
    assert not progress_of(metrics, "nos-10").reached
    assert progress_of(metrics, "nos-100").fraction == pytest.approx(0.05)


def test_progress_fraction_is_capped_at_one():
    progress = progress_of({"nos": 250}, "nos-100")
    assert progress.value == 250
    assert progress.fraction == 1.0
    assert progress.reached


@pytest.mark.parametrize(
    ("best_streak", "reached"),
    [
        (2, set()),
        (3, {"streak-3"}),
        (6, {"streak-3"}),
        (7, {"streak-3", "streak-7"}),
        (30, {"streak-3", "streak-7", "streak-30"}),
        (100, {"streak-3", "streak-7", "streak-30", "streak-100"}),
    ],
)
def test_goals_are_reached_exactly_at_the_goal(best_streak, reached):
    assert {rule.id for rule in newly_reached({"best_streak": best_streak}, set())} == reached


def test_newly_reached_skips_badges_already_earned():
    metrics = {"entries": 1, "nos": 1}
    assert [rule.id for rule in newly_reached(metrics, set())] == ["first-ask", "first-no"]
    assert [rule.id for rule in newly_reached(metrics, {"first-ask"})] == ["first-no"]
    assert newly_reached(metrics, {"first-ask", "first-no"}) == []


def test_unknown_metrics_are_ignored():
    assert newly_reached({"something-else": 1000}, set()) == []
