"""What `log` accepts, checked the same way by the service and by the fast `log` path.

Standard library only. Each check answers with the one-line problem, or None when fine.
"""

from __future__ import annotations

from rejection_therapy.core.bounds import MAX_ASK, MAX_NOTE

__all__ = [
    "DEFAULT_DIFFICULTY",
    "MAX_ASK",
    "MAX_NOTE",
    "LogRequest",
    "cleaned",
    "log_problem",
    "text_problem",
]
DEFAULT_DIFFICULTY = 2
KINDS = ("application",)
"""What an ask may be marked as: a job application's no is a rejection event."""


class LogRequest:
    """What a person asked `log` to record (argparse's Namespace has the same fields)."""

    def __init__(self) -> None:
        self.outcome = ""
        self.note = ""
        self.ask_text: str | None = None
        self.difficulty: int | None = None
        self.asked_why = False
        self.yesterday = False
        self.learned = ""
        self.next_time = ""
        self.fear_before: int | None = None
        self.fear_after: int | None = None
        self.kind: str | None = None
        self.offer: str | None = None
        self.json = False

    def problem(self) -> str | None:
        """The first thing wrong with these options, or None (the one check both paths use)."""
        return log_problem(
            note=self.note,
            ask_text=self.ask_text,
            difficulty=self.difficulty,
            learned=self.learned,
            next_time=self.next_time,
            fear_before=self.fear_before,
            fear_after=self.fear_after,
            kind=self.kind,
            offer=self.offer,
        )


def cleaned(value: str) -> str:
    """A text option as it is stored: without control sequences, trimmed."""
    from rejection_therapy.core.text import without_controls

    return without_controls(value).strip()


def text_problem(value: str, limit: int, what: str) -> str | None:
    length = len(cleaned(value))
    if length > limit:
        return f"the {what} is {length} characters long; keep it under {limit}"
    return None


def log_problem(
    *,
    note: str,
    ask_text: str | None,
    difficulty: int | None,
    learned: str,
    next_time: str,
    fear_before: int | None,
    fear_after: int | None,
    kind: str | None = None,
    offer: str | None = None,
) -> str | None:
    """The first thing wrong with these `log` options, or None."""
    if kind is not None and kind not in KINDS:
        return f"--kind {kind!r} is unknown; use {', '.join(KINDS)}"
    if offer is not None and ask_text is not None:
        return "--offer logs an offered ask and --ask your own: use one of them"
    if difficulty is not None and ask_text is None:
        return "--difficulty goes with --ask (the daily ask has its own difficulty)"
    if difficulty is not None and not 1 <= difficulty <= 5:
        return f"difficulty {difficulty} is out of range; use 1 to 5"
    if ask_text is not None and not cleaned(ask_text):
        return "--ask needs the text of the ask you made"
    for name, rating in (("--fear-before", fear_before), ("--fear-after", fear_after)):
        if rating is not None and not 0 <= rating <= 10:
            return f"{name} {rating} is out of range; rate fear from 0 (none) to 10 (terror)"
    checks = [(note, MAX_NOTE, "note"), (learned, MAX_NOTE, "lesson")]
    checks += [(next_time, MAX_NOTE, "next-time note")]
    if ask_text is not None:
        checks.append((ask_text, MAX_ASK, "ask"))
    for value, limit, what in checks:
        problem = text_problem(value, limit, what)
        if problem:
            return problem
    return None
