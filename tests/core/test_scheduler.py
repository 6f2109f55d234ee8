"""The daily ask: the exposure ladder, no repeats, reproducible draws."""

from __future__ import annotations

from datetime import date

import pytest

from rejection_therapy.core.days import date_of_day
from rejection_therapy.core.scheduler import Candidate, choose_ask, draw_seed, target_difficulty

# How many asks of difficulty 1..5 each built-in pack holds (as in challenges/*.yaml).
PACK_SHAPES = {
    "bold": (8, 9, 9, 9, 8),
    "career": (8, 9, 9, 9, 8),
    "everyday": (8, 10, 9, 9, 8),
    "social": (8, 8, 9, 9, 8),
}


def four_packs() -> list[Candidate]:
    return [
        Candidate(f"{pack}:d{difficulty}-{n}", difficulty)
        for pack, shape in PACK_SHAPES.items()
        for difficulty, count in enumerate(shape, start=1)
        for n in range(count)
    ]


def ladder(*difficulties: int) -> list[Candidate]:
    return [Candidate(f"ask-{i}", d) for i, d in enumerate(difficulties)]


# --- target_difficulty -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "length", "target"),
    [
        (1, 100, 1.0),
        (100, 100, 5.0),
        (1, 30, 1.0),
        (30, 30, 5.0),
        (2, 2, 5.0),
        (3, 5, 3.0),
        (0, 100, 1.0),  # before the run: clamped
        (150, 100, 5.0),  # after the run: clamped
    ],
)
def test_target_difficulty(day, length, target):
    assert target_difficulty(day, length) == pytest.approx(target)


def test_target_difficulty_rises_steadily_over_a_run():
    targets = [target_difficulty(day, 100) for day in range(1, 101)]
    assert all(a < b for a, b in zip(targets, targets[1:], strict=False))
    assert targets[49] == pytest.approx(1 + 4 * 49 / 99)


def test_a_one_day_run_targets_the_first_rung():
    assert target_difficulty(1, 1) == 1.0


# --- choose_ask --------------------------------------------------------------------------


def test_no_candidates_is_an_error():
    with pytest.raises(ValueError):
        choose_ask([], set(), 1, 100, "seed")


@pytest.mark.parametrize(
    ("day", "difficulty"), [(1, 1), (13, 1), (14, 2), (50, 3), (75, 4), (100, 5)]
)
def test_the_nearest_rung_to_the_target_is_chosen(day, difficulty):
    candidates = ladder(5, 4, 3, 2, 1)
    assert choose_ask(candidates, set(), day, 100, "seed").difficulty == difficulty


def test_an_unused_ask_is_preferred_over_a_nearer_used_one():
    candidates = ladder(1, 1, 2, 5)
    chosen = choose_ask(candidates, {"ask-0", "ask-1"}, 1, 100, "seed")
    assert chosen.key == "ask-2"


def test_the_same_seed_draws_the_same_ask():
    candidates = four_packs()
    first = choose_ask(candidates, set(), 40, 100, "run-1:2026-04-09:0")
    for _ in range(5):
        again = choose_ask(list(reversed(candidates)), set(), 40, 100, "run-1:2026-04-09:0")
        assert again == first


def test_different_seeds_spread_over_the_tied_asks():
    candidates = four_packs()
    drawn = {choose_ask(candidates, set(), 1, 100, f"seed-{n}").key for n in range(60)}
    assert len(drawn) > 4
    assert all(key.split(":")[1].startswith("d1-") for key in drawn)


def test_never_repeats_while_unused_asks_remain():
    candidates = ladder(1, 1, 2, 3, 3, 5)
    used: set[str] = set()
    for n in range(len(candidates)):
        chosen = choose_ask(candidates, used, 1, 100, f"seed-{n}")
        assert chosen.key not in used
        used.add(chosen.key)
    assert used == {c.key for c in candidates}


def test_repeats_are_allowed_once_every_ask_is_used():
    candidates = ladder(1, 3, 5)
    chosen = choose_ask(candidates, {"ask-0", "ask-1", "ask-2"}, 100, 100, "seed")
    assert chosen.key == "ask-2"  # the nearest to day 100's target, used or not


def test_draw_seed_names_run_date_and_swaps():
    seed = draw_seed("run-1", date(2026, 3, 2), 0)
    assert seed == draw_seed("run-1", date(2026, 3, 2), 0)
    assert "run-1" in seed and "2026-03-02" in seed
    others = {
        draw_seed("run-2", date(2026, 3, 2), 0),
        draw_seed("run-1", date(2026, 3, 3), 0),
        draw_seed("run-1", date(2026, 3, 2), 1),
    }
    assert seed not in others
    assert len(others) == 3


# --- a simulated 100-day run -------------------------------------------------------------


def simulate_run(length: int = 100) -> list[Candidate]:
    candidates = four_packs()
    used: set[str] = set()
    picks = []
    start = date(2026, 3, 1)
    for day in range(1, length + 1):
        chosen = choose_ask(
            candidates, used, day, length, draw_seed("run-1", date_of_day(start, day), 0)
        )
        used.add(chosen.key)
        picks.append(chosen)
    return picks


def test_a_simulated_run_never_repeats_an_ask():
    picks = simulate_run()
    assert len({p.key for p in picks}) == 100


def test_a_simulated_run_climbs_the_ladder():
    picks = simulate_run()
    difficulties = [p.difficulty for p in picks]
    assert all(d == 1 for d in difficulties[:10])  # easy early
    assert all(d == 5 for d in difficulties[-10:])  # hard late
    assert difficulties == sorted(difficulties)
    assert set(difficulties) == {1, 2, 3, 4, 5}
    for day, d in enumerate(difficulties, start=1):
        assert abs(d - target_difficulty(day, 100)) <= 0.5


def test_a_simulated_run_is_reproducible_and_draws_from_every_pack():
    first, second = simulate_run(), simulate_run()
    assert [p.key for p in first] == [p.key for p in second]
    assert {p.key.split(":")[0] for p in first} == set(PACK_SHAPES)


def test_pack_weights_steer_the_draw_among_equally_near_asks():
    from collections import Counter

    from rejection_therapy.core.scheduler import Candidate, choose_ask

    pool = [Candidate("heavy", 1, 9.0), Candidate("light", 1, 1.0)]
    picks = Counter(choose_ask(pool, set(), 1, 100, f"seed-{i}").key for i in range(1000))
    assert picks["heavy"] > 800 and picks["light"] > 30
