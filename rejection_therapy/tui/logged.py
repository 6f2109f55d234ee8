"""What the Today screen says after a log, from either way of logging: the full service's
LogResult, or the quick log's answer (fastpath/log.py) when the key came before the
history had loaded."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rejection_therapy.core.badges import BADGES_BY_ID
from rejection_therapy.core.moments import Moments, covered_by_freeze, moments_of

if TYPE_CHECKING:
    from rejection_therapy.core.badges import BadgeRule
    from rejection_therapy.service.entries import LogResult
    from rejection_therapy.shapes import LogAnswer, StatusRecord


class Logged(NamedTuple):
    entry_id: str
    outcome: str
    xp: int
    level: int
    tip: str
    rest_day_returned: bool
    only_yes_today: bool
    badges_earned: list[BadgeRule]
    total_xp: int = 0
    xp_to_next_level: int = 0
    streak: int = 0
    moments: Moments = Moments()

    @classmethod
    def of_result(cls, result: LogResult) -> Logged:
        ledger = result.ledger
        progress = ledger.current
        today = ledger.today
        first_today = [e.id for e in ledger.entries_on(today)] == [result.entry.id]
        level = ledger.level
        moments = moments_of(
            total_xp=level.xp,
            earned_xp=result.xp,
            first_today=first_today and result.entry.date == today,
            streak=ledger.streak.current,
            day=progress.day if progress is not None else 0,
            length=progress.length if progress is not None else 0,
            covered=covered_by_freeze(ledger.streak.marks, today),
        )
        return cls(
            result.entry.id,
            str(result.entry.outcome),
            result.xp,
            level.level,
            result.tip,
            result.rest_day_returned,
            result.only_yes_today,
            list(result.badges_earned),
            level.xp,
            level.to_next,
            ledger.streak.current,
            moments,
        )

    @classmethod
    def of_answer(cls, answer: LogAnswer, record: StatusRecord | None, first_today: bool) -> Logged:
        streak = answer["streak"]
        today = date.fromisoformat(streak["date"])
        moments = moments_of(
            total_xp=answer["total_xp"],
            earned_xp=answer["xp"],
            first_today=first_today and answer["date"] == streak["date"],
            streak=streak["current"],
            day=streak["day"],
            length=streak["length"],
            covered=_covered(record, today) if record is not None else (),
        )
        return cls(
            answer["id"],
            answer["outcome"],
            answer["xp"],
            answer["level"],
            answer["tip"] or "",
            answer["rest_day_returned"],
            answer["only_yes_today"],
            [BADGES_BY_ID[badge["id"]] for badge in answer["badges_earned"]],
            answer["total_xp"],
            answer["xp_to_next_level"],
            streak["current"],
            moments,
        )


def _covered(record: StatusRecord, today: date) -> tuple[date, ...]:
    """The days a freeze covered before today, walked from the status record's dates."""
    from rejection_therapy.core.streaks import summarize_streak

    spans = [
        (date.fromisoformat(r["start"]), date.fromisoformat(r["last"])) for r in record["runs"]
    ]
    if not spans:
        return ()
    summary = summarize_streak(
        min(start for start, _last in spans),
        today,
        (date.fromisoformat(d) for d in record["done_dates"]),
        (date.fromisoformat(d) for d in record["rest_dates"]),
        spans,
    )
    return covered_by_freeze(summary.marks, today)
