"""The stable JSON shapes of command output (documented in the README)."""

from __future__ import annotations

from typing import Any

from rejection_therapy.cli.streak import facts_from
from rejection_therapy.core.badges import BadgeRule
from rejection_therapy.core.days import day_number
from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import CheckIn, DailyAsk, Entry, FollowUp


def entry_json(entry: Entry, ledger: Ledger) -> dict[str, Any]:
    run = next((r for r in ledger.runs if r.id == entry.run_id), None)
    return {
        "id": entry.id,
        "date": entry.date.isoformat(),
        "day": day_number(run.start, entry.date) if run else None,
        "run": run.number if run else None,
        "outcome": entry.outcome.value,
        "ask": entry.ask_text,
        "ask_id": entry.ask_id,
        "pack": entry.pack,
        "difficulty": entry.difficulty,
        "own": entry.own,
        "asked_why": entry.asked_why,
        "late": entry.late,
        "note": entry.note,
        "learned": entry.learned,
        "next_time": entry.next_time,
        "fear_before": entry.fear_before,
        "fear_after": entry.fear_after,
        "xp": ledger.xp_by_entry.get(entry.id, 0),
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
    }


def ask_json(ask: DailyAsk | None) -> dict[str, Any] | None:
    if ask is None:
        return None
    return {
        "id": ask.ask_id,
        "text": ask.text,
        "pack": ask.pack,
        "difficulty": ask.difficulty,
        "category": ask.category,
        "tip": ask.tip,
        "why_prompt": ask.why_prompt,
        "safety": ask.safety,
    }


def badge_json(rule: BadgeRule) -> dict[str, Any]:
    return {"id": rule.id, "name": rule.name, "description": rule.description}


def streak_json(ledger: Ledger) -> dict[str, Any]:
    """The same fields as `streak --json`, computed by the same function."""
    runs = [(run.number, run.start, run.last_date) for run in ledger.runs]
    return facts_from(ledger.streak, runs, ledger.today)


def level_json(ledger: Ledger) -> dict[str, Any]:
    """Lifetime XP and level (named total_xp so it never hides an entry's own xp)."""
    level = ledger.level
    return {"total_xp": level.xp, "level": level.level, "xp_to_next_level": level.to_next}


def followup_json(followup: FollowUp) -> dict[str, Any]:
    return {
        "id": followup.id,
        "entry_id": followup.entry_id,
        "text": followup.text,
        "due": followup.due.isoformat(),
        "done": followup.done_at is not None,
    }


def checkin_json(checkin: CheckIn) -> dict[str, Any]:
    return {
        "id": checkin.id,
        "date": checkin.date.isoformat(),
        "worked": checkin.worked,
        "didnt": checkin.didnt,
        "gap": checkin.gap,
    }
