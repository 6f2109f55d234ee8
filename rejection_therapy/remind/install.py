"""Putting the reminder in the system's own scheduler, and taking it out again.

`install` writes only files named for this home (remind/units.py), user-only (0600,
folders 0700), and records each file, folder and line it added; `uninstall` removes
exactly those. Installing again first removes what the last install wrote, so nothing is
ever doubled. No daemon of ours: systemd, launchd or cron wakes `remind check`, or a
login shell runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from rejection_therapy.fileio import atomic_write
from rejection_therapy.filenames import APP_NAME
from rejection_therapy.remind.deliver import clean, find_tool
from rejection_therapy.remind.state import Installed
from rejection_therapy.remind.units import (
    Job,
    crontab_line,
    launchd_label,
    launchd_plist,
    login_line,
    systemd_service,
    systemd_timer,
)
from rejection_therapy.untrusted import UntrustedFileError, read_bounded

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

SCHEDULERS = ("auto", "systemd", "launchd", "cron")
TOOL_SECONDS = 15
START_FILE_LIMIT = 1024 * 1024
"""A shell start file larger than this is not one to edit."""


class InstallError(ValueError):
    """Installing or removing cannot go on; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Done:
    """What an install or uninstall did: the record to keep, and lines to tell the person."""

    installed: Installed | None
    said: tuple[str, ...]


def user_home(environ: Mapping[str, str]) -> Path:
    return Path(environ.get("HOME") or Path.home())


def console_program(environ: Mapping[str, str]) -> tuple[str, ...]:
    """The command a scheduler runs, as an absolute path: the console script this process
    was started as, else the one beside the interpreter, else `python -m`."""
    started_as = sys.argv[0] if sys.argv else ""
    if os.path.basename(started_as) == APP_NAME and os.path.isfile(started_as):
        return (os.path.abspath(started_as),)
    beside = os.path.join(os.path.dirname(sys.executable), APP_NAME)
    if os.path.isfile(beside):
        return (beside,)
    return (os.path.abspath(sys.executable), "-P", "-m", "rejection_therapy")  # not the cwd first


def pick_scheduler(choice: str, environ: Mapping[str, str], system: str = sys.platform) -> str:
    """`auto`: launchd on macOS; a systemd user timer where systemd runs; else cron."""
    if choice != "auto":
        return choice
    if system == "darwin":
        return "launchd"
    if find_tool("systemctl", environ) and os.path.isdir("/run/systemd/system"):
        return "systemd"
    return "cron"


def systemd_folder(environ: Mapping[str, str]) -> Path:
    """~/.config/systemd/user, or under XDG_CONFIG_HOME (ignored when relative, as the
    XDG rules say)."""
    config = environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(config):
        config = str(user_home(environ) / ".config")
    return Path(config) / "systemd" / "user"


def start_file(environ: Mapping[str, str]) -> Path:
    """The shell start file the login line goes into: ~/.zshrc for zsh, else ~/.bashrc."""
    name = ".zshrc" if os.path.basename(environ.get("SHELL", "")) == "zsh" else ".bashrc"
    return user_home(environ) / name


def _call(
    arguments: list[str], environ: Mapping[str, str], stdin: str | None = None
) -> tuple[int, str, str]:
    """Run a system tool: (exit code, stdout, stderr); 127 when it cannot run at all."""
    tool = find_tool(arguments[0], environ)
    if tool is None:
        return 127, "", f"{arguments[0]} was not found"
    try:
        finished = subprocess.run(
            [tool, *arguments[1:]],
            input=stdin,
            capture_output=True,
            text=True,
            env=dict(environ),
            timeout=TOOL_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return 127, "", f"{arguments[0]} could not run ({error})"
    return finished.returncode, finished.stdout, finished.stderr


def _tool(
    arguments: list[str], environ: Mapping[str, str], stdin: str | None = None
) -> tuple[int, str]:
    """Run a system tool: its exit code and the last line it said."""
    code, out, err = _call(arguments, environ, stdin)
    said = (out + err).strip()
    return code, clean(said.splitlines()[-1] if said else "")


def lines_of(text: str) -> list[str]:
    """A file's lines split at newlines alone: a form feed or U+2028 inside a line of
    someone's ~/.bashrc stays where it is (str.splitlines would split there)."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def without_marked(text: str, marker: str) -> tuple[list[str], bool]:
    """The lines without this reminder's (any line ending with its marker, even edited)."""
    lines = lines_of(text)
    kept = [line for line in lines if marker not in line]
    return kept, len(kept) != len(lines)


def _make_folders(folder: Path) -> list[str]:
    """Create `folder` and any missing parents (0700); the ones created, outermost first."""
    missing = []
    walk = folder
    while not walk.exists():
        if walk.is_symlink():
            raise InstallError(f"{walk} is a link to nothing; remove it or make its target")
        missing.append(walk)
        walk = walk.parent
    if not walk.is_dir():
        raise InstallError(f"{walk} is a file, where a folder must be; move it away first")
    made: list[str] = []
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except OSError as error:
            _remove_empty(made)
            raise InstallError(f"{path} cannot be made ({error.strerror or error})") from None
        made.append(str(path))
    return made


def _remove_empty(folders: list[str] | tuple[str, ...]) -> list[str]:
    """Remove the folders that are empty, innermost first; the ones removed."""
    removed = []
    for folder in reversed(folders):
        try:
            os.rmdir(folder)  # only when empty: whatever else is in it stays
            removed.append(folder)
        except OSError:
            pass
    return removed


def _write(path: Path, payload: bytes) -> None:
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise InstallError(f"{path} exists and is not a file this app wrote; move it away first")
    atomic_write(path, payload)


def install(
    job: Job,
    scheduler: str,
    environ: Mapping[str, str],
    *,
    write_crontab: bool = False,
    system: str = sys.platform,
) -> Done:
    """Schedule `remind check` every 15 minutes with `scheduler` (not `auto`)."""
    job.check_safe()
    if scheduler == "systemd":
        return _install_systemd(job, environ)
    if scheduler == "launchd":
        return _install_launchd(job, environ)
    line = crontab_line(job)
    if not write_crontab:
        if find_tool("crontab", environ) is None:
            return Done(
                Installed("none", job.program),
                (
                    "No scheduler was changed: this machine runs neither systemd nor cron "
                    "(no crontab command). Here `remind install --via terminal` nudges when "
                    "a shell starts; with cron installed, this is the line to add:",
                    line,
                ),
            )
        return Done(
            Installed("none", job.program),
            (
                "No scheduler was changed. Add this line to your crontab (crontab -e), "
                "or run `remind install --write-crontab` to add it:",
                line,
            ),
        )
    code, current = _crontab_now(environ)
    if code != 0:
        raise InstallError(f"crontab -l failed ({current}); add the line by hand: {line}")
    kept, _found = without_marked(current, job.marker)
    table = "\n".join([*kept, line]) + "\n"
    code, said = _tool(["crontab", "-"], environ, stdin=table)
    if code != 0:
        raise InstallError(f"crontab - failed ({said}); add the line by hand: {line}")
    return Done(Installed("cron", job.program, line=line), (f"Added to your crontab: {line}",))


def _crontab_now(environ: Mapping[str, str]) -> tuple[int, str]:
    """The user's crontab (empty when there is none yet)."""
    code, out, err = _call(["crontab", "-l"], environ)
    if code != 0 and "no crontab" in err.lower():
        return 0, ""
    if code != 0:
        return code, clean(err.strip()[:200])
    return 0, out


def _install_systemd(job: Job, environ: Mapping[str, str]) -> Done:
    folder = systemd_folder(environ)
    wants = folder / "timers.target.wants"
    created = _make_folders(wants)
    service, timer = folder / f"{job.stem}.service", folder / f"{job.stem}.timer"
    link = wants / timer.name
    written: list[Path] = []
    try:
        for path, text in ((service, systemd_service(job)), (timer, systemd_timer(job))):
            _write(path, text.encode("utf-8"))
            written.append(path)
        if link.is_symlink():
            link.unlink()
        elif link.exists():
            raise InstallError(f"{link} exists and is not the link this app makes; move it away")
        # What `systemctl --user enable` does, made here so that it works without a running
        # user manager too (an SSH session): the timer starts with the next user session.
        link.symlink_to(Path("..") / timer.name)
        written.append(link)
    except (InstallError, OSError):
        for path in written:
            path.unlink(missing_ok=True)
        _remove_empty(created)
        raise
    said = [f"Wrote {service}", f"Wrote {timer}", f"Enabled it: {link} -> ../{timer.name}"]
    code, why = _tool(["systemctl", "--user", "daemon-reload"], environ)
    if code == 0:
        code, why = _tool(["systemctl", "--user", "start", timer.name], environ)
    if code == 0:
        said.append(f"Started {timer.name}: see it with systemctl --user list-timers")
    else:
        said.append(
            f"No user manager answered here ({why or 'systemctl failed'}): the timer starts "
            "with your next login session (`loginctl enable-linger` keeps it running without one)"
        )
    files = (str(service), str(timer), str(link))
    return Done(Installed("systemd", job.program, files, tuple(created)), tuple(said))


def _install_launchd(job: Job, environ: Mapping[str, str]) -> Done:
    folder = user_home(environ) / "Library" / "LaunchAgents"
    created = _make_folders(folder)
    plist = folder / f"{launchd_label(job)}.plist"
    try:
        _write(plist, launchd_plist(job))
    except (InstallError, OSError):
        _remove_empty(created)
        raise
    said = [f"Wrote {plist}"]
    domain = f"gui/{os.getuid()}"
    _tool(["launchctl", "bootout", f"{domain}/{launchd_label(job)}"], environ)  # an older copy
    code, why = _tool(["launchctl", "bootstrap", domain, str(plist)], environ)
    if code != 0:
        code, why = _tool(["launchctl", "load", "-w", str(plist)], environ)
    said.append(
        f"Loaded {launchd_label(job)} with launchctl"
        if code == 0
        else f"launchctl could not load it ({why}): it loads at your next login"
    )
    return Done(Installed("launchd", job.program, (str(plist),), tuple(created)), tuple(said))


def add_login_line(job: Job, environ: Mapping[str, str]) -> Done:
    """Add the marked line to the shell start file (the caller has the person's consent)."""
    path = start_file(environ)
    line = login_line(job)
    if path.is_symlink():
        raise InstallError(
            f"{path} is a symbolic link (a dotfiles manager's?); this app will not write "
            f"through it: add this line to it yourself: {line}"
        )
    existed = path.exists()
    text, mode = "", 0o600
    if existed:
        try:
            text = read_bounded(path, START_FILE_LIMIT, follow_symlinks=False).decode("utf-8")
        except (OSError, UntrustedFileError, UnicodeDecodeError) as error:
            raise InstallError(
                f"{path} cannot be edited ({error}); add this line yourself: {line}"
            ) from None
        mode = path.stat().st_mode & 0o777
    kept, _found = without_marked(text, job.marker)
    atomic_write(path, ("\n".join([*kept, line]) + "\n").encode("utf-8"), mode=mode)
    files = () if existed else (str(path),)
    return Done(
        Installed("login", job.program, files, line=line, line_file=str(path)),
        (f"Added one line to {path} (the nudge prints when a new shell starts):", line),
    )


def expected(installed: Installed, job: Job, environ: Mapping[str, str]) -> None:
    """Refuse a record that names anything `install` does not write for this home: a
    tampered remind.json must not make `uninstall` delete someone's file."""
    allowed: set[str] = set()
    if installed.scheduler == "systemd":
        folder = systemd_folder(environ)
        allowed = {str(folder / f"{job.stem}.service"), str(folder / f"{job.stem}.timer")}
        allowed.add(str(folder / "timers.target.wants" / f"{job.stem}.timer"))
    elif installed.scheduler == "launchd":
        allowed = {str(user_home(environ) / "Library/LaunchAgents" / f"{launchd_label(job)}.plist")}
    elif installed.scheduler == "login":
        allowed = {str(start_file(environ))}
        if installed.line_file not in allowed:
            raise InstallError(f"{installed.line_file} is not the shell start file install uses")
    wrong = [file for file in installed.files if file not in allowed]
    wrong += [
        folder
        for folder in installed.folders
        if not any(file.startswith(folder.rstrip("/") + "/") for file in allowed)
    ]
    if installed.line and job.marker not in installed.line:
        wrong.append(installed.line)
    if wrong:
        raise InstallError(
            f"the record names {wrong[0]!r}, which `remind install` does not write for this "
            "home; nothing was removed"
        )


def uninstall(installed: Installed, job: Job, environ: Mapping[str, str]) -> tuple[str, ...]:
    """Remove exactly what `installed` records (checked against what install writes for
    this home first); each thing removed, said."""
    expected(installed, job, environ)
    said: list[str] = []
    if installed.scheduler == "systemd":
        timers = [Path(f).name for f in installed.files if f.endswith(".timer")]
        for name in dict.fromkeys(timers):
            _tool(["systemctl", "--user", "stop", name], environ)
    if installed.scheduler == "launchd":
        for file in installed.files:
            label = Path(file).stem
            _tool(["launchctl", "bootout", f"gui/{os.getuid()}/{label}"], environ)
    if installed.scheduler == "cron" and installed.line:
        said.extend(_remove_crontab_line(job.marker, installed.line, environ))
    if installed.scheduler == "login" and installed.line_file:
        said.extend(_remove_login_line(installed, job.marker))
    for file in installed.files:
        path = Path(file)
        if installed.scheduler == "login":
            continue  # the start file this app created: removed above when left empty
        if path.is_symlink() or path.is_file():
            path.unlink()
            said.append(f"Removed {path}")
    said += [f"Removed the empty folder {folder}" for folder in _remove_empty(installed.folders)]
    if installed.scheduler == "systemd":
        _tool(["systemctl", "--user", "daemon-reload"], environ)
    return tuple(said)


def _remove_crontab_line(marker: str, line: str, environ: Mapping[str, str]) -> list[str]:
    code, current = _crontab_now(environ)
    if code != 0:
        return [f"Could not read your crontab ({current}); remove this line by hand: {line}"]
    kept, found = without_marked(current, marker)
    if not found:
        return ["The crontab line was already gone"]
    if kept:
        code, said = _tool(["crontab", "-"], environ, stdin="\n".join(kept) + "\n")
    else:
        code, said = _tool(["crontab", "-r"], environ)
    if code != 0:
        return [f"crontab failed ({said}); remove this line by hand: {line}"]
    return [f"Removed from your crontab: {line}"]


def _remove_login_line(installed: Installed, marker: str) -> list[str]:
    path = Path(installed.line_file)
    if path.is_symlink() or not path.is_file():
        return [f"{path} is gone or not a plain file: nothing removed from it"]
    try:
        text = read_bounded(path, START_FILE_LIMIT, follow_symlinks=False).decode("utf-8")
    except (OSError, UntrustedFileError, UnicodeDecodeError) as error:
        return [f"{path} cannot be edited ({error}); remove this line by hand: {installed.line}"]
    kept, found = without_marked(text, marker)
    if not found:
        return [f"The line was already gone from {path}"]
    if not kept and str(path) in installed.files:
        path.unlink()
        return [f"Removed {path} (this app created it, and it held only the reminder's line)"]
    mode = path.stat().st_mode & 0o777
    atomic_write(path, ("\n".join(kept) + "\n" if kept else "").encode("utf-8"), mode=mode)
    return [f"Removed the reminder's line from {path}"]


def scheduler_state(installed: Installed, environ: Mapping[str, str]) -> str:
    """How the installed reminder stands now, in a few words."""
    missing = [file for file in installed.files if not os.path.lexists(file)]
    again = "run `remind install` again"
    if installed.scheduler == "systemd":
        timer = next((Path(f).name for f in installed.files if f.endswith(".timer")), None)
        if missing or timer is None:
            gone = missing[0] if missing else "its timer"
            return f"systemd timer, but {gone} is gone: {again}"
        code, state = _tool(["systemctl", "--user", "is-active", timer], environ)
        if state in ("active", "inactive", "failed", "activating", "deactivating"):
            return f"systemd user timer {timer}: {state}"
        if code == 127 or "bus" in state.lower() or "connect" in state.lower():
            return f"systemd user timer {timer}: enabled, starts with your next login session"
        return f"systemd user timer {timer}: systemctl cannot tell ({state or 'no answer'})"
    if installed.scheduler == "launchd":
        if missing or not installed.files:
            return f"LaunchAgent, but {missing[0] if missing else 'its plist'} is gone: {again}"
        label = Path(installed.files[0]).stem
        code, _ = _tool(["launchctl", "list", label], environ)
        loaded = "loaded" if code == 0 else "not loaded (it loads at your next login)"
        return f"LaunchAgent {label}: {loaded}"
    if installed.scheduler == "cron":
        code, current = _crontab_now(environ)
        if code != 0:
            return f"crontab line (the crontab cannot be read now: {current})"
        there = installed.line in lines_of(current)
        return "a line in your crontab" if there else f"crontab line, but it is gone: {again}"
    if installed.scheduler == "login":
        path = Path(installed.line_file)
        try:
            text = read_bounded(path, START_FILE_LIMIT, follow_symlinks=False).decode("utf-8")
        except (OSError, UntrustedFileError, UnicodeDecodeError):
            text = ""
        if installed.line in lines_of(text):
            return f"a line in {path}: the nudge prints when a new shell starts"
        return f"the line in {path} is gone: run `remind install --via terminal` again"
    return "not scheduled: nothing wakes the check (`remind install` showed the cron line)"
