"""`remind`, `remind install|uninstall|check`: the nudge while today is still open."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

from rejection_therapy.cli.output import Output, safe
from rejection_therapy.core.reminders import local_wall
from rejection_therapy.service import remind

if TYPE_CHECKING:
    import argparse

    from rejection_therapy.service import Service

VIA_WORDS = {"notify": "the desktop's notifier", "terminal": "the next shell", "mail": "mail"}


def cmd_remind(service: Service, args: argparse.Namespace, out: Output) -> int:
    action = args.remind_command
    if action == "check":
        return _check(service, args.quiet, out)
    if action == "install":
        return _install(service, args, out)
    if action == "uninstall":
        for line in remind.uninstall(service):
            out.line(safe(line))
        return 0
    return _status(service, args.json, out)


def when(moment: datetime, now_wall: datetime) -> str:
    """A wall-clock moment as a person says it: "today at 18:30", "tomorrow at 01:00"."""
    days = (moment.date() - now_wall.date()).days
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if moment <= now_wall:
        return f"at the next check ({clock} has passed)"
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"{moment.strftime('%a')} {moment.day} {moment.strftime('%b')} at {clock}"


def said_at(moment: datetime, now_wall: datetime) -> str:
    """A past wall-clock moment: "today at 18:31", "yesterday at 21:30", "Mon 30 Nov at 18:30"."""
    days = (now_wall.date() - moment.date()).days
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    return f"{moment.strftime('%a')} {moment.day} {moment.strftime('%b')} at {clock}"


def _day_words(today: remind.Today) -> str:
    facts = today.facts
    return f"Day {facts['day']} · streak {facts['current']}"


def _check(service: Service, quiet: bool, out: Output) -> int:
    checked = remind.check(service)
    today = checked.today
    code = 1 if today.open else 0
    outcome = checked.outcome
    if outcome is not None and not outcome.ok:
        sys.stderr.write(
            f"rejection-therapy: error: the nudge for {checked.spoke_for} did not go out: "
            f"{safe(outcome.detail)}; it is tried again at the next check "
            "(`rejection-therapy remind` shows the ways that work here)\n"
        )
        return 2
    if quiet:
        return code
    if not today.open:
        out.line(f"No nudge: {today.why_silent}.")
    elif outcome is not None:
        out.line(f"Nudged for {checked.spoke_for} ({safe(outcome.detail)}): {_day_words(today)}.")
    elif checked.settings is None:
        out.line(f"Today is open ({_day_words(today)}). No reminder is set up here:")
        out.line("  rejection-therapy remind install --at 18:30", "bold")
    elif checked.next_at is not None:
        out.line(
            f"Today is open ({_day_words(today)}). "
            f"Next nudge {when(checked.next_at, today.wall)}, if it is still open."
        )
    return code


def _install(service: Service, args: argparse.Namespace, out: Output) -> int:
    consent = args.yes
    if args.via == "terminal" and not consent:
        path = remind.login_file(service)
        out.line(f"--via terminal adds one line to {safe(path)}; it prints the nudge")
        out.line("when a new shell starts while today is open (and `uninstall` removes it).")
        if sys.stdin.isatty():
            consent = input(f"Add it to {safe(path)}? [y/N] ").strip().lower() in ("y", "yes")
        if not consent:
            sys.stderr.write(
                "rejection-therapy: error: nothing was changed; run it again with --yes to agree\n"
            )
            return 2
    asked = remind.Installing(
        times=(args.at, *args.again),
        via=args.via,
        hide_ask=args.hide_ask,
        mail_to=args.mail_to,
        scheduler=args.scheduler,
        write_crontab=args.write_crontab,
        login_consent=consent,
    )
    for line in remind.install(service, asked):
        out.line(safe(line))
    out.line()
    return _status(service, False, out)


def _status(service: Service, as_json: bool, out: Output) -> int:
    status = remind.status(service)
    today = status.today
    settings = status.settings
    if as_json:
        out.json(_status_json(status))
        return 0
    if settings is None:
        out.line("No reminder is set up on this device.", "bold")
        out.line("  rejection-therapy remind install --at 18:30 [--again 21:30]")
        out.line("For a prompt or a MOTD instead (it installs nothing):")
        out.line(f"  {safe(status.snippet)}")
    else:
        times = " and ".join(settings.times)
        out.parts(
            ("Reminder: ", "bold"),
            (
                f"{times}, {today.zone} time (the day rolls over at {today.rollover_hour:02d}:00)",
                None,
            ),
        )
        tool = status.via_tools[settings.via]
        shown = "the ask hidden" if settings.hide_ask else "with the ask"
        address = f" to {settings.mail_to}" if settings.mail_to and settings.via == "mail" else ""
        out.line(f"  via {VIA_WORDS[settings.via]}{address} ({safe(tool)}), {shown}")
        if tool.startswith("no "):
            out.line(
                "  A nudge cannot reach you this way on this machine: on an SSH box use "
                "`remind install --via terminal` (or --via mail where sendmail is)",
                "red",
            )
        if status.next_at is not None:
            out.line(f"Next nudge: {when(status.next_at, today.wall)}, only if today is still open")
        out.line(f"Scheduler: {safe(status.scheduled)}")
        if status.program_missing:
            out.line(
                f"  {safe(status.program_missing)} no longer exists (the app moved or was "
                "reinstalled): run `rejection-therapy remind install` again",
                "red",
            )
        elif status.state.installed is not None:
            out.line(f"  runs {safe(' '.join(status.state.installed.program))} remind check")
    out.line(f"Today: {today.word} · {_day_words(today)}")
    last = status.state.last
    if last is not None:
        at = local_wall(datetime.fromisoformat(last.at.replace("Z", "+00:00")), today.zone)
        result = safe(last.detail) if last.ok else f"failed: {safe(last.detail)}"
        out.line(f"Last nudge: {said_at(at, today.wall)} via {last.via}: {result}")
    return 0


def _status_json(status: remind.Status) -> dict[str, object]:
    settings = status.settings
    installed = status.state.installed
    last = status.state.last
    return {
        "reminder": settings.model_dump(mode="json") if settings else None,
        "today_open": status.today.open,
        "challenge_date": status.today.challenge_day.isoformat(),
        "timezone": status.today.zone,
        "next": status.next_at.isoformat(timespec="minutes") if status.next_at else None,
        "scheduler": installed.scheduler if installed else None,
        "scheduler_state": status.scheduled,
        "files": list(installed.files) if installed else [],
        "program": list(installed.program) if installed else [],
        "program_missing": status.program_missing,
        "last": {"at": last.at, "via": last.via, "ok": last.ok, "detail": last.detail}
        if last
        else None,
        "ways": status.via_tools,
    }
