"""Streaks, freezes and rest days, derived from done dates and today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.core.days import challenge_date_for
from rejection_therapy.core.streaks import (
    DONE,
    DONE_DAYS_PER_FREEZE,
    FROZEN,
    MAX_FREEZES,
    MISSED,
    OPEN,
    REST,
    summarize_streak,
)

START = date(2026, 3, 1)


def day(k: int) -> date:
    """Challenge day k counted from START (day 1)."""
    return START + timedelta(days=k - 1)


def days(first: int, last: int) -> list[date]:
    return [day(k) for k in range(first, last + 1)]


def summary_on(today: int, done: list[date], rest: list[date] = ()):
    return summarize_streak(START, day(today), done, rest)


def test_the_rule_constants():
    assert DONE_DAYS_PER_FREEZE == 7
    assert MAX_FREEZES == 2


# --- empty and early ---------------------------------------------------------------------


def test_no_run_means_no_streak():
    summary = summarize_streak(None, day(5), days(1, 5))
    assert (summary.current, summary.best, summary.freezes, summary.freezes_used) == (0, 0, 0, 0)
    assert summary.marks == {}
    assert not summary.at_risk


def test_a_run_that_starts_later_has_no_streak_yet():
    summary = summarize_streak(day(3), day(1), [day(1)])
    assert (summary.current, summary.best) == (0, 0)
    assert summary.marks == {}
    assert not summary.at_risk


def test_the_first_day_open_is_neither_done_nor_at_risk():
    summary = summary_on(1, [])
    assert summary.current == 0
    assert summary.marks == {day(1): OPEN}
    assert not summary.today_done
    assert not summary.at_risk


# --- the rehearsal: ten days, one step at a time ---------------------------------


@pytest.mark.parametrize("today", range(1, 11))
def test_rehearse_ten_days_the_streak_grows(today):
    done_before = days(1, today - 1)

    morning = summary_on(today, done_before)
    assert morning.current == today - 1
    assert morning.marks[day(today)] == OPEN
    assert morning.at_risk == (today > 1)
    assert not morning.today_done

    evening = summary_on(today, done_before + [day(today)])
    assert evening.current == today
    assert evening.best == today
    assert evening.today_done
    assert not evening.at_risk
    assert evening.freezes == (1 if today >= 7 else 0)
    assert all(evening.marks[day(k)] == DONE for k in range(1, today + 1))


def test_rehearsal_a_freeze_covers_one_missed_day_after_seven_done_days():
    summary = summary_on(9, days(1, 7) + [day(9)])
    assert summary.marks[day(8)] == FROZEN
    assert summary.current == 8  # 7 done, 1 frozen (does not add), 1 done
    assert summary.best == 8
    assert summary.freezes == 0
    assert summary.freezes_used == 1


def test_rehearsal_two_missed_days_with_one_freeze_break_the_streak():
    summary = summary_on(10, days(1, 7) + [day(10)])
    assert summary.marks[day(8)] == FROZEN
    assert summary.marks[day(9)] == MISSED
    assert summary.current == 1
    assert summary.best == 7
    assert summary.freezes_used == 1


def test_a_frozen_yesterday_keeps_the_streak_at_risk_today():
    summary = summary_on(9, days(1, 7))
    assert summary.marks[day(8)] == FROZEN
    assert summary.marks[day(9)] == OPEN
    assert summary.current == 7
    assert summary.at_risk


# --- missed days and today ---------------------------------------------------------------


def test_a_missed_day_without_a_freeze_breaks_the_streak():
    summary = summary_on(8, days(1, 6) + [day(8)])
    assert summary.marks[day(7)] == MISSED
    assert summary.current == 1
    assert summary.best == 6
    assert summary.freezes_used == 0


def test_a_missed_yesterday_leaves_nothing_at_risk():
    summary = summary_on(5, days(1, 3))
    assert summary.marks[day(4)] == MISSED
    assert summary.current == 0
    assert not summary.at_risk


def test_today_open_never_breaks_the_streak():
    summary = summary_on(4, days(1, 3))
    assert summary.marks[day(4)] == OPEN
    assert summary.current == 3
    assert summary.freezes_used == 0
    assert summary.at_risk


def test_the_best_streak_is_kept_after_a_break():
    summary = summary_on(20, days(1, 5) + days(7, 9) + days(11, 20))
    assert summary.current == 10
    assert summary.best == 10
    earlier = summary_on(12, days(1, 5) + days(7, 9) + days(11, 12))
    assert earlier.current == 2
    assert earlier.best == 5


def test_every_day_from_the_first_date_to_today_is_marked():
    summary = summary_on(6, [day(1), day(3)], [day(5)])
    assert summary.marks == {
        day(1): DONE,
        day(2): MISSED,
        day(3): DONE,
        day(4): MISSED,
        day(5): REST,
        day(6): OPEN,
    }


def test_days_before_the_first_date_are_ignored():
    before = [START - timedelta(days=k) for k in range(1, 8)]
    summary = summary_on(2, before + [day(1), day(2)])
    assert summary.current == 2
    assert summary.best == 2
    assert summary.freezes == 0
    assert min(summary.marks) == day(1)


# --- freezes -----------------------------------------------------------------------------


def test_no_freeze_before_seven_done_days():
    assert summary_on(6, days(1, 6)).freezes == 0
    assert summary_on(7, days(1, 7)).freezes == 1


def test_one_freeze_per_seven_done_days_capped_at_two():
    assert summary_on(13, days(1, 13)).freezes == 1
    assert summary_on(14, days(1, 14)).freezes == 2
    assert summary_on(21, days(1, 21)).freezes == 2
    assert summary_on(40, days(1, 40)).freezes == 2


def test_held_freezes_cover_missed_days_in_order_then_the_streak_breaks():
    summary = summary_on(25, days(1, 21) + [day(25)])
    assert [summary.marks[day(k)] for k in (22, 23, 24)] == [FROZEN, FROZEN, MISSED]
    assert summary.freezes_used == 2
    assert summary.freezes == 0
    assert summary.current == 1
    assert summary.best == 21


def test_two_held_freezes_cover_two_missed_days():
    summary = summary_on(17, days(1, 14) + [day(17)])
    assert summary.marks[day(15)] == FROZEN
    assert summary.marks[day(16)] == FROZEN
    assert summary.current == 15
    assert summary.freezes_used == 2


def test_the_count_toward_a_freeze_restarts_after_one_is_earned():
    # 7 done earn one; 6 more do not earn another, so the second missed day breaks.
    summary = summary_on(16, days(1, 7) + days(9, 14) + [day(16)])
    assert summary.marks[day(8)] == FROZEN
    assert summary.marks[day(15)] == MISSED
    assert summary.current == 1


def test_the_count_toward_a_freeze_survives_a_frozen_day():
    # 7 done, frozen, 7 more done: a second freeze is earned and covers the next miss.
    summary = summary_on(17, days(1, 7) + days(9, 15) + [day(17)])
    assert summary.marks[day(8)] == FROZEN
    assert summary.marks[day(16)] == FROZEN
    assert summary.current == 15
    assert summary.freezes_used == 2


def test_the_count_toward_a_freeze_restarts_when_the_streak_breaks():
    # 5 done, a break, 6 done: 11 done days in all, but never 7 in one streak.
    summary = summary_on(14, days(1, 5) + days(7, 12) + [day(14)])
    assert summary.marks[day(6)] == MISSED
    assert summary.marks[day(13)] == MISSED
    assert summary.freezes_used == 0
    assert summary.current == 1


def test_rest_days_do_not_restart_the_count_toward_a_freeze():
    summary = summary_on(8, days(1, 4) + days(6, 8), [day(5)])
    assert summary.freezes == 1
    assert summary.current == 7


# --- rest days ---------------------------------------------------------------------------


def test_a_rest_day_pauses_the_streak():
    summary = summary_on(5, days(1, 3) + [day(5)], [day(4)])
    assert summary.marks[day(4)] == REST
    assert summary.current == 4
    assert summary.freezes_used == 0


def test_a_rest_day_does_not_spend_a_freeze():
    summary = summary_on(9, days(1, 7) + [day(9)], [day(8)])
    assert summary.marks[day(8)] == REST
    assert summary.freezes == 1
    assert summary.freezes_used == 0
    assert summary.current == 8


def test_resting_today_is_not_at_risk():
    summary = summary_on(4, days(1, 3), [day(4)])
    assert summary.today_rest
    assert not summary.today_done
    assert summary.marks[day(4)] == REST
    assert summary.current == 3
    assert not summary.at_risk


def test_a_rest_day_with_an_entry_counts_as_done():
    summary = summary_on(3, days(1, 3), [day(2)])
    assert summary.marks[day(2)] == DONE
    assert summary.current == 3
    assert not summary.today_rest


def test_several_rest_days_in_a_row_pause_without_breaking():
    summary = summary_on(10, days(1, 3) + days(8, 10), days(4, 7))
    assert summary.current == 6
    assert summary.freezes_used == 0


# --- time zone change mid-run --------------------------------------------------------------


def test_moving_east_does_not_move_old_dates():
    berlin, tokyo = ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")
    # Five asks logged in Berlin at 22:00 local: each stored with its Berlin challenge date.
    logged = [datetime(2026, 3, k, 21, 0, tzinfo=UTC) for k in range(1, 6)]
    stored = [challenge_date_for(t, berlin, 4) for t in logged]
    assert stored == days(1, 5)
    # Recomputed in Tokyo the last one would be 03-06: the stored date must be used instead.
    assert challenge_date_for(logged[-1], tokyo, 4) == day(6)

    # The person flies to Tokyo; "today" is now computed there.
    now = datetime(2026, 3, 6, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo, 02:00 in Berlin
    today = challenge_date_for(now, tokyo, 4)
    assert today == day(6)
    summary = summarize_streak(START, today, stored)
    assert summary.marks[day(5)] == DONE
    assert summary.marks[day(6)] == OPEN
    assert summary.current == 5
    assert summary.at_risk


def test_moving_west_does_not_move_old_dates():
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    logged = [datetime(2026, 3, k, 8, 0, tzinfo=UTC) for k in range(1, 6)]  # 09:00 Berlin
    stored = [challenge_date_for(t, berlin, 4) for t in logged]
    assert stored == days(1, 5)
    # Arrived in New York the evening of day 5: it is still day 5 there.
    now = datetime(2026, 3, 6, 1, 0, tzinfo=UTC)  # 20:00 EST on 03-05
    today = challenge_date_for(now, new_york, 4)
    assert today == day(5)
    summary = summarize_streak(START, today, stored)
    assert summary.current == 5
    assert summary.today_done
    assert not summary.at_risk
    # The next New York day is open; the streak waits for it.
    next_day = challenge_date_for(now + timedelta(days=1), new_york, 4)
    later = summarize_streak(START, next_day, stored)
    assert later.current == 5
    assert later.at_risk


# --- properties --------------------------------------------------------------------------

offsets = st.sets(st.integers(min_value=-5, max_value=60), max_size=60)


@settings(derandomize=True, deadline=None, max_examples=300)
@given(
    length=st.integers(min_value=1, max_value=60),
    done_offsets=offsets,
    rest_offsets=offsets,
)
def test_streak_invariants(length, done_offsets, rest_offsets):
    today = day(length)
    done = [day(1) + timedelta(days=k) for k in done_offsets]
    rest = [day(1) + timedelta(days=k) for k in rest_offsets]
    summary = summarize_streak(START, today, done, rest)

    done_in_range = {on for on in done if START <= on <= today}
    assert 0 <= summary.current <= summary.best
    assert summary.current <= len(done_in_range)
    assert summary.best <= len(done_in_range)
    assert 0 <= summary.freezes <= MAX_FREEZES
    assert summary.freezes_used == sum(1 for mark in summary.marks.values() if mark == FROZEN)
    assert summary.freezes_used <= len(done_in_range) // DONE_DAYS_PER_FREEZE
    assert set(summary.marks) == set(days(1, length))
    assert {on for on, mark in summary.marks.items() if mark == DONE} == done_in_range
    assert summary.today_done == (today in done)
    assert summary.at_risk == (summary.current > 0 and summary.marks[today] == OPEN)
    # Counting back from today, the current streak is made of done days, each frozen or rest
    # day in between adding nothing, and stops at the latest missed day.
    run = 0
    for on in sorted(summary.marks, reverse=True):
        if summary.marks[on] == MISSED:
            break
        run += summary.marks[on] == DONE
    assert summary.current == run
