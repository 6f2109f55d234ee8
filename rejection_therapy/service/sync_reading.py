"""What a sync reads of the folder: each log's size (a sync with nothing new stops at
that), this device's own log as this home left it, and what grew in the others' since
the last reading, each checked like an import."""

from __future__ import annotations

import contextlib
import os
import stat
from typing import TYPE_CHECKING, Any

from rejection_therapy.service.errors import UserError
from rejection_therapy.service.sync_keys import load_sealers
from rejection_therapy.service.sync_packs import PACKS, pack_problem
from rejection_therapy.sync.devicelog import (
    DEVICE_ID,
    KEY_ID,
    MAX_LOG_BYTES,
    DeviceLog,
    Resume,
    header_key,
    read_log,
)
from rejection_therapy.sync.merge import checked_change
from rejection_therapy.sync.state import SyncState

if TYPE_CHECKING:
    from rejection_therapy.service.sync import SyncReport


def log_sizes(state: SyncState) -> dict[str, int]:
    """Each device log's size now: a sync with nothing new anywhere stops at this. In a
    sealed folder a log sealed anew keeps its size (the same lines, new nonces), and an
    old copy put back may have it too: one whose header names another key than the one
    it was last read with counts as changed."""
    sizes = Sizes()
    for entry in os.scandir(state.folder):
        device = entry.name.removesuffix(".log")
        if entry.name.endswith(".log") and DEVICE_ID.fullmatch(device):
            with contextlib.suppress(OSError):
                sizes[device] = entry.stat(follow_symlinks=False).st_size
                seen_key = state.seen.get(device, {}).get("key")
                if state.keys and header_key_of(entry.path) != seen_key:
                    sizes.real[device], sizes[device] = sizes[device], RESEALED
    return sizes


RESEALED = -2
"""The size a log sealed anew (or put back) is taken to have until it is read."""


class Sizes(dict[str, int]):
    """The logs' sizes, and (`real`) the size of each one marked RESEALED."""

    def __init__(self) -> None:
        super().__init__()
        self.real: dict[str, int] = {}


def header_key_of(path: str) -> str:
    """The key a log's header names ("" in the clear); never through a link, never
    waiting on a FIFO, only a regular file (OSError else)."""
    with open(path, "rb", opener=_no_follow) as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        return header_key(file.readline(4096).rstrip(b"\n"))


def log_keys(folder: str) -> dict[str, str]:
    """The key each log in the folder is sealed with ("" in the clear), by path."""
    found = {}
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.endswith(".log"):
                with contextlib.suppress(OSError):
                    found[entry.path] = header_key_of(entry.path)
    return found


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def seen_sizes(state: SyncState, present: dict[str, int]) -> dict[str, int]:
    """The sizes the last readings left, of the logs `present` now."""
    return {device: state.seen.get(device, {}).get("size", -1) for device in present}


def newest(log: DeviceLog) -> str:
    return max((c.stamp for c in log.changes), default="")


def resume_at(seen: dict[str, Any] | None) -> Resume | None:
    """Where the next reading of a device's log starts (None: from its beginning)."""
    if not seen:
        return None
    read, seq, at, digest_seen = seen.get("read"), seen.get("seq"), seen.get("at"), seen.get("hash")
    key = seen.get("key", "")
    if not all(
        type(n) is int and 0 <= n <= MAX_LOG_BYTES for n in (read, seq, at)
    ) or not isinstance(digest_seen, str):
        return None
    if read == 0 or not isinstance(key, str) or (key and not KEY_ID.fullmatch(key)):
        return None  # not even its header was whole: read it from its start
    return Resume(read, seq, digest_seen, at, key)  # type: ignore[arg-type]


def own_log(path: str, state: SyncState) -> DeviceLog:
    """This device's log as this home left it (read from where the last sync stopped); a
    log further along means a copied home."""
    try:
        resume = resume_at(state.seen.get(state.device))
        own = read_log(path, state.device, resume, load_sealers(state), state.key)
    except FileNotFoundError:
        if not any(os.scandir(state.folder)):
            raise UserError(
                f"{state.folder} is empty: is the drive or share it lives on mounted? "
                "Changes wait here until it is"
            ) from None
        raise UserError(
            f"this device's log {path} is gone from the sync folder; run "
            f"`rejection-therapy sync setup {state.folder} --device NAME{_sealed(state)}` to "
            "join anew"
        ) from None
    if not own.name:
        own.name = state.name
    if state.seq < own.last_seq <= state.writing:
        state.seq = own.last_seq  # this home's own append, cut short before it said so
    if own.last_seq > state.seq:
        raise UserError(
            f"{path} is further along than this home wrote it: this home was copied from "
            "another machine that syncs as the same device. Run `rejection-therapy sync "
            f"setup {state.folder} --device NAME{_sealed(state)}` here to sync as a device of "
            "its own"
        )
    if not own.broken and own.key != state.key:
        raise UserError(
            f"{path} is not sealed with the key this home writes with (put back from an "
            "old copy, or replaced); run `rejection-therapy sync setup "
            f"{state.folder} --device NAME --encrypt` to join anew"
        )
    if own.broken or own.last_seq < state.seq:
        raise UserError(
            f"{path} shrank or was rewritten ({own.broken or 'lines are missing'}); run "
            f"`rejection-therapy sync setup {state.folder} --device NAME{_sealed(state)}` to "
            "join anew"
        )
    return own


def _sealed(state: SyncState) -> str:
    """What a command to join the folder anew needs in a sealed folder."""
    return " --encrypt" if state.key else ""


def read_logs(
    state: SyncState, report: SyncReport, sizes: dict[str, int], own: DeviceLog | None = None
) -> list[DeviceLog]:
    """What grew in every device's log since the last reading (this device's as just
    written, when given); a log that did not grow is not read."""
    logs = []
    for entry in sorted(os.scandir(state.folder), key=lambda e: e.name):
        device = entry.name.removesuffix(".log")
        if not entry.name.endswith(".log") or not DEVICE_ID.fullmatch(device):
            continue
        if own is not None and device == own.device:
            report.devices[device] = own.name
            logs.append(own)
            continue
        seen = state.seen.get(device) or {}
        resume = resume_at(seen)
        if resume is not None and sizes.get(device, -2) == seen.get("size"):
            report.devices[device] = str(seen.get("name", ""))
            continue  # nothing new in it
        try:
            oldest = str(seen.get("key", "")) if seen else state.key  # a new device: the key now
            log = read_log(entry.path, device, resume, load_sealers(state), oldest)
        except OSError as error:
            report.problems.append(f"{entry.path} cannot be read ({error.strerror or error})")
            continue
        log.name = log.name or str(seen.get("name", ""))
        if log.broken:
            report.problems.append(log.broken)
        report.problems += log.problems
        if log.broken and not log.changes and not seen:
            continue  # nothing of it could be read: not counted as a device
        if device != state.device:  # another device's records are checked like an import
            report.problems += checked_lines(log, entry.path)
        report.devices[device] = log.name
        logs.append(log)
    return logs


def checked_lines(log: DeviceLog, where: str) -> list[str]:
    """Another device's records checked like an import (a pack by its loader, once): the
    lines that fail are dropped from `log`, and their problems returned."""
    kept, problems = [], []
    for change in log.changes:
        problem = checked_change(change, where)
        if problem is None and change.table == PACKS:
            refused = pack_problem(change)
            problem = refused and f"{where} line {change.line}: {refused}; set aside"
        if problem:
            problems.append(problem)
        else:
            kept.append(change)
    log.changes = kept
    return problems
