"""Running the system `git` for a sync: never waiting on a person (no terminal, no
prompt, no editor), under a timeout that takes git and everything it started down with
it, its messages cut to one clean line. Standard library only.
"""

from __future__ import annotations

import math
import os
import re
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from typing import IO

TIMEOUT_SECONDS = 60.0
TIMEOUT_ENV = "REJECTION_THERAPY_GIT_TIMEOUT"
MESSAGE_CHARS = 200

# Git must never wait for a person: no credential prompt on the terminal or in a window,
# no editor; and its messages stay in English so they can be read back.
_QUIET_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "SSH_ASKPASS_REQUIRE": "never",
    "GCM_INTERACTIVE": "never",
    "LC_ALL": "C",
    "GIT_MERGE_AUTOEDIT": "no",
    "GIT_EDITOR": ":",
}
# Variables that would point git at another repository than the folder it is given.
_LOCATING_ENV = frozenset(
    [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_COMMON_DIR",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_NAMESPACE",
        "GIT_PREFIX",
    ]
)
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x1f\x7f-\x9f]")
_CREDENTIALS_IN_URL = re.compile(r"(://)[^/@\s:]*:[^/@\s]*@")


class GitError(Exception):
    """A one-line, person-readable message: what failed and what to do."""


def git_timeout() -> float:
    """Seconds one git command may take; the environment may change it (1 to 600)."""
    try:
        seconds = float(os.environ.get(TIMEOUT_ENV, TIMEOUT_SECONDS))
    except ValueError:
        return TIMEOUT_SECONDS
    if math.isnan(seconds):
        return TIMEOUT_SECONDS
    return min(max(seconds, 1.0), 600.0)


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _LOCATING_ENV}
    env.update(_QUIET_ENV)
    env.update(extra or {})
    return env


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def run(folder: str, *args: str, extra_env: dict[str, str] | None = None) -> Result:
    """Runs `git -C folder args` in its own session (so neither git nor ssh can reach the
    terminal), killing the whole group when it outlives the timeout. Output goes to files,
    not pipes: a helper git leaves behind (an ssh master) cannot keep us waiting."""
    command = ["git", "-C", folder, *args]
    seconds = git_timeout()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=environment(extra_env),
                start_new_session=True,
            )
        except FileNotFoundError:
            raise GitError(
                "git is not installed; install git to sync through a git remote"
            ) from None
        if _outlived(process, seconds):
            raise GitError(
                f"git {_subcommand(args)} in {folder} timed out after {seconds:g} s; "
                f"check the connection (or raise {TIMEOUT_ENV}) and sync again"
            )
        return Result(process.returncode, _read(out), _read(err))


def _outlived(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """Waits for git; True when it outlived `seconds` and its group was killed. A timer
    does the killing so the wait itself blocks (a polling wait adds milliseconds to
    every one of the dozens of short git commands in a sync)."""
    fired = threading.Event()

    def kill() -> None:
        fired.set()
        _kill_group(process.pid)

    timer = threading.Timer(seconds, kill)
    timer.daemon = True
    timer.start()
    try:
        process.wait()
    except BaseException:  # interrupted: take git (and its ssh) down with us
        _kill_group(process.pid)
        process.wait()
        raise
    finally:
        timer.cancel()
    return fired.is_set()


def _kill_group(pid: int) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups
            os.kill(pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        pass  # already gone


def _read(file: IO[bytes]) -> str:
    file.seek(0)
    return file.read().decode("utf-8", "replace")


def _subcommand(args: tuple[str, ...]) -> str:
    """The git command among the arguments (after `-c name=value` and `--options`)."""
    words = iter(args)
    for word in words:
        if word == "-c":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return "git"


def checked(folder: str, *args: str, extra_env: dict[str, str] | None = None) -> str:
    """Runs git and returns its output, or raises with git's own reason."""
    result = run(folder, *args, extra_env=extra_env)
    if result.code != 0:
        raise GitError(f"git {_subcommand(args)} failed in {folder} ({reason(result.err)})")
    return result.out


def reason(output: str) -> str:
    """The first line of git's output that says something, fit for a one-line message:
    control characters and credentials in URLs removed, at most MESSAGE_CHARS long."""
    for raw in re.split(r"[\r\n]", output):
        line = _CREDENTIALS_IN_URL.sub(r"\1***@", _CONTROL.sub(" ", raw)).strip()
        if not line or line.lower().startswith("hint:"):
            continue
        line = re.sub(r"^(fatal|error):\s*", "", line)
        if len(line) > MESSAGE_CHARS:
            line = line[: MESSAGE_CHARS - 1] + "…"
        return line
    return "no message from git"
