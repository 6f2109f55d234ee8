"""Declaring and withdrawing rest days: the rules, for the service and the quick `rest`.
Standard library only."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection
    from datetime import date


class RestProblem(ValueError):
    """Why a rest day cannot be declared or withdrawn (one line, for the person)."""


def rest_days_used(
    on: date,
    today: date,
    *,
    cancel: bool,
    run: tuple[int, date, date] | None,
    rest_dates: Collection[date],
    has_entries: bool,
    allowed: int,
) -> int:
    """The rest days `run` (number, first day, last day: the run `on` belongs to) uses once
    `on` is declared a rest day (or is one no longer, with `cancel`). Raises RestProblem."""
    day = on.isoformat()
    if on < today and not cancel:
        raise RestProblem(
            f"{day} is in the past; rest days are declared in advance (today or later)"
        )
    if run is None:
        raise RestProblem(f"{day} is not a day of a run")
    number, start, last = run
    in_run = sum(1 for rest in rest_dates if start <= rest <= last)
    if cancel:
        if on not in rest_dates:
            raise RestProblem(f"{day} is not a rest day")
        if on < today:
            raise RestProblem(f"{day} is past; a rest day that was taken stays taken")
        return in_run - 1
    if on in rest_dates:
        raise RestProblem(f"{day} is already a rest day")
    if has_entries:
        raise RestProblem(f"{day} already has an entry; it is a done day")
    if in_run >= allowed:
        raise RestProblem(
            f"run {number} already has its {allowed} rest days; cancel one with `rest --cancel DATE`"
        )
    return in_run + 1
