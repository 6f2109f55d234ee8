"""Now and today's challenge date for a status record, from the same clock the service uses.

The record keeps the span of its day (`today_span`: the date and the POSIX seconds it
begins and ends, core/days.py). While now falls in it, today is read from it and the zone
is never loaded (loading one costs the quick paths more than the rest of `streak`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from rejection_therapy.core.now import NOW_VARIABLE, aware_instant, parse_now

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from rejection_therapy.shapes import StatusRecord


def record_now(record: StatusRecord, environ: Mapping[str, str]) -> tuple[datetime, date]:
    """The UTC instant now (REJECTION_THERAPY_NOW when set) and the challenge date it counts for.

    When the zone had to be asked, the record's span is set to the day found, so a quick
    write saves it. Raises ClockError for an unreadable REJECTION_THERAPY_NOW.
    """
    override = environ.get(NOW_VARIABLE, "").strip()
    now = aware_instant(override) if override else datetime.now(UTC)
    span: list[Any] | None = record["today_span"]
    if now is not None and span is not None and span[1] <= now.timestamp() < span[2]:
        return now, date.fromisoformat(span[0])
    from zoneinfo import ZoneInfo

    from rejection_therapy.core.days import challenge_date_for, today_span

    zone = ZoneInfo(record["timezone"])
    if now is None:
        now = parse_now(override, zone)
    rollover = int(record["rollover_hour"])
    today = challenge_date_for(now, zone, rollover)
    record["today_span"] = today_span(today, zone, rollover)
    return now, today
