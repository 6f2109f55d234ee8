"""The one reading of a date a person types, so every date option accepts the same words."""

from __future__ import annotations

from datetime import date, timedelta

FORMS = (
    "today, tomorrow, yesterday, a weekday (friday, next friday, last friday), "
    "in 3 days, 2 days ago or YYYY-MM-DD"
)
"""The accepted forms as an error message lists them."""

SHOWN_LIMIT = 40
"""Longest echo of a bad value in an error message, so a pasted paragraph stays one line."""

WEEKDAYS = {
    name: number
    for number, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for name in (full, full[:3])
}
"""Full and three-letter weekday names, numbered as `date.weekday()` numbers them."""

NAMED = {"today": 0, "tomorrow": 1, "yesterday": -1}
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
ONE = ("a", "an")
"""`in a week`, `a day ago`: how people say one."""
SHORT_UNITS = {"d": 1, "w": 7}
"""`+3d`, `+2w`: the shorthand a due date has always taken."""
ASCII_DIGITS = frozenset("0123456789")
MAX_DIGITS = 4


class DayError(ValueError):
    """Typed text that names no date (or one outside the years 1 to 9999)."""


def shown(text: str) -> str:
    """The typed value as an error message may echo it: no control characters, at most
    SHOWN_LIMIT characters, quoted with repr."""
    from rejection_therapy.core.text import printable  # only an error needs it

    clean = printable(text)
    if len(clean) > SHOWN_LIMIT:
        clean = clean[: SHOWN_LIMIT - 1] + "…"
    return repr(clean)


def parse_day(text: str, today: date) -> date:
    """The date `text` names, counted from `today` (the challenge date, rollover applied).

    Accepted, case-insensitive, surrounding spaces ignored, words separated by spaces:
    `today`, `tomorrow`, `yesterday`; a weekday, full or three-letter (`friday`, `fri`):
    the nearest such day from today on, today included; `next <weekday>`: the same weekday
    one week after plain `<weekday>` (on a Monday `friday` is in 4 days, `next friday` in
    11, `monday` is today and `next monday` in 7); `last <weekday>`: the most recent such
    day strictly before today (1 to 7 days back); `in N days`, `in N weeks`, `N days ago`,
    `N weeks ago` (`day`/`week` too; N is 1 to 4 ASCII digits, or `a`: `in a week`);
    `+Nd`, `+Nw` (`+3d` is `in 3 days`); `YYYY-MM-DD`, a real date.
    The result is a plain date counted in whole days from `today`, so a clock change
    (DST) or the time of day never moves it: the caller's challenge date already holds both.
    Anything else, or a result outside the years 1 to 9999, raises DayError.
    """
    words = _words(text)
    try:
        found = _day(words, today) if words else None
    except OverflowError:
        raise DayError(f"{shown(text)} falls outside the years 1 to 9999") from None
    if found is None:
        raise DayError(f"{shown(text)} is not a date: use {FORMS}")
    return found


def named_offset(text: str) -> int | None:
    """Days from today of `today`, `tomorrow` or `yesterday` as parse_day reads them (any
    case, spaces around), which needs no date to count from; None for any other text."""
    words = _words(text)
    return NAMED.get(words[0]) if len(words) == 1 else None


def _words(text: str) -> list[str]:
    """Lower-cased words of plain printable ASCII text; none for anything else, so look-alike
    letters (the Kelvin sign lower-cases to `k`) and other digits never match."""
    stripped = text.strip(" \t\r\n")
    if not (stripped.isascii() and stripped.isprintable()):
        return []
    return [word for word in stripped.lower().split(" ") if word]


def _day(words: list[str], today: date) -> date | None:
    """The date the words name, None when they name none; OverflowError past the calendar."""
    if len(words) == 1:
        word = words[0]
        if word in NAMED:
            return today + timedelta(days=NAMED[word])
        if word in WEEKDAYS:
            return _coming(WEEKDAYS[word], today)
        if word.startswith("+"):
            count = _count(word[1:-1], word[-1], SHORT_UNITS)
            return None if count is None else today + timedelta(days=count)
        return _iso(word)
    if len(words) == 2 and words[1] in WEEKDAYS:
        if words[0] == "next":
            return _coming(WEEKDAYS[words[1]], today) + timedelta(days=7)
        if words[0] == "last":
            back = (today.weekday() - WEEKDAYS[words[1]]) % 7 or 7
            return today - timedelta(days=back)
        return None
    if len(words) == 3:
        if words[0] == "in":
            count = _count(words[1], words[2])
            return None if count is None else today + timedelta(days=count)
        if words[2] == "ago":
            count = _count(words[0], words[1])
            return None if count is None else today - timedelta(days=count)
    return None


def _coming(weekday: int, today: date) -> date:
    """The nearest `weekday` from today on, today included."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _count(number: str, unit: str, units: dict[str, int] = UNITS) -> int | None:
    """Days in `N days` or `N weeks` (`a week`); None unless N is 1 to MAX_DIGITS ASCII
    digits or `a`/`an` before a singular unit."""
    if unit not in units:
        return None
    if number in ONE and units is UNITS and not unit.endswith("s"):
        return units[unit]
    if not 0 < len(number) <= MAX_DIGITS or not ASCII_DIGITS.issuperset(number):
        return None
    return int(number) * units[unit]


def _iso(word: str) -> date | None:
    """A real date written exactly YYYY-MM-DD (not the other shapes `fromisoformat` takes)."""
    if len(word) != 10 or word[4] != "-" or word[7] != "-":
        return None
    year, month, day = word[:4], word[5:7], word[8:]
    if not ASCII_DIGITS.issuperset(year + month + day):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
