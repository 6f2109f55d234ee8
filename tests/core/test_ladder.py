"""The ladder that listens (README, Rules of the game) and whether a pool carries a run."""

from __future__ import annotations

from datetime import date, timedelta

from rejection_therapy.core.ladder import (
    PastAsk,
    Shift,
    base_rung,
    carries,
    ladder_shift,
    targets_left,
)

DAY = date(2026, 5, 10)


def past(days_ago: int, swapped: bool = False, shift: int = 0, since: int | None = None) -> PastAsk:
    return PastAsk(
        DAY - timedelta(days_ago),
        swapped,
        shift,
        DAY - timedelta(since) if since is not None else None,
    )


def test_without_fear_ratings_the_day_based_ladder_applies():
    assert ladder_shift(DAY, 2, [None, None, None], []) == Shift()
    assert ladder_shift(DAY, 2, [], []) == Shift()


def test_three_calm_asks_at_the_rung_move_it_up_and_say_so():
    shift = ladder_shift(DAY, 2, [9, 3, 2, 1], [])
    assert (shift.rung, shift.since) == (1, DAY)
    assert "bolder" in shift.note and "rung 2" in shift.note and "3/10" in shift.note
    assert ladder_shift(DAY, 2, [3, None, 2], []).rung == 0  # one unrated: not three calm asks
    assert ladder_shift(DAY, 2, [4, 3, 2], []).rung == 0
    assert ladder_shift(DAY, 5, [1, 1, 1], []).rung == 0  # the top rung has nowhere to go


def test_two_frightening_asks_of_three_move_it_down():
    shift = ladder_shift(DAY, 3, [8, 2, 9], [])
    assert shift.rung == -1 and "8/10" in shift.note
    assert ladder_shift(DAY, 3, [8, 2, 7], []).rung == 0
    assert ladder_shift(DAY, 1, [9, 9, 9], []).rung == 0  # the bottom rung stays


def test_swapping_on_three_of_the_last_five_days_moves_it_down():
    asks = [past(1, True), past(3, True), past(5, True), past(6, True)]
    shift = ladder_shift(DAY, 3, [1, 1, 1], asks)  # easing wins over calm ratings
    assert shift.rung == -1 and "swapped on 3 of the last 5 days" in shift.note
    assert ladder_shift(DAY, 3, [], [past(1, True), past(2, True), past(6, True)]).rung == 0


def test_a_move_lasts_three_days_then_is_judged_again():
    began = [past(2, shift=1, since=2)]
    assert ladder_shift(DAY, 2, [], began) == Shift(1, DAY - timedelta(2))
    ended = [past(3, shift=1, since=3)]
    assert ladder_shift(DAY, 2, [], ended) == Shift()


def test_a_pool_carries_a_run_when_every_day_has_an_ask_within_one_rung():
    targets = targets_left(1, 10)
    assert carries([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], targets)
    assert not carries([1] * 10, targets)  # the late days would jump four rungs
    assert not carries([1, 2, 3, 4, 5] * 1, targets)  # too few: a repeat
    assert carries([], [])


def test_the_carry_check_is_a_true_matching_not_a_greedy_guess():
    # Day targets 1.0 and 2.0: the 2-rung ask must go to the 1.0 day only if the 3 cannot.
    assert carries([2, 3], [1.0, 2.0])
    assert not carries([3, 3], [1.0, 2.0])


def test_base_rung_rises_from_one_to_five():
    assert [base_rung(d, 100) for d in (1, 25, 50, 75, 100)] == [1, 2, 3, 4, 5]
