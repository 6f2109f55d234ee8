"""relative_day() and relative_instant(): "in 2 days", "3 hours ago", as the CLI and the TUI
say them."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.relative import relative_day, relative_instant

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("offset", "said"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (3, "in 3 days"),
        (-3, "3 days ago"),
        (6, "in 6 days"),
        (7, "in 7 days"),
        (11, "in 11 days"),
        (-13, "13 days ago"),
        (14, "in 2 weeks"),
        (60, "in a month"),
        (-800, "2 years ago"),
        (21, "in 3 weeks"),
        (-21, "3 weeks ago"),
    ],
)
def test_days_from_today(offset, said):
    assert relative_day(TODAY + timedelta(days=offset), TODAY) == said


def test_a_clock_change_does_not_move_a_day():
    """Berlin's 23-hour Sunday (2026-03-29) is one day like any other: dates, not hours."""
    sunday = date(2026, 3, 29)
    assert relative_day(sunday, date(2026, 3, 28)) == "tomorrow"
    assert relative_day(date(2026, 3, 31), date(2026, 3, 28)) == "in 3 days"
    assert relative_day(date(2026, 10, 22), date(2026, 10, 25)) == "3 days ago"


@pytest.mark.parametrize(
    ("before", "said"),
    [
        (timedelta(seconds=5), "just now"),
        (timedelta(hours=3), "3 hours ago"),
        (timedelta(hours=1), "an hour ago"),
        (timedelta(days=2), "2 days ago"),
        (timedelta(weeks=3), "3 weeks ago"),
        (-timedelta(hours=2), "in 2 hours"),
    ],
)
def test_instants_before_now(before, said):
    assert relative_instant(NOW - before, NOW) == said


def test_instants_in_other_zones_are_compared_as_instants():
    berlin = (NOW - timedelta(hours=3)).astimezone(ZoneInfo("Europe/Berlin"))
    auckland = NOW.astimezone(ZoneInfo("Pacific/Auckland"))
    assert relative_instant(berlin, auckland) == "3 hours ago"


def test_across_a_clock_change_real_hours_count():
    """From 01:30 to 03:30 on Berlin's spring-forward night is one real hour."""
    berlin = ZoneInfo("Europe/Berlin")
    before = datetime(2026, 3, 29, 1, 30, tzinfo=berlin)
    after = datetime(2026, 3, 29, 3, 30, tzinfo=berlin)
    assert relative_instant(before, after) == "an hour ago"


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="aware"):
        relative_instant(datetime(2026, 3, 2, 9, 0), NOW)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)), st.integers(-400, 400))
def test_the_direction_is_always_right(today, offset):
    said = relative_day(today + timedelta(days=offset), today)
    if offset > 1:
        assert said.startswith("in ")
    elif offset < -1:
        assert said.endswith(" ago")


def test_importing_it_loads_no_arrow():
    """The quick paths may import the module; only calling it may cost arrow."""
    code = "import sys, rejection_therapy.relative; print('arrow' in sys.modules)"
    found = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert found.stdout.strip() == "False"
