"""The journal: new documents appended beside the TinyDB file, folded into it later.

Rewriting a ten-year data file (megabytes of JSON) for every `log` costs more than the
rest of the command, so the fast `log` appends one line per new document here, under the
home's lock, and fsyncs it. Every reader applies the journal on top of the data file; the
next full write folds it in and removes it.

Each line is `{"base": G, "table": T, "doc_id": ID, "doc": {...}}`. A line applies only
to the data file whose generation is G: a journal left behind by a write that was
interrupted after saving the data file (which already holds its lines) is ignored, so no
line is ever applied twice. A last line without its newline was cut short by a crash
before its `log` answered; it is ignored, and the next append cuts it off.

Standard library only: the fast `log` imports this module.
"""

from __future__ import annotations

import os

from rejection_therapy.storage.files import fsync_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

JOURNAL_SUFFIX = ".journal"


class JournalError(Exception):
    """A journal line is damaged (not merely cut short by a crash)."""


def journal_path_for(data_path: str) -> str:
    """`rejection-therapy.json` keeps its journal in `rejection-therapy.journal`."""
    root, _ = os.path.splitext(data_path)
    return root + JOURNAL_SUFFIX


def read_journal(path: str) -> list[dict[str, Any]]:
    """Every complete line, in order; [] when there is no journal."""
    records, damaged = salvage_journal(path)
    if damaged:
        raise JournalError(
            f"{path} line {damaged[0]} is damaged; nothing was changed. Run "
            "`rejection-therapy doctor --repair` to keep every readable line."
        )
    return records


def salvage_journal(path: str) -> tuple[list[dict[str, Any]], list[int]]:
    """The readable complete lines, and the numbers of the damaged ones."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return [], []
    import json  # here, not at the top: `streak` imports this module for its file name

    lines = raw.split(b"\n")
    lines.pop()  # after the last newline: empty, or a line a crash cut short
    records, damaged = [], []
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if _is_record(record):
            records.append(record)
        else:
            damaged.append(number)
    return records, damaged


def _is_record(record: object) -> bool:
    return (
        isinstance(record, dict)
        and isinstance(record.get("base"), int)
        and isinstance(record.get("table"), str)
        and isinstance(record.get("doc_id"), str)
        and record["doc_id"].isdigit()
        and isinstance(record.get("doc"), dict)
    )


def apply_journal(data: dict[str, Any], records: list[dict[str, Any]], generation: int) -> int:
    """Put the lines made on top of `generation` into `data`; how many applied."""
    applied = 0
    for record in records:
        if record["base"] != generation:
            continue
        table = data.setdefault(record["table"], {})
        table[record["doc_id"]] = record["doc"]
        applied += 1
    return applied


def append_to_journal(path: str, records: list[dict[str, Any]]) -> None:
    """Append lines durably (call under the home's lock); a torn last line is cut off first."""
    import json

    payload = b"".join(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        for record in records
    )
    created = not os.path.exists(path)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _cut_torn_tail(descriptor)
        size = os.lseek(descriptor, 0, os.SEEK_END)
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


def _cut_torn_tail(descriptor: int) -> None:
    size = os.fstat(descriptor).st_size
    if size == 0:
        return
    os.lseek(descriptor, 0, os.SEEK_SET)
    content = b""
    while len(content) < size:
        chunk = os.read(descriptor, size - len(content))
        if not chunk:
            break
        content += chunk
    if not content.endswith(b"\n"):
        os.ftruncate(descriptor, content.rfind(b"\n") + 1)


def remove_journal(path: str) -> None:
    """The data file now holds every line (call under the lock, after saving it)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    fsync_dir(os.path.dirname(path) or ".")
