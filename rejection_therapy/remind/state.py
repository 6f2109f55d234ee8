"""The reminder's own small file (`remind.json` in the home): the times already spoken
for today, the last delivery, and exactly what `install` wrote (so `uninstall` removes
that and nothing else).

It belongs to this device, like device.json, and is read as untrusted: a regular file,
no link followed, bounded, every value checked. A file that fails the check is named in
a one-line error and never written over.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from rejection_therapy.core.reminders import VIAS, format_slot, parse_slot
from rejection_therapy.fileio import atomic_write
from rejection_therapy.remind.units import MARKER
from rejection_therapy.untrusted import UntrustedFileError, read_json_object

STATE_FILE = "remind.json"
LOCK_FILE = ".remind.lock"
STATE_LIMIT = 64 * 1024
MAX_TEXT = 4096
MAX_ITEMS = 16
VERSION = 1


class StateError(ValueError):
    """The state file cannot be used as it is; the message names it and what to do."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """The last nudge: when (UTC, ISO), how, and whether it reached the person."""

    at: str
    via: str
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Installed:
    """What `install` wrote and ran, so `uninstall` undoes exactly that."""

    scheduler: str
    """systemd, launchd, cron (a line added with --write-crontab), login (a shell line) or
    none (only shown)."""
    program: tuple[str, ...]
    files: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    """Folders install created (emptied folders are removed again)."""
    line: str = ""
    """The crontab or shell start-file line added."""
    line_file: str = ""
    """The shell start file the line went into."""


@dataclass(frozen=True, slots=True)
class RemindState:
    spoken_day: date | None = None
    spoken: tuple[time, ...] = ()
    last: Delivery | None = None
    installed: Installed | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def spoken_on(self, day: date) -> tuple[time, ...]:
        return self.spoken if self.spoken_day == day else ()

    def with_spoken(self, day: date, spoken: tuple[time, ...]) -> RemindState:
        return replace(self, spoken_day=day, spoken=spoken)


def state_path(home: str) -> str:
    return os.path.join(home, STATE_FILE)


def _fix(path: str) -> str:
    return (
        f"fix {path} or delete it (it holds only what the reminder spoke for today and "
        "what `remind install` wrote; run `remind install` again after deleting it)"
    )


def _text(value: object, where: str, path: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise StateError(f"{path}: {where} must be text of at most {MAX_TEXT} characters")
    if not value.replace("\t", " ").isprintable():
        raise StateError(f"{path}: {where} holds a control character; {_fix(path)}")
    return value


def _texts(value: object, where: str, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise StateError(f"{path}: {where} must be a list of at most {MAX_ITEMS} items")
    return tuple(_text(item, where, path) for item in value)


def _instant(value: object, path: str) -> str:
    """An aware ISO-8601 instant such as 2026-03-02T17:31:00Z."""
    text = _text(value, "last.at", path)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise StateError(f"{path}: last.at {text[:40]!r} is not a UTC time; {_fix(path)}")
    return text


def _absolute(value: object, where: str, path: str) -> str:
    text = _text(value, where, path)
    if not os.path.isabs(text):
        raise StateError(f"{path}: {where} must be an absolute path, not {text!r}; {_fix(path)}")
    return text


OURS = re.compile(
    r"(rejection-therapy-remind-[0-9a-f]{10}\.(service|timer)"
    r"|org\.rejection-therapy\.remind\.[0-9a-f]{10}\.plist|\.bashrc|\.zshrc)"
)
"""The only names `install` writes. `uninstall` removes what the file lists, so a file
that lists anything else (someone's ~/.ssh key, say) is refused, never acted on."""


def _ours(value: object, where: str, path: str) -> str:
    text = _absolute(value, where, path)
    if not OURS.fullmatch(os.path.basename(text)):
        raise StateError(f"{path}: {where} names {text!r}, not a file install writes; {_fix(path)}")
    return text


def read_state(home: str) -> RemindState:
    """The state; an empty one when there is no file yet."""
    path = state_path(home)
    try:
        document = read_json_object(path, STATE_LIMIT, what="reminder state file")
    except FileNotFoundError:
        return RemindState()
    except UntrustedFileError as error:
        raise StateError(f"{error}; {_fix(path)}") from None
    if document.get("version") != VERSION:
        raise StateError(f"{path} is not a version {VERSION} reminder state; {_fix(path)}")
    try:
        return _parse(document, path)
    except (ValueError, TypeError) as error:
        if isinstance(error, StateError):
            raise
        raise StateError(f"{path}: {error}; {_fix(path)}") from None


def _parse(document: dict[str, object], path: str) -> RemindState:
    spoken = document.get("spoken") or {}
    if not isinstance(spoken, dict):
        raise StateError(f"{path}: spoken must be an object; {_fix(path)}")
    day_text = spoken.get("day")
    day = date.fromisoformat(_text(day_text, "spoken.day", path)) if day_text else None
    slots = tuple(parse_slot(text) for text in _texts(spoken.get("times", []), "spoken", path))

    last = None
    if (raw := document.get("last")) is not None:
        if not isinstance(raw, dict) or not isinstance(raw.get("ok"), bool):
            raise StateError(f"{path}: last must be an object with ok true/false; {_fix(path)}")
        via = raw.get("via")
        if via not in VIAS:
            raise StateError(f"{path}: last.via must be one of {', '.join(VIAS)}; {_fix(path)}")
        last = Delivery(
            at=_instant(raw.get("at"), path),
            via=str(via),
            ok=raw["ok"],
            detail=_text(raw.get("detail", ""), "last.detail", path),
        )
    installed = None
    if (raw := document.get("installed")) is not None:
        if not isinstance(raw, dict):
            raise StateError(f"{path}: installed must be an object; {_fix(path)}")
        scheduler = _text(raw.get("scheduler"), "installed.scheduler", path)
        if scheduler not in ("systemd", "launchd", "cron", "login", "none"):
            raise StateError(f"{path}: unknown scheduler {scheduler!r}; {_fix(path)}")
        line_file = raw.get("line_file", "")
        installed = Installed(
            scheduler=scheduler,
            program=_texts(raw.get("program", []), "installed.program", path),
            files=tuple(
                _ours(f, "installed.files", path)
                for f in _texts(raw.get("files", []), "installed.files", path)
            ),
            folders=tuple(
                _absolute(f, "installed.folders", path)
                for f in _texts(raw.get("folders", []), "installed.folders", path)
            ),
            line=_marked(raw.get("line", ""), path),
            line_file=_ours(line_file, "installed.line_file", path) if line_file else "",
        )
    return RemindState(day, slots, last, installed)


def _marked(value: object, path: str) -> str:
    """A crontab or start-file line: only one this app adds (it ends with its marker)."""
    text = _text(value, "installed.line", path)
    if text and not re.search(re.escape(MARKER) + r" rejection-therapy-remind-[0-9a-f]{10}$", text):
        raise StateError(f"{path}: installed.line is not a line install adds; {_fix(path)}")
    return text


def write_state(home: str, state: RemindState) -> None:
    document: dict[str, object] = {"version": VERSION}
    if state.spoken_day is not None:
        document["spoken"] = {
            "day": state.spoken_day.isoformat(),
            "times": [format_slot(slot) for slot in state.spoken],
        }
    if state.last is not None:
        last = state.last
        document["last"] = {"at": last.at, "via": last.via, "ok": last.ok, "detail": last.detail}
    if state.installed is not None:
        done = state.installed
        document["installed"] = {
            "scheduler": done.scheduler,
            "program": list(done.program),
            "files": list(done.files),
            "folders": list(done.folders),
            "line": done.line,
            "line_file": done.line_file,
        }
    payload = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    atomic_write(state_path(home), payload.encode("utf-8"))


class StateLock:
    """Two checks at once (the timer and a login shell) must not both speak for one time:
    each holds this lock from reading the state to writing it."""

    def __init__(self, home: str) -> None:
        self.path = os.path.join(home, LOCK_FILE)
        self.descriptor: int | None = None

    def __enter__(self) -> StateLock:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            self.descriptor = os.open(self.path, flags, 0o600)
            if not stat.S_ISREG(os.fstat(self.descriptor).st_mode):
                os.close(self.descriptor)
                raise OSError(0, "not a regular file")
        except OSError as error:
            self.descriptor = None
            why = "a symbolic link" if os.path.islink(self.path) else error.strerror or error
            raise StateError(
                f"{self.path} cannot be used as the reminder's lock ({why}); delete it "
                "(the reminder makes it again)"
            ) from None
        try:
            import fcntl
        except ImportError:  # Windows: no scheduler of ours runs there
            return self
        fcntl.flock(self.descriptor, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)  # closing releases the flock
            self.descriptor = None
