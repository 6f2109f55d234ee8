"""POSIX seconds of an ISO-8601 instant in its plainest form, without importing datetime.

`streak` answers from the facts its status record keeps for today when now falls in the
record's day; reading the clock override (`REJECTION_THERAPY_NOW`) with datetime cost it
more than the rest of that answer. Any other form of the text is left to datetime
(core/now.py), which reads it or refuses it; tests/core/test_epoch.py compares the two.
"""

from __future__ import annotations

NOW_VARIABLE = "REJECTION_THERAPY_NOW"
"""The clock override every command reads (core/now.py): an ISO-8601 date or instant."""
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def epoch_seconds(text: str) -> int | None:
    """`YYYY-MM-DDTHH:MM:SS` with `Z` or a `+HH:MM`/`-HH:MM` offset, as POSIX seconds;
    None for any other text."""
    raw = text.strip()
    if len(raw) == 20 and raw[19] == "Z":
        offset = 0
    elif len(raw) == 25 and raw[19] in "+-" and raw[22] == ":":
        hours, minutes = _number(raw[20:22]), _number(raw[23:25])
        if hours is None or minutes is None or hours > 23 or minutes > 59:
            return None
        offset = (hours * 60 + minutes) * 60 * (1 if raw[19] == "+" else -1)
    else:
        return None
    if raw[4] != "-" or raw[7] != "-" or raw[10] != "T" or raw[13] != ":" or raw[16] != ":":
        return None
    found = [_number(raw[at : at + width]) for at, width in _FIELDS]
    parts = [number for number in found if number is not None]
    if len(parts) != len(_FIELDS):
        return None
    year, month, day, hour, minute, second = parts
    if not (year >= 1 and 1 <= month <= 12 and hour <= 23 and minute <= 59 and second <= 59):
        return None
    if not 1 <= day <= _days_in(year, month):
        return None
    days = _days_from_civil(year, month, day)
    return days * 86400 + hour * 3600 + minute * 60 + second - offset


_FIELDS = ((0, 4), (5, 2), (8, 2), (11, 2), (14, 2), (17, 2))


def is_iso_date(text: object) -> bool:
    """Whether `text` is a date as `date.isoformat()` writes it (YYYY-MM-DD, a real day)."""
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    year, month, day = _number(text[:4]), _number(text[5:7]), _number(text[8:])
    if year is None or month is None or day is None or not 1 <= month <= 12:
        return False
    return year >= 1 and 1 <= day <= _days_in(year, month)


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def _days_in(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468
