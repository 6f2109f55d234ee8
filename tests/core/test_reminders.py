"""When a reminder speaks: only while today is open, once per chosen time per challenge
day, after the time has passed on the wall clock, catching up after sleep on the same day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from rejection_therapy.core.reminders import Moment, local_wall, nudge_text, slot_moment
from rejection_therapy.core.reminders import decide as decide_on


def decide(**moment):
    return decide_on(Moment(**moment))


DAY = date(2026, 3, 2)
EVENING, LATE = time(18, 30), time(21, 30)


def _decide(now: str, *, spoken=(), today_open=True, slots=(EVENING, LATE), day=DAY, rollover=4):
    return decide(
        today_open=today_open,
        now_wall=datetime.fromisoformat(now),
        challenge_day=day,
        rollover_hour=rollover,
        slots=slots,
        spoken_today=tuple(spoken),
    )


def test_silent_before_the_time_then_once_per_time():
    assert _decide("2026-03-02T18:29").speak_for is None
    first = _decide("2026-03-02T18:30")
    assert first.speak_for == EVENING and first.spoken == (EVENING,)
    assert _decide("2026-03-02T18:45", spoken=first.spoken).speak_for is None
    again = _decide("2026-03-02T21:40", spoken=first.spoken)
    assert again.speak_for == LATE and again.spoken == (EVENING, LATE)


def test_a_done_day_or_a_rest_day_stays_silent():
    assert _decide("2026-03-02T22:00", today_open=False).speak_for is None


def test_a_machine_that_slept_through_both_times_speaks_once_for_the_latest():
    woke = _decide("2026-03-02T23:10")
    assert woke.speak_for == LATE and woke.spoken == (EVENING, LATE)
    assert _decide("2026-03-02T23:25", spoken=woke.spoken).speak_for is None


def test_no_catch_up_the_morning_after():
    """At 09:00 on 3 March the challenge day is the 3rd: the 2nd's 18:30 is not due."""
    assert _decide("2026-03-03T09:00", day=date(2026, 3, 3)).speak_for is None


def test_a_time_after_midnight_belongs_to_the_night_before_the_rollover():
    late_night = time(1, 0)
    assert slot_moment(DAY, late_night, 4) == datetime(2026, 3, 3, 1, 0)
    assert _decide("2026-03-02T23:00", slots=(late_night,)).speak_for is None
    assert _decide("2026-03-03T01:05", slots=(late_night,)).speak_for == late_night


def test_the_wall_clock_rules_across_a_clock_change():
    """Berlin springs forward on 29 March 2026: 18:30 is then 16:30 UTC, not 17:30."""
    before = local_wall(datetime(2026, 3, 29, 16, 20, tzinfo=UTC), "Europe/Berlin")
    after = local_wall(datetime(2026, 3, 29, 16, 35, tzinfo=UTC), "Europe/Berlin")
    day = date(2026, 3, 29)
    assert _decide(before.isoformat(), day=day).speak_for is None
    assert _decide(after.isoformat(), day=day).speak_for == EVENING
    # a time the clock skips (02:30) is due at the first wake-up after the jump
    skipped = time(2, 30)
    woke = local_wall(datetime(2026, 3, 29, 1, 5, tzinfo=UTC), "Europe/Berlin")  # 03:05
    assert _decide(woke.isoformat(), day=date(2026, 3, 28), slots=(skipped,)).speak_for == skipped


def test_the_nudge_says_what_is_at_stake_and_can_hide_the_ask():
    title, body = nudge_text(day=37, streak=36, freezes=0, ask="Ask for a discount")
    assert title == "Today's ask is still open"
    assert (
        body
        == "Day 37 · streak 36 · no freeze held: tonight counts · today's ask: Ask for a discount"
    )
    _title, hidden = nudge_text(
        day=37, streak=36, freezes=1, ask="Ask for a discount", hide_ask=True
    )
    assert "discount" not in hidden and "a freeze would cover tonight" in hidden
    assert (
        nudge_text(day=1, streak=0, freezes=0, ask=None)[1] == "Day 1 · a new streak starts today"
    )


def test_times_count_in_the_order_they_come_in_the_challenge_day():
    """With rollover 04:00, 01:00 is the last time of the day, after 18:30."""
    from rejection_therapy.core.reminders import next_slot

    late, evening = time(1, 0), time(18, 30)
    kwargs = {"challenge_day": DAY, "rollover_hour": 4, "slots": (late, evening)}
    at_one = datetime(2026, 3, 2, 13, 0)
    moment = Moment(today_open=True, now_wall=at_one, spoken_today=(), **kwargs)
    assert next_slot(moment) == datetime(2026, 3, 2, 18, 30)
    after_both = datetime(2026, 3, 3, 1, 5)  # slept through 18:30 and woke at 01:05
    decision = decide(today_open=True, now_wall=after_both, spoken_today=(), **kwargs)
    assert decision.speak_for == late and decision.spoken == (evening, late)


def test_times_no_longer_set_are_forgotten():
    old = tuple(time(h, 0) for h in (10, 11, 12, 13))
    new = tuple(time(h, 0) for h in (14, 15, 16, 17))
    decision = decide(
        today_open=True,
        now_wall=datetime(2026, 3, 2, 14, 5),
        challenge_day=DAY,
        rollover_hour=4,
        slots=new,
        spoken_today=old,
    )
    assert decision.speak_for == time(14, 0) and decision.spoken == (time(14, 0),)


def test_a_colon_needs_its_minutes():
    import pytest

    from rejection_therapy.core.reminders import parse_slot

    with pytest.raises(ValueError, match="not a time of day"):
        parse_slot("18:")
    assert parse_slot("7pm") == time(19, 0)
