"""An export written as a device log, and the import of one: the same lines and the same
merge as `sync`, so carrying a file by hand (`export --format log`, `scp`, `import`) and
syncing through a folder never disagree.

The export's lines are stamped as this home's sync stamped its records (now, for a home
that does not sync), and carry the removals the sync knows of. An imported log is read
and checked like another device's log, but whole: one bad line refuses the file, and
nothing is written.
"""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rejection_therapy.service.errors import UserError
from rejection_therapy.service.sync import (
    merge_into,
    now_ms,
    records_of,
    same_record,
    status_after,
    store_merged,
    sync_state,
)
from rejection_therapy.service.sync_packs import apply_packs, pack_records
from rejection_therapy.service.sync_reading import checked_lines
from rejection_therapy.sync import hlc
from rejection_therapy.sync.devicelog import (
    MAX_LOG_BYTES,
    Entry,
    encode_lines,
    log_device,
    new_log,
    read_log,
)
from rejection_therapy.untrusted import UntrustedFileError, read_bounded

if TYPE_CHECKING:
    from rejection_therapy.service.context import Context

LOG_START = b'{"sync_log"'


def is_log(path: Path) -> bool:
    """Whether the file at `path` starts as a device log (the import tells them apart)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:  # never blocks: a FIFO or a device is no log (the export reader says what it is)
        descriptor = os.open(path, flags)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        return os.read(descriptor, len(LOG_START)) == LOG_START
    except OSError:
        return False
    finally:
        os.close(descriptor)


def export_log(ctx: Context) -> str:
    """Every record of this home, and every removal its sync knows of, as a device log of
    a device of its own (a new id each time: no folder ever takes it for another's)."""
    state = sync_state(ctx)
    tables = ctx.database.read()
    mine = records_of(tables) | pack_records(ctx)
    device = uuid.uuid4().hex
    stamps, drawn = (state.stamps, state.drawn) if state is not None else ({}, {})
    clock, now = "", now_ms(ctx)
    entries: list[Entry] = []
    for name, (table, key, doc) in sorted(mine.items()):
        stamp = stamps.get(name)
        if not stamp:
            clock = hlc.tick(clock, now, device)
            stamp = clock
        made = (drawn.get(name) or stamp) if table == "daily_asks" else ""
        entries.append((stamp, table, key, doc, made))
    for name, stamp in sorted(stamps.items()):
        if name not in mine and "/" in name:
            table, key = name.split("/", 1)
            entries.append((stamp, table, key, None, ""))
    head, log = new_log(device, "export")
    lines, _end = encode_lines(log, entries)
    return (head + lines).decode("utf-8")


def import_log(ctx: Context, path: Path, dry_run: bool) -> int:
    """Merge a device log into this home as `sync` merges one; the count of records that
    changed here. Checked whole first: on any problem nothing is written."""
    try:
        raw = read_bounded(path, MAX_LOG_BYTES, what="rejection-therapy log")
    except UntrustedFileError as error:
        raise UserError(f"{error}; nothing was imported") from None
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror or error}") from None
    device = log_device(raw.split(b"\n", 1)[0])
    if device is None:
        raise UserError(f"{path} line 1 is not a rejection-therapy log's header")
    log = read_log(str(path), device)
    problems = ([log.broken] if log.broken else []) + log.problems
    if log.waiting:
        problems.append(f"{path}: its last line is cut short (a copy still arriving?)")
    problems += checked_lines(log, str(path))
    if problems:
        raise UserError(f"{problems[0]}; nothing was imported")
    state = sync_state(ctx)
    with ctx.database.transaction(after_commit=lambda saved: status_after(ctx, saved)) as t:
        tables = t.tables()
        mine = records_of(tables) | pack_records(ctx)
        merged, result, arrived = merge_into(ctx, tables, mine, [log], state)
        if merged.problems:
            raise UserError(f"{path}: {merged.problems[0]}; nothing was imported")
        changed = _changed(mine, arrived)
        if dry_run or not changed:
            return changed
        store_merged(t, tables, result)
        apply_packs(ctx, merged.packs, mine)
    return changed


def _changed(mine: dict[str, Any], arrived: dict[str, Any]) -> int:
    same = sum(
        1
        for name, (table, _key, doc) in arrived.items()
        if name in mine and same_record(table, mine[name][2], doc)
    )
    return len(arrived) - same + sum(1 for name in mine if name not in arrived)
