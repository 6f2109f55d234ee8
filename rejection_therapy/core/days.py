"""Challenge dates and day numbers: the local calendar day, shifted by the rollover hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

TYPE_CHECKING = False
if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

DEFAULT_ROLLOVER_HOUR = 4


def challenge_date_for(instant: datetime, zone: ZoneInfo, rollover_hour: int) -> date:
    """The local date an instant counts for: before the rollover hour it is still yesterday."""
    local = instant.astimezone(zone)
    if local.hour < rollover_hour:
        return local.date() - timedelta(days=1)
    return local.date()


def day_number(start: date, on: date) -> int:
    """Day k of a run: the start date is day 1."""
    return (on - start).days + 1


def date_of_day(start: date, day: int) -> date:
    """The challenge date of day k of a run that starts on `start`."""
    return start + timedelta(days=day - 1)


def day_begins_at(on: date, zone: ZoneInfo, rollover_hour: int) -> datetime:
    """The UTC instant a challenge date begins: its local rollover time.

    When a DST jump skips that wall time, the day begins at the jump itself.
    """
    wall = datetime.combine(on, time(rollover_hour))
    earliest = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    latest = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if earliest >= latest:
        return min(earliest, latest)
    # A skipped wall time: the two readings bracket the jump; find it to the minute.
    instant = earliest
    while instant < latest and challenge_date_for(instant, zone, rollover_hour) != on:
        instant += timedelta(minutes=1)
    return instant


def next_rollover_after(instant: datetime, zone: ZoneInfo, rollover_hour: int) -> datetime:
    """The UTC instant the challenge date of `instant` ends: when a new day begins."""
    today = challenge_date_for(instant, zone, rollover_hour)
    return day_begins_at(today + timedelta(days=1), zone, rollover_hour)


def day_span(on: date, zone: ZoneInfo, rollover_hour: int) -> tuple[float, float] | None:
    """The POSIX seconds a challenge date begins and ends, so that a later reader can tell
    today's date from the time alone (no zone to load). Only for a day the zone keeps one
    UTC offset through: None on a day its clocks change (the zone must be asked then)."""
    begins = day_begins_at(on, zone, rollover_hour)
    ends = day_begins_at(on + timedelta(days=1), zone, rollover_hour)
    last = ends - timedelta(microseconds=1)
    if begins.astimezone(zone).utcoffset() != last.astimezone(zone).utcoffset():
        return None
    if challenge_date_for(begins, zone, rollover_hour) != on:
        return None
    if challenge_date_for(last, zone, rollover_hour) != on:
        return None
    return begins.timestamp(), ends.timestamp()


def today_span(on: date, zone: ZoneInfo, rollover_hour: int) -> list[object] | None:
    """The status record's `today_span`: [date text, begins, ends] (`day_span`), or None."""
    span = day_span(on, zone, rollover_hour)
    return None if span is None else [on.isoformat(), *span]
