"""Times as people read them: "in 2 days", "3 hours ago", "3 weeks ago".

One wording for the CLI and the TUI, by arrow's `humanize`. arrow is imported inside the
functions: the quick commands (`streak`, `today`, a plain `log`) never call them, and must
not pay for arrow at start-up (tests/cli/test_fast_paths.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NEAR_DAYS = {0: "today", 1: "tomorrow", -1: "yesterday"}
"""The days a person names rather than counts."""

DAY = 86_400


def relative_day(day: date, today: date) -> str:
    """How far a challenge date is from today, in days and larger units only: "today",
    "tomorrow", "in 2 days", "3 weeks ago". Dates, not instants: a clock change or the
    hour of the day never shifts the answer."""
    offset = (day - today).days
    if offset in NEAR_DAYS:
        return NEAR_DAYS[offset]
    import arrow

    # Both at midnight UTC: humanize then measures whole days, nothing else.
    return _said(arrow.get(day), arrow.get(today), offset * DAY)


def relative_instant(moment: datetime, now: datetime) -> str:
    """How long before (or after) `now` an instant was: "just now", "3 hours ago",
    "2 days ago". Both must be aware; any zones, they are compared as instants."""
    if moment.tzinfo is None or now.tzinfo is None:
        raise ValueError("relative_instant compares aware datetimes only")
    import arrow

    # In UTC: two times in one zone would otherwise be subtracted on the wall clock, and a
    # night with a clock change would gain or lose its hour.
    moment, now = moment.astimezone(UTC), now.astimezone(UTC)
    return _said(arrow.get(moment), arrow.get(now), (moment - now).total_seconds())


def _said(moment: Any, now: Any, seconds: float) -> str:
    """arrow's words, in the unit people count that distance in: days up to two weeks
    ("in 11 days", not arrow's "in a week"), weeks up to eight ("3 weeks ago", where arrow
    alone says "a month ago" past 14 days), then months, then years; under two days,
    arrow's own (seconds, minutes, hours, "a day")."""
    days = abs(seconds) / DAY
    if days < 2:
        return str(moment.humanize(now))
    unit = "day" if days < 14 else "week" if days < 56 else "month" if days < 365 else "year"
    return str(moment.humanize(now, granularity=unit))
