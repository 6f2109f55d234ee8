"""`rejection-therapy streak`: its options and its answer (from fastpath/streak.py).

This module must stay light: no pydantic, arrow, rich or Textual. When the status record
is missing or stale (its stamp differs from the data file's), the full service rebuilds
it and the answer is computed the same way.
"""

from __future__ import annotations

import os
import sys

from rejection_therapy.fastpath.streak import current_record, kept_facts, streak_facts

TYPE_CHECKING = False  # importing typing costs this path a few milliseconds
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from datetime import date
    from typing import Any, TypeVar

    Answer = TypeVar("Answer")

    from rejection_therapy.shapes import StatusRecord, StreakFacts

TEMPLATE_KEYS = ("current", "best", "day", "length", "freezes", "today", "run", "date", "flame")


class StreakArgs:
    """The options of `streak`, parsed without argparse (it costs a blink at start-up)."""

    def __init__(self, json: bool = False, check: bool = False, format: str | None = None) -> None:
        self.json = json
        self.check = check
        self.format = format


def parse_streak_args(argv: list[str]) -> StreakArgs | None:
    """`--json`, `--check`, `--format T`; anything else (help, typos) goes to argparse."""
    args = StreakArgs()
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "--json":
            args.json = True
        elif option == "--check":
            args.check = True
        elif option == "--format" and rest:
            args.format = rest.pop(0)
        elif option.startswith("--format="):
            args.format = option.split("=", 1)[1]
        else:
            return None
    return args


def streak_line(facts: StreakFacts, fancy: bool) -> str:
    """The one-line answer: current, best, day k/N, today done or open, freezes held."""
    if facts["today_done"]:
        today = "today done ✓" if fancy else "today done"
    elif facts["rest_today"]:
        today = "rest day"
    elif facts["at_risk"]:
        today = "today open, streak at risk" if fancy else "today open (at risk)"
    else:
        today = "today open"
    day = f"day {facts['day']}/{facts['length']}"
    if facts["complete"] and facts["next_run_starts"]:
        day = f"run {facts['run']} complete; the next begins {facts['next_run_starts']}"
    elif facts["complete"]:
        days = f"{facts['length']} day{'' if facts['length'] == 1 else 's'}"
        day = f"run {facts['run']} complete ({days}) - start the next: rejection-therapy start"
    elif facts["day"] == 0:
        day = f"run {facts['run']} not started yet"
    if fancy:
        return f"🔥 {facts['current']} · best {facts['best']} · {day} · {today} · 🧊 {facts['freezes']}"
    return (
        f"streak {facts['current']} | best {facts['best']} | {day} | {today} | "
        f"freezes {facts['freezes']}"
    )


MAX_FIELD_WIDTH = 100
"""A field's width or precision in --format; a larger one would build a huge line."""


def _check_template(template: str) -> None:
    """Fields by name only, with small widths: `{current:>3}` yes, `{current:>2000000000}` no."""
    import _string  # the parser of str.format itself, built in: no import cost

    for _literal, name, spec, _conversion in _string.formatter_parser(template):
        if name is None:
            continue
        if not spec:
            continue
        if "{" in spec:
            raise ValueError(f"--format {template!r}: a field inside a field is not allowed")
        digits = "".join(c if c.isdigit() else " " for c in spec).split()
        if any(len(d) > 3 or int(d) > MAX_FIELD_WIDTH for d in digits):
            raise ValueError(
                f"--format {template!r}: widths and precisions go up to {MAX_FIELD_WIDTH}"
            )


def fill_template(template: str, facts: StreakFacts) -> str:
    try:
        _check_template(template)
    except ValueError as error:
        if str(error).startswith("--format"):
            raise
        raise ValueError(f"--format {template!r}: {error}") from None
    values = {
        key: facts[key] for key in ("current", "best", "day", "length", "freezes", "run", "date")
    }
    values["today"] = "done" if facts["today_done"] else ("rest" if facts["rest_today"] else "open")
    values["flame"] = "🔥" if facts["current"] else ""
    try:
        return template.format_map(values)
    except (KeyError, ValueError, IndexError, AttributeError, TypeError) as error:
        raise ValueError(
            f"--format {template!r}: {error}; use fields {{{'}, {'.join(TEMPLATE_KEYS)}}}"
        ) from None


UNUSABLE = (ValueError, TypeError, KeyError, IndexError, AttributeError)
"""What a status record this code cannot use raises (ClockError aside: the clock's)."""


def answer_from_record(
    home: str, environ: Mapping[str, str], answer: Callable[[StatusRecord, date], Answer]
) -> tuple[StatusRecord, Answer]:
    """`answer(record, today)` from the status record as it is now; a record that is stale,
    or that the answer cannot use (it is untrusted: a value `sound()` does not look into),
    is rebuilt by the service and asked again. A clock that cannot tell: ClockError."""
    from rejection_therapy.core.now import ClockError
    from rejection_therapy.fastpath.clock import record_now

    record = current_record(home)
    if record is not None:
        try:
            return record, answer(record, record_now(record, environ)[1])
        except ClockError:
            raise
        except UNUSABLE:
            pass  # made again below
    record = rebuilt_record(home, environ)
    return record, answer(record, record_now(record, environ)[1])


def rebuilt_record(home: str, environ: Mapping[str, str]) -> StatusRecord:
    """The status record made anew by the service (saved for next time when nobody writes)."""
    from pathlib import Path

    from rejection_therapy.paths import Paths
    from rejection_therapy.service import Service
    from rejection_therapy.service.status import rebuilt_record as made_anew

    return made_anew(Service(Paths(Path(home)), environ=dict(environ)))


def run_streak(home: str, args: Any, environ: dict[str, str] | os._Environ[str]) -> int:
    """Print the streak; with --check the exit code says whether an ask is open today (1) or
    not (0: done, a rest day, or no run today)."""
    found = current_record(home)
    try:
        facts = kept_facts(found, environ) if found is not None else None
    except UNUSABLE:
        facts = None  # worked out (or the record made again) below
    if facts is None:
        facts, record = _worked_out(home, found, environ)
        if facts is None:
            return 2
    else:
        record = found  # type: ignore[assignment]  # (facts came from it)
    if record["damaged"]:
        from rejection_therapy.cli.output import warn_damaged

        warn_damaged(record["damaged"])
    if args.json:
        import json  # only here: its import (with re and enum) would double `streak`'s time

        sys.stdout.write(json.dumps(facts, indent=2) + "\n")
    elif args.format is not None:
        try:
            sys.stdout.write(fill_template(args.format, facts) + "\n")
        except ValueError as error:
            sys.stderr.write(f"rejection-therapy: error: {error}\n")
            return 2
    elif not args.check:
        fancy = sys.stdout.isatty() and not environ.get("NO_COLOR")
        sys.stdout.write(streak_line(facts, fancy) + "\n")
    if args.check:
        from rejection_therapy.core.open_day import today_open

        return 1 if today_open(facts) else 0
    return 0


def _worked_out(
    home: str, record: StatusRecord | None, environ: dict[str, str] | os._Environ[str]
) -> tuple[StreakFacts | None, StatusRecord]:
    """The facts worked out from the record (made again when it is stale or this code cannot
    use it); None, after saying why, when the clock cannot tell."""
    from rejection_therapy.core.now import ClockError

    try:
        facts = streak_facts(record, environ) if record is not None else None
    except ClockError as error:
        sys.stderr.write(f"rejection-therapy: error: {error}\n")
        return None, record  # type: ignore[return-value]  # (record is set: it was asked)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        facts = None  # a record this code cannot use: made again below
    if record is None or facts is None:
        record = rebuilt_record(home, environ)
        try:
            facts = streak_facts(record, environ)
        except ClockError as error:
            sys.stderr.write(f"rejection-therapy: error: {error}\n")
            return None, record
    return facts, record
