"""Reading "now" from `REJECTION_THERAPY_NOW`: standard library only (the fast path uses it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from rejection_therapy.core.epoch import NOW_VARIABLE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


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


def aware_instant(text: str) -> datetime | None:
    """`REJECTION_THERAPY_NOW` when it names its own UTC offset, as a UTC instant (no zone
    needed to read it); None for anything else, which parse_now reads (or refuses)."""
    raw = text.strip()
    if len(raw) <= 10:
        return None  # a bare date: noon in the home's zone
    try:
        instant = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if instant.tzinfo is None:
        return None
    try:
        return _to_utc(instant, text)
    except ClockError:
        return None


def _to_utc(instant: datetime, text: str) -> datetime:
    try:
        utc = instant.astimezone(UTC)
        utc + timedelta(days=1)  # a day later must still exist for the day's rollover
    except OverflowError as error:
        raise ClockError(f"{NOW_VARIABLE}={text!r} is too far from today to count days") from error
    return utc
