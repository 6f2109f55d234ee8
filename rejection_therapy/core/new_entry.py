"""A new entry's stored document, made by this one module however the log arrives (the
service's `log`, the quick `log`, the TUI's keys). Standard library only.

The document is the JSON the data file keeps (storage/documents.py checks it); the toolbox tip after
a no is chosen here too, from the same facts.
"""

from __future__ import annotations

from rejection_therapy.core.log_input import DEFAULT_DIFFICULTY, cleaned

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date, datetime
    from typing import Any

    from rejection_therapy.core.coaching import ToolboxTip
    from rejection_therapy.core.log_input import LogRequest


def utc_text(instant: datetime) -> str:
    """A UTC instant as the data file keeps it (as pydantic writes one)."""
    return instant.isoformat().replace("+00:00", "Z")


def ask_fields(request: LogRequest, daily: Mapping[str, Any] | None) -> dict[str, Any]:
    """What the entry records of the ask: the person's own (`--ask`), else the day's ask
    (`today --json`'s `ask`: id, text, pack, category, difficulty)."""
    if request.ask_text is not None:
        return {
            "ask_text": cleaned(request.ask_text),
            "ask_id": None,
            "pack": None,
            "category": "",
            "difficulty": request.difficulty or DEFAULT_DIFFICULTY,
            "own": True,
        }
    if daily is None:
        raise ValueError("no daily ask to log")
    return {
        "ask_text": daily["text"],
        "ask_id": daily["id"],
        "pack": daily["pack"],
        "category": daily["category"],
        "difficulty": daily["difficulty"],
        "own": False,
    }


def entry_document(
    request: LogRequest,
    ask: Mapping[str, Any],
    *,
    entry_id: str,
    run_id: str,
    on: date,
    now: datetime,
    seq: int,
) -> dict[str, Any]:
    """The stored entry for a log (its toolbox tip is set by `with_tip`)."""
    return {
        "id": entry_id,
        "run_id": run_id,
        "date": on.isoformat(),
        "outcome": request.outcome,
        **ask,
        "note": cleaned(request.note),
        "learned": cleaned(request.learned),
        "next_time": cleaned(request.next_time),
        "fear_before": request.fear_before,
        "fear_after": request.fear_after,
        "toolbox_tip": None,
        "resolved_at": None,
        "asked_why": request.asked_why or request.outcome == "why",
        "late": request.yesterday,
        "created_at": utc_text(now),
        "updated_at": utc_text(now),
        "seq": seq,
        "kind": request.kind,
    }


def with_tip(
    document: dict[str, Any],
    tips: Sequence[ToolboxTip],
    previous: str | None,
    ask: Mapping[str, Any] | None = None,
    *,
    silent: bool = False,
) -> dict[str, Any]:
    """After a no, one toolbox tip that fits the ask (`ask`: the daily or offered ask it
    was, as `today --json` shows it; None for an own ask) and differs from the last one."""
    if document["outcome"] == "no":
        from rejection_therapy.core.coaching import AskFacts, choose_tip  # (only a no needs it)

        via = set(ask.get("via") or ()) if ask else set()
        facts = AskFacts(
            document["category"],
            document["pack"] or "",
            document["difficulty"],
            document["asked_why"],
            ask.get("push", True) if ask else True,
            ask.get("who") if ask else None,
            silent or bool(via) and via <= {"online", "phone"},
        )
        tip = choose_tip(tips, facts, previous, seed=document["id"])
        document["toolbox_tip"] = tip.id if tip else None
    return document


class StoredEntry:
    """An entry document read with an Entry's attributes (what views.entry_shape and the
    tally read), for the quick log, which builds no Entry."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        from datetime import date, datetime

        self.__dict__.update(document)
        self.date = date.fromisoformat(document["date"])
        self.created_at = datetime.fromisoformat(document["created_at"])
        self.updated_at = datetime.fromisoformat(document["updated_at"])

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)


def edited_fields(old_outcome: str, outcome: str | None, note: str | None) -> dict[str, Any]:
    """What `edit` changes in an entry (its updated_at aside): the outcome, with asked-why
    implied by "why" and dropped when only "why" implied it; the note, cleaned. The note
    must have been checked (log_input.text_problem)."""
    changes: dict[str, Any] = {}
    if outcome is not None:
        changes["outcome"] = outcome
        if outcome == "why":
            changes["asked_why"] = True
        elif old_outcome == "why":
            changes["asked_why"] = False  # it was implied by "why", not chosen
    if note is not None:
        changes["note"] = cleaned(note)
    return changes
