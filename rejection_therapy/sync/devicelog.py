"""One device's log in the sync folder: its format, reading it, appending to it.

    {"sync_log":1,"device":"<32 hex>","name":"laptop"}                      the header
    {"seq":1,"prev":"<hash>","hlc":"<stamp>","table":"entries","key":"…","doc":{…}}
    {"seq":2,"prev":"<hash>","hlc":"<stamp>","table":"rest_days","key":"…","gone":true}

In a folder set up with `--encrypt` (sync/crypto.py) the header names the key instead of
showing the device's name, and each line keeps only its place in the chain in the clear:

    {"sync_log":1,"device":"<32 hex>","key":"<key id>","sealed_name":"<base64>"}
    {"seq":1,"prev":"<hash>","sealed":"<base64: the rest of the line, AES-GCM>"}

Each line is numbered and carries the hash of the line before it (the header's, for the
first), so a log that shrank or was rewritten is noticed, never misread. A last line
without its newline is a copy still arriving (a syncer mid-file): it is left until it is
whole. Every line is untrusted: bounded, parsed, checked; a bad one is set aside with
its file and line named, and the lines after it still count.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rejection_therapy.sync import hlc
from rejection_therapy.untrusted import UntrustedFileError, read_bounded

if TYPE_CHECKING:
    from rejection_therapy.sync.crypto import Sealer

FORMAT = 1
MAX_LOG_BYTES = 256 * 1024 * 1024
MAX_LINE_BYTES = 3 * 1024 * 1024
"""A pack (at most 1 MiB of YAML) escaped into JSON fits; nothing else comes close."""
MAX_KEY = 200
MAX_NAME = 60
DEVICE_ID = re.compile(r"[0-9a-f]{32}")
KEY_ID = re.compile(r"[0-9a-f]{16}")
"""The id of a key a log is sealed with (sync/crypto.py)."""
TABLES = (
    "runs",
    "entries",
    "daily_asks",
    "badges",
    "rest_days",
    "tombstones",
    "followups",
    "checkins",
    "intentions",
    "events",
    "settings",
    "packs",
)
"""What syncs: every table of records, the person's settings and their own packs."""


def line_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:32]


def log_name(device: str) -> str:
    return f"{device}.log"


def header(device: str, name: str, sealer: Sealer | None = None) -> bytes:
    found: dict[str, str | int] = {"sync_log": FORMAT, "device": device}
    if sealer is None:
        found["name"] = name
    else:
        found["key"] = sealer.id
        found["sealed_name"] = sealer.seal(name.encode("utf-8"), f"{device}:name")
    return (json.dumps(found) + "\n").encode()


@dataclass(frozen=True, slots=True)
class Change:
    """One record's new state (doc) or its removal (doc None), stamped."""

    seq: int
    stamp: str
    table: str
    key: str
    doc: dict[str, object] | None
    line: int
    drawn: str = ""
    """A day's ask: when the draw this version continues was made (merge.py: the first
    draw stands)."""


@dataclass(frozen=True, slots=True)
class Resume:
    """Where a reading of a log stopped: the next reading starts there (reading only what
    grew), once it has found the last line it read unchanged."""

    size: int
    """Bytes of whole lines read."""
    seq: int
    hash: str
    last_at: int
    """Where the last line read starts (the header's 0)."""
    key: str = ""
    """The id of the key the log is sealed with ("" for a log in the clear)."""


@dataclass
class DeviceLog:
    """What a log file holds, as far as it can be read (from where a reading resumed)."""

    device: str
    name: str = ""
    changes: list[Change] = field(default_factory=list)
    last_seq: int = 0
    last_hash: str = ""
    size: int = 0
    """Bytes of whole lines read: where the next append goes."""
    last_at: int = 0
    problems: list[str] = field(default_factory=list)
    broken: str | None = None
    """Why the rest of the file was not read (the chain breaks)."""
    waiting: bool = False
    """A last line still arriving."""
    sealer: Sealer | None = None
    """What seals and opens its lines, for a log sealed with a key (`key`)."""
    key: str = ""
    locked: bool = False
    """Sealed with a key the reader does not have: nothing of it was read."""

    @property
    def end(self) -> Resume:
        return Resume(self.size, self.last_seq, self.last_hash, self.last_at, self.key)


def read_log(
    path: str,
    device: str,
    start: Resume | None = None,
    keys: Mapping[str, Sealer] | None = None,
    oldest: str = "",
) -> DeviceLog:
    """The whole, chained lines of a device's log (FileNotFoundError: no log yet), from
    `start` on when given (the lines before it were read already). A sealed log is opened
    with its key among `keys` (oldest first), never one older than `oldest` (the key it
    was last read with: a log put back from before a passphrase changed, or sealed by
    someone who knows an old passphrase, is refused); one sealed anew under a newer key
    since is read again from its start.

    A line counts once the next line's `prev` vouches for it (the last line: once it is
    there). So a line changed after it was written is never taken: the chain breaks at
    it, and it and everything after it are set aside. Resuming, the last line read before
    must still be there as it was: a log that shrank or was rewritten is reported.
    """
    log = DeviceLog(device)
    if keys and start is not None and not start.key:
        start = None  # read in the clear before this home sealed: its header decides now
    if start is not None and start.key and start.key not in (keys or {}):
        start = None  # its key is no longer held: its header decides, from its start
    if start is not None and start.key:
        log.key, log.sealer = start.key, (keys or {})[start.key]
    begin = start.last_at if start is not None else 0
    try:
        raw = read_bounded(
            path, MAX_LOG_BYTES, follow_symlinks=False, what="sync log", offset=begin
        )
    except UntrustedFileError as error:
        log.broken = str(error)
        return log
    lines = raw.split(b"\n")
    log.waiting = bool(lines[-1])
    whole = lines[:-1]
    if start is not None:
        if (
            not whole
            or begin + len(whole[0]) + 1 != start.size
            or line_hash(whole[0]) != start.hash
        ):
            again = read_log(path, device, None, keys, oldest or start.key)
            if again.key != start.key:
                return again  # sealed anew: every line is new to this reading
            log.broken = (
                f"{path} line {start.seq + 1}: it changed or went since this home read it "
                "(the log shrank or was rewritten); what follows is set aside"
            )
            return log
        log.last_seq, log.last_hash, log.size, log.last_at = (
            start.seq,
            start.hash,
            start.size,
            begin,
        )
        _read_lines(log, whole[1:], path)
        return log
    if not whole:
        return log
    first = _json(whole[0])
    if (
        not isinstance(first, dict)
        or first.get("sync_log") != FORMAT
        or first.get("device") != device
    ):
        log.broken = f"{path} line 1 is not the header of device {device}'s log"
        return log
    if not _open_header(log, first, keys, path, oldest):
        return log
    log.last_hash = line_hash(whole[0])
    log.size = len(whole[0]) + 1
    _read_lines(log, whole[1:], path)
    return log


def _open_header(
    log: DeviceLog,
    first: dict[str, object],
    keys: Mapping[str, Sealer] | None,
    path: str,
    oldest: str,
) -> bool:
    """The log's name and key, from its header; False when it is sealed with a key this
    home does not have, or in the clear when this home reads sealed logs (`keys`): then
    nothing of it is read."""
    key = first.get("key")
    name: object = first.get("name")
    if key is not None:
        sealer = (keys or {}).get(key) if isinstance(key, str) else None
        if sealer is None:
            log.locked = True
            log.broken = f"{path} is sealed with a passphrase this home does not have" + (
                "; run `rejection-therapy sync passphrase` here with the one now in use"
                if keys is not None
                else " (an import reads logs in the clear: `export --format log`)"
            )
            return False
        order = list(keys or {})
        if oldest in order and order.index(sealer.id) < order.index(oldest):
            log.broken = (
                f"{path} is sealed with an older passphrase than this home takes for it (an "
                "old copy put back, or a device that has not taken the new passphrase yet: "
                "run `rejection-therapy sync passphrase` there): set aside"
            )
            return False
        log.key, log.sealer = sealer.id, sealer
        opened = sealer.open(first.get("sealed_name"), f"{log.device}:name")
        name = opened.decode("utf-8", "replace") if opened is not None else ""
    elif keys:  # a home that reads sealed logs takes none in the clear: anyone with the
        log.locked = True  # folder could have written it (or put it in place of a sealed one)
        log.broken = (
            f"{path} is in the clear, in a folder this home reads sealed: set aside; on "
            "that device run `rejection-therapy sync setup FOLDER --encrypt`"
        )
        return False
    log.name = name if isinstance(name, str) and len(name) <= MAX_NAME else ""
    return True


def _read_lines(log: DeviceLog, lines: list[bytes], path: str) -> None:
    """The lines after the log's end as read so far, each checked against the chain."""
    pending: tuple[Change | None, str | None, int] | None = None
    for line in lines:
        number = log.last_seq + 2  # the header is line 1, seq 1 is line 2
        at = log.size
        found = _json(line)
        if not isinstance(found, dict):  # unreadable, but the next line may vouch for it
            _keep(log, pending, path)
            log.last_seq, log.last_hash, log.last_at = log.last_seq + 1, line_hash(line), at
            log.size += len(line) + 1
            pending = (None, "it is not a JSON object of this app's (or is too long)", number)
            continue
        seq = found.get("seq")
        if seq != log.last_seq + 1:
            log.broken = (
                f"{path} line {number}: the log breaks off here (it shrank or was rewritten); "
                "what follows is set aside"
            )
            return
        if found.get("prev") != log.last_hash:
            log.broken = (
                f"{path} line {number - 1}: its chain breaks (the line was changed after it "
                "was written); it and what follows are set aside"
            )
            return
        _keep(log, pending, path)
        log.last_seq, log.last_hash, log.last_at = seq, line_hash(line), at
        log.size += len(line) + 1
        pending = (*_change(_opened(log, found), number), number)
    _keep(log, pending, path)


def _keep(log: DeviceLog, pending: tuple[Change | None, str | None, int] | None, path: str) -> None:
    if pending is None:
        return
    change, problem, number = pending
    if problem:
        log.problems.append(f"{path} line {number}: {problem}; that line is set aside")
    elif change is not None:
        log.changes.append(change)


def _json(line: bytes) -> object:
    if len(line) > MAX_LINE_BYTES:
        return None
    try:
        return json.loads(line.decode("utf-8"), parse_constant=_refuse)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _refuse(name: str) -> object:
    raise ValueError(f"{name} is not a number")


def _opened(log: DeviceLog, found: dict[str, object]) -> dict[str, object]:
    """A line as written: opened with the log's key when the log is sealed. A line that
    does not open (changed by someone without the key) comes back holding only why."""
    sealed = "sealed" in found
    if log.sealer is None:
        return {"refused": "it is sealed, in a log in the clear"} if sealed else found
    if not sealed:
        return {"refused": "it is in the clear, in a sealed log"}
    seq, previous = found.get("seq"), found.get("prev")
    plain = log.sealer.open(found["sealed"], f"{log.device}:{seq}:{previous}")
    inner = _json(plain) if plain is not None else None
    if not isinstance(inner, dict):
        return {"refused": "it fails its check (changed by someone without the key)"}
    return {**inner, "seq": seq}


def _change(found: dict[str, object], number: int) -> tuple[Change | None, str | None]:
    stamp, table, key = found.get("hlc"), found.get("table"), found.get("key")
    if "refused" in found:
        return None, str(found["refused"])
    if hlc.parse(stamp) is None:
        return None, f"hlc {str(stamp)[:40]!r} is not a clock stamp"
    if table not in TABLES:
        return None, f"unknown table {str(table)[:40]!r}"
    if not isinstance(key, str) or not key or len(key) > MAX_KEY or not key.isprintable():
        return None, "the record key is missing, too long or holds control characters"
    drawn = found.get("drawn", stamp)
    if hlc.parse(drawn) is None:
        return None, f"drawn {str(drawn)[:40]!r} is not a clock stamp"
    doc = found.get("doc")
    gone = found.get("gone") is True
    if gone == isinstance(doc, dict):
        return None, "a line holds either a record (doc) or a removal (gone)"
    change = Change(found["seq"], stamp, table, key, None if gone else doc, number, drawn)  # type: ignore[arg-type]
    return change, None


Entry = tuple[str, str, str, dict[str, object] | None, str]
"""(stamp, table, key, the record or None for a removal, when a day's ask was drawn or "")."""


def encode_lines(log: DeviceLog, entries: list[Entry]) -> tuple[bytes, DeviceLog]:
    """The lines for `entries`, chained after the log's whole lines, and the log's end
    after them."""
    seq, previous = log.last_seq, log.last_hash
    out = bytearray()
    added = []
    last_at = log.last_at
    for stamp, table, key, doc, drawn in entries:
        seq += 1
        last_at = log.size + len(out)
        added.append(Change(seq, stamp, table, key, doc, seq + 1, drawn or stamp))
        record: dict[str, object] = {"seq": seq, "prev": previous, "hlc": stamp}
        record |= {"table": table, "key": key} | ({"drawn": drawn} if drawn else {})
        record |= {"doc": doc} if doc is not None else {"gone": True}
        if log.sealer is not None:
            record = _sealed(log, record)
        line = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        encoded = line.encode("utf-8")
        previous = line_hash(encoded)
        out += encoded + b"\n"
    changes = [*log.changes, *added]
    end = DeviceLog(log.device, log.name, changes, seq, previous, log.size + len(out), last_at)
    end.sealer, end.key = log.sealer, log.key
    return bytes(out), end


def _sealed(log: DeviceLog, record: dict[str, object]) -> dict[str, object]:
    assert log.sealer is not None
    seq, previous = record.pop("seq"), record.pop("prev")
    plain = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    sealed = log.sealer.seal(plain.encode("utf-8"), f"{log.device}:{seq}:{previous}")
    return {"seq": seq, "prev": previous, "sealed": sealed}


def sealed_anew(log: DeviceLog, sealer: Sealer | None) -> tuple[bytes, DeviceLog]:
    """The whole of `log` (read from its start) written again, sealed with `sealer` (in
    the clear for None): the same lines, numbered and stamped as they were."""
    head, fresh = new_log(log.device, log.name, sealer)
    entries: list[Entry] = [
        (c.stamp, c.table, c.key, c.doc, c.drawn if c.table == "daily_asks" else "")
        for c in log.changes
    ]
    body, end = encode_lines(fresh, entries)
    return head + body, end


def append_lines(path: str, log: DeviceLog, entries: list[Entry]) -> DeviceLog:
    """Append the entries after the log's whole lines, fsynced: a torn line of an earlier
    crash is cut off first. Returns the log's new end."""
    out, end = encode_lines(log, entries)
    descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.ftruncate(descriptor, log.size)
        os.lseek(descriptor, log.size, os.SEEK_SET)
        view = memoryview(out)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return end


def new_log(device: str, name: str, sealer: Sealer | None = None) -> tuple[bytes, DeviceLog]:
    """A log's header line, and the log holding only it."""
    data = header(device, name, sealer)
    log = DeviceLog(device, name, [], 0, line_hash(data[:-1]), len(data), 0)
    if sealer is not None:
        log.sealer, log.key = sealer, sealer.id
    return data, log


def start_log(path: str, device: str, name: str, sealer: Sealer | None = None) -> DeviceLog:
    """A new log holding only its header; refuses to replace a file that exists."""
    data, log = new_log(device, name, sealer)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(descriptor, data)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return log


def header_key(raw_first_line: bytes) -> str:
    """The key a log's first line names ("" for a log in the clear, or no header)."""
    first = _json(raw_first_line)
    key = first.get("key", "") if isinstance(first, dict) else ""
    return key if isinstance(key, str) else ""


def log_device(raw_first_line: bytes) -> str | None:
    """The device a log's first line names, when it is a log's header."""
    first = _json(raw_first_line)
    if not isinstance(first, dict) or first.get("sync_log") != FORMAT:
        return None
    device = first.get("device")
    return device if isinstance(device, str) and DEVICE_ID.fullmatch(device) else None
