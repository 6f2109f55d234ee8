"""The stable JSON shapes of command output (documented in the README).

Light on purpose: the fast `today` and `log` paths build their answers here too, so the
records are imported for type checking only.
"""

from __future__ import annotations

from datetime import date

from rejection_therapy.core.days import day_number
from rejection_therapy.core.streaks import streak_state_at, summarize_streak

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from rejection_therapy.core.badges import BadgeRule
    from rejection_therapy.core.ledger import Ledger
    from rejection_therapy.core.models import CheckIn, DailyAsk, Entry, FollowUp
    from rejection_therapy.core.streaks import StreakSummary
    from rejection_therapy.shapes import (
        AskView,
        BadgeView,
        CheckInView,
        DayView,
        EntryView,
        FollowUpView,
        LevelView,
        LogAnswer,
        StatusRecord,
        StreakFacts,
        TodayAnswer,
    )


def entry_json(entry: Entry, ledger: Ledger) -> EntryView:
    run = next((r for r in ledger.runs if r.id == entry.run_id), None)
    return entry_shape(
        entry,
        run.number if run else None,
        run.start if run else None,
        ledger.xp_by_entry.get(entry.id, 0),
    )


def entry_shape(entry: Any, run_number: int | None, run_start: date | None, xp: int) -> EntryView:
    """An entry's JSON from anything with an Entry's attributes (the fast `log` has no Entry)."""
    return {
        "id": entry.id,
        "date": entry.date.isoformat(),
        "day": day_number(run_start, entry.date) if run_start and entry.date >= run_start else None,
        "run": run_number,
        "outcome": str(entry.outcome),
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
        "xp": xp,
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
    }


def ask_json(ask: DailyAsk | None) -> AskView | None:
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
        "needs": list(ask.needs),
        "via": list(ask.via),
        "tags": list(ask.tags),
        "who": ask.who,
        "push": ask.push,
    }


def badge_json(rule: BadgeRule) -> BadgeView:
    return {"id": rule.id, "name": rule.name, "description": rule.description}


def streak_json(ledger: Ledger) -> StreakFacts:
    """The same fields as `streak --json`, computed by the same function."""
    runs = [(run.number, run.start, run.last_date) for run in ledger.runs]
    return facts_from(ledger.streak, runs, ledger.today)


def level_json(ledger: Ledger) -> LevelView:
    """Lifetime XP and level (named total_xp so it never hides an entry's own xp)."""
    return level_json_for(ledger.total_xp)


def level_json_for(total_xp: int) -> LevelView:
    from rejection_therapy.core.scoring import level_for  # here: `streak` needs no levels

    level = level_for(total_xp)
    return {"total_xp": level.xp, "level": level.level, "xp_to_next_level": level.to_next}


def today_json(facts: StreakFacts, day: DayView, total_xp: int) -> TodayAnswer:
    """`today --json`: the streak facts of now, the day's record and the level."""
    return {
        **facts,
        "streak": facts,
        "ask": day["ask"],
        "swapped": day["swapped"],
        "entries": day["entries"],
        "followups_due": day["followups_due"],
        "tip": day["tip"],
        "gap": day["gap"],
        "checkin_due": day["checkin_due"],
        "stale_pending": day["stale_pending"],
        "offers": day["offers"],
        "ladder_note": day["ladder_note"],
        "rung_shift": day["rung_shift"],
        "pool_note": day["pool_note"],
        **level_json_for(total_xp),
    }


def log_json(
    entry: EntryView,
    badges_earned: list[BadgeView],
    tip: str,
    streak: StreakFacts,
    total_xp: int,
    *,
    rest_day_returned: bool,
    only_yes_today: bool,
) -> LogAnswer:
    """`log --json`: the new entry, what it earned and where the person stands now."""
    return {
        **entry,
        "badges_earned": badges_earned,
        "tip": tip or None,
        "streak": streak,
        **level_json_for(total_xp),
        "rest_day_returned": rest_day_returned,
        "only_yes_today": only_yes_today,
    }


def followup_json(followup: FollowUp) -> FollowUpView:
    return {
        "id": followup.id,
        "entry_id": followup.entry_id,
        "text": followup.text,
        "due": followup.due.isoformat(),
        "done": followup.done_at is not None,
    }


def checkin_json(checkin: CheckIn) -> CheckInView:
    return {
        "id": checkin.id,
        "date": checkin.date.isoformat(),
        "worked": checkin.worked,
        "didnt": checkin.didnt,
        "gap": checkin.gap,
    }


# -- the streak contract: `streak --json`, shared by the status record and the full service --


def record_spans(record: StatusRecord) -> list[tuple[date, date]]:
    """Each run's first and last day, from a status record."""
    return [(date.fromisoformat(r["start"]), date.fromisoformat(r["last"])) for r in record["runs"]]


def record_summary(
    record: StatusRecord, today: date, extra_done: date | None = None, *, marks: bool = False
) -> StreakSummary:
    """The streak as of `today` from a status record (plus one more done day, if given),
    walked on from the record's `streak_since` when it is not later than today. `marks`:
    every day's mark is wanted (badges count them), so the whole history is walked."""
    spans = record_spans(record)
    since = None if marks else record["streak_since"]
    resume = None
    if since is not None and str(since[0]) <= today.isoformat():
        floor = str(since[0])
        resume = (date.fromisoformat(floor), *since[1:])
        done = [date.fromisoformat(d) for d in record["done_dates"] if d >= floor]
    else:
        done = [date.fromisoformat(d) for d in record["done_dates"]]
    if extra_done is not None:
        done.append(extra_done)
    return summarize_streak(
        min((start for start, _ in spans), default=None),
        today,
        done,
        (date.fromisoformat(d) for d in record["rest_dates"]),
        spans,
        resume,
    )


def streak_since_of(record: StatusRecord, day: date) -> list[object] | None:
    """The record's `streak_since` for `day` (core/streaks.py `streak_state_at`)."""
    spans = record_spans(record)
    state = streak_state_at(
        min((start for start, _ in spans), default=None),
        day,
        (date.fromisoformat(d) for d in record["done_dates"]),
        (date.fromisoformat(d) for d in record["rest_dates"]),
        spans,
    )
    return None if state is None else [state[0].isoformat(), *state[1:]]


def streak_facts_on(
    record: StatusRecord, today: date, summary: StreakSummary | None = None
) -> StreakFacts:
    """The `streak --json` fields as of `today`."""
    spans = record_spans(record)
    if summary is None:
        summary = record_summary(record, today)
    runs = [
        (int(r["number"]), start, last)
        for r, (start, last) in zip(record["runs"], spans, strict=True)
    ]
    return facts_from(summary, runs, today)


def facts_today(record: StatusRecord, today: date) -> StreakFacts:
    """`streak_facts_on`, from the record's own facts when they are today's (walking ten
    years of days costs `streak` more than the rest of its work)."""
    cached = record["today_facts"]
    if cached is not None and cached[0] == today.isoformat():
        return cached[1].copy()  # type: ignore[attr-defined, no-any-return]
    return streak_facts_on(record, today)


def keep_facts(record: StatusRecord, today: date, facts: StreakFacts | None = None) -> StreakFacts:
    """Set the record's facts for today (`facts`, or worked out now); the facts."""
    if facts is None:
        facts = streak_facts_on(record, today)
    record["today_facts"] = [today.isoformat(), dict(facts)]
    return facts


def facts_from(
    summary: StreakSummary, runs: list[tuple[int, date, date]], today: date
) -> StreakFacts:
    """The `streak --json` fields from a streak summary and the runs (number, first, last day).

    Shared by the fast path and the full service, so both always answer alike.
    """
    started = [run for run in runs if run[1] <= today]
    upcoming = [run for run in runs if run[1] > today]
    run = started[-1] if started else (runs[0] if runs else None)
    day = length = number = 0
    complete = False
    if run is not None:
        number, start, last = run
        length = (last - start).days + 1
        day = max(0, min(day_number(start, today), length)) if today >= start else 0
        complete = today > last
    return {
        "current": summary.current,
        "best": summary.best,
        "day": day,
        "length": length,
        "run": number,
        "date": today.isoformat(),
        "today_done": summary.today_done,
        "rest_today": summary.today_rest,
        "at_risk": summary.at_risk,
        "freezes": summary.freezes,
        "complete": complete,
        "next_run_starts": upcoming[0][1].isoformat() if upcoming else None,
    }
