"""Whether today is open: the one rule `streak --check`, `remind check` and the nudge share.

No imports at all: the quick `streak` path asks it.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rejection_therapy.shapes import StreakFacts


def today_open(facts: StreakFacts) -> bool:
    """A day of a run that has started and is not complete, with no entry and no rest:
    an ask is waiting. Between runs, done and rest days, nothing is."""
    in_run = facts["day"] > 0 and not facts["complete"]
    return in_run and not facts["today_done"] and not facts["rest_today"]
