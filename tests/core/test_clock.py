"""The injectable clock and `REJECTION_THERAPY_NOW` parsing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from rejection_therapy.core.clock import (
    NOW_VARIABLE,
    ClockError,
    FixedClock,
    SystemClock,
    clock_from_environment,
    parse_now,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def assert_utc(instant: datetime) -> None:
    assert instant.tzinfo is not None
    assert instant.utcoffset() == timedelta(0)


# --- parse_now: bare dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("2026-03-01", BERLIN, "2026-03-01T11:00"),  # 12:00 CET
        ("2026-07-01", BERLIN, "2026-07-01T10:00"),  # 12:00 CEST
        ("2026-03-29", BERLIN, "2026-03-29T10:00"),  # the spring-forward day
        ("2026-10-25", BERLIN, "2026-10-25T11:00"),  # the fall-back day
        ("2026-03-01", NEW_YORK, "2026-03-01T17:00"),  # 12:00 EST
        ("2026-03-08", NEW_YORK, "2026-03-08T16:00"),  # 12:00 EDT, the DST day
        ("2026-03-01", LORD_HOWE, "2026-03-01T01:00"),  # 12:00 +11
        ("2026-03-01", UTC, "2026-03-01T12:00"),
        ("  2026-03-01\n", BERLIN, "2026-03-01T11:00"),  # surrounding space is ignored
    ],
)
def test_a_bare_date_means_noon_local_time(text, zone, expected):
    instant = parse_now(text, zone)
    assert instant == utc(expected)
    assert_utc(instant)
    assert instant.astimezone(zone).hour == 12


def test_an_iso_basic_format_date_also_means_noon_local_time():
    # "20260301" is an ISO-8601 date (basic format); Python 3.11's fromisoformat accepts it.
    assert parse_now("20260301", BERLIN) == utc("2026-03-01T11:00")


# --- parse_now: timestamps ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01T09:30:00+01:00", "2026-03-01T08:30"),
        ("2026-03-01T09:30:00-05:00", "2026-03-01T14:30"),
        ("2026-03-01T09:30:00+00:00", "2026-03-01T09:30"),
        ("2026-03-01T09:30:00Z", "2026-03-01T09:30"),
        ("2026-03-01T23:30:00+10:30", "2026-03-01T13:00"),
        ("2026-03-01 09:30+01:00", "2026-03-01T08:30"),
    ],
)
@pytest.mark.parametrize("zone", [BERLIN, NEW_YORK])
def test_a_timestamp_with_an_offset_ignores_the_zone(text, expected, zone):
    instant = parse_now(text, zone)
    assert instant == utc(expected)
    assert_utc(instant)


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("2026-03-01T09:30:00", BERLIN, "2026-03-01T08:30"),
        ("2026-03-01T09:30:00", NEW_YORK, "2026-03-01T14:30"),
        ("2026-07-01T09:30", BERLIN, "2026-07-01T07:30"),
        ("2026-03-03T01:30", BERLIN, "2026-03-03T00:30"),
        ("2026-10-04T03:00", LORD_HOWE, "2026-10-03T16:00"),  # +11 after the 30-minute jump
    ],
)
def test_a_naive_timestamp_is_local_time_in_the_zone(text, zone, expected):
    instant = parse_now(text, zone)
    assert instant == utc(expected)
    assert_utc(instant)


def test_a_naive_timestamp_in_the_repeated_hour_is_one_of_its_two_instants():
    instant = parse_now("2026-10-25T02:30", BERLIN)
    assert instant in {utc("2026-10-25T00:30"), utc("2026-10-25T01:30")}
    assert instant.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 10, 25, 2, 30)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "now",
        "tomorrow",
        "2026-13-01",
        "2026-02-30",
        "2026-02-29",  # not a leap year
        "01/03/2026",
        "2026-03-01T25:00",
        "2026-03-01T09:30+25:00",
        "yesterday at noon",
    ],
)
def test_garbage_raises_a_clock_error(text):
    with pytest.raises(ClockError) as raised:
        parse_now(text, BERLIN)
    assert NOW_VARIABLE in str(raised.value)


def test_clock_error_is_a_value_error():
    assert issubclass(ClockError, ValueError)


# --- clocks ------------------------------------------------------------------------------


def test_fixed_clock_is_stopped_and_speaks_utc():
    local = datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)  # CEST
    clock = FixedClock(local)
    assert clock.now() == utc("2026-03-29T01:30")
    assert_utc(clock.now())
    assert clock.now() == clock.now()


def test_system_clock_is_aware_utc_and_current():
    before = datetime.now(UTC)
    now = SystemClock().now()
    after = datetime.now(UTC)
    assert_utc(now)
    assert before <= now <= after


@pytest.mark.parametrize(
    "environ", [None, {}, {NOW_VARIABLE: ""}, {NOW_VARIABLE: "  "}, {"TZ": "UTC"}]
)
def test_without_the_variable_the_system_clock_is_used(environ):
    assert isinstance(clock_from_environment(environ, BERLIN), SystemClock)


@pytest.mark.parametrize(
    ("value", "zone", "expected"),
    [
        ("2026-03-02", BERLIN, "2026-03-02T11:00"),
        ("2026-03-02", NEW_YORK, "2026-03-02T17:00"),
        ("2026-03-02T01:30", BERLIN, "2026-03-02T00:30"),
        (" 2026-03-02T09:30:00+01:00 ", NEW_YORK, "2026-03-02T08:30"),
    ],
)
def test_with_the_variable_the_clock_is_fixed(value, zone, expected):
    clock = clock_from_environment({NOW_VARIABLE: value, "TZ": "UTC"}, zone)
    assert isinstance(clock, FixedClock)
    assert clock.now() == utc(expected)


def test_a_bad_variable_raises_a_clock_error():
    with pytest.raises(ClockError):
        clock_from_environment({NOW_VARIABLE: "next tuesday"}, BERLIN)
