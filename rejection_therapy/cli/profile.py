"""`profile` (what the person came for and can do) and `event` (what just happened)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import partial

from rejection_therapy.cli.admin import parse_day
from rejection_therapy.cli.output import Output, safe
from rejection_therapy.cli.render import AFTER_NAMES, pips
from rejection_therapy.core.situation import (
    GOAL_HELP,
    GOALS,
    HAVE_QUESTIONS,
    HAVES,
    SituationError,
    parse_answers,
    yes_no,
)
from rejection_therapy.service import Service, UserError


def profile_json(profile: dict[str, str | bool], asked: bool) -> dict[str, object]:
    """`profile --json`: the goal, every answer (null: not answered, counts as yes)."""
    return {
        "goal": profile.get("goal"),
        "answers": {key: profile.get(key) for key in HAVES},
        "asked": asked,
    }


def cmd_profile(service: Service, args: argparse.Namespace, out: Output) -> int:
    action = args.profile_command
    if action == "set":
        try:
            changes = parse_answers(args.answers)
        except SituationError as error:
            raise UserError(str(error)) from None
        redrawn = service.set_profile(changes)
        out.line("Profile saved: tomorrow's ask is drawn for it.", "bold green")
        if redrawn is not None:
            out.parts(
                ("Today's ask no longer fit, so it changed: ", "yellow"), (safe(redrawn.text), None)
            )
        return 0
    elif action == "setup":
        return _setup(service, out)
    settings = service.read().settings
    if args.json:
        out.json(profile_json(settings.profile, settings.profile_asked))
    else:
        _show(settings.profile, settings.profile_asked, out)
    return 0


def _show(profile: dict[str, str | bool], asked: bool, out: Output) -> None:
    goal = profile.get("goal")
    out.parts(("goal: ", "bold"), (f"{goal} ({GOAL_HELP[str(goal)]})" if goal else "not set", None))
    for key in HAVES:
        value = profile.get(key)
        shown = (
            "yes" if value is True else "no" if value is False else "not answered (counts as yes)"
        )
        out.parts((f"{key}: ", "bold"), (shown, None if value is not None else "dim"))
    if not asked and not profile:
        out.line("Answer a few questions: rejection-therapy profile setup", "dim")
    out.line("Change answers: rejection-therapy profile set goal=job-search job=no out=yes", "dim")


def _setup(service: Service, out: Output) -> int:
    """The questions, one by one; Enter keeps an answer (or leaves it unanswered)."""
    if not sys.stdin.isatty():
        raise UserError(
            "profile setup asks questions on a terminal; in scripts use "
            "`rejection-therapy profile set key=value ...`"
        )
    current = service.read().settings.profile
    changes: dict[str, str | bool | None] = {}
    out.line("A few questions so each ask fits you. Press Enter to skip one.", "bold")
    try:
        goal = _ask(
            f"What did you come for? {' / '.join(GOALS)}",
            current.get("goal"),
            lambda word: word if word in GOALS else _bad(f"pick one of {', '.join(GOALS)}"),
        )
        if goal is not None:
            changes["goal"] = goal
        for key in HAVES:
            answer = _ask(f"{HAVE_QUESTIONS[key]} yes/no", current.get(key), partial(yes_no, key))
            if answer is not None:
                changes[key] = answer
    except (EOFError, KeyboardInterrupt):
        out.line("\nNothing saved.", "yellow")
        return 2
    service.set_profile(changes)
    out.line(
        "Saved. Change any answer later: rejection-therapy profile set KEY=VALUE", "bold green"
    )
    return 0


def _bad(message: str) -> str:
    raise SituationError(message)


def _ask(question: str, current: object, parse: Callable[[str], str | bool]) -> str | bool | None:
    shown = "skip" if current is None else {True: "yes", False: "no"}.get(current, str(current))  # type: ignore[call-overload]
    while True:
        word = input(f"{question} [{shown}] ").strip().lower()
        if not word:
            return None
        try:
            return parse(word)
        except SituationError as error:
            print(f"  {error}")


def cmd_event(service: Service, args: argparse.Namespace, out: Output) -> int:
    read = service.read()
    on = parse_day(args.on, read.today, option="--on") if args.on else None
    event, offers = service.log_event(args.kind, on)
    if args.json:
        out.json({"kind": event.kind, "date": event.date.isoformat(), "offers": offers})
        return 0
    out.line(f"Noted: {AFTER_NAMES[event.kind]} on {event.date.isoformat()}.", "bold green")
    if not offers:
        out.line(
            "No ask in your packs follows this event for your situation; "
            "`rejection-therapy profile` shows what you said you can do.",
            "dim",
        )
        return 0
    out.line("Offered beside your daily asks this week (log with --offer N):", "bold")
    all_offers = service.offers(service.read())
    for offer in offers:
        number = next(n for n, o in enumerate(all_offers, 1) if o["key"] == offer["key"])
        out.parts(
            (f"  {number}. ", "bold"),
            (safe(offer["text"]), None),
            (f"  ({pips(offer['difficulty'], out)})", "dim"),
        )
    return 0
