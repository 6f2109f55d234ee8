"""Today from the record's day span (no zone loaded), and the span around clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from rejection_therapy.core.days import challenge_date_for, day_span, today_span
from rejection_therapy.fastpath.clock import record_now

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_day_the_clocks_change_has_no_span_and_its_neighbours_do():
    assert (
        day_span(date(2026, 3, 28), BERLIN, 4) is None
    )  # 02:00 -> 03:00 on the 29th, 4 am rollover
    assert day_span(date(2026, 10, 24), BERLIN, 4) is None  # 03:00 -> 02:00 on the 25th
    for on in (date(2026, 3, 27), date(2026, 3, 29), date(2026, 10, 25)):
        begins, ends = day_span(on, BERLIN, 4)
        first = datetime.fromtimestamp(begins, UTC)
        last = datetime.fromtimestamp(ends, UTC) - timedelta(microseconds=1)
        assert challenge_date_for(first, BERLIN, 4) == on
        assert challenge_date_for(last, BERLIN, 4) == on
        assert challenge_date_for(last + timedelta(microseconds=1), BERLIN, 4) == on + timedelta(1)


@pytest.mark.parametrize("rollover", [0, 2, 3, 23])
def test_every_span_of_a_year_holds_exactly_its_day(rollover):
    zone = ZoneInfo("America/New_York")
    on = date(2026, 1, 1)
    while on.year == 2026:
        span = day_span(on, zone, rollover)
        if span is not None:
            begins = datetime.fromtimestamp(span[0], UTC)
            assert challenge_date_for(begins, zone, rollover) == on
            assert challenge_date_for(begins - timedelta(microseconds=1), zone, rollover) != on
        on += timedelta(days=1)


def test_today_comes_from_the_span_without_the_zone_while_now_is_inside_it():
    record = {
        "timezone": "Nowhere/Invented",  # loading it would raise
        "rollover_hour": 4,
        "today_span": today_span(date(2026, 3, 2), BERLIN, 4),
    }
    now, today = record_now(record, {"REJECTION_THERAPY_NOW": "2026-03-02T23:30:00+01:00"})
    assert today == date(2026, 3, 2) and now == datetime(2026, 3, 2, 22, 30, tzinfo=UTC)
    with pytest.raises(KeyError):  # the next day is outside: the zone is asked
        record_now(record, {"REJECTION_THERAPY_NOW": "2026-03-03T05:00:00+01:00"})


def test_outside_the_span_the_zone_answers_and_the_span_moves_to_today():
    record = {
        "timezone": "Europe/Berlin",
        "rollover_hour": 4,
        "today_span": today_span(date(2026, 3, 2), BERLIN, 4),
    }
    _now, today = record_now(record, {"REJECTION_THERAPY_NOW": "2026-03-03"})  # noon, local
    assert today == date(2026, 3, 3)
    assert record["today_span"] == today_span(date(2026, 3, 3), BERLIN, 4)


def test_a_walk_resumed_from_any_day_gives_the_whole_walk_s_streak():
    import random

    from rejection_therapy.core.streaks import streak_state_at, summarize_streak

    chooser = random.Random(7)
    first = date(2025, 1, 1)
    for _trial in range(40):
        days = [first + timedelta(days=n) for n in range(120)]
        done = {d for d in days if chooser.random() < 0.7}
        rest = {d for d in days if chooser.random() < 0.05}
        spans = [(first, first + timedelta(days=99)), (first + timedelta(days=105), days[-1])]
        today = days[-1] - timedelta(days=chooser.randrange(5))
        whole = summarize_streak(first, today, done, rest, spans)
        for since in (first + timedelta(days=1), first + timedelta(days=50), today):
            state = streak_state_at(first, since, done, rest, spans)
            part = summarize_streak(first, today, done, rest, spans, state)
            got = (part.current, part.best, part.freezes, part.freezes_used, part.today_done)
            assert got == (
                whole.current,
                whole.best,
                whole.freezes,
                whole.freezes_used,
                whole.today_done,
            )
            assert part.at_risk == whole.at_risk and part.today_rest == whole.today_rest
            assert all(whole.marks[d] == mark for d, mark in part.marks.items())
