"""`today` and `log` answered from the status record when it can (fastpath/), before any
heavy import; None hands the command to argparse and the full service."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


def try_fast(argv: list[str], home_of: Callable[[], str], environ: Mapping[str, str]) -> int | None:
    """Answer `today [--swap] [--json]`, a plain `log`, the `undo` of a quick log, an `edit`
    of today's entry, `rest`, or a bare call that is not on a terminal."""
    from rejection_therapy.fastpath import FULL_PATH_VARIABLE

    if environ.get(FULL_PATH_VARIABLE):
        return None
    command, options = (argv[0], argv[1:]) if argv else ("today", [])
    if not argv and sys.stdin.isatty() and sys.stdout.isatty():
        return None  # the TUI
    if command == "today":
        swap = "--swap" in options
        rest = [option for option in options if option != "--swap"]
        if rest not in ([], ["--json"]) or options.count("--swap") > 1:
            return None
        from rejection_therapy.fastpath.today import fast_today

        home = home_of()
        answer = None if swap else fast_today(home, environ)
        if answer is None:  # a new day, or a swap: as planned, when a plan covers it
            from rejection_therapy.fastpath.plans import planned_today

            answer = planned_today(home, environ, swap=swap)
        if answer is None:
            return None
        from rejection_therapy.cli.output import Output
        from rejection_therapy.cli.render import show_today

        return show_today(*answer, bool(rest), Output(dict(environ)))
    if command == "undo":
        from rejection_therapy.fastpath.undo import quick_undo

        undone = quick_undo(home_of(), environ)
        if undone is None:
            return None
        from rejection_therapy.cli.output import Output
        from rejection_therapy.cli.render import show_undone

        return show_undone(*undone, Output(dict(environ)))
    if command in QUICK_WRITES:
        return _quick_write(command, options, home_of, environ)
    if command in ("stats", "badges", "share"):
        return _progress(command, options, home_of, environ)
    if command in ("history", "export", "doctor"):
        return _full_load(command, options, home_of, environ)
    from rejection_therapy.cli.log_options import parse_quick
    from rejection_therapy.fastpath.log import fast_log

    args = parse_quick(options)
    if args is None:
        return None
    logged = fast_log(home_of(), args, environ)
    if logged is None:
        return None
    from rejection_therapy.cli.output import Output
    from rejection_therapy.cli.render import show_logged

    return show_logged(logged, args.json, Output(dict(environ)))


QUICK_WRITES = {
    # command: (its parser in cli/quick_options.py, the quick path, its printer in cli/render.py)
    "edit": ("parse_edit", "rejection_therapy.fastpath.edit", "quick_edit", "show_edited"),
    "rest": ("parse_rest", "rejection_therapy.fastpath.rest", "quick_rest", "show_rest"),
}


def _quick_write(
    command: str, options: list[str], home_of: Callable[[], str], environ: Mapping[str, str]
) -> int | None:
    """`edit` or `rest` in a plain form, answered by its quick path when it can."""
    import importlib

    from rejection_therapy.cli import quick_options

    parser, module, function, printer = QUICK_WRITES[command]
    parsed = getattr(quick_options, parser)(options)
    if parsed is None:
        return None
    answer = getattr(importlib.import_module(module), function)(home_of(), *parsed, environ)
    if answer is None:
        return None
    from rejection_therapy.cli import render
    from rejection_therapy.cli.output import Output

    return int(getattr(render, printer)(*answer, Output(dict(environ))))


def _progress(
    command: str, options: list[str], home_of: Callable[[], str], environ: Mapping[str, str]
) -> int | None:
    """`stats [--json]`, `badges [--json]` or a private `share` printed, from the status
    record (rebuilt by the service when stale); other forms go to argparse."""
    from rejection_therapy.cli.quick_options import parse_share

    parsed = parse_share(options) if command == "share" else None
    if command == "share" and parsed is None:
        return None
    if command != "share" and options not in ([], ["--json"]):
        return None
    from rejection_therapy.cli.output import Output, warn_damaged
    from rejection_therapy.cli.streak import answer_from_record

    out = Output(dict(environ))
    if command == "stats":
        from rejection_therapy.cli.progress import show_stats
        from rejection_therapy.fastpath.progress import stats_json

        record, stats = answer_from_record(home_of(), environ, stats_json)
        code = show_stats(stats, bool(options), out)
    elif command == "badges":
        from rejection_therapy.cli.progress import show_badges
        from rejection_therapy.fastpath.progress import badge_rows

        record, rows = answer_from_record(home_of(), environ, badge_rows)
        code = show_badges(rows, bool(options), out)
    else:
        from rejection_therapy.cli.share import private_snapshot
        from rejection_therapy.fastpath.progress import rendered

        fmt, number, plain = parsed  # type: ignore[misc]  # (share: parsed above)
        record, text = answer_from_record(
            home_of(),
            environ,
            lambda record, on: (
                rendered(private_snapshot(record, on, number), fmt, plain)
                if record["runs"]
                else None  # a home without a run: the service readies it, as for any command
            ),
        )
        if text is None:
            return None
        out.text(text)
        code = 0
    warn_damaged(record["damaged"])
    return code


def _full_load(
    command: str, options: list[str], home_of: Callable[[], str], environ: Mapping[str, str]
) -> int | None:
    """`history --json [--limit N]`, `export [--format json]` to the screen or a plain
    `doctor`, from the checked copy; other forms, and a home without a current copy, go
    to argparse and the full check."""
    limit = _history_limit(options) if command == "history" else 0
    if command == "history" and limit is None:
        return None
    if command == "export" and options not in ([], ["--format", "json"], ["--format=json"]):
        return None
    if command == "doctor" and options:
        return None
    from rejection_therapy.fastpath import full_loads

    home = home_of()
    copy = full_loads.copy_of(home)
    if copy is None:
        return None
    from rejection_therapy.cli.output import Output

    out = Output(dict(environ))
    if command == "doctor":
        lines = full_loads.doctor(home, copy)
        if lines is None:
            return None
        for line, style in lines:
            out.line(line, style)
        return 0
    text = full_loads.history_json(copy, limit or 0) if command == "history" else None
    if command == "export":
        text = full_loads.export_json(copy)
    if text is None:
        return None
    if command == "history":
        out.json_text(text)
        return 0
    from rejection_therapy.exports import EXPORT_WARNING

    out.text(text)
    sys.stderr.write(EXPORT_WARNING)
    return 0


HISTORY_LIMIT = 20
"""cli/parser.py's default for `history --limit` (tests/cli check they agree)."""


def _history_limit(options: list[str]) -> int | None:
    """The limit of `history --json [--limit N]`; None for any other form."""
    rest = [option for option in options if option != "--json"]
    if len(rest) == len(options) or len(options) - len(rest) > 1:
        return None
    if not rest:
        return HISTORY_LIMIT
    value = rest[1] if rest[0] == "--limit" and len(rest) == 2 else None
    if len(rest) == 1 and rest[0].startswith("--limit="):
        value = rest[0].removeprefix("--limit=")
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    return int(value)
