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
    "no = rejected, yes = accepted, why = turned by asking why, pending = awaiting an answer "
    "(n, y, w, p for short, in any case)"
)
SHORT_OUTCOMES = {"n": "no", "y": "yes", "w": "why", "p": "pending"}
"""The TUI's keys, which the command line takes as well (`log n`)."""

TEXT, NUMBER, FLAG = "text", "number", "flag"
LOG_OPTIONS: tuple[tuple[str, str, str, str | None, str], ...] = (
    # flag, field, kind, metavar, help
    ("--note", "note", TEXT, "NOTE", "what happened"),
    ("--ask", "ask_text", TEXT, "TEXT", "log an ask of your own instead of the daily ask"),
    ("--difficulty", "difficulty", NUMBER, "N", "1-5, for an own ask (default 2)"),
    ("--asked-why", "asked_why", FLAG, None, "you asked why after the answer (bonus XP)"),
    ("--yesterday", "yesterday", FLAG, None, "an ask made yesterday (allowed until today ends)"),
    (
        "--date",
        "date",
        TEXT,
        "DATE",
        "today or yesterday (e.g. 1 day ago): a missed day cannot be logged later",
    ),
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
    "date": None,
}
"""Text options left out: the own ask is None (the daily ask is logged), the others empty."""


def outcome_word(typed: str) -> str:
    """The outcome a typed word names (`N`, `No` and `no` are all `no`); a word that names
    none comes back lower-cased, for argparse to refuse with the nearest outcome."""
    word = typed.strip().lower()
    return SHORT_OUTCOMES.get(word, word)


def add_log_options(parser: argparse.ArgumentParser) -> None:
    """The `log` command's arguments, for argparse."""
    parser.add_argument(
        "outcome", type=outcome_word, choices=LOG_OUTCOMES, metavar="OUTCOME", help=OUTCOME_HELP
    )
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
    not numbers, a date other than today or yesterday), which argparse and the full command
    then answer, with their usual error."""
    options = {flag: (field, kind) for flag, field, kind, _metavar, _help in LOG_OPTIONS}
    args = LogRequest()
    rest = list(argv)
    outcomes = []
    typed_date = None
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
            elif field == "date":
                typed_date = value
            else:
                setattr(args, field, value)
        elif word in options and options[word][1] == FLAG:
            setattr(args, options[word][0], True)
        elif not word.startswith("-") and outcome_word(word) in LOG_OUTCOMES:
            outcomes.append(outcome_word(word))
        else:
            return None
    if len(outcomes) != 1:
        return None
    if typed_date is not None:
        late = late_by_name(typed_date, args.yesterday)
        if late is None:
            return None
        args.yesterday = late
    args.outcome = outcomes[0]
    return args


def late_by_name(typed: str, yesterday_flag: bool) -> bool | None:
    """Whether `log --date today|yesterday` logs for yesterday; None for any other date (it
    needs today's date to be read), or for `--date today` beside `--yesterday`."""
    from rejection_therapy.core.when import named_offset  # only when a date is given

    offset = named_offset(typed)
    if offset not in (0, -1) or offset == 0 and yesterday_flag:
        return None
    return offset == -1
