"""What the Today screen says after a log, from either way of logging: the full service's
LogResult, or the quick log's answer (fastpath/log.py) when the key came before the
history had loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rejection_therapy.core.badges import BADGES_BY_ID

if TYPE_CHECKING:
    from rejection_therapy.core.badges import BadgeRule
    from rejection_therapy.service.entries import LogResult
    from rejection_therapy.shapes import LogAnswer


class Logged(NamedTuple):
    entry_id: str
    outcome: str
    xp: int
    level: int
    tip: str
    rest_day_returned: bool
    only_yes_today: bool
    badges_earned: list[BadgeRule]

    @classmethod
    def of_result(cls, result: LogResult) -> Logged:
        return cls(
            result.entry.id,
            str(result.entry.outcome),
            result.xp,
            result.ledger.level.level,
            result.tip,
            result.rest_day_returned,
            result.only_yes_today,
            list(result.badges_earned),
        )

    @classmethod
    def of_answer(cls, answer: LogAnswer) -> Logged:
        return cls(
            answer["id"],
            answer["outcome"],
            answer["xp"],
            answer["level"],
            answer["tip"] or "",
            answer["rest_day_returned"],
            answer["only_yes_today"],
            [BADGES_BY_ID[badge["id"]] for badge in answer["badges_earned"]],
        )
