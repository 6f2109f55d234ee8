"""The journal: every committed change, as operations beside the data file.

Format 2 (docs/data.md): a header line `{"journal":2}`, then one operation a line, each
numbered in order of commit:

    {"op":7,"table":"entries","doc_id":"12","doc":{...}}              put: insert or replace
    {"op":8,"table":"entries","doc_id":"12","doc":{...},"insert":true} insert: never replaces;
                                                                      a taken id moves to the next free one
    {"op":9,"table":"entries","doc_id":"12","remove":true}            remove

The data file records the last operation folded into it (`meta.journal_op`); a reader
applies the lines after it. A change is durable once its lines are fsynced here; the data
file is rewritten afterwards (folded). Lines stay until a backup holds them, so the
newest good backup plus the lines after it is always the whole history (`doctor
--repair`). A last line without its newline was cut short by a crash before its command
answered: it is ignored and cut off by the next append.

Format 1 (earlier releases) had no header; each line `{"base":G,...}` applied only on top of
the data file of generation G. Such a journal is read, and rewritten in format 2 by the
next write.

Standard library only: the fast `log` imports this module.
"""

from __future__ import annotations

import os

from rejection_therapy.fileio import fsync_dir
from rejection_therapy.filenames import journal_path_for
from rejection_therapy.lightjson import dumps_line, loads

__all__ = ["journal_path_for"]  # where the journal is: filenames.py, re-exported for storage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

JOURNAL_FORMAT = 2
HEADER = b'{"journal":2}\n'
MAX_JOURNAL_BYTES = 256 * 1024 * 1024  # core/bounds.py (not imported: the fast path's cost)


class JournalError(Exception):
    """The journal is damaged (not merely cut short by a crash), or newer than this release."""


class Journal:
    """The lines of a journal file as read: operations (format 2) or legacy lines (1)."""

    __slots__ = ("after_line", "damaged", "last_line", "last_op", "legacy", "operations", "size")

    def __init__(self) -> None:
        self.operations: list[dict[str, Any]] = []
        self.legacy: list[dict[str, Any]] = []
        self.damaged: list[int] = []
        self.size = 0
        self.last_op = 0
        """The number of the last operation, read or skipped."""
        self.last_line = b""
        """That operation's line as written, and the line of operation `after` (a sync
        tells by them that the journal it read before is the same one, not a restored
        journal numbered again)."""
        self.after_line = b""


def read_journal(path: str, after: int = 0) -> Journal:
    """Every complete line (the operations numbered after `after`; the rest are only
    counted); a damaged line is an error that names the line."""
    journal = salvage_journal(path, after)
    if journal.damaged:
        raise JournalError(
            f"{path} line {journal.damaged[0]} is damaged; nothing was changed. Run "
            "`rejection-therapy doctor --repair` to keep every readable line."
        )
    return journal


def salvage_journal(path: str, after: int = 0) -> Journal:
    """The readable complete lines, and the numbers of the damaged ones. Operations
    numbered up to `after` (already folded into the data file) are skipped unparsed."""
    from rejection_therapy.untrusted import UntrustedFileError, read_bounded

    journal = Journal()
    try:
        raw = read_bounded(path, MAX_JOURNAL_BYTES, follow_symlinks=False, what="journal")
    except FileNotFoundError:
        return journal
    except UntrustedFileError as error:
        raise JournalError(f"{error}; move it aside and run `rejection-therapy doctor`") from None
    journal.size = len(raw)
    lines = raw.split(b"\n")
    lines.pop()  # after the last newline: empty, or a line a crash cut short
    first = 1
    if lines and lines[0].startswith(b'{"journal":'):
        try:
            version = loads(lines[0])["journal"]
        except (ValueError, KeyError, TypeError, RecursionError):
            version = None
        if not isinstance(version, int) or version > JOURNAL_FORMAT:
            raise JournalError(
                f"{path} was written by a newer rejection-therapy (journal format {version}); "
                "upgrade rejection-therapy. Nothing was changed."
            )
        first = 2
    last = 0
    for number, line in enumerate(lines[first - 1 :], start=first):
        folded = _op_number(line)
        if folded is not None and last < folded <= after:
            last = folded  # already in the data file: no need to parse it
            journal.last_line = line
            if folded == after:
                journal.after_line = line
            continue
        try:
            record = loads(line)
        except (ValueError, RecursionError):
            record = None
        if _is_operation(record) and record["op"] > last:
            journal.operations.append(record)
            last = record["op"]
            journal.last_line = line
        elif first == 1 and _is_legacy(record):
            journal.legacy.append(record)
        else:
            journal.damaged.append(number)
    journal.last_op = last
    return journal


def _op_number(line: bytes) -> int | None:
    """The number of an operation line as this module writes it (`{"op":N,...`), unparsed."""
    if not line.startswith(b'{"op":'):
        return None
    end = line.find(b",", 6)
    digits = line[6:end]
    return int(digits) if 0 < len(digits) < 16 and digits.isdigit() else None


def journal_tail(path: str, size: int = 65536) -> Journal:
    """The operations in the last `size` bytes of the journal (whole lines only)."""
    journal = Journal()
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            journal.size = handle.tell()
            handle.seek(max(0, journal.size - size))
            tail = handle.read(size)
    except FileNotFoundError:
        return journal
    lines = tail.split(b"\n")[1 if journal.size > size else 0 : -1]
    for number, line in enumerate(lines, start=1):
        if line.startswith(b'{"journal":'):
            continue
        try:
            record = loads(line)
        except (ValueError, RecursionError):
            record = None
        if _is_operation(record):
            journal.operations.append(record)
            journal.last_op = max(journal.last_op, record["op"])
        elif _is_legacy(record):
            journal.legacy.append(record)
        else:
            journal.damaged.append(number)  # counted from the tail, not the file
    return journal


def _is_operation(record: object) -> bool:
    return (
        isinstance(record, dict)
        and type(record.get("op")) is int
        and isinstance(record.get("table"), str)
        and isinstance(record.get("doc_id"), str)
        and record["doc_id"].isdigit()
        and (record.get("remove") is True or isinstance(record.get("doc"), dict))
    )


def _is_legacy(record: object) -> bool:
    return (
        isinstance(record, dict)
        and type(record.get("base")) is int
        and isinstance(record.get("table"), str)
        and isinstance(record.get("doc_id"), str)
        and record["doc_id"].isdigit()
        and isinstance(record.get("doc"), dict)
    )


def apply_operations(data: dict[str, Any], operations: list[dict[str, Any]], after: int) -> int:
    """Apply the operations numbered after `after` to `data`; how many applied."""
    applied = 0
    for operation in operations:
        if operation["op"] <= after:
            continue
        table = data.setdefault(operation["table"], {})
        if not isinstance(table, dict):
            continue
        doc_id = operation["doc_id"]
        if operation.get("remove"):
            table.pop(doc_id, None)
        elif operation.get("insert") and doc_id in table:
            table[str(max(int(key) for key in table) + 1)] = operation["doc"]
        else:
            table[doc_id] = operation["doc"]
        applied += 1
    return applied


def apply_legacy(data: dict[str, Any], lines: list[dict[str, Any]], generation: int) -> int:
    """Format 1: put the lines made on top of `generation` into `data`; how many applied."""
    applied = 0
    for line in lines:
        if line["base"] != generation:
            continue
        table = data.setdefault(line["table"], {})
        if isinstance(table, dict):
            table[line["doc_id"]] = line["doc"]
            applied += 1
    return applied


def encode_operations(operations: list[dict[str, Any]]) -> bytes:
    return b"".join(dumps_line(operation).encode("utf-8") + b"\n" for operation in operations)


def append_to_journal(path: str, operations: list[dict[str, Any]]) -> None:
    """Append operations durably (call under the home's lock); a torn last line is cut off
    first, and a new journal starts with its header."""
    payload = encode_operations(operations)
    created = not os.path.exists(path)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o600)
    try:
        size = _cut_torn_tail(descriptor)
        if size == 0:
            payload = HEADER + payload
        try:
            written = 0
            while written < len(payload):
                written += os.write(descriptor, payload[written:])
            os.fsync(descriptor)
        except OSError:
            # Not durable, so not saved: take the lines back rather than let a reader find
            # an entry the person was told failed (and would log again).
            try:  # noqa: SIM105 (contextlib would cost `streak` an import)
                os.ftruncate(descriptor, size)
            except OSError:
                pass
            raise
    finally:
        os.close(descriptor)
    if created:
        fsync_dir(os.path.dirname(path) or ".")


def rewrite_journal(path: str, operations: list[dict[str, Any]]) -> None:
    """Replace the journal with these operations, atomically (call under the lock)."""
    from rejection_therapy.fileio import atomic_write

    atomic_write(path, HEADER + encode_operations(operations))


def _cut_torn_tail(descriptor: int) -> int:
    """Cut a last line without its newline; the size after."""
    size = os.fstat(descriptor).st_size
    if size == 0:
        return 0
    os.lseek(descriptor, max(0, size - 1), os.SEEK_SET)
    if os.read(descriptor, 1) == b"\n":
        os.lseek(descriptor, 0, os.SEEK_END)
        return size
    os.lseek(descriptor, 0, os.SEEK_SET)
    content = b""
    while len(content) < size:
        chunk = os.read(descriptor, size - len(content))
        if not chunk:
            break
        content += chunk
    kept = content.rfind(b"\n") + 1
    os.ftruncate(descriptor, kept)
    os.lseek(descriptor, 0, os.SEEK_END)
    return kept


def remove_journal(path: str) -> None:
    """A backup holds every line now (call under the lock, after writing it)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    fsync_dir(os.path.dirname(path) or ".")
