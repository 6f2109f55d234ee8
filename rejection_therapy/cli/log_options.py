"""The options of `log`, defined once: argparse builds `log --help` from this table, and the
quick parser below reads the plain cases with it before argparse is even imported.

Standard library only (the quick `log` imports this module).
"""

from __future__ import annotations

from rejection_therapy.core.log_input import LogRequest

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

OUTCOMES = ("no", "yes", "why")
LOG_OUTCOMES = (*OUTCOMES, "pending")
OUTCOME_HELP = (
    "no = rejected, yes = accepted, why = turned by asking why, pending = awaiting an answer"
)

TEXT, NUMBER, FLAG = "text", "number", "flag"
LOG_OPTIONS: tuple[tuple[str, str, str, str | None, str], ...] = (
    # flag, field, kind, metavar, help
    ("--note", "note", TEXT, "NOTE", "what happened"),
    ("--ask", "ask_text", TEXT, "TEXT", "log an ask of your own instead of the daily ask"),
    ("--difficulty", "difficulty", NUMBER, "N", "1-5, for an own ask (default 2)"),
    ("--asked-why", "asked_why", FLAG, None, "you asked why after the answer (bonus XP)"),
    ("--yesterday", "yesterday", FLAG, None, "an ask made yesterday (allowed until today ends)"),
    ("--learned", "learned", TEXT, "TEXT", "reflection: what I learned"),
    ("--next", "next_time", TEXT, "TEXT", "reflection: what I'll try next time"),
    ("--fear-before", "fear_before", NUMBER, "0-10", "how afraid you were before asking"),
    ("--fear-after", "fear_after", NUMBER, "0-10", "how afraid you felt after"),
    ("--offer", "offer", TEXT, "N|KEY", "log an ask `today` offers after an event"),
    ("--kind", "kind", TEXT, "KIND", "application: a no to it is a rejection event"),
    ("--json", "json", FLAG, None, "machine-readable output (see README)"),
)
DEFAULTS = {
    "note": "",
    "ask_text": None,
    "learned": "",
    "next_time": "",
    "offer": None,
    "kind": None,
}
"""Text options left out: the own ask is None (the daily ask is logged), the others empty."""


def add_log_options(parser: argparse.ArgumentParser) -> None:
    """The `log` command's arguments, for argparse."""
    parser.add_argument("outcome", choices=LOG_OUTCOMES, help=OUTCOME_HELP)
    for flag, field, kind, metavar, help_text in LOG_OPTIONS:
        if kind == FLAG:
            parser.add_argument(flag, dest=field, action="store_true", help=help_text)
        else:
            parser.add_argument(
                flag,
                dest=field,
                type=int if kind == NUMBER else str,
                default=DEFAULTS.get(field),
                metavar=metavar,
                help=help_text,
            )


def parse_quick(argv: list[str]) -> LogRequest | None:
    """The options of a plain `log`; None for anything unusual (help, typos, numbers that are
    not numbers), which argparse then answers with its usual error."""
    options = {flag: (field, kind) for flag, field, kind, _metavar, _help in LOG_OPTIONS}
    args = LogRequest()
    rest = list(argv)
    outcomes = []
    while rest:
        word = rest.pop(0)
        name, has_value, value = word.partition("=")
        if name in options and options[name][1] != FLAG:
            field, kind = options[name]
            if not has_value:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
            if kind == NUMBER:
                if not (value.strip().isascii() and value.strip().isdigit()):
                    return None
                setattr(args, field, int(value))
            else:
                setattr(args, field, value)
        elif word in options and options[word][1] == FLAG:
            setattr(args, options[word][0], True)
        elif word in LOG_OUTCOMES:
            outcomes.append(word)
        else:
            return None
    if len(outcomes) != 1:
        return None
    args.outcome = outcomes[0]
    return args
