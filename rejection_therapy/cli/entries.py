"""Commands that show today and change entries: today, log, undo, edit, delete."""

from __future__ import annotations

import argparse

from rejection_therapy.cli.output import Output, safe
from rejection_therapy.cli.views import (
    ask_json,
    badge_json,
    entry_json,
    followup_json,
    level_json,
    streak_json,
)
from rejection_therapy.core.badges import BadgeRule
from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import OUTCOME_SYMBOLS, Entry, Outcome
from rejection_therapy.packs.coaching import tip_text
from rejection_therapy.service import Service
from rejection_therapy.service.entries import ASK_BIGGER, REFRAME
from rejection_therapy.service.today import TodayView

OUTCOME_STYLES = {
    Outcome.NO: "bold blue",
    Outcome.YES: "green",
    Outcome.WHY: "bold yellow",
    Outcome.PENDING: "dim",
}


def pips(difficulty: int, out: Output) -> str:
    return out.symbol("★" * difficulty + "☆" * (5 - difficulty), f"{difficulty}/5")


def outcome_label(outcome: Outcome, out: Output) -> str:
    return f"{OUTCOME_SYMBOLS[outcome]} {outcome.value}" if out.fancy else outcome.value


def print_header(ledger: Ledger, out: Output) -> None:
    progress = ledger.current
    streak = ledger.streak
    level = ledger.level
    when = ledger.today.strftime("%a %d %b %Y")
    if progress and progress.complete:
        day = f"Run {progress.run.number} complete"
    elif progress and progress.started:
        day = f"Day {progress.day}/{progress.length}"
    else:
        day = "Not started"
    if out.fancy:
        out.parts(
            (day, "bold"),
            (f" · {when} · ", "dim"),
            (f"🔥 {streak.current}", "bold yellow"),
            (f" (best {streak.best})", "dim"),
            (f" · 🧊 {streak.freezes}", "cyan"),
            (f" · Level {level.level}", "bold green"),
            (f" ({level.xp} XP, {level.to_next} to next)", "dim"),
        )
    else:
        out.line(
            f"{day} | {ledger.today.isoformat()} | streak {streak.current} (best {streak.best}) | "
            f"freezes {streak.freezes} | level {level.level} ({level.xp} XP, {level.to_next} to next)"
        )


def print_entry(entry: Entry, ledger: Ledger, out: Output, indent: str = "  ") -> None:
    xp = ledger.xp_by_entry.get(entry.id, 0)
    note = f" — {safe(entry.note)}" if entry.note else ""
    late = " (late)" if entry.late else ""
    out.parts(
        (indent, None),
        (outcome_label(entry.outcome, out), OUTCOME_STYLES[entry.outcome]),
        (f"  +{xp} XP  ", "dim"),
        (safe(entry.ask_text), None),
        (note + late, "italic"),
    )


def cmd_today(service: Service, args: argparse.Namespace, out: Output) -> int:
    view = service.today(swap=args.swap)
    ledger = view.ledger
    if args.json:
        out.json(_today_json(view))
        return 0
    print_header(ledger, out)
    progress = view.progress
    upcoming = ledger.next_run
    if progress is not None and progress.complete and upcoming is not None:
        out.line(
            f"Run {progress.run.number} is complete. Run {upcoming.number} begins on "
            f"{upcoming.start.isoformat()}.",
            "bold green",
        )
    elif progress is not None and progress.complete:
        out.line(
            f"Run {progress.run.number} is complete: {progress.length} days behind you. "
            "Begin the next with `rejection-therapy start`.",
            "bold green",
        )
    elif progress is not None and not progress.started:
        out.line(f"Run {progress.run.number} begins on {progress.run.start.isoformat()}.")
    elif view.ask is not None:
        _print_ask(view, out)
    _print_todays_entries(view, out)
    _print_coaching(view, out)
    return 0


def _print_coaching(view: TodayView, out: Output) -> None:
    tip = _latest_tip(view)
    if tip:
        out.parts((out.symbol("🧰 ", "Tip: "), "bold"), (tip, None))
    if view.gap:
        out.parts(("This week's gap: ", "bold"), (safe(view.gap), None))
    if view.checkin_due:
        out.line("It's check-in day: rejection-therapy checkin", "yellow")
    for followup in view.followups_due:
        out.parts(
            ("Due: ", "bold yellow"),
            (safe(followup.text), None),
            (f"  (followups done {followup.id[:8]})", "dim"),
        )
    for entry in view.stale_pending:
        out.parts(
            ("Still no answer: ", "yellow"),
            (safe(entry.ask_text), None),
            (f" — no answer counts as a no: rejection-therapy resolve {entry.id[:8]} no", "dim"),
        )


def _today_json(view: TodayView) -> dict[str, object]:
    ledger = view.ledger
    return {
        **streak_json(ledger),
        "streak": streak_json(ledger),
        "ask": ask_json(view.ask),
        "swapped": view.swapped,
        "entries": [entry_json(e, ledger) for e in view.entries],
        "followups_due": [followup_json(f) for f in view.followups_due],
        "tip": _latest_tip(view),
        "gap": view.gap or None,
        "checkin_due": view.checkin_due,
        "stale_pending": [entry_json(e, ledger) for e in view.stale_pending],
        **level_json(ledger),
    }


def _latest_tip(view: TodayView) -> str | None:
    """The toolbox tip offered after today's latest no."""
    tipped = [e for e in view.entries if e.toolbox_tip]
    return tip_text(tipped[-1].toolbox_tip) or None if tipped else None


def _print_ask(view: TodayView, out: Output) -> None:
    ask = view.ask
    assert ask is not None
    swapped = " (swapped)" if view.swapped else ""
    out.line()
    out.parts(
        ("Today's ask  ", "bold"),
        (pips(ask.difficulty, out), "yellow"),
        (f"  {safe(ask.pack)}{swapped}", "dim"),
    )
    out.parts(("  ", None), (safe(ask.text), "bold"))
    if ask.tip:
        out.parts(("  Tip: ", "dim"), (safe(ask.tip), None))
    if ask.why_prompt:
        out.parts(("  If it's a no: ", "dim"), (safe(ask.why_prompt), None))
    if ask.safety:
        out.parts(("  Safety: ", "bold yellow"), (safe(ask.safety), None))


def _print_todays_entries(view: TodayView, out: Output) -> None:
    ledger = view.ledger
    out.line()
    if not view.entries:
        if view.in_run:
            out.line(
                "No entry yet today. Make the ask, then: rejection-therapy log no|yes|why", "dim"
            )
            if ledger.streak.at_risk:
                out.line(
                    f"Your {ledger.streak.current}-day streak is at risk until you log today.",
                    "yellow",
                )
        return
    out.line("Today's entries", "bold")
    for entry in view.entries:
        print_entry(entry, ledger, out)


def cmd_log(service: Service, args: argparse.Namespace, out: Output) -> int:
    result = service.log(
        Outcome(args.outcome),
        note=args.note,
        ask_text=args.ask_text,
        difficulty=args.difficulty,
        asked_why=args.asked_why,
        yesterday=args.yesterday,
        learned=args.learned,
        next_time=args.next_time,
        fear_before=args.fear_before,
        fear_after=args.fear_after,
    )
    ledger = result.ledger
    if args.json:
        out.json(
            {
                **entry_json(result.entry, ledger),
                "badges_earned": [badge_json(b) for b in result.badges_earned],
                "tip": result.tip or None,
                "streak": streak_json(ledger),
                **level_json(ledger),
            }
        )
        return 0
    entry = result.entry
    when = " for yesterday" if entry.late else ""
    out.parts(
        (f"Logged ({entry.id[:8]}) ", None),
        (outcome_label(entry.outcome, out), OUTCOME_STYLES[entry.outcome]),
        (f"{when}: {safe(entry.ask_text)}", None),
    )
    level = ledger.level
    out.parts(
        (f"+{result.xp} XP", "bold green"),
        (f" · {level.xp} XP · level {level.level} ({level.to_next} to next)", "dim"),
    )
    print_badges_earned(result.badges_earned, out)
    if entry.outcome is Outcome.NO:
        out.line(REFRAME, "italic")
    if result.tip:
        out.parts((out.symbol("🧰 ", "Tip: "), "bold"), (result.tip, None))
    if entry.outcome is Outcome.PENDING:
        out.line(
            f"When the answer comes: rejection-therapy resolve {entry.id[:8]} no|yes|why", "dim"
        )
    if result.rest_day_returned:
        out.line(
            "You logged on a rest day: it counts as done, and the rest day is yours again.", "dim"
        )
    if result.only_yes_today:
        out.line(ASK_BIGGER, "yellow")
    streak = ledger.streak
    out.line(f"Streak: {streak.current} (best {streak.best}) · freezes {streak.freezes}", "dim")
    return 0


def print_badges_earned(badges: list[BadgeRule], out: Output) -> None:
    for badge in badges:
        out.parts(
            (out.symbol(f"{badge.icon} Badge earned: ", "Badge earned: "), "bold yellow"),
            (badge.name, "bold"),
            (f" — {badge.description}", None),
        )


def cmd_undo(service: Service, args: argparse.Namespace, out: Output) -> int:
    removed = service.undo()
    entry = removed.entry
    out.parts(
        ("Undone: ", "bold"),
        (outcome_label(entry.outcome, out), OUTCOME_STYLES[entry.outcome]),
        (f" · {safe(entry.ask_text)}", None),
    )
    for badge in removed.badges_removed:
        out.line(f"Badge taken back with it: {badge.name}", "yellow")
    return 0


def cmd_edit(service: Service, args: argparse.Namespace, out: Output) -> int:
    outcome = Outcome(args.outcome) if args.outcome else None
    entry = service.edit(args.entry_id, outcome, args.note)
    out.parts(
        ("Updated entry ", None),
        (entry.id[:8], "bold"),
        (": ", None),
        (outcome_label(entry.outcome, out), OUTCOME_STYLES[entry.outcome]),
        (f" — {safe(entry.note)}" if entry.note else "", "italic"),
    )
    return 0


def cmd_delete(service: Service, args: argparse.Namespace, out: Output) -> int:
    removed = service.delete(args.entry_id)
    entry = removed.entry
    out.parts(
        ("Deleted entry ", None),
        (entry.id[:8], "bold"),
        (f" ({entry.date.isoformat()}, {entry.outcome.value}): {safe(entry.ask_text)}", None),
    )
    for badge in removed.badges_removed:
        out.line(f"Badge taken back with it: {badge.name}", "yellow")
    return 0
