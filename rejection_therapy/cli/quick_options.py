"""The plain forms of `edit`, `rest` and `share`, read before argparse is imported (the quick paths
take them); anything else returns None and argparse reads it, and explains a mistake.
Standard library only."""

from __future__ import annotations

from rejection_therapy.cli.log_options import OUTCOMES, outcome_word


def parse_edit(options: list[str]) -> tuple[str, str | None, str | None] | None:
    """`edit ENTRY_ID [--outcome O] [--note TEXT]`: (id, outcome, note)."""
    values, words = _options(options, ("--outcome", "--note"))
    if values is None or len(words) != 1:
        return None
    outcome, note = values.get("--outcome"), values.get("--note")
    outcome = (
        None if outcome is None else outcome_word(outcome)
    )  # `--outcome Y` as argparse reads it
    if outcome is None and note is None or outcome not in (None, *OUTCOMES):
        return None
    return words[0], outcome, note


def parse_rest(options: list[str]) -> tuple[str, bool] | None:
    """`rest DATE [--cancel]`: (date as typed, cancel)."""
    cancel = options.count("--cancel")
    values, words = _options([o for o in options if o != "--cancel"], ())
    if values is None or len(words) != 1 or cancel > 1:
        return None
    return words[0], bool(cancel)


SHARE_FORMATS = ("txt", "md", "svg", "html", "json")
"""share/__init__.py's FORMATS (tests/cli check they agree); not imported: it loads json."""


def parse_share(options: list[str]) -> tuple[str, int | None, bool] | None:
    """`share [--format F] [--run N] [--plain]` printed: (format, run number, plain)."""
    plain = options.count("--plain")
    pairs = zip(options, options[1:], strict=False)
    if any(o in ("--format", "--run") and n == "--plain" for o, n in pairs):
        return None  # an option without its value: argparse says so
    values, words = _options([o for o in options if o != "--plain"], ("--format", "--run"))
    if values is None or words or plain > 1:
        return None
    fmt, run = values.get("--format", "txt"), values.get("--run")
    if fmt not in SHARE_FORMATS or run is not None and not _is_number(run):
        return None
    return fmt, None if run is None else int(run), bool(plain)


def _is_number(text: str) -> bool:
    """Digits only, a few of them (argparse reads anything else and says what is wrong)."""
    return text.isascii() and text.isdigit() and len(text) <= 6


def _options(options: list[str], named: tuple[str, ...]) -> tuple[dict[str, str] | None, list[str]]:
    """The values of the `named` options (each given once, `--name value` or `--name=value`)
    and the other words; None for the values when anything else starts with a dash."""
    values: dict[str, str] = {}
    words: list[str] = []
    rest = list(options)
    while rest:
        word = rest.pop(0)
        name, has_value, value = word.partition("=")
        if name in named:
            if name in values:
                return None, words
            if not has_value:
                if not rest or rest[0].startswith("-"):
                    return None, words
                value = rest.pop(0)
            values[name] = value
        elif word.startswith("-"):
            return None, words
        else:
            words.append(word)
    return values, words
