"""parse_day(): every date a person types, read one way."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.core.when import FORMS, DayError, named_offset, parse_day

MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)
SUNDAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", MONDAY),
        ("tomorrow", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 22)),
        ("  ToDay \n", MONDAY),
        ("monday", MONDAY),
        ("mon", MONDAY),
        ("tuesday", date(2026, 11, 24)),
        ("wed", date(2026, 11, 25)),
        ("thu", date(2026, 11, 26)),
        ("friday", date(2026, 11, 27)),
        ("FRI", date(2026, 11, 27)),
        ("sat", date(2026, 11, 28)),
        ("sunday", date(2026, 11, 29)),
        ("next monday", date(2026, 11, 30)),
        ("next friday", date(2026, 12, 4)),
        ("Next   Fri", date(2026, 12, 4)),
        ("next sunday", date(2026, 12, 6)),
        ("last monday", date(2026, 11, 16)),
        ("last friday", date(2026, 11, 20)),
        ("last sun", date(2026, 11, 22)),
        ("in 0 days", MONDAY),
        ("in 1 day", date(2026, 11, 24)),
        ("in 3 days", date(2026, 11, 26)),
        ("in 10 days", date(2026, 12, 3)),
        ("in 1 week", date(2026, 11, 30)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("in 0010 days", date(2026, 12, 3)),
        ("2 days ago", date(2026, 11, 21)),
        ("1 day ago", date(2026, 11, 22)),
        ("1 week ago", date(2026, 11, 16)),
        ("3 weeks ago", date(2026, 11, 2)),
        ("in a day", date(2026, 11, 24)),
        ("in a week", date(2026, 11, 30)),
        ("In An Day", date(2026, 11, 24)),
        ("a day ago", date(2026, 11, 22)),
        ("a week ago", date(2026, 11, 16)),
        ("+0d", MONDAY),
        ("+3d", date(2026, 11, 26)),
        ("+1D", date(2026, 11, 24)),
        ("+2w", date(2026, 12, 7)),
        (" +10d ", date(2026, 12, 3)),
        ("2026-11-23", MONDAY),
        ("2024-02-29", date(2024, 2, 29)),
        ("0001-01-01", date(1, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
    ],
)
def test_forms_on_a_monday(text, expected):
    assert parse_day(text, MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", FRIDAY),
        ("next friday", date(2026, 12, 4)),
        ("last friday", date(2026, 11, 20)),
        ("saturday", date(2026, 11, 28)),
        ("thursday", date(2026, 12, 3)),
        ("next thursday", date(2026, 12, 10)),
        ("last thursday", date(2026, 11, 26)),
        ("monday", date(2026, 11, 30)),
    ],
)
def test_weekdays_on_a_friday(text, expected):
    assert parse_day(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sunday", SUNDAY),
        ("next sunday", date(2026, 12, 6)),
        ("last sunday", date(2026, 11, 22)),
        ("monday", date(2026, 11, 30)),
        ("next monday", date(2026, 12, 7)),
        ("last saturday", date(2026, 11, 28)),
        ("tomorrow", date(2026, 11, 30)),
        ("in 1 week", date(2026, 12, 6)),
    ],
)
def test_weekdays_on_a_sunday(text, expected):
    assert parse_day(text, SUNDAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "fryday",
        "fr",
        "frid",
        "next",
        "next week",
        "this friday",
        "next next friday",
        "last",
        "in days",
        "in 3",
        "in -3 days",
        "in +3 days",
        "in 3 months",
        "in a days",  # "a" goes with one day or one week only
        "a weeks ago",
        "in a",
        "a ago",
        "+3",
        "+d",
        "+",
        "+3x",
        "+-3d",
        "++3d",
        "-3d",
        "+3 d",
        "+3days",
        "+12345d",
        "+\u0663d",
        "in 3.5 days",
        "in 1_0 days",
        "in 12345 days",
        "in \u0663 days",  # an Arabic-Indic three: digits are ASCII only
        "in\u00a03 days",  # a no-break space between words
        "in\t3 days",
        "3 days",
        "days ago",
        "ago 3 days",
        "3 days ago ago",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "2026-1-05",
        "26-11-23",
        "20261123",  # date.fromisoformat takes these; the option does not
        "2026-W48-1",
        "2026-11-23T10:00",
        "2026\u201311\u201323",
        "\uff12\uff10\uff12\uff16-11-23",  # full-width digits
        "to\x00day",
        "\x1ctoday",
        "tod\u0430y",  # a Cyrillic a
        "wee\u212a",  # the Kelvin sign lower-cases to k
    ],
)
def test_anything_else_is_refused_with_the_forms(text):
    with pytest.raises(DayError) as caught:
        parse_day(text, MONDAY)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert message.endswith(f" is not a date: use {FORMS}")
    assert "\n" not in message


def test_the_message_names_the_value_and_every_form():
    with pytest.raises(DayError) as caught:
        parse_day("fryday", MONDAY)
    assert str(caught.value) == (
        "'fryday' is not a date: use today, tomorrow, yesterday, a weekday "
        "(friday, next friday, last friday), in 3 days, 2 days ago or YYYY-MM-DD"
    )


def test_the_echoed_value_has_no_control_characters_and_is_capped():
    with pytest.raises(DayError) as caught:
        parse_day("\x1b]0;pwned\x07\x1b[31mred\nline\x00" + "x" * 100, MONDAY)
    message = str(caught.value)
    assert message.isprintable()
    shown = message.split(" is not a date")[0]
    assert shown.startswith("'red line") and shown.endswith("…'")
    assert len(shown) == 40 + 2  # the cap, then the quotes


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("tomorrow", date.max),
        ("yesterday", date.min),
        ("in 1 day", date.max),
        ("in 9999 weeks", date(9900, 1, 1)),
        ("9999 weeks ago", date(100, 1, 1)),
        ("saturday", date.max),  # 9999-12-31 is a Friday
        ("next friday", date.max),
        ("last friday", date.min),  # 0001-01-01 is a Monday
    ],
)
def test_results_outside_the_calendar_are_day_errors(text, today):
    with pytest.raises(DayError, match="outside the years 1 to 9999"):
        parse_day(text, today)


def test_edges_of_the_calendar_that_fit():
    assert parse_day("friday", date.max) == date.max
    assert parse_day("today", date.min) == date.min
    assert parse_day("monday", date.min) == date.min


@given(st.dates(), st.dates())
def test_an_iso_date_is_itself_whatever_today_is(day, today):
    assert parse_day(day.isoformat(), today) == day


@given(st.dates(), st.integers(0, 9999), st.sampled_from(["day", "days", "week", "weeks"]))
def test_in_and_ago_undo_each_other(today, count, unit):
    try:
        later = parse_day(f"in {count} {unit}", today)
    except DayError:
        return
    assert parse_day(f"{count} {unit} ago", later) == today


@given(st.dates(), st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))
def test_weekday_rules(today, name):
    try:
        coming = parse_day(name, today)
        following = parse_day(f"next {name}", today)
        previous = parse_day(f"last {name}", today)
    except DayError:
        return
    assert coming.strftime("%a").lower() == name
    assert 0 <= (coming - today).days <= 6
    assert (following - coming).days == 7
    assert 1 <= (today - previous).days <= 7
    assert previous.weekday() == coming.weekday()


WORDS = st.sampled_from(
    ["today", "tomorrow", "in", "ago", "next", "last", "fri", "days", "week", "3", "-", " "]
)


@given(st.one_of(st.text(), st.lists(WORDS, max_size=4).map(" ".join)), st.dates())
def test_any_text_parses_or_is_a_day_error(text, today):
    try:
        result = parse_day(text, today)
    except DayError as error:
        assert str(error).isprintable()
    else:
        assert isinstance(result, date)


def test_importing_it_loads_no_third_party_module_nor_re():
    code = (
        "import sys; import rejection_therapy.core.when; "
        "print(sorted(m for m in ('arrow', 'pydantic', 're', 'dateutil') if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-S", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert found.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("today", 0),
        ("  Yesterday\t", -1),
        ("TOMORROW", 1),
        ("friday", None),
        ("1 day ago", None),
        ("2026-11-22", None),
        ("to day", None),
        ("\u00a0today", None),  # parse_day refuses it too: the quick `log` must agree
        ("", None),
    ],
)
def test_named_offset_reads_only_the_three_named_days(text, offset):
    assert named_offset(text) == offset


NAMED_TEXTS = st.sampled_from(["today", " Yesterday\t", "TOMORROW", "to day", "today\x0b"])


@given(st.one_of(st.text(), NAMED_TEXTS), st.dates())
def test_named_offset_agrees_with_parse_day(text, today):
    """The quick `log --date` reads with named_offset what the full one reads with parse_day."""
    offset = named_offset(text)
    try:
        found = parse_day(text, today)
    except DayError as error:
        assert offset is None or "outside" in str(error)  # only at the calendar's edge
        return
    if offset is not None:
        assert (found - today).days == offset
    else:
        assert text.strip(" \t\r\n").lower() not in ("today", "tomorrow", "yesterday")


@given(st.dates(), st.integers(0, 9999), st.sampled_from(["d", "w"]))
def test_the_plus_shorthand_is_in_n_days_or_weeks(today, count, unit):
    long = "days" if unit == "d" else "weeks"
    try:
        expected = parse_day(f"in {count} {long}", today)
    except DayError:
        with pytest.raises(DayError):
            parse_day(f"+{count}{unit}", today)
        return
    assert parse_day(f"+{count}{unit}", today) == expected
