"""`rejection-therapy today` from the status record, when it was made for today."""

from __future__ import annotations

from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.storage.status_record import read_status
from rejection_therapy.views import facts_today, today_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from rejection_therapy.shapes import DayView, StatusRecord, StreakFacts, TodayAnswer


def in_run(facts: StreakFacts) -> bool:
    """Today is a day of a run that has started and is not complete."""
    return facts["day"] > 0 and not facts["complete"]


def fast_today(home: str, environ: Mapping[str, str]) -> tuple[TodayAnswer, DayView] | None:
    """`today --json` and the day's record, or None when the full service must answer."""
    found = fast_today_with_record(home, environ)
    return found[:2] if found else None


def fast_today_with_record(
    home: str, environ: Mapping[str, str]
) -> tuple[TodayAnswer, DayView, StatusRecord] | None:
    """The same, with the status record it came from (the TUI takes the theme from it)."""
    record = read_status(home)
    if record is None or not record.get("day") or record["damaged"]:
        return None  # (damaged records: the full service answers, and says so)
    try:
        _now, today = record_now(record, environ)
        day = record["day"]
        if day is None or day["date"] != today.isoformat():
            return None  # a new day: its ask is still to be drawn
        facts = facts_today(record, today)
        if in_run(facts) and day["ask"] is None:
            return None
        return today_json(facts, day, int(record["total_xp"])), day, record
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # a bad clock setting, or a record this code cannot use: the service answers
