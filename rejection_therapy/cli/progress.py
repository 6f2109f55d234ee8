"""Commands that look back: stats, badges, history."""

from __future__ import annotations

import argparse

from rejection_therapy.cli.output import Output, safe
from rejection_therapy.cli.render import OUTCOME_STYLES, outcome_label
from rejection_therapy.core.badges import BADGES_BY_ID
from rejection_therapy.core.models import Outcome
from rejection_therapy.service import Service, UserError
from rejection_therapy.views import entry_json, level_json, streak_json

BAR_WIDTH = 10


def cmd_stats(service: Service, args: argparse.Namespace, out: Output) -> int:
    snapshot = service.read()
    ledger = snapshot.ledger
    counts = ledger.counts()
    days_done = len(ledger.done_dates)
    run = ledger.current_run
    if args.json:
        out.json(
            {
                "counts": counts,
                "entries": len(ledger.entries),
                "days_done": days_done,
                "runs": len(ledger.runs),
                "badges_earned": len(snapshot.state.badges),
                "xp": ledger.level.xp,
                **level_json(ledger),
                "streak": streak_json(ledger),
                "fear_trend": ledger.fear_trend(run) if run else [],
                "gap": service.current_gap(snapshot) or None,
            }
        )
        return 0
    level = ledger.level
    out.line("Lifetime", "bold")
    out.parts(
        ("  ", None),
        (f"{counts['no']} no", OUTCOME_STYLES[Outcome.NO]),
        (" · ", "dim"),
        (f"{counts['why']} why", OUTCOME_STYLES[Outcome.WHY]),
        (" · ", "dim"),
        (f"{counts['yes']} yes", OUTCOME_STYLES[Outcome.YES]),
        (f"  ({len(ledger.entries)} asks on {days_done} days, {len(ledger.runs)} run(s))", "dim"),
    )
    out.line(
        f"  Level {level.level} · {level.xp} XP · {level.to_next} XP to level {level.level + 1}"
    )
    out.line(
        f"  Streak {ledger.streak.current} · best {ledger.streak.best} · freezes {ledger.streak.freezes}"
    )
    out.line(f"  Badges {len(snapshot.state.badges)} of {len(BADGES_BY_ID)}")
    trend = ledger.fear_trend(run) if run else []
    if trend:
        out.line("Fear before → after, by week of this run", "bold")
        for week in trend:
            out.line(
                f"  week {week['week']:>2}: {_rating(week['before'])} → {_rating(week['after'])}"
            )
    gap = service.current_gap(snapshot)
    if gap:
        out.parts(("Current gap: ", "bold"), (safe(gap), None))
    return 0


def _rating(value: float | int | None) -> str:
    return "  -" if value is None else f"{value:>4.1f}"


def cmd_badges(service: Service, args: argparse.Namespace, out: Output) -> int:
    snapshot = service.read()
    earned = {badge.badge_id: badge for badge in snapshot.state.badges}
    progress = snapshot.ledger.badge_progress()
    if args.json:
        out.json(
            [
                {
                    "id": item.rule.id,
                    "name": item.rule.name,
                    "description": item.rule.description,
                    "earned": item.rule.id in earned,
                    "earned_on": earned[item.rule.id].date.isoformat()
                    if item.rule.id in earned
                    else None,
                    "progress": {"value": min(item.value, item.rule.goal), "goal": item.rule.goal},
                }
                for item in progress
            ]
        )
        return 0
    out.line(f"Earned ({len(earned)})", "bold")
    for item in progress:
        badge = earned.get(item.rule.id)
        if badge:
            icon = out.symbol(item.rule.icon + " ", "* ")
            out.parts(
                ("  " + icon, None),
                (item.rule.name, "bold yellow"),
                (f" — {item.rule.description} ", None),
                (f"({badge.date.isoformat()})", "dim"),
            )
    out.line()
    out.line("Locked", "bold")
    for item in progress:
        if item.rule.id in earned:
            continue
        filled = round(item.fraction * BAR_WIDTH)
        bar = out.symbol(
            "█" * filled + "░" * (BAR_WIDTH - filled), "#" * filled + "-" * (BAR_WIDTH - filled)
        )
        value = min(item.value, item.rule.goal)
        out.parts(
            ("  ", None),
            (bar, "green"),
            (f" {value}/{item.rule.goal} ", "dim"),
            (item.rule.name, "bold"),
            (f" — {item.rule.description}", None),
        )
    return 0


def cmd_history(service: Service, args: argparse.Namespace, out: Output) -> int:
    if args.limit < 0:
        raise UserError(f"--limit {args.limit} must be 0 (all) or more")
    ledger = service.read().ledger
    entries = list(reversed(ledger.entries))
    if args.limit:
        entries = entries[: args.limit]
    if args.json:
        out.json([entry_json(entry, ledger) for entry in entries])
        return 0
    if not entries:
        out.line("No entries yet. Take today's ask: rejection-therapy today")
        return 0
    for entry in entries:
        data = entry_json(entry, ledger)
        note = f" — {safe(entry.note)}" if entry.note else ""
        out.parts(
            (entry.id[:8], "dim"),
            (f"  {entry.date.isoformat()}  {_day_text(data['day'])}  ", None),
            (f"{outcome_label(entry.outcome, out):<6}", OUTCOME_STYLES[entry.outcome]),
            (f" {data['xp']:>3} XP  ", "dim"),
            (safe(entry.ask_text), None),
            (note, "italic"),
        )
    return 0


def _day_text(day: int | None) -> str:
    """`day  12`, or a dash for an entry outside every run (kept, never hidden)."""
    return f"day {day:>3}" if day is not None else "day   –"
