"""`streak` from the status record: standard library only (the prompt and SSH path)."""

from __future__ import annotations

from rejection_therapy.storage.status_record import read_status

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from typing import Any

    from rejection_therapy.shapes import StatusRecord, StreakFacts


def current_record(home: str) -> StatusRecord | None:
    """The status record when it matches the data now; None: the service rebuilds it."""
    return read_status(home)


def streak_facts(record: StatusRecord, environ: dict[str, str] | os._Environ[str]) -> StreakFacts:
    """Today's streak figures from a status record (the `streak --json` fields)."""
    from rejection_therapy.fastpath.clock import record_now
    from rejection_therapy.views import facts_today

    _now, today = record_now(record, environ)
    return facts_today(record, today)


def kept_facts(
    record: StatusRecord, environ: dict[str, str] | os._Environ[str]
) -> StreakFacts | None:
    """The facts the record keeps for its day, when now falls in that day (its span in
    POSIX seconds): no date is made, so datetime is never imported. None otherwise, and
    streak_facts works them out (fastpath/clock.py reads the clock the same way)."""
    from rejection_therapy.core.epoch import NOW_VARIABLE, epoch_seconds

    override = environ.get(NOW_VARIABLE, "").strip()
    if override:
        now: float | None = epoch_seconds(override)
    else:
        import time

        now = time.time()
    span: Any = record["today_span"]
    kept = record["today_facts"]
    if now is None or span is None or kept is None or kept[0] != span[0]:
        return None
    if not span[1] <= now < span[2]:
        return None
    return kept[1].copy()  # type: ignore[attr-defined, no-any-return]
