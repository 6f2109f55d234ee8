"""Badges a quick write earns: judged by the service's own rules (core/badges.py) from the
status record's tally and streak, and stored as the service stores them."""

from __future__ import annotations

from datetime import date

from rejection_therapy.core.badges import newly_reached
from rejection_therapy.core.new_entry import utc_text
from rejection_therapy.core.tally import badge_metrics, streak_badges_left
from rejection_therapy.storage.transaction import operation

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from typing import Any

    from rejection_therapy.core.badges import BadgeRule
    from rejection_therapy.core.streaks import StreakSummary
    from rejection_therapy.core.tally import EntryTally
    from rejection_therapy.shapes import StatusRecord


def reached(
    record: StatusRecord, tally: EntryTally, summary: Callable[[], StreakSummary], today: date
) -> list[BadgeRule]:
    """The badges not yet earned whose goal is now reached (earned ones are never re-judged);
    the streak `summary` is asked for only while a badge it measures is still to be earned."""
    earned = set(record["earned_badges"])
    runs = [
        (date.fromisoformat(r["start"]), date.fromisoformat(r["last"]), r["ended_early"])
        for r in record["runs"]
    ]
    metrics = badge_metrics(
        tally,
        summary() if streak_badges_left(earned) else None,
        runs,
        today,
        record["checkins"],
        record["followups_done"],
    )
    return newly_reached(metrics, earned)


def badge_operations(
    record: StatusRecord, earned: list[BadgeRule], now: datetime, today: date, entry_id: str
) -> list[dict[str, Any]]:
    """The journal inserts of the badges `earned` with the entry `entry_id`, numbered from
    the record's next badge document id."""
    first = record["next_doc_ids"]["badges"]
    return [
        operation(
            "badges",
            str(first + offset),
            {
                "badge_id": rule.id,
                "earned_at": utc_text(now),
                "date": today.isoformat(),
                "entry_id": entry_id,
            },
            insert=True,
        )
        for offset, rule in enumerate(earned)
    ]


def with_earned(record: StatusRecord, earned: list[BadgeRule]) -> list[str]:
    """The record's earned badge ids once `earned` are stored."""
    return sorted({*record["earned_badges"], *(rule.id for rule in earned)})


def keep_earned(record: StatusRecord, earned: list[BadgeRule], today: date) -> None:
    """Put the badges just `earned` in the record, as a rebuild would have them."""
    record["earned_badges"] = with_earned(record, earned)
    record["badges"] = [*record["badges"], *([rule.id, today.isoformat()] for rule in earned)]
