"""One injectable source of "now", so every rule can be tested at any instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from rejection_therapy.core.now import NOW_VARIABLE, ClockError, parse_now

__all__ = ["NOW_VARIABLE", "Clock", "ClockError", "FixedClock", "SystemClock", "parse_now"]


class Clock(Protocol):
    """Anything that can tell the current instant as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped at one instant: for tests, demos and `REJECTION_THERAPY_NOW`."""

    instant: datetime

    def now(self) -> datetime:
        return self.instant.astimezone(UTC)


def clock_from_environment(environ: dict[str, str] | None, zone: ZoneInfo) -> Clock:
    """The clock a command should use: fixed when `REJECTION_THERAPY_NOW` is set."""
    value = (environ or {}).get(NOW_VARIABLE, "").strip()
    if value:
        return FixedClock(parse_now(value, zone))
    return SystemClock()
