"""XP per entry and the level curve."""

from __future__ import annotations

import pytest

from rejection_therapy.core.scoring import entry_xp, level_for, xp_for_level


@pytest.mark.parametrize(
    ("outcome", "difficulty", "asked_why", "xp"),
    [
        ("no", 1, False, 10),
        ("no", 1, True, 15),
        ("why", 1, False, 15),  # asking why is always worth the bonus
        ("why", 1, True, 15),  # ...but only once
        ("yes", 1, False, 4),
        ("yes", 1, True, 9),
        ("no", 2, False, 20),
        ("no", 3, True, 45),
        ("why", 5, False, 75),
        ("yes", 5, False, 20),
        ("yes", 5, True, 45),
    ],
)
def test_xp_table(outcome, difficulty, asked_why, xp):
    assert entry_xp(outcome, difficulty, asked_why, 1) == xp


@pytest.mark.parametrize("difficulty", [1, 2, 3, 4, 5])
def test_why_beats_no_beats_yes(difficulty):
    why = entry_xp("why", difficulty, False, 1)
    no = entry_xp("no", difficulty, False, 1)
    yes = entry_xp("yes", difficulty, False, 1)
    assert why > no > yes > 0


@pytest.mark.parametrize("outcome", ["no", "why", "yes"])
def test_harder_asks_earn_more(outcome):
    values = [entry_xp(outcome, difficulty, False, 1) for difficulty in range(1, 6)]
    assert values == sorted(values)
    assert len(set(values)) == 5


def test_an_unknown_outcome_earns_nothing():
    assert entry_xp("maybe", 3, True, 1) == 0


def test_a_pending_ask_earns_for_asking_but_no_why_bonus():
    assert entry_xp("pending", 3, False, 1) == 18
    assert entry_xp("pending", 3, True, 1) == 18


@pytest.mark.parametrize(
    ("ordinal", "no_d1", "why_d5"),
    [
        (1, 10, 75),
        (2, 10, 75),
        (3, 10, 75),
        (4, 5, 37),  # half
        (5, 2, 18),  # a quarter
        (6, 1, 9),  # an eighth
        (7, 1, 4),
        (10, 1, 1),  # never below 1
        (50, 1, 1),
    ],
)
def test_xp_diminishes_after_the_third_entry_of_a_day(ordinal, no_d1, why_d5):
    assert entry_xp("no", 1, False, ordinal) == no_d1
    assert entry_xp("why", 5, False, ordinal) == why_d5


@pytest.mark.parametrize(
    ("level", "xp"), [(1, 0), (2, 50), (3, 150), (4, 300), (5, 500), (10, 2250)]
)
def test_xp_needed_for_a_level(level, xp):
    assert xp_for_level(level) == xp


@pytest.mark.parametrize(
    ("xp", "level"),
    [
        (0, 1),
        (1, 1),
        (49, 1),
        (50, 2),
        (149, 2),
        (150, 3),
        (299, 3),
        (300, 4),
        (499, 4),
        (500, 5),
        (2249, 9),
        (2250, 10),
    ],
)
def test_level_for_boundaries(xp, level):
    assert level_for(xp).level == level


def test_level_progress_fields():
    reached = level_for(60)
    assert (reached.level, reached.xp, reached.floor, reached.ceiling) == (2, 60, 50, 150)
    assert reached.into_level == 10
    assert reached.span == 100
    assert reached.to_next == 90


def test_every_xp_total_lies_within_its_level():
    for xp in range(0, 6000):
        reached = level_for(xp)
        assert reached.floor <= xp < reached.ceiling
        assert reached.floor == xp_for_level(reached.level)
        assert reached.ceiling == xp_for_level(reached.level + 1)
