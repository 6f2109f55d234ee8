"""The text of what `remind install` writes: systemd units, a launchd plist, a crontab
line and a shell start-file line. Pure: no file is touched here.

Every one records the absolute command to run and the home in REJECTION_THERAPY_HOME,
so two homes get two reminders, and none bakes in DISPLAY or a D-Bus address: the
check finds the session bus when it runs (remind/deliver.py).
"""

from __future__ import annotations

import hashlib
import plistlib
import shlex
from dataclasses import dataclass

from rejection_therapy.filenames import APP_NAME, HOME_VARIABLE

WAKE_MINUTES = 15
"""How often the scheduler wakes `remind check`; the check itself decides in the app's
time zone and rollover hour whether a chosen time has passed, so DST and travel need no
new units, and a nudge comes at most this late."""

MARKER = f"# {APP_NAME} remind"
"""Ends every line this app adds to a crontab or a shell start file, with the unit stem,
so `uninstall` removes exactly its own line."""

CHECK_ARGUMENTS = ("remind", "check", "--quiet")


class UnitError(ValueError):
    """A path the scheduler files cannot carry safely (a newline in it, say)."""


@dataclass(frozen=True, slots=True)
class Job:
    """What the scheduler runs: the program (the console script, or python -m) and the home."""

    program: tuple[str, ...]
    home: str

    @property
    def command(self) -> tuple[str, ...]:
        return (*self.program, *CHECK_ARGUMENTS)

    @property
    def stem(self) -> str:
        """The name of this home's reminder: one per home, stable across reinstalls."""
        digest = hashlib.sha256(self.home.encode("utf-8", "surrogateescape")).hexdigest()
        return f"{APP_NAME}-remind-{digest[:10]}"

    @property
    def marker(self) -> str:
        return f"{MARKER} {self.stem}"

    def check_safe(self) -> None:
        """Refuse paths with control characters: no unit, plist or shell line may be
        split or bent by a newline or an escape sequence in a folder's name."""
        for part in (*self.program, self.home):
            try:
                part.encode("utf-8")
            except UnicodeEncodeError:
                raise UnitError(
                    f"{part!r} is not valid UTF-8; a scheduler file cannot name it: move the "
                    "app or the home to a plain path"
                ) from None
            if not part or not part.isprintable():
                raise UnitError(
                    f"{part!r} holds a control character; a scheduler file cannot carry it "
                    "safely: move the app or the home to a plain path"
                )


def _systemd_quote(word: str) -> str:
    """One word of an ExecStart= or Environment= line, quoted for systemd: its specifiers
    (%) and variables ($) are doubled so a path is taken literally."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return '"' + escaped.replace("$", "$$") + '"'


PLAIN_PATH = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._+@-")


def _systemd_command(job: Job) -> str:
    """ExecStart's words. systemd refuses an executable path with quotes and the like in
    it, so such a path is handed to /usr/bin/env as an argument (where quoting works)."""
    words = job.command
    if not set(words[0]) <= PLAIN_PATH:
        words = ("/usr/bin/env", *words)
    return " ".join(_systemd_quote(word) for word in words)


def systemd_service(job: Job) -> str:
    job.check_safe()
    home = job.home.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return (
        f"# Written by `{APP_NAME} remind install` for the home {job.home}.\n"
        f"# `{APP_NAME} remind uninstall` removes it.\n"
        "[Unit]\n"
        f"Description={APP_NAME}: a nudge while today's ask is still open\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f'Environment="{HOME_VARIABLE}={home}"\n'
        f"ExecStart={_systemd_command(job)}\n"
        "# `remind check` exits 1 while today is open, as `streak --check` does: not a failure.\n"
        "SuccessExitStatus=1\n"
    )


def systemd_timer(job: Job) -> str:
    return (
        f"# Written by `{APP_NAME} remind install`; wakes {job.stem}.service.\n"
        "[Unit]\n"
        f"Description={APP_NAME}: wake the reminder check every {WAKE_MINUTES} minutes\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*:0/{WAKE_MINUTES}\n"
        "# A wake-up missed while the machine slept or was off runs at the next start.\n"
        "Persistent=true\n"
        "AccuracySec=1min\n"
        f"Unit={job.stem}.service\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def launchd_label(job: Job) -> str:
    return job.stem.replace(f"{APP_NAME}-remind-", f"org.{APP_NAME}.remind.")


def launchd_plist(job: Job) -> bytes:
    """A LaunchAgent: launchd runs the check every 15 minutes, and after a sleep at once."""
    job.check_safe()
    return plistlib.dumps(
        {
            "Label": launchd_label(job),
            "ProgramArguments": list(job.command),
            "EnvironmentVariables": {HOME_VARIABLE: job.home},
            "StartInterval": WAKE_MINUTES * 60,
            "RunAtLoad": True,
            "ProcessType": "Background",
        }
    )


def _shell_words(job: Job) -> str:
    job.check_safe()
    command = " ".join(shlex.quote(word) for word in job.command)
    return f"{HOME_VARIABLE}={shlex.quote(job.home)} {command}"


def crontab_line(job: Job) -> str:
    """`*/15 * * * * REJECTION_THERAPY_HOME=... /path/rejection-therapy remind check --quiet`.
    cron turns an unescaped % into a newline, so each is escaped."""
    command = _shell_words(job).replace("%", "\\%")
    return f"*/{WAKE_MINUTES} * * * * {command} {job.marker}"


def login_line(job: Job) -> str:
    """The line for ~/.bashrc or ~/.zshrc: at each new shell, the nudge when one is due.
    It does nothing once the app is gone, and never fails the shell's start."""
    program = shlex.quote(job.program[0])
    return f"[ -x {program} ] && {_shell_words(job)} || true  {job.marker}"


def prompt_snippet(job: Job) -> str:
    """For a prompt or a MOTD, installed nowhere: the exit code alone says today is open."""
    command = " ".join(shlex.quote(word) for word in (*job.program, "remind", "check", "--quiet"))
    return f'{command} || echo "Today\'s ask is still open: {APP_NAME} today"'
