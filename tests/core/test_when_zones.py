"""parse_day() where clocks and zones make dates slippery: the text is counted in whole
challenge dates, so a DST change, the hour of the day, the rollover hour and the zone
decide only which date is today, never how far "in 3 days" reaches."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.core.days import challenge_date_for
from rejection_therapy.core.when import parse_day

BERLIN = ZoneInfo("Europe/Berlin")
AUCKLAND = ZoneInfo("Pacific/Auckland")
NEW_YORK = ZoneInfo("America/New_York")
APIA = ZoneInfo("Pacific/Apia")  # skipped 2011-12-30 entirely: from UTC-10 to UTC+14


def _today(instant: str, zone: ZoneInfo, rollover: int = 4) -> date:
    return challenge_date_for(datetime.fromisoformat(instant), zone, rollover)


@pytest.mark.parametrize(
    ("instant", "text", "expected"),
    [
        # Berlin springs forward at 02:00 on Sunday 2026-03-29 (a 23-hour day)
        ("2026-03-28T23:30:00+01:00", "tomorrow", date(2026, 3, 29)),
        ("2026-03-29T01:30:00+01:00", "today", date(2026, 3, 28)),  # before the rollover
        ("2026-03-29T03:30:00+02:00", "today", date(2026, 3, 28)),  # 03:30 is still before 04:00
        ("2026-03-29T04:00:00+02:00", "today", date(2026, 3, 29)),
        ("2026-03-29T04:00:00+02:00", "yesterday", date(2026, 3, 28)),
        ("2026-03-29T12:00:00+02:00", "in 1 day", date(2026, 3, 30)),
        ("2026-03-29T12:00:00+02:00", "in 1 week", date(2026, 4, 5)),
        ("2026-03-29T12:00:00+02:00", "3 days ago", date(2026, 3, 26)),
        # and falls back at 03:00 on Sunday 2026-10-25 (a 25-hour day: 02:30 happens twice)
        ("2026-10-25T02:30:00+02:00", "today", date(2026, 10, 24)),
        ("2026-10-25T02:30:00+01:00", "today", date(2026, 10, 24)),
        ("2026-10-25T03:59:00+01:00", "tomorrow", date(2026, 10, 25)),
        ("2026-10-25T23:59:00+01:00", "+1d", date(2026, 10, 26)),
        ("2026-10-25T23:59:00+01:00", "next sunday", date(2026, 11, 1)),
        ("2026-10-26T00:30:00+01:00", "sunday", date(2026, 10, 25)),  # still Sunday's day
    ],
)
def test_berlin_across_its_clock_changes(instant, text, expected):
    assert parse_day(text, _today(instant, BERLIN)) == expected


def test_one_instant_is_a_different_today_in_each_zone():
    """The same moment, three people: "tomorrow" follows each one's own challenge date."""
    instant = "2026-03-29T11:30:00+00:00"  # Sunday 13:30 in Berlin, 07:30 in New York,
    # Monday 00:30 in Auckland (before its rollover: still Sunday's day)
    assert parse_day("tomorrow", _today(instant, BERLIN)) == date(2026, 3, 30)
    assert parse_day("tomorrow", _today(instant, NEW_YORK)) == date(2026, 3, 30)
    assert parse_day("tomorrow", _today(instant, AUCKLAND)) == date(2026, 3, 30)
    later = "2026-03-29T16:30:00+00:00"  # Monday 05:30 in Auckland: its Monday has begun
    assert parse_day("tomorrow", _today(later, AUCKLAND)) == date(2026, 3, 31)
    assert parse_day("yesterday", _today(later, NEW_YORK)) == date(2026, 3, 28)


def test_a_day_the_calendar_skipped_is_still_counted():
    """Samoa had no 2011-12-30: counting in dates, `in 2 days` from the 29th is the 31st
    and `tomorrow` is the skipped date itself (a day with no hours still has a name)."""
    today = _today("2011-12-29T12:00:00-10:00", APIA)
    assert today == date(2011, 12, 29)
    assert parse_day("tomorrow", today) == date(2011, 12, 30)
    assert parse_day("in 2 days", today) == date(2011, 12, 31)
    assert _today("2011-12-31T12:00:00+14:00", APIA) == date(2011, 12, 31)


ZONES = st.sampled_from([BERLIN, AUCKLAND, NEW_YORK, ZoneInfo("Asia/Kolkata"), ZoneInfo("UTC")])


@given(
    st.datetimes(
        min_value=datetime(2001, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(ZoneInfo("UTC")),
    ),
    ZONES,
    st.integers(0, 23),
    st.integers(0, 400),
)
def test_in_n_days_is_n_dates_on_whatever_the_clock_does(instant, zone, rollover, count):
    today = challenge_date_for(instant, zone, rollover)
    assert parse_day(f"in {count} days", today) == today + timedelta(days=count)
    assert parse_day(f"{count} days ago", today) == today - timedelta(days=count)
    assert parse_day("yesterday", today) == today - timedelta(days=1)
