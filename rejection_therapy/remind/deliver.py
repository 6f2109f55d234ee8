"""Getting a nudge to the person: the desktop's notifier, the terminal, or local mail.

Only the system's own tools, found on PATH when the check runs: `notify-send` (Linux),
`osascript` (macOS), `sendmail`. The text always travels as an argument or on standard
input, never inside a script or a shell line, and nothing here waits more than a few
seconds on a tool that hangs.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass

from rejection_therapy.filenames import APP_NAME

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

TOOL_SECONDS = 10
"""A notifier that has not answered by now is stuck (a dead session bus, say)."""
EXTRA_PATH = ("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/usr/lib", "/opt/homebrew/bin")
"""Where the tools live when a scheduler starts the check with a short PATH."""

OSASCRIPT = (
    "on run argv",
    "display notification (item 2 of argv) with title (item 1 of argv)",
    "end run",
)
"""The text reaches AppleScript as arguments (argv), never as part of the script."""


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    detail: str


def find_tool(name: str, environ: Mapping[str, str]) -> str | None:
    search = os.pathsep.join([environ.get("PATH", ""), *EXTRA_PATH])
    return shutil.which(name, path=search)


def clean(text: str) -> str:
    """Text with no control characters (an ask comes from a pack someone else wrote)."""
    return "".join(c if c.isprintable() else " " for c in text)


def notify_markup(text: str) -> str:
    """notify-send's body is markup on most desktops: an ask's <b> or & is shown as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def session_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment for the notifier, with the session bus found now: a timer or cron
    starts the check without DBUS_SESSION_BUS_ADDRESS, and a baked-in one goes stale at
    the next login."""
    env = dict(environ)
    if env.get("DBUS_SESSION_BUS_ADDRESS"):
        return env
    runtime = env.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    bus = os.path.join(runtime, "bus")
    try:
        if stat.S_ISSOCK(os.stat(bus).st_mode):
            env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={bus}"
    except OSError:
        pass  # no session bus: notify-send says so, and the check reports it
    return env


def available_via(environ: Mapping[str, str], system: str = sys.platform) -> dict[str, str]:
    """Each way a nudge can go out here, and the tool that carries it (or what is missing)."""
    notifier = "osascript" if system == "darwin" else "notify-send"
    found = {
        "notify": find_tool(notifier, environ),
        "mail": find_tool("sendmail", environ),
        "terminal": "the next shell",
    }
    return {
        via: tool or f"no {'sendmail' if via == 'mail' else notifier} here"
        for via, tool in found.items()
    }


def deliver(
    via: str,
    title: str,
    body: str,
    environ: Mapping[str, str],
    *,
    mail_to: str | None = None,
    system: str = sys.platform,
) -> Outcome:
    title, body = clean(title), clean(body)
    if via == "terminal":
        sys.stdout.write(f"{APP_NAME}: {title}: {body} ({APP_NAME} today)\n")
        sys.stdout.flush()
        return Outcome(True, "printed in the terminal")
    if via == "mail":
        return _mail(title, body, environ, mail_to)
    if system == "darwin":
        tool = find_tool("osascript", environ)
        if tool is None:
            return Outcome(False, "osascript was not found")
        arguments = [tool, *(part for line in OSASCRIPT for part in ("-e", line)), title, body]
        return _run(arguments, environ, "osascript")
    tool = find_tool("notify-send", environ)
    if tool is None:
        return Outcome(
            False, "notify-send was not found (install libnotify-bin, or use --via terminal)"
        )
    arguments = [tool, f"--app-name={APP_NAME}", "--", title, notify_markup(body)]
    return _run(arguments, session_environment(environ), "notify-send")


def _run(
    arguments: list[str], environ: Mapping[str, str], name: str, stdin: bytes | None = None
) -> Outcome:
    try:
        finished = subprocess.run(
            arguments,
            input=stdin,
            env=dict(environ),
            capture_output=True,
            timeout=TOOL_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome(False, f"{name} did not answer within {TOOL_SECONDS} s")
    except OSError as error:
        return Outcome(False, f"{name} could not run ({error.strerror or error})")
    if finished.returncode != 0:
        lines = finished.stderr.decode("utf-8", "replace").strip().splitlines()
        said = f": {clean(lines[-1])[:200]}" if lines else ""
        return Outcome(False, f"{name} failed (exit {finished.returncode}){said}")
    return Outcome(True, f"sent with {name}")


def valid_address(address: str) -> bool:
    """A local user or user@host: no spaces, quotes or line breaks (a header cannot be
    split through it) and not an option for sendmail."""
    return (
        0 < len(address) <= 254
        and address.isascii()
        and address.isprintable()
        and not address.startswith("-")
        and not any(c in address for c in " \t\"'<>,;\\()")
    )


def _mail(title: str, body: str, environ: Mapping[str, str], mail_to: str | None) -> Outcome:
    tool = find_tool("sendmail", environ)
    if tool is None:
        return Outcome(False, "sendmail was not found (use --via terminal on this machine)")
    import getpass
    from email.message import EmailMessage

    to = mail_to or getpass.getuser()
    if not valid_address(to):
        return Outcome(False, f"{to!r} is not a mail address")
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = f"{APP_NAME}: {title}"
    message.set_content(f"{body}\n\nOpen it with: {APP_NAME}\n")
    return _run([tool, "-oi", "--", to], environ, "sendmail", stdin=message.as_bytes())
