"""`streak` from the status record: standard library only (the prompt and SSH path)."""

from __future__ import annotations

from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.storage.status_record import read_status
from rejection_therapy.views import facts_today

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os

    from rejection_therapy.shapes import StatusRecord, StreakFacts


def current_record(home: str) -> StatusRecord | None:
    """The status record when it matches the data now; None: the service rebuilds it."""
    return read_status(home)


def streak_facts(record: StatusRecord, environ: dict[str, str] | os._Environ[str]) -> StreakFacts:
    """Today's streak figures from a status record (the `streak --json` fields)."""
    _now, today = record_now(record, environ)
    return facts_today(record, today)
