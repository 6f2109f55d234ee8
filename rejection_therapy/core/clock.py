"""One injectable source of "now", so every rule can be tested at any instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

NOW_VARIABLE = "REJECTION_THERAPY_NOW"


class Clock(Protocol):
    """Anything that can tell the current instant as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped at one instant: for tests, demos and `REJECTION_THERAPY_NOW`."""

    instant: datetime

    def now(self) -> datetime:
        return self.instant.astimezone(UTC)


class ClockError(ValueError):
    """The value given for "now" cannot be read as a date or timestamp."""


def parse_now(text: str, zone: ZoneInfo) -> datetime:
    """Read an ISO-8601 date or timestamp; a bare date means 12:00 local time in `zone`.

    A timestamp without an offset is read as local time in `zone`.
    """
    raw = text.strip()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        pass
    else:
        return _to_utc(datetime.combine(day, time(12, 0), tzinfo=zone), text)
    try:
        instant = datetime.fromisoformat(raw)
    except ValueError as error:
        raise ClockError(
            f"{NOW_VARIABLE}={text!r} is not an ISO-8601 date or timestamp "
            "(use e.g. 2026-03-01 or 2026-03-01T09:30:00+01:00)"
        ) from error
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=zone)
    return _to_utc(instant, text)


def _to_utc(instant: datetime, text: str) -> datetime:
    try:
        utc = instant.astimezone(UTC)
        utc + timedelta(days=1)  # a day later must still exist for the day's rollover
    except OverflowError as error:
        raise ClockError(f"{NOW_VARIABLE}={text!r} is too far from today to count days") from error
    return utc


def clock_from_environment(environ: dict[str, str] | None, zone: ZoneInfo) -> Clock:
    """The clock a command should use: fixed when `REJECTION_THERAPY_NOW` is set."""
    value = (environ or {}).get(NOW_VARIABLE, "").strip()
    if value:
        return FixedClock(parse_now(value, zone))
    return SystemClock()
