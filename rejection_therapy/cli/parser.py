"""The command line's shape: every command, its options and an example in its --help."""

from __future__ import annotations

import argparse
from typing import NoReturn

from rejection_therapy import __version__
from rejection_therapy.cli.log_options import OUTCOMES, add_log_options, outcome_word
from rejection_therapy.cli.nearest import COMMAND, OUTCOME, unknown_choice

COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("show today's ask, its entries and the streak", "rejection-therapy today --json"),
    "log": (
        "log what happened: no (rejected), yes (accepted) or why (a no turned by asking why)",
        'rejection-therapy log no --note "She laughed, then said no."\n'
        '  rejection-therapy log yes --ask "Asked my boss for Friday off" --difficulty 3\n'
        "  rejection-therapy log no --asked-why --yesterday\n"
        "  rejection-therapy log y --date yesterday   (n y w p, any case)",
    ),
    "undo": ("take back the newest entry of today", "rejection-therapy undo"),
    "edit": (
        "fix an entry's outcome or note",
        'rejection-therapy edit 3f2a --outcome why --note "Asked why!"',
    ),
    "delete": ("delete an entry", "rejection-therapy delete 3f2a"),
    "streak": (
        "one line: current and best streak, day k/N, today done or open, freezes",
        "rejection-therapy streak --check && echo done\n"
        "  rejection-therapy streak --format '{current}🔥 {day}/{length}'",
    ),
    "stats": ("totals per outcome, XP and level", "rejection-therapy stats --json"),
    "badges": ("earned badges and progress toward the rest", "rejection-therapy badges"),
    "history": ("entries, newest first", "rejection-therapy history --limit 20"),
    "start": ("begin a new run", "rejection-therapy start --days 30 --date tomorrow"),
    "demo": (
        "fill an empty home with a realistic, reproducible history",
        "rejection-therapy demo --days 60 --seed 7",
    ),
    "locate": ("print where data, packs and settings live", "rejection-therapy locate"),
    "config": (
        "show or change settings: timezone, rollover_hour, run_length; this device's theme, mouse, keymap",
        "rejection-therapy config timezone Europe/Berlin\n"
        "  rejection-therapy config theme ansi-dark   (follows the terminal's colours)\n"
        "  rejection-therapy config mouse off         (select-to-copy works in the app)",
    ),
    "completion": (
        "print a shell completion script",
        "rejection-therapy completion bash >> ~/.bashrc",
    ),
    "packs": (
        "list, check, install and switch challenge packs",
        "rejection-therapy packs new sales && rejection-therapy packs validate sales.yaml\n"
        "  rejection-therapy packs add sales.yaml",
    ),
    "resolve": ("give a pending ask its answer", "rejection-therapy resolve 3f2a1b2c no"),
    "followups": (
        "next steps born from entries: due and upcoming",
        'rejection-therapy followups add 3f2a "send a thank-you note" --due +1d\n'
        "  rejection-therapy followups done 9c1e",
    ),
    "checkin": (
        "the weekly check-in: what worked, what didn't, the one gap",
        'rejection-therapy checkin --worked "asking why" --didnt "phone asks" --gap "eye contact"',
    ),
    "rest": (
        "declare a rest day in advance (pauses the streak)",
        "rejection-therapy rest 2026-12-24",
    ),
    "profile": (
        "what you came for and what you can do, so each ask fits you",
        "rejection-therapy profile set goal=job-search job=no out=yes phone=no",
    ),
    "event": (
        "note a rejection, interview or offer: asks that follow it are offered",
        "rejection-therapy event interview --on friday",
    ),
    "intention": (
        'show or set "If I do ___, then ___ will happen"',
        'rejection-therapy intention "If I ask every day, then asking will feel normal"',
    ),
    "review": ("look back at a run", "rejection-therapy review --run 1"),
    "share": (
        "a progress snapshot to post: txt, md, svg, html or json (private by default)",
        "rejection-therapy share --format svg -o progress.svg",
    ),
    "doctor": (
        "check the data file; --repair restores a backup or drops only broken records",
        "rejection-therapy doctor --repair",
    ),
    "export": (
        "everything you logged, as JSON (to import elsewhere) or CSV (for a spreadsheet)",
        "rejection-therapy export -o laptop.json",
    ),
    "import": (
        "merge an export from another machine (by entry id; deletions stay deleted)",
        "rejection-therapy import laptop.json --dry-run",
    ),
    "never": (
        "retire an ask for good (today's is replaced without using the swap)",
        "rejection-therapy never everyday-free-refill",
    ),
    "remind": (
        "a nudge at the times you choose, only while today is still open",
        "rejection-therapy remind install --at 18:30 --again 21:30\n"
        "  rejection-therapy remind            (what is set up, and when it speaks next)",
    ),
    "sync": (
        "merge this home with your other devices through a folder you already sync",
        "rejection-therapy sync setup ~/Sync/rejection-therapy --device laptop\n"
        "  rejection-therapy sync            (merge now: what came in, what went out)",
    ),
}

SYNC_COMMANDS: dict[str, tuple[str, str]] = {
    "setup": (
        "join or start a sync folder (this home's history goes in first)",
        "rejection-therapy sync setup ~/Sync/rejection-therapy --device laptop",
    ),
    "status": (
        "the folder, the devices seen, the last change from each, what waits here",
        "rejection-therapy sync status",
    ),
    "passphrase": (
        "change an encrypted folder's passphrase, or enter the one another device set",
        "rejection-therapy sync passphrase",
    ),
    "leave": ("stop syncing this home (the folder keeps its log)", "rejection-therapy sync leave"),
}

REMIND_COMMANDS: dict[str, tuple[str, str]] = {
    "install": (
        "set the times and let the system's scheduler wake the check (installing again replaces)",
        "rejection-therapy remind install --at 18:30 --again 21:30 --via notify",
    ),
    "uninstall": (
        "remove exactly what install wrote, and say what",
        "rejection-therapy remind uninstall",
    ),
    "check": (
        "what the scheduler runs: a nudge if today is open and a time has passed "
        "(exit 0 nothing open, 1 today open)",
        "rejection-therapy remind check --quiet || echo 'ask still open'",
    ),
}

PACK_COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("id, title, asks, enabled, source", "rejection-therapy packs list --json"),
    "show": ("the header and every ask, literally", "rejection-therapy packs show career"),
    "validate": (
        "check pack files: exit 0 valid, 2 invalid",
        "rejection-therapy packs validate mine.yaml",
    ),
    "add": (
        "validate a pack, copy it into your packs and enable it",
        "rejection-therapy packs add mine.yaml",
    ),
    "remove": ("remove one of your packs", "rejection-therapy packs remove mine"),
    "enable": ("let a pack feed the daily ask", "rejection-therapy packs enable bold --weight 2"),
    "disable": ("stop a pack feeding the daily ask", "rejection-therapy packs disable bold"),
    "new": ("write a commented template to start from", "rejection-therapy packs new sales"),
    "schema": (
        "print the JSON Schema of the format, for editors",
        "rejection-therapy packs schema > pack.schema.json",
    ),
}


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors that point at --help instead of dumping the usage, and
    that suggest the nearest word when a command, an action or an outcome is mistyped."""

    def error(self, message: str) -> NoReturn:
        for name in (COMMAND, OUTCOME):
            message = message.removeprefix(f"argument {name}: ")
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")

    def _check_value(self, action: argparse.Action, value: object) -> None:
        if action.choices is not None and value not in action.choices:
            raise argparse.ArgumentError(action, unknown_choice(action, str(value)))


def _command(
    sub: argparse._SubParsersAction,
    name: str,
    table: dict[str, tuple[str, str]] = COMMANDS,
) -> argparse.ArgumentParser:
    """A command (or a `packs` action) with its summary and an example in --help."""
    summary, example = table[name]
    return sub.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=_Formatter,
    )


def _packs_commands(packs: argparse.ArgumentParser) -> None:
    sub = packs.add_subparsers(dest="packs_command", metavar="ACTION", required=True)

    def action(name: str) -> argparse.ArgumentParser:
        return _command(sub, name, PACK_COMMANDS)

    _json(action("list"))
    action("show").add_argument("pack_id", metavar="ID")
    action("validate").add_argument("files", metavar="FILE", nargs="+")
    add = action("add")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--force", action="store_true", help="replace a pack with the same id")
    action("remove").add_argument("pack_id", metavar="ID")
    enable = action("enable")
    enable.add_argument("pack_id", metavar="ID")
    enable.add_argument(
        "--weight", type=float, metavar="W", help="how often it is drawn, 0.1-10 (default 1)"
    )
    action("disable").add_argument("pack_id", metavar="ID")
    new = action("new")
    new.add_argument("pack_id", metavar="ID")
    new.add_argument("-o", "--output", metavar="FILE", help="where to write it (default ID.yaml)")
    action("schema")


def _sync_commands(sync: argparse.ArgumentParser) -> None:
    _json(sync)
    # Started by a `log` or the app: never waits under the lock, one at a time.
    sync.add_argument("--background", action="store_true", help=argparse.SUPPRESS)
    # The app's background syncs pull and push too; the one after a quick `log` does not.
    sync.add_argument("--git", action="store_true", help=argparse.SUPPRESS)
    sub = sync.add_subparsers(dest="sync_command", metavar="ACTION")
    setup = _command(sub, "setup", SYNC_COMMANDS)
    setup.add_argument(
        "folder", metavar="FOLDER", help="a folder Syncthing, Dropbox... syncs, or a git clone"
    )
    setup.add_argument(
        "--device", metavar="NAME", help="this device's name; a new name makes a new device"
    )
    setup.add_argument(
        "--git",
        action="store_true",
        help="FOLDER is a git clone: `sync` commits this device's log, pulls and pushes",
    )
    setup.add_argument(
        "--encrypt",
        action="store_true",
        help="seal every line with a key made from a passphrase (asked once; or "
        "REJECTION_THERAPY_SYNC_PASSPHRASE)",
    )
    _json(_command(sub, "status", SYNC_COMMANDS))
    _command(sub, "passphrase", SYNC_COMMANDS)
    _command(sub, "leave", SYNC_COMMANDS)


def _remind_commands(remind: argparse.ArgumentParser) -> None:
    _json(remind)
    sub = remind.add_subparsers(dest="remind_command", metavar="ACTION")

    def action(name: str) -> argparse.ArgumentParser:
        return _command(sub, name, REMIND_COMMANDS)

    install = action("install")
    install.add_argument("--at", default="18:30", metavar="HH:MM", help="the first nudge (18:30)")
    install.add_argument(
        "--again", action="append", default=[], metavar="HH:MM", help="another, if still open"
    )
    install.add_argument(
        "--via",
        choices=("notify", "terminal", "mail"),
        default="notify",
        help="the desktop's notifier (default), a line at the next shell start, or local mail",
    )
    install.add_argument("--mail-to", metavar="ADDRESS", help="for --via mail (default: you)")
    install.add_argument(
        "--hide-ask", action="store_true", help="leave the ask's text out (lock screens)"
    )
    install.add_argument(
        "--scheduler",
        choices=("auto", "systemd", "launchd", "cron"),
        default="auto",
        help="what wakes the check (auto: launchd on macOS, systemd where it runs, else cron)",
    )
    install.add_argument(
        "--write-crontab", action="store_true", help="add the cron line (else it is only shown)"
    )
    install.add_argument(
        "--yes", action="store_true", help="agree to the line --via terminal adds to ~/.bashrc"
    )
    action("uninstall")
    check = action("check")
    check.add_argument(
        "--quiet", action="store_true", help="no report: the exit code, and the nudge"
    )


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output (see README)")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="rejection-therapy",
        description="A coach for 100 days of rejection: one ask a day, log what happened, keep the streak.\n"
        "Without a command it opens the daily session (or prints today's status when not on a terminal).",
        epilog="example:\n  rejection-therapy today\n  rejection-therapy log no --note 'asked for a discount'",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"rejection-therapy {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    parser.add_argument(
        "--no-mouse",
        action="store_true",
        help="open the daily session leaving the mouse to the terminal, so select-to-copy works "
        "(for good: `config mouse off`)",
    )
    sub = parser.add_subparsers(dest="command", metavar=COMMAND)

    today = _command(sub, "today")
    _json(today)
    today.add_argument("--swap", action="store_true", help="replace today's ask (once a day)")

    add_log_options(_command(sub, "log"))

    resolve = _command(sub, "resolve")
    resolve.add_argument("entry_id", metavar="ENTRY_ID")
    resolve.add_argument(
        "outcome", type=outcome_word, choices=OUTCOMES, metavar=OUTCOME, help="no, yes or why"
    )

    followups = _command(sub, "followups")
    _json(followups)
    followups.add_argument("--all", action="store_true", help="include done follow-ups")
    follow_sub = followups.add_subparsers(dest="followups_command", metavar="ACTION")
    add = follow_sub.add_parser("add", help="add a follow-up to an entry")
    add.add_argument("entry_id", metavar="ENTRY_ID")
    add.add_argument("text", metavar="TEXT")
    add.add_argument(
        "--due",
        required=True,
        metavar="DATE",
        help="today, tomorrow, friday, next friday, in 3 days, +3d or YYYY-MM-DD",
    )
    _json(add)
    done = follow_sub.add_parser("done", help="mark a follow-up done")
    done.add_argument("followup_id", metavar="FOLLOWUP_ID")

    checkin = _command(sub, "checkin")
    checkin.add_argument("--worked", metavar="TEXT")
    checkin.add_argument("--didnt", metavar="TEXT")
    checkin.add_argument("--gap", metavar="TEXT")
    checkin.add_argument("--list", action="store_true", help="list past check-ins")
    _json(checkin)

    rest = _command(sub, "rest")
    rest.add_argument(
        "date",
        metavar="DATE",
        help="today or later: tomorrow, friday, next friday, in 3 days, +3d or YYYY-MM-DD",
    )
    rest.add_argument("--cancel", action="store_true", help="withdraw a declared rest day")

    profile = _command(sub, "profile")
    _json(profile)
    profile_sub = profile.add_subparsers(dest="profile_command", metavar="ACTION")
    set_answers = profile_sub.add_parser(
        "set", help="change answers: goal=job-search job=no out=yes (key= forgets one)"
    )
    set_answers.add_argument("answers", nargs="+", metavar="KEY=VALUE")
    profile_sub.add_parser("setup", help="answer the questions one by one (on a terminal)")

    event = _command(sub, "event")
    event.add_argument("kind", choices=("rejection", "interview", "offer"))
    event.add_argument(
        "--on", metavar="DATE", help="when: today (default), friday, yesterday, YYYY-MM-DD"
    )
    _json(event)

    intention = _command(sub, "intention")
    intention.add_argument("text", nargs="?", metavar="TEXT")

    doctor = _command(sub, "doctor")
    doctor.add_argument(
        "--repair",
        action="store_true",
        help="restore the newest good backup, or drop broken records",
    )
    doctor.add_argument("--yes", action="store_true", help="repair without asking (for scripts)")
    doctor.add_argument(
        "--full",
        action="store_true",
        help="check every record again, even when the files are as at the last full check",
    )
    export = _command(sub, "export")
    export.add_argument(
        "--format",
        choices=("json", "csv", "log"),
        default="json",
        help="log: a device log, imported as `sync` merges one",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to a file instead of printing"
    )
    export.add_argument("--force", action="store_true", help="replace the -o file if it exists")
    imported = _command(sub, "import")
    imported.add_argument("file", metavar="FILE")
    imported.add_argument(
        "--dry-run", action="store_true", help="show what would change, change nothing"
    )

    share = _command(sub, "share")
    share.add_argument("--format", choices=("txt", "md", "svg", "html", "json"), default="txt")
    share.add_argument("-o", "--output", metavar="FILE", help="write to a file instead of printing")
    share.add_argument("--force", action="store_true", help="replace the -o file if it exists")
    share.add_argument("--plain", action="store_true", help="txt in ASCII only")
    share.add_argument(
        "--include-asks", action="store_true", help="add the ask texts (off by default)"
    )
    share.add_argument(
        "--include-notes", action="store_true", help="add notes and reflections (off by default)"
    )
    share.add_argument("--run", type=int, metavar="N", help="which run (default: the current one)")

    review = _command(sub, "review")
    review.add_argument("--run", type=int, metavar="N", help="which run (default: the current one)")
    _json(review)

    _command(sub, "undo")
    edit = _command(sub, "edit")
    edit.add_argument(
        "entry_id", metavar="ENTRY_ID", help="the id (or its first characters) from `history`"
    )
    edit.add_argument("--outcome", type=outcome_word, choices=OUTCOMES, metavar=OUTCOME)
    edit.add_argument("--note")
    delete = _command(sub, "delete")
    delete.add_argument("entry_id", metavar="ENTRY_ID")

    streak = _command(sub, "streak")
    _json(streak)
    streak.add_argument(
        "--check", action="store_true", help="print nothing; exit 0 when today is done, 1 when open"
    )
    streak.add_argument(
        "--format",
        metavar="TEMPLATE",
        help="fill a template: {current} {best} {day} {length} {freezes} {today} {run} {date} {flame}",
    )

    stats = _command(sub, "stats")
    _json(stats)
    badges = _command(sub, "badges")
    _json(badges)
    history = _command(sub, "history")
    history.add_argument(
        "--limit", type=int, default=20, metavar="N", help="how many entries (default 20; 0 = all)"
    )
    _json(history)

    start = _command(sub, "start")
    start.add_argument(
        "--days", type=int, metavar="N", help="length of the run (default: the run_length setting)"
    )
    start.add_argument("--packs", metavar="A,B", help="draw asks only from these packs")
    start.add_argument(
        "--date", metavar="DATE", help="first day: today, tomorrow, friday, in 3 days or YYYY-MM-DD"
    )
    start.add_argument("--force", action="store_true", help="end the run in progress")

    demo = _command(sub, "demo")
    demo.add_argument("--days", type=int, metavar="N", help="days of history (default 42)")
    demo.add_argument("--seed", type=int, default=0, metavar="S", help="same seed, same history")
    demo.add_argument(
        "--extra-per-day",
        type=int,
        default=0,
        metavar="N",
        help="more entries a day (stress histories for benchmarks)",
    )

    _command(sub, "locate")
    config = _command(sub, "config")
    config.add_argument("key", nargs="?", metavar="KEY")
    config.add_argument("value", nargs="?", metavar="VALUE")
    _json(config)

    _packs_commands(_command(sub, "packs"))
    _remind_commands(_command(sub, "remind"))
    _sync_commands(_command(sub, "sync"))
    never = _command(sub, "never")
    never.add_argument(
        "ask_id", metavar="ASK_ID", help="an ask id (or pack/ask-id), see `packs show`"
    )
    never.add_argument("--undo", action="store_true", help="bring a retired ask back")

    completion = _command(sub, "completion")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"))
    return parser
