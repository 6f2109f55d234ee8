"""`today` and `log` answered from the status record when it can (fastpath/), before any
heavy import; None hands the command to argparse and the full service."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


def try_fast(argv: list[str], home_of: Callable[[], str], environ: Mapping[str, str]) -> int | None:
    """Answer `today [--json]`, a plain `log`, or a bare call that is not on a terminal."""
    command, options = (argv[0], argv[1:]) if argv else ("today", [])
    if not argv and sys.stdin.isatty() and sys.stdout.isatty():
        return None  # the TUI
    if command == "today":
        if options not in ([], ["--json"]):
            return None
        from rejection_therapy.fastpath.today import fast_today

        answer = fast_today(home_of(), environ)
        if answer is None:
            return None
        today, day = answer
        from rejection_therapy.cli.output import Output
        from rejection_therapy.cli.render import print_today

        out = Output(dict(environ))
        if options:
            out.json(today)
        else:
            print_today(today, day, out)
        return 0
    from rejection_therapy.fastpath.log import fast_log, parse_log_args

    args = parse_log_args(options)
    if args is None:
        return None
    logged = fast_log(home_of(), args, environ)
    if logged is None:
        return None
    from rejection_therapy.cli.output import Output
    from rejection_therapy.cli.render import print_logged

    out = Output(dict(environ))
    if args.json:
        out.json(logged)
    else:
        print_logged(logged, out)
    return 0
