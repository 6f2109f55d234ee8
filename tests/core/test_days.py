"""Challenge dates, day numbers and day boundaries, including DST changes.

Time zone facts used below (2026 unless said otherwise):
- Europe/Berlin: spring forward 03-29 02:00 CET -> 03:00 CEST (01:00 UTC);
  fall back 10-25 03:00 CEST -> 02:00 CET (01:00 UTC).
- America/New_York: spring forward 03-08 02:00 EST -> 03:00 EDT (07:00 UTC);
  fall back 11-01 02:00 EDT -> 01:00 EST (06:00 UTC).
- Australia/Lord_Howe (30-minute shift): 10-04 02:00 +10:30 -> 02:30 +11 (10-03 15:30 UTC);
  04-05 02:00 +11 -> 01:30 +10:30 (04-04 15:00 UTC).
- America/Santiago (DST at midnight): 09-06 00:00 -04 -> 01:00 -03 (04:00 UTC);
  04-05 00:00 -03 -> 04-04 23:00 -04 (03:00 UTC).
- Pacific/Apia skipped 2011-12-30 entirely: 12-29 23:59:59 -10 -> 12-31 00:00 +14
  (2011-12-30 10:00 UTC).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.core.days import (
    DEFAULT_ROLLOVER_HOUR,
    challenge_date_for,
    date_of_day,
    day_begins_at,
    day_number,
    next_rollover_after,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
SANTIAGO = ZoneInfo("America/Santiago")
APIA = ZoneInfo("Pacific/Apia")


def utc(text: str) -> datetime:
    """An aware UTC instant from 'YYYY-MM-DDTHH:MM[:SS]'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- challenge_date_for: the rollover shift -------------------------------------------------


def test_default_rollover_hour_is_four():
    assert DEFAULT_ROLLOVER_HOUR == 4


@pytest.mark.parametrize(
    ("local_time", "expected"),
    [
        ("2026-03-03T00:00", "2026-03-02"),
        ("2026-03-03T01:30", "2026-03-02"),
        ("2026-03-03T03:59:59", "2026-03-02"),
        ("2026-03-03T04:00", "2026-03-03"),
        ("2026-03-03T12:00", "2026-03-03"),
        ("2026-03-03T23:59:59", "2026-03-03"),
    ],
)
def test_before_the_rollover_hour_counts_for_the_previous_date(local_time, expected):
    instant = datetime.fromisoformat(local_time).replace(tzinfo=BERLIN)
    assert challenge_date_for(instant, BERLIN, 4) == d(expected)


@pytest.mark.parametrize("local_time", ["2026-03-03T00:00", "2026-03-03T00:30", "2026-03-03T23:59"])
def test_rollover_hour_zero_is_the_plain_local_date(local_time):
    instant = datetime.fromisoformat(local_time).replace(tzinfo=BERLIN)
    assert challenge_date_for(instant, BERLIN, 0) == d("2026-03-03")


def test_the_zone_not_the_instants_own_offset_decides_the_date():
    instant = utc("2026-03-03T02:00")  # 03:00 in Berlin, 21:00 the day before in New York
    assert challenge_date_for(instant, BERLIN, 0) == d("2026-03-03")
    assert challenge_date_for(instant, BERLIN, 4) == d("2026-03-02")
    assert challenge_date_for(instant, NEW_YORK, 0) == d("2026-03-02")
    assert challenge_date_for(instant.astimezone(LORD_HOWE), BERLIN, 0) == d("2026-03-03")


# --- DST tables: (zone, UTC instant, rollover hour, expected challenge date) ----------------

DST_DATES = [
    # Berlin, spring forward 2026-03-29 (01:00 UTC)
    (BERLIN, "2026-03-28T22:59", 0, "2026-03-28"),  # 23:59 CET
    (BERLIN, "2026-03-28T23:00", 0, "2026-03-29"),  # 00:00 CET
    (BERLIN, "2026-03-28T23:30", 4, "2026-03-28"),  # 00:30 CET, before rollover
    (BERLIN, "2026-03-29T00:59", 2, "2026-03-28"),  # 01:59 CET
    (BERLIN, "2026-03-29T01:00", 2, "2026-03-29"),  # 03:00 CEST, 02:xx never happened
    (BERLIN, "2026-03-29T00:59", 3, "2026-03-28"),
    (BERLIN, "2026-03-29T01:00", 3, "2026-03-29"),  # 03:00 CEST
    (BERLIN, "2026-03-29T01:59", 4, "2026-03-28"),  # 03:59 CEST
    (BERLIN, "2026-03-29T02:00", 4, "2026-03-29"),  # 04:00 CEST
    # Berlin, fall back 2026-10-25 (01:00 UTC): 02:00-02:59 happens twice
    (BERLIN, "2026-10-24T21:59", 0, "2026-10-24"),  # 23:59 CEST
    (BERLIN, "2026-10-24T22:00", 0, "2026-10-25"),  # 00:00 CEST
    (BERLIN, "2026-10-24T23:59", 2, "2026-10-24"),  # 01:59 CEST
    (BERLIN, "2026-10-25T00:00", 2, "2026-10-25"),  # 02:00 CEST (first)
    (BERLIN, "2026-10-25T01:30", 2, "2026-10-25"),  # 02:30 CET (second)
    (BERLIN, "2026-10-25T00:30", 3, "2026-10-24"),  # 02:30 CEST
    (BERLIN, "2026-10-25T01:30", 3, "2026-10-24"),  # 02:30 CET, still before 03:00
    (BERLIN, "2026-10-25T02:00", 3, "2026-10-25"),  # 03:00 CET
    (BERLIN, "2026-10-25T02:59", 4, "2026-10-24"),  # 03:59 CET
    (BERLIN, "2026-10-25T03:00", 4, "2026-10-25"),  # 04:00 CET
    # New York, spring forward 2026-03-08 (07:00 UTC)
    (NEW_YORK, "2026-03-08T04:59", 0, "2026-03-07"),  # 23:59 EST
    (NEW_YORK, "2026-03-08T05:00", 0, "2026-03-08"),  # 00:00 EST
    (NEW_YORK, "2026-03-08T06:59", 2, "2026-03-07"),  # 01:59 EST
    (NEW_YORK, "2026-03-08T07:00", 2, "2026-03-08"),  # 03:00 EDT
    (NEW_YORK, "2026-03-08T07:00", 3, "2026-03-08"),  # 03:00 EDT
    (NEW_YORK, "2026-03-08T07:59", 4, "2026-03-07"),  # 03:59 EDT
    (NEW_YORK, "2026-03-08T08:00", 4, "2026-03-08"),  # 04:00 EDT
    # New York, fall back 2026-11-01 (06:00 UTC): 01:00-01:59 happens twice
    (NEW_YORK, "2026-11-01T03:59", 0, "2026-10-31"),  # 23:59 EDT
    (NEW_YORK, "2026-11-01T04:00", 0, "2026-11-01"),  # 00:00 EDT
    (NEW_YORK, "2026-11-01T05:30", 2, "2026-10-31"),  # 01:30 EDT
    (NEW_YORK, "2026-11-01T06:30", 2, "2026-10-31"),  # 01:30 EST
    (NEW_YORK, "2026-11-01T07:00", 2, "2026-11-01"),  # 02:00 EST
    (NEW_YORK, "2026-11-01T07:59", 3, "2026-10-31"),  # 02:59 EST
    (NEW_YORK, "2026-11-01T08:00", 3, "2026-11-01"),  # 03:00 EST
    (NEW_YORK, "2026-11-01T08:59", 4, "2026-10-31"),  # 03:59 EST
    (NEW_YORK, "2026-11-01T09:00", 4, "2026-11-01"),  # 04:00 EST
    # Lord Howe, 30-minute spring forward 2026-10-04 02:00 -> 02:30 (10-03 15:30 UTC)
    (LORD_HOWE, "2026-10-03T15:29", 2, "2026-10-03"),  # 01:59 +10:30
    (LORD_HOWE, "2026-10-03T15:30", 2, "2026-10-04"),  # 02:30 +11
    (LORD_HOWE, "2026-10-03T13:29", 0, "2026-10-03"),  # 23:59 +10:30
    (LORD_HOWE, "2026-10-03T13:30", 0, "2026-10-04"),  # 00:00 +10:30
    # Lord Howe, 30-minute fall back 2026-04-05 02:00 -> 01:30 (04-04 15:00 UTC)
    (LORD_HOWE, "2026-04-04T14:59", 2, "2026-04-04"),  # 01:59 +11
    (LORD_HOWE, "2026-04-04T15:00", 2, "2026-04-04"),  # 01:30 +10:30 (again)
    (LORD_HOWE, "2026-04-04T15:30", 2, "2026-04-05"),  # 02:00 +10:30
    # Santiago, spring forward at midnight 2026-09-06 (04:00 UTC): 00:00-00:59 never happens
    (SANTIAGO, "2026-09-06T03:59", 0, "2026-09-05"),  # 23:59 -04
    (SANTIAGO, "2026-09-06T04:00", 0, "2026-09-06"),  # 01:00 -03
    (SANTIAGO, "2026-09-06T06:59", 4, "2026-09-05"),  # 03:59 -03
    (SANTIAGO, "2026-09-06T07:00", 4, "2026-09-06"),  # 04:00 -03
    # Santiago, fall back at midnight 2026-04-05 (03:00 UTC): 23:00-23:59 on 04-04 twice
    (SANTIAGO, "2026-04-05T02:59", 0, "2026-04-04"),  # 23:59 -03
    (SANTIAGO, "2026-04-05T03:30", 0, "2026-04-04"),  # 23:30 -04 (again)
    (SANTIAGO, "2026-04-05T04:00", 0, "2026-04-05"),  # 00:00 -04
    # Apia skipped 2011-12-30 (2011-12-30 10:00 UTC)
    (APIA, "2011-12-30T09:59", 0, "2011-12-29"),  # 23:59 -10
    (APIA, "2011-12-30T10:00", 0, "2011-12-31"),  # 00:00 +14
    (APIA, "2011-12-30T10:00", 4, "2011-12-30"),  # 00:00 +14, before rollover: a short day
    (APIA, "2011-12-30T14:00", 4, "2011-12-31"),  # 04:00 +14
]


@pytest.mark.parametrize(("zone", "instant", "hour", "expected"), DST_DATES)
def test_challenge_date_across_dst_changes(zone, instant, hour, expected):
    assert challenge_date_for(utc(instant), zone, hour) == d(expected)


# --- day_begins_at -----------------------------------------------------------------------

DAY_BEGINS = [
    # Berlin spring forward: 02:00 does not exist; the day begins at the jump (01:00 UTC)
    (BERLIN, "2026-03-29", 0, "2026-03-28T23:00"),
    (BERLIN, "2026-03-29", 2, "2026-03-29T01:00"),
    (BERLIN, "2026-03-29", 3, "2026-03-29T01:00"),
    (BERLIN, "2026-03-29", 4, "2026-03-29T02:00"),
    # Berlin fall back: 02:00 happens twice, the day begins at the first one
    (BERLIN, "2026-10-25", 0, "2026-10-24T22:00"),
    (BERLIN, "2026-10-25", 2, "2026-10-25T00:00"),
    (BERLIN, "2026-10-25", 3, "2026-10-25T02:00"),
    (BERLIN, "2026-10-25", 4, "2026-10-25T03:00"),
    # New York
    (NEW_YORK, "2026-03-08", 0, "2026-03-08T05:00"),
    (NEW_YORK, "2026-03-08", 2, "2026-03-08T07:00"),
    (NEW_YORK, "2026-03-08", 3, "2026-03-08T07:00"),
    (NEW_YORK, "2026-03-08", 4, "2026-03-08T08:00"),
    (NEW_YORK, "2026-11-01", 0, "2026-11-01T04:00"),
    (NEW_YORK, "2026-11-01", 1, "2026-11-01T05:00"),  # first 01:00 (EDT)
    (NEW_YORK, "2026-11-01", 2, "2026-11-01T07:00"),
    (NEW_YORK, "2026-11-01", 3, "2026-11-01T08:00"),
    (NEW_YORK, "2026-11-01", 4, "2026-11-01T09:00"),
    # Lord Howe: 02:00 skipped by a 30-minute jump, begins at the jump
    (LORD_HOWE, "2026-10-04", 0, "2026-10-03T13:30"),
    (LORD_HOWE, "2026-10-04", 2, "2026-10-03T15:30"),
    (LORD_HOWE, "2026-10-04", 3, "2026-10-03T16:00"),
    (LORD_HOWE, "2026-10-04", 4, "2026-10-03T17:00"),
    (LORD_HOWE, "2026-04-05", 1, "2026-04-04T14:00"),
    (LORD_HOWE, "2026-04-05", 2, "2026-04-04T15:30"),
    # Santiago: midnight skipped, begins at the jump
    (SANTIAGO, "2026-09-06", 0, "2026-09-06T04:00"),
    (SANTIAGO, "2026-09-06", 4, "2026-09-06T07:00"),
    (SANTIAGO, "2026-04-05", 0, "2026-04-05T04:00"),
    (SANTIAGO, "2026-04-04", 0, "2026-04-04T03:00"),
    # Apia: 2011-12-30 never happened at midnight: it "begins" at the jump
    (APIA, "2011-12-30", 0, "2011-12-30T10:00"),
    (APIA, "2011-12-31", 0, "2011-12-30T10:00"),
    (APIA, "2011-12-30", 4, "2011-12-30T10:00"),
    (APIA, "2011-12-31", 4, "2011-12-30T14:00"),
]


@pytest.mark.parametrize(("zone", "on", "hour", "expected"), DAY_BEGINS)
def test_day_begins_at(zone, on, hour, expected):
    begins = day_begins_at(d(on), zone, hour)
    assert begins == utc(expected)
    assert begins.utcoffset() == timedelta(0)


@pytest.mark.parametrize(("zone", "on", "hour", "expected"), DAY_BEGINS)
def test_day_begins_at_is_the_first_instant_of_its_date(zone, on, hour, expected):
    begins = day_begins_at(d(on), zone, hour)
    assert challenge_date_for(begins - timedelta(seconds=1), zone, hour) < d(on)
    if not (zone is APIA and on == "2011-12-30" and hour == 0):  # that date never happened
        assert challenge_date_for(begins, zone, hour) == d(on)


@pytest.mark.parametrize(
    ("zone", "on", "hour", "hours"),
    [
        (BERLIN, "2026-03-28", 4, 23),  # the spring-forward night falls in this challenge day
        (BERLIN, "2026-03-29", 4, 24),
        (BERLIN, "2026-03-29", 0, 23),
        (BERLIN, "2026-03-29", 2, 23),
        (BERLIN, "2026-10-24", 4, 25),
        (BERLIN, "2026-10-24", 3, 25),
        (BERLIN, "2026-10-25", 2, 25),  # begins at the first 02:00
        (NEW_YORK, "2026-03-07", 4, 23),
        (NEW_YORK, "2026-10-31", 4, 25),
        (NEW_YORK, "2026-06-15", 4, 24),
        (LORD_HOWE, "2026-10-03", 4, 23.5),
        (LORD_HOWE, "2026-04-04", 4, 24.5),
        (SANTIAGO, "2026-09-05", 0, 24),
        (SANTIAGO, "2026-09-06", 0, 23),  # its first hour (00:00-00:59) never happened
        (SANTIAGO, "2026-04-04", 0, 25),
        (APIA, "2011-12-29", 0, 24),  # ends at the jump
        (APIA, "2011-12-30", 4, 4),  # 00:00-04:00 on the 31st
    ],
)
def test_length_of_a_challenge_day(zone, on, hour, hours):
    start = day_begins_at(d(on), zone, hour)
    end = day_begins_at(d(on) + timedelta(days=1), zone, hour)
    assert end - start == timedelta(hours=hours)


# --- next_rollover_after -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "instant", "hour", "expected"),
    [
        (BERLIN, "2026-03-02T09:00", 4, "2026-03-03T03:00"),  # 10:00 CET -> next 04:00 CET
        (BERLIN, "2026-03-03T00:30", 4, "2026-03-03T03:00"),  # 01:30 CET is still 03-02
        (BERLIN, "2026-03-03T03:00", 4, "2026-03-04T03:00"),  # at 04:00 exactly: the new day
        (BERLIN, "2026-03-28T11:00", 4, "2026-03-29T02:00"),  # across spring forward
        (BERLIN, "2026-03-28T11:00", 2, "2026-03-29T01:00"),  # rollover in the gap: the jump
        (BERLIN, "2026-10-24T10:00", 3, "2026-10-25T02:00"),  # across fall back
        (NEW_YORK, "2026-03-07T17:00", 2, "2026-03-08T07:00"),
        (NEW_YORK, "2026-10-31T16:00", 1, "2026-11-01T05:00"),
        (LORD_HOWE, "2026-10-03T02:00", 2, "2026-10-03T15:30"),
        (SANTIAGO, "2026-09-05T15:00", 0, "2026-09-06T04:00"),
        (APIA, "2011-12-29T12:00", 0, "2011-12-30T10:00"),
    ],
)
def test_next_rollover_after(zone, instant, hour, expected):
    assert next_rollover_after(utc(instant), zone, hour) == utc(expected)


# --- day numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "on", "number"),
    [
        ("2026-03-01", "2026-03-01", 1),
        ("2026-03-01", "2026-03-02", 2),
        ("2026-03-01", "2026-04-01", 32),  # across the DST change: pure date arithmetic
        ("2026-03-01", "2026-06-08", 100),
        ("2026-12-31", "2027-01-01", 2),
        ("2028-02-28", "2028-03-01", 3),  # leap year
        ("2026-03-01", "2026-02-28", 0),
        ("2026-03-01", "2026-02-20", -8),
    ],
)
def test_day_number_and_date_of_day(start, on, number):
    assert day_number(d(start), d(on)) == number
    assert date_of_day(d(start), number) == d(on)


# --- properties --------------------------------------------------------------------------

PROPERTY_ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Pacific/Apia",
]

instants = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)
)
# Instants near the transitions used above, where the rules are easiest to get wrong.
near_transitions = st.sampled_from(
    [
        "2026-03-29T01:00",
        "2026-10-25T01:00",
        "2026-03-08T07:00",
        "2026-11-01T06:00",
        "2026-10-03T15:30",
        "2026-04-04T15:00",
        "2026-09-06T04:00",
        "2026-04-05T03:00",
        "2011-12-30T10:00",
    ]
).flatmap(
    lambda base: st.integers(min_value=-36 * 60, max_value=36 * 60).map(
        lambda minutes: utc(base) + timedelta(minutes=minutes)
    )
)


@settings(derandomize=True, deadline=None, max_examples=400)
@given(
    instant=st.one_of(instants, near_transitions),
    zone_name=st.sampled_from(PROPERTY_ZONES),
    hour=st.integers(min_value=0, max_value=23),
)
def test_an_instant_lies_inside_its_challenge_day(instant, zone_name, hour):
    zone = ZoneInfo(zone_name)
    on = challenge_date_for(instant, zone, hour)
    begins = day_begins_at(on, zone, hour)
    ends = day_begins_at(on + timedelta(days=1), zone, hour)
    assert begins <= instant < ends
    assert next_rollover_after(instant, zone, hour) == ends


@settings(derandomize=True, deadline=None, max_examples=200)
@given(
    instant=st.one_of(instants, near_transitions),
    zone_name=st.sampled_from(PROPERTY_ZONES),
    hour=st.integers(min_value=0, max_value=23),
    later=st.integers(min_value=0, max_value=4 * 60),
)
def test_challenge_dates_never_go_backwards(instant, zone_name, hour, later):
    zone = ZoneInfo(zone_name)
    first = challenge_date_for(instant, zone, hour)
    second = challenge_date_for(instant + timedelta(minutes=later), zone, hour)
    assert first <= second <= first + timedelta(days=2)
