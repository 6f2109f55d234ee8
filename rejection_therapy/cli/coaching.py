"""Coaching commands: resolve, followups, checkin, rest, intention, review."""

from __future__ import annotations

import argparse
import sys

from rejection_therapy.cli.admin import parse_day
from rejection_therapy.cli.output import Output, counted, safe
from rejection_therapy.cli.render import OUTCOME_STYLES, outcome_label, print_entry, show_rest
from rejection_therapy.core import when
from rejection_therapy.core.models import Outcome
from rejection_therapy.relative import relative_day, relative_instant
from rejection_therapy.service import Service, UserError
from rejection_therapy.service.coaching import CHECKIN_QUESTIONS
from rejection_therapy.views import checkin_json, entry_json, followup_json


def cmd_resolve(service: Service, args: argparse.Namespace, out: Output) -> int:
    entry, tip = service.resolve(args.entry_id, Outcome(args.outcome))
    out.parts(
        ("Resolved: ", "bold"),
        (outcome_label(entry.outcome, out), OUTCOME_STYLES[entry.outcome]),
        (f" · {safe(entry.ask_text)}", None),
    )
    if tip:
        out.parts((out.symbol("🧰 ", "Tip: "), "bold"), (tip, None))
    return 0


def cmd_followups(service: Service, args: argparse.Namespace, out: Output) -> int:
    if args.followups_command == "add":
        followup = service.add_followup(args.entry_id, args.text, args.due)
        if args.json:
            out.json(followup_json(followup))
        else:
            due = relative_day(followup.due, service.read().today)
            out.parts(
                (f"Follow-up {followup.id[:8]} due {due} ({followup.due.isoformat()}): ", None),
                (safe(followup.text), None),
            )
        return 0
    if args.followups_command == "done":
        followup = service.complete_followup(args.followup_id)
        out.line(
            f"Done: {safe(followup.text)}. Following through is the habit few people keep.", "green"
        )
        return 0
    snapshot = service.read()
    listing = service.followups(snapshot, include_done=args.all)
    if args.json:
        data = {
            "due": [followup_json(f) for f in listing.due],
            "upcoming": [followup_json(f) for f in listing.upcoming],
        }
        if args.all:
            data["done"] = [followup_json(f) for f in listing.done]
        out.json(data)
        return 0
    for title, items in (
        ("Due", listing.due),
        ("Upcoming", listing.upcoming),
        ("Done", listing.done),
    ):
        if items:
            out.line(title, "bold")
            for f in items:
                when = (
                    f"done {relative_instant(f.done_at, snapshot.now)}"
                    if f.done_at is not None
                    else f"due {relative_day(f.due, snapshot.today)}"
                )
                out.parts(
                    (f"  {f.id[:8]}  {f.due.isoformat()}  ", "dim"),
                    (safe(f.text), None),
                    (f"  ({when})", "dim"),
                )
    if not (listing.due or listing.upcoming or listing.done):
        out.line(
            'No follow-ups. After a no, try: followups add ENTRY_ID "send a thank-you note" --due +1d'
        )
    return 0


def cmd_checkin(service: Service, args: argparse.Namespace, out: Output) -> int:
    if args.list:
        checkins = sorted(service.read().state.checkins, key=lambda c: c.created_at)
        if args.json:
            out.json([checkin_json(c) for c in checkins])
            return 0
        for c in checkins:
            out.line(c.date.isoformat(), "bold")
            for key, question in CHECKIN_QUESTIONS.items():
                out.parts((f"  {question} ", "dim"), (safe(getattr(c, key)), None))
        if not checkins:
            out.line("No check-ins yet: rejection-therapy checkin")
        return 0
    answers = {key: getattr(args, key) for key in CHECKIN_QUESTIONS}
    missing = [key for key, value in answers.items() if value is None]
    if missing:
        if not sys.stdin.isatty():
            raise UserError("no terminal to ask on: give --worked, --didnt and --gap")
        for key in missing:
            answers[key] = input(f"{CHECKIN_QUESTIONS[key]} ")
    record = service.checkin(answers["worked"], answers["didnt"], answers["gap"])
    if args.json:
        out.json(checkin_json(record))
        return 0
    out.parts(("Checked in. Next week's gap: ", "bold green"), (safe(record.gap), None))
    return 0


def cmd_rest(service: Service, args: argparse.Namespace, out: Output) -> int:
    read = service.read(keep_for_change=True)
    on = parse_day(args.date, read.today, option="rest")
    try:
        used, allowed = service.declare_rest(on, cancel=args.cancel, reuse=read)
    except UserError as error:
        raise UserError(_as_typed(str(error), args.date, on.isoformat())) from None
    return show_rest(on.isoformat(), args.cancel, used, allowed, out)


def _as_typed(message: str, typed: str, iso: str) -> str:
    """A refusal that names the date as the person typed it, then as a date: "rest
    'yesterday' (2026-03-01) is in the past..." (the rules word it from the date alone)."""
    if typed.strip() == iso or not message.startswith(iso):
        return message
    return f"rest {when.shown(typed)} ({iso}){message[len(iso) :]}"


def cmd_intention(service: Service, args: argparse.Namespace, out: Output) -> int:
    if args.text is None:
        snapshot = service.read()
        run = snapshot.ledger.current_run
        intention = snapshot.state.intention_for(run.id) if run else None
        if intention is None:
            out.line(
                'No intention yet: rejection-therapy intention "If I ___, then ___ will happen"'
            )
        else:
            out.parts((safe(intention.text), "bold"))
        return 0
    intention = service.set_intention(args.text)
    out.parts(("Intention set: ", "bold green"), (safe(intention.text), None))
    return 0


def cmd_review(service: Service, args: argparse.Namespace, out: Output) -> int:
    review = service.review(args.run)
    snapshot = service.read()
    ledger = snapshot.ledger
    if args.json:
        out.json(
            {
                "run": review.run.number,
                "complete": review.complete,
                "counts": review.counts,
                "days_counted": review.covered_days,
                "fear_trend": review.fear_trend,
                "lessons": [e.learned for e in review.lessons],
                "hardest": [entry_json(e, ledger) for e in review.hardest],
                "followups_done": review.followups_done,
                "intention": review.intention.text if review.intention else None,
            }
        )
        return 0
    state = "complete" if review.complete else "so far"
    began = "starts" if review.run.start > snapshot.today else "started"
    out.line(
        f"Run {review.run.number} ({review.run.start.isoformat()}, {began} "
        f"{relative_day(review.run.start, snapshot.today)}), {state}",
        "bold",
    )
    c = review.counts
    out.line(
        f"  {counted(len(review.entries), 'ask')}: {c['no']} no, {c['why']} why, {c['yes']} yes, "
        f"{c['pending']} pending; {counted(review.covered_days, 'day')} counted; "
        f"{counted(review.followups_done, 'follow-up')} done"
    )
    if review.intention:
        out.parts(("  Intention: ", "dim"), (safe(review.intention.text), None))
    if review.fear_trend:
        first, last = review.fear_trend[0], review.fear_trend[-1]
        out.line(
            f"  Fear before asking: week {first['week']} {first['before']} → week {last['week']} {last['before']}"
        )
    if review.hardest:
        out.line("Hardest asks taken", "bold")
        for entry in review.hardest:
            print_entry(entry_json(entry, ledger), out)
    if review.lessons:
        out.line("Lessons you wrote", "bold")
        for entry in review.lessons:
            out.parts(("  • ", None), (safe(entry.learned), None))
    if review.complete:
        out.line(
            "What next: start again (rejection-therapy start), a harder ladder (start --packs bold), "
            "or your own pack (packs new).",
            "bold",
        )
    return 0
