"""Now and today's challenge date for a status record, from the same clock the service uses."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from rejection_therapy.core.days import challenge_date_for
from rejection_therapy.core.now import NOW_VARIABLE, parse_now

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from rejection_therapy.shapes import StatusRecord


def record_now(record: StatusRecord, environ: Mapping[str, str]) -> tuple[datetime, date]:
    """The UTC instant now (REJECTION_THERAPY_NOW when set) and the challenge date it counts for.

    Raises ClockError for an unreadable REJECTION_THERAPY_NOW.
    """
    zone = ZoneInfo(record["timezone"])
    override = environ.get(NOW_VARIABLE, "").strip()
    now = parse_now(override, zone) if override else datetime.now(UTC)
    return now, challenge_date_for(now, zone, int(record["rollover_hour"]))
