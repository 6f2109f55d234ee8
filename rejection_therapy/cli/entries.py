"""Commands that show today and change entries: today, log, undo, edit, delete."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from rejection_therapy.cli.admin import parse_day
from rejection_therapy.cli.log_options import late_by_name
from rejection_therapy.cli.output import Output, safe
from rejection_therapy.cli.render import (
    show_edited,
    show_logged,
    show_today,
    show_undone,
)
from rejection_therapy.core import when
from rejection_therapy.core.models import Outcome
from rejection_therapy.service import Service, UserError
from rejection_therapy.service.today import day_record
from rejection_therapy.views import badge_json, entry_json, log_json, streak_json, today_json


def cmd_today(service: Service, args: argparse.Namespace, out: Output) -> int:
    view = service.today(swap=args.swap)
    day = day_record(view)
    today = today_json(streak_json(view.ledger), day, view.ledger.total_xp)
    for path, _error in service.set_aside_packs():
        sys.stderr.write(
            f"rejection-therapy: warning: the pack {safe(str(path))} is set aside "
            "(it cannot be read); `rejection-therapy packs list` says why\n"
        )
    return show_today(today, day, args.json, out)


def cmd_log(service: Service, args: argparse.Namespace, out: Output) -> int:
    late = args.yesterday
    if args.date is not None:
        named = late_by_name(args.date, args.yesterday)
        late = _late(args.date, service.read().today, args.yesterday) if named is None else named
    result = service.log(
        Outcome(args.outcome),
        note=args.note,
        ask_text=args.ask_text,
        difficulty=args.difficulty,
        asked_why=args.asked_why,
        yesterday=late,
        learned=args.learned,
        next_time=args.next_time,
        fear_before=args.fear_before,
        fear_after=args.fear_after,
        offer=args.offer,
        kind=args.kind,
    )
    ledger = result.ledger
    logged = log_json(
        entry_json(result.entry, ledger),
        [badge_json(b) for b in result.badges_earned],
        result.tip,
        streak_json(ledger),
        ledger.total_xp,
        rest_day_returned=result.rest_day_returned,
        only_yes_today=result.only_yes_today,
    )
    return show_logged(logged, args.json, out)


def _late(typed: str, today: date, yesterday_flag: bool) -> bool:
    """Whether `log --date` names yesterday; it names today or yesterday, or is refused: a
    day further back cannot be logged, so a broken streak is never filled in afterwards."""
    on = parse_day(typed, today, option="--date")
    said = f"--date {when.shown(typed)}"
    if on.isoformat() != typed.strip():
        said += f" is {on.isoformat()}"
    if on == today and yesterday_flag:
        raise UserError(f"{said}, today, and --yesterday says yesterday: give one of them")
    if on > today:
        raise UserError(
            f"{said}, a day still to come: log an ask once you have made it "
            "(--date today or yesterday)"
        )
    if on < today - timedelta(days=1):
        raise UserError(
            f"{said}: log takes only today or yesterday, so a missed day stays missed "
            "(a freeze covers one on its own, when you have one)"
        )
    return on < today


def cmd_undo(service: Service, args: argparse.Namespace, out: Output) -> int:
    removed = service.undo()
    entry = removed.entry
    badges = [badge.id for badge in removed.badges_removed]
    return show_undone(str(entry.outcome), entry.ask_text, badges, out)


def cmd_edit(service: Service, args: argparse.Namespace, out: Output) -> int:
    outcome = Outcome(args.outcome) if args.outcome else None
    entry, earned = service.edit_entry(args.entry_id, outcome, args.note)
    badges = [badge_json(rule) for rule in earned]
    return show_edited(entry.id, str(entry.outcome), entry.note, badges, out)


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
