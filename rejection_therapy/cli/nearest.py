"""A mistyped word answered with the nearest right one: "unknown command 'lgo'; did you
mean log?". cli/parser.py's Parser refuses every choice (command, action, outcome, format)
through here; difflib is loaded only when a word is refused."""

from __future__ import annotations

import argparse

from rejection_therapy.cli.log_options import SHORT_OUTCOMES

COMMAND, OUTCOME = "COMMAND", "OUTCOME"
"""The metavars of the command word and of an outcome, as argparse names them in an error
(the messages say "unknown command", "unknown outcome": the prefix would repeat it)."""


def unknown_choice(action: argparse.Action, typed: str) -> str:
    """The one-line refusal of a word that is not one of `action`'s choices: the word (cleaned
    of control characters, shortened), the nearest choice when one is near, the choices."""
    import difflib

    from rejection_therapy.core.text import printable
    from rejection_therapy.core.when import shown

    choices = [str(choice) for choice in action.choices or ()]
    seen = printable(typed).strip().lower()  # as the person sees it on the screen
    near = difflib.get_close_matches(seen, choices, n=1, cutoff=0.6)
    hint = f"did you mean {near[0]}?" if near else ""
    if action.metavar == COMMAND:
        return f"unknown command {shown(typed)}" + (f"; {hint}" if hint else "")
    listed = f"{', '.join(choices[:-1])} or {choices[-1]}" if len(choices) > 1 else choices[0]
    if action.metavar == OUTCOME:
        short = ", ".join(k for k, v in SHORT_OUTCOMES.items() if v in choices)
        said = f"unknown outcome {shown(typed)}"
        if hint:
            return f"{said}; {hint} Use {listed} ({short} for short)"
        return f"{said}; use {listed} ({short} for short)"
    return f"{shown(typed)} is not {listed}" + (f"; {hint}" if hint else "")
