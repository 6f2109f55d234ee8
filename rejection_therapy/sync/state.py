"""This home's sync state (`sync.json`, never synced): the folder, this device's id and
name, where its own log ends, its clock, and the records as they stood after the last
sync (their digests), so the next sync knows what changed here since.

Read as untrusted like every file from outside the app's own write: a regular file, no
link followed, bounded, every value checked; a bad one is named, never written over.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from rejection_therapy.fileio import atomic_write
from rejection_therapy.filenames import SYNC_STATE_FILE
from rejection_therapy.storage.transaction import key_of
from rejection_therapy.sync import hlc
from rejection_therapy.sync.crypto import parse_folder_key
from rejection_therapy.sync.devicelog import DEVICE_ID, KEY_ID, MAX_NAME, TABLES
from rejection_therapy.untrusted import UntrustedFileError, read_json_object

STATE_FILE = SYNC_STATE_FILE
STATE_LIMIT = 64 * 1024 * 1024
VERSION = 1
DIGEST = re.compile(r"[0-9a-f]{24}")
SETTINGS_KEY = "person"
MAX_PROBLEMS = 20
MAX_PROBLEM = 400


class SyncStateError(ValueError):
    """sync.json cannot be used; the message names it and what to do."""


@dataclass
class SyncState:
    folder: str
    device: str
    name: str
    seq: int = 0
    """The last line this home appended to its own log: a log that is further along was
    written by a copy of this home on another machine."""
    writing: int = 0
    """Where an append under way will end: a log found further along than `seq` but not
    past this is this home's own append cut short (a crash), not a copy's."""
    clock: str = ""
    baseline: dict[str, str] = field(default_factory=dict)
    """table/key -> digest of each record after the last sync."""
    last_sync: str = ""
    waiting: int = 0
    """Changes made here that could not reach the folder yet."""
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    """device -> {name, size, newest} and where the next reading resumes {read, seq, hash,
    at} (devicelog.Resume): what the syncs so far read of each device's log."""
    data_stamp: list[int] | None = None
    """The data file's stamp after the last sync: unchanged, nothing here is new."""
    stamps: dict[str, str] = field(default_factory=dict)
    """table/key -> the clock stamp of the version of each record this home holds."""
    journal_op: int = 0
    """The home's last journal operation the baseline accounts for: the records the
    operations after it touched are all that can differ from the baseline."""
    problems: list[str] = field(default_factory=list)
    """Lines set aside by the last syncs that read any (each is reported when first read)."""
    drawn: dict[str, str] = field(default_factory=dict)
    """daily_asks/key -> when the draw of the version held was made (merge.py)."""
    journal_mark: str = ""
    """The mark of journal operation `journal_op` (service/sync_local.py): a journal that
    holds another line under that number was restored, and is not trusted to say what
    changed."""
    transport: str = "folder"
    """"folder" (a syncer or a share carries the files), or "git" (the folder is a work
    tree: `sync` commits, pulls and pushes; sync/git.py)."""
    remote: str = ""
    branch: str = ""
    """The branch the logs travel on (git): a clone switched to another is told, not synced."""
    last_push: str = ""
    last_pull: str = ""
    transport_problem: str = ""
    """Why the last pull or push failed ("" once one works again)."""
    key: str = ""
    """The id of the key this device seals its log with ("" for a log in the clear)."""
    keys: list[str] = field(default_factory=list)
    """The ids of the keys this home holds (an older one opens logs not sealed anew yet)."""
    folder_key: dict[str, Any] = field(default_factory=dict)
    """The folder's encryption file as this home made or checked it (no secret in it): a
    copy deleted or put back from before is written again from this."""
    key_store: str = ""
    """Where they are kept: "keyring" (the OS's) or "file" (a 0600 file in the home)."""
    home: str = field(default="", compare=False)
    """The home this state was read from (not stored)."""


def state_path(home: str) -> str:
    return os.path.join(home, STATE_FILE)


def digest(table: str, doc: dict[str, Any]) -> str:
    """A record's content, canonically: entries' order number is left out (a merge numbers
    entries anew, which is no change of theirs)."""
    kept = {k: v for k, v in doc.items() if not (table == "entries" and k == "seq")}
    text = json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def record_key(table: str, doc: dict[str, Any]) -> str | None:
    return SETTINGS_KEY if table == "settings" else key_of(table, doc)


def _fix(path: str) -> str:
    return (
        f"fix {path} or delete it and run `rejection-therapy sync setup FOLDER --device NAME` "
        "(this home then joins as a new device; nothing in the folder is lost)"
    )


def read_sync_state(home: str) -> SyncState | None:
    path = state_path(home)
    try:
        document = read_json_object(path, STATE_LIMIT, what="sync state file")
    except FileNotFoundError:
        return None
    except UntrustedFileError as error:
        raise SyncStateError(f"{error}; {_fix(path)}") from None
    try:
        state = _parse(document)
    except (TypeError, ValueError, AttributeError, KeyError) as error:
        raise SyncStateError(f"{path}: {error}; {_fix(path)}") from None
    state.home = home
    return state


def _parse(document: dict[str, Any]) -> SyncState:
    if document.get("version") != VERSION:
        raise ValueError(f"not a version {VERSION} sync state")
    folder, device, name = document["folder"], document["device"], document["name"]
    if not isinstance(folder, str) or not os.path.isabs(folder) or not folder.isprintable():
        raise ValueError("folder must be an absolute path")
    if not isinstance(device, str) or not DEVICE_ID.fullmatch(device):
        raise ValueError("device must be 32 hexadecimal digits")
    if not isinstance(name, str) or len(name) > MAX_NAME or not name.isprintable():
        raise ValueError(f"name must be printable text of at most {MAX_NAME} characters")
    seq, waiting = document.get("seq", 0), document.get("waiting", 0)
    writing = document.get("writing", 0)
    if any(type(n) is not int or n < 0 for n in (seq, waiting, writing)):
        raise ValueError("seq, writing and waiting must be whole numbers")
    clock = document.get("clock", "")
    if clock and hlc.parse(clock) is None:
        raise ValueError("clock is not a clock stamp")
    baseline = document.get("baseline", {})
    if not isinstance(baseline, dict) or not all(
        isinstance(k, str)
        and k.split("/", 1)[0] in TABLES
        and isinstance(v, str)
        and DIGEST.fullmatch(v)
        for k, v in baseline.items()
    ):
        raise ValueError("baseline must map table/key to a digest")
    seen = document.get("seen", {})
    if not isinstance(seen, dict) or not all(
        isinstance(k, str) and DEVICE_ID.fullmatch(k) and isinstance(v, dict)
        for k, v in seen.items()
    ):
        raise ValueError("seen must map device ids to what was read of them")
    last_sync = document.get("last_sync", "")
    if not isinstance(last_sync, str) or len(last_sync) > 40:
        raise ValueError("last_sync must be a time")
    stamp = document.get("data_stamp")
    if stamp is not None and (
        not isinstance(stamp, list) or not all(type(n) is int for n in stamp) or len(stamp) > 8
    ):
        raise ValueError("data_stamp must be a list of whole numbers")
    stamps = document.get("stamps", {})
    if not isinstance(stamps, dict) or not all(
        isinstance(k, str) and hlc.parse(v) is not None for k, v in stamps.items()
    ):
        raise ValueError("stamps must map table/key to clock stamps")
    journal_op = document.get("journal_op", 0)
    if type(journal_op) is not int or journal_op < 0:
        raise ValueError("journal_op must be a whole number")
    problems = document.get("problems", [])
    if not isinstance(problems, list) or not all(
        isinstance(p, str) and len(p) <= MAX_PROBLEM for p in problems
    ):
        raise ValueError("problems must be a list of messages")
    mark = document.get("journal_mark", "")
    if not isinstance(mark, str) or not re.fullmatch(r"[0-9a-f]{0,16}", mark):
        raise ValueError("journal_mark must be a short hash")
    transport, remote = document.get("transport", "folder"), document.get("remote", "")
    branch = document.get("branch", "")
    if transport not in ("folder", "git") or not _short(remote) or not _short(branch):
        raise ValueError("transport must be folder or git, with a remote's name")
    times = [document.get(k, "") for k in ("last_push", "last_pull", "transport_problem")]
    if not all(isinstance(t, str) and len(t) <= MAX_PROBLEM for t in times):
        raise ValueError("last_push, last_pull and transport_problem must be short text")
    key, keys, store = (
        document.get("key", ""),
        document.get("keys", []),
        document.get("key_store", ""),
    )
    if (
        not isinstance(keys, list)
        or len(keys) > 8
        or not all(isinstance(k, str) and KEY_ID.fullmatch(k) for k in keys)
        or (key and key not in keys)
        or store not in ("", "keyring", "file")
        or (keys and not store)
    ):
        raise ValueError("key, keys and key_store must name the keys this home holds")
    folder_key = document.get("folder_key", {})
    if not isinstance(folder_key, dict) or (folder_key and parse_folder_key(folder_key).key != key):
        raise ValueError("folder_key must be the folder's encryption file for key")
    drawn = document.get("drawn", {})
    if not isinstance(drawn, dict) or not all(
        isinstance(k, str) and k.startswith("daily_asks/") and hlc.parse(v) is not None
        for k, v in drawn.items()
    ):
        raise ValueError("drawn must map daily_asks/key to clock stamps")
    return SyncState(
        folder,
        device,
        name,
        seq,
        writing,
        clock,
        baseline,
        last_sync,
        waiting,
        seen,
        stamp,
        stamps,
        journal_op,
        problems[-MAX_PROBLEMS:],
        drawn,
        mark,
        transport,
        remote,
        branch,
        last_push=times[0],
        last_pull=times[1],
        transport_problem=times[2],
        key=key,
        keys=keys,
        key_store=store,
        folder_key=folder_key,
    )


def _short(text: object) -> bool:
    return isinstance(text, str) and len(text) <= 100 and text.isprintable()


def write_sync_state(home: str, state: SyncState) -> None:
    document = {
        "version": VERSION,
        "folder": state.folder,
        "device": state.device,
        "name": state.name,
        "seq": state.seq,
        "writing": state.writing,
        "clock": state.clock,
        "baseline": state.baseline,
        "last_sync": state.last_sync,
        "waiting": state.waiting,
        "seen": state.seen,
        "data_stamp": state.data_stamp,
        "stamps": state.stamps,
        "journal_op": state.journal_op,
        "problems": [p[:MAX_PROBLEM] for p in state.problems[-MAX_PROBLEMS:]],
        "drawn": state.drawn,
        "journal_mark": state.journal_mark,
        "transport": state.transport,
        "remote": state.remote,
        "branch": state.branch,
        "last_push": state.last_push,
        "last_pull": state.last_pull,
        "transport_problem": state.transport_problem[:MAX_PROBLEM],
        "key": state.key,
        "keys": state.keys,
        "key_store": state.key_store,
        "folder_key": state.folder_key,
    }
    payload = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    atomic_write(state_path(home), payload.encode("utf-8") + b"\n")
