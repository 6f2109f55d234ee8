"""`sync`, `sync status`, `sync leave`: this home's history shared through a folder (a
syncer's, or a git clone: sync_git.py), one log per device (sync/), merged into this
home's own data file. Joining a folder and its passphrase: sync_setup.py.

A sync, under the home's lock: what changed here since the last sync is appended to this
device's log (fsynced); every device's log is read and merged (sync/merge.py); the
result replaces this home's records in one transaction, and the digests of what it now
holds become the baseline the next sync compares against.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rejection_therapy.filenames import SYNC_BACKGROUND_FILE, SYNC_GIT_FILE, SYNC_RUNNING_FILE
from rejection_therapy.service import sync_encryption as encryption
from rejection_therapy.service import sync_reading as reading
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.sync_keys import forget_keys, load_sealers
from rejection_therapy.service.sync_local import journal_mark, touched_since
from rejection_therapy.service.sync_packs import (
    PACKS,
    Records,
    apply_packs,
    pack_records,
    packs_crc,
)
from rejection_therapy.storage.migrations import SCHEMA_VERSION
from rejection_therapy.storage.stamp import stamp_of
from rejection_therapy.sync import hlc
from rejection_therapy.sync.devicelog import (
    TABLES,
    Change,
    DeviceLog,
    append_lines,
    log_name,
    read_log,
)
from rejection_therapy.sync.merge import (
    DEVICE_ONLY_SETTINGS,
    Merged,
    merge_logs,
)
from rejection_therapy.sync.state import (
    SETTINGS_KEY,
    SyncState,
    SyncStateError,
    digest,
    read_sync_state,
    record_key,
    state_path,
    write_sync_state,
)

if TYPE_CHECKING:
    from rejection_therapy.service.context import Context
    from rejection_therapy.storage.transaction import Transaction


@dataclass
class SyncReport:
    sent: int = 0
    received: int = 0
    devices: dict[str, str] = field(default_factory=dict)
    """device id -> name, of every log read."""
    problems: list[str] = field(default_factory=list)
    unreachable: str | None = None
    transport_problem: str | None = None
    """Why the git remote could not be pulled from or pushed to (all stays committed in
    the folder, and goes out at the next sync)."""


def syncing(ctx: Context) -> bool:
    """Whether this home has a sync folder set up (its state file is there)."""
    return os.path.lexists(state_path(str(ctx.paths.home)))


def sync_state(ctx: Context) -> SyncState | None:
    try:
        return read_sync_state(str(ctx.paths.home))
    except SyncStateError as error:
        raise UserError(str(error)) from None


def now_ms(ctx: Context) -> int:
    from zoneinfo import ZoneInfo

    return int(ctx.clock_in(ZoneInfo("UTC")).now().timestamp() * 1000)


def records_of(tables: dict[str, Any]) -> Records:
    found: Records = {}
    for table in TABLES:
        for doc in (tables.get(table) or {}).values():
            if not isinstance(doc, dict):
                continue
            if table == "settings":
                doc = {k: v for k, v in doc.items() if k not in DEVICE_ONLY_SETTINGS}
            key = record_key(table, doc)
            if key is not None:
                found[f"{table}/{key}"] = (table, key, doc)
    return found


Line = tuple[str, str, str, dict[str, Any] | None, str]
"""(stamp, table, key, the record or None for a removal, when a day's ask was drawn or
""): one line to append."""


def _local_changes(
    ctx: Context,
    state: SyncState,
    mine: Records,
    baseline: dict[str, str],
    only: set[str] | None = None,
    holds_all: bool = True,
) -> tuple[list[Line], str, dict[str, str]]:
    """What differs from the baseline (among the names `only`, when the journal tells
    which records changed), stamped; the clock after the last stamp; and the digests of
    the records compared. When `mine` `holds_all` of the home's records, every record of
    the baseline missing from it is a removal (a cheap look, whatever the journal says)."""
    now = now_ms(ctx)
    lines: list[Line] = []
    clock = state.clock
    digests: dict[str, str] = {}
    names = sorted(mine if only is None else only & set(mine))
    for name in names:
        table, key, doc = mine[name]
        digests[name] = digest(table, doc)
        if baseline.get(name) != digests[name]:
            clock = hlc.tick(clock, now, state.device)
            lines.append((clock, table, key, doc, _drawn(state, name, clock)))
    gone = set(baseline) - set(mine)
    for name in sorted(gone if holds_all or only is None else gone & only):
        table, key = name.split("/", 1)
        clock = hlc.tick(clock, now, state.device)
        lines.append((clock, table, key, None, ""))
    return lines, clock, digests


def _drawn(state: SyncState, name: str, stamp: str) -> str:
    """When the draw a day's ask continues was made: the held version's (a swap, a note
    added), or now for a new draw; "" for other records."""
    if not name.startswith("daily_asks/"):
        return ""
    if name in state.baseline:
        return state.drawn.get(name) or state.stamps.get(name) or stamp
    return stamp


def _append(ctx: Context, state: SyncState, log: DeviceLog, lines: list[Line], clock: str) -> None:
    """Append the lines to this device's log (fsynced); `log` then ends after them."""
    if not lines:
        return
    state.writing = state.seq + len(lines)
    write_sync_state(str(ctx.paths.home), state)  # before: a crash mid-append is ours
    path = os.path.join(state.folder, log_name(state.device))
    end = append_lines(path, log, lines)
    state.seq, state.clock = end.last_seq, clock
    log.changes, log.last_seq, log.last_hash, log.size, log.last_at = (
        end.changes,
        end.last_seq,
        end.last_hash,
        end.size,
        end.last_at,
    )


def send(
    ctx: Context, state: SyncState, log: DeviceLog, mine: Records, baseline: dict[str, str]
) -> int:
    """Append what differs from the baseline to this device's log; the count."""
    lines, clock, _digests = _local_changes(ctx, state, mine, baseline)
    _append(ctx, state, log, lines, clock)
    return len(lines)


@dataclass
class _Plan:
    """A sync worked out from a reading of the home and the folder, ready to be applied
    if the home has not changed since that reading."""

    state: SyncState
    local_stamp: list[int]
    mine: Records
    own: DeviceLog
    lines: list[Line]
    clock: str
    logs: list[DeviceLog]
    result: dict[str, Any]
    packs: dict[str, str]
    after: dict[str, str]
    stamps: dict[str, str]
    newest: str
    sizes: dict[str, int]
    report: SyncReport
    deferred: set[str]
    drawn: dict[str, str]


def sync(ctx: Context, background: bool = False, transport: bool = True) -> SyncReport:
    """Sync now: pulled from the git remote first and pushed after, when the folder is a
    work tree and `transport` (a `sync` by hand, the app; never the background sync after
    a quick `log`: git may wait on the network); a device writing in the clear into an
    encrypted folder is told so."""
    state = sync_state(ctx)
    if transport and state is not None and state.transport == "git":
        report = _through_git(ctx, state, background)
    else:
        report = _local(ctx, background)
    if state is not None:
        report.problems += encryption.warnings(state)
    return report


def _through_git(ctx: Context, state: SyncState, background: bool) -> SyncReport:
    """The sync between a pull and a push, one git round of a home at a time (in the
    background, a round already at work is enough: this change goes out with the next)."""
    from rejection_therapy.service import sync_git

    with _flock(ctx, SYNC_GIT_FILE, wait=not background) as mine:
        if not mine:
            report = _local(ctx, background)
            if not background:
                report.transport_problem = (
                    "another sync's git round held this home for a minute: merged here, "
                    "but not pulled or pushed; run `rejection-therapy sync` again"
                )
            return report
        report, pulled, pushed = sync_git.git_round(state, lambda: _local(ctx, background))
        with turn(ctx, wait=True):
            fresh = sync_state(ctx)
            if fresh is not None:
                moment = now(ctx).isoformat()
                fresh.last_pull = moment if pulled else fresh.last_pull
                fresh.last_push = moment if pushed else fresh.last_push
                fresh.transport_problem = report.transport_problem or ""
                write_sync_state(str(ctx.paths.home), fresh)
    return report


def _local(ctx: Context, background: bool) -> SyncReport:
    """Merge now. The reading and the merge happen without the home's lock (a `log` or a
    key in the app never waits for them); the lock is held only to append and store the
    result, and only if nothing changed here in the meantime (else it is worked out
    again). By hand, a home that keeps changing is finally synced under the lock; in the
    `background` (after a `log`, in the app) it is left for the next sync instead, and a
    background sync already running makes another one unneeded."""
    if background:
        return _in_background(ctx)
    with turn(ctx, wait=True) as mine:
        if not mine:
            raise UserError(
                f"another sync of this home has run for {TURN_WAIT_SECONDS} s and holds "
                f"{ctx.paths.home / SYNC_RUNNING_FILE}; try again in a moment"
            )
        return _sync(ctx, patient=True)


SETTLE_SECONDS = 0.5
"""A background sync waits this long first: the changes of a burst go out together."""
MAX_ROUNDS = 10


def _in_background(ctx: Context) -> SyncReport:
    """One background sync of a home at a time, which takes every change made while it
    waits or works: it syncs until nothing is new here, then looks again after letting go
    (a change saved as it finished, whose command saw it still there and started none, is
    not left behind). It waits its turn behind a sync by hand."""
    report = SyncReport()
    for _attempt in range(MAX_ROUNDS):
        with _flock(ctx, SYNC_BACKGROUND_FILE, wait=False) as alone:
            if not alone:
                return report  # the one waiting or at work takes this change too
            for _round in range(MAX_ROUNDS):
                time.sleep(SETTLE_SECONDS)
                with turn(ctx, wait=True) as mine:
                    if not mine:
                        return report
                    report = _sync(ctx, patient=False)
                if _settled(ctx):
                    break
        if _settled(ctx):
            break
    return report


def _settled(ctx: Context) -> bool:
    """Nothing changed here since this home's last sync."""
    state = sync_state(ctx)
    return state is None or _local_stamp(ctx) == state.data_stamp


TURN_WAIT_SECONDS = 60


def turn(ctx: Context, wait: bool) -> contextlib.AbstractContextManager[bool]:
    """Whether this sync has its home's turn: one sync of a home at a time (by hand, in the
    background, from the app or the reminder), so no two write this device's log or
    sync.json at once, and none needs the home's lock for that. A sync by hand waits for
    its turn; one in the background leaves the work to the sync that has it."""
    return _flock(ctx, SYNC_RUNNING_FILE, wait)


@contextlib.contextmanager
def _flock(ctx: Context, name: str, wait: bool) -> Iterator[bool]:
    """Whether this process holds the flock on the home's file `name` (waiting for it up
    to TURN_WAIT_SECONDS when `wait`)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; syncs there run by hand, one at a time
        yield True
        return
    path = os.path.join(str(ctx.paths.home), name)
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileNotFoundError:  # no home yet (a first setup): nothing else syncs it
        yield True
        return
    try:
        deadline = time.monotonic() + TURN_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if not wait or time.monotonic() > deadline:
                    yield False
                    return
                time.sleep(0.05)
        yield True
    finally:
        os.close(descriptor)


def _sync(ctx: Context, patient: bool) -> SyncReport:
    state = sync_state(ctx)
    if state is None:
        raise UserError("this home syncs with no folder yet: rejection-therapy sync setup FOLDER")
    report = SyncReport()
    if not os.path.isdir(state.folder):
        report.unreachable = (
            f"{state.folder} cannot be reached (an unmounted drive?); changes wait here "
            "until it can"
        )
        return report
    sizes = reading.log_sizes(state)
    seen_sizes = reading.seen_sizes(state, sizes)
    report.devices = {d: str(seen.get("name", "")) for d, seen in state.seen.items()}
    if _local_stamp(ctx) == state.data_stamp and sizes == seen_sizes:
        return report  # nothing changed here or in the folder since the last sync
    try:  # a copied home is refused before the history is read
        reading.own_log(os.path.join(state.folder, log_name(state.device)), state)
    except UserError:
        if patient:
            raise
        return report  # the background says nothing: the next `sync` explains
    sizes.pop(state.device, None)
    seen_sizes.pop(state.device, None)
    if sizes == seen_sizes:  # only this home changed: send, with no need to merge
        sent = _send_only(ctx)
        if sent is not None:
            return sent
    for _attempt in range(3):
        try:
            plan = _prepare(ctx, state, ctx.database.read)
        except UserError:
            break  # maybe another sync of this home mid-append: decided under the lock
        done = _apply_plan(ctx, plan)
        if done is not None:
            return done
        state = sync_state(ctx) or state  # the home changed meanwhile: work it out again
    if not patient:
        return report  # busy here: the next sync takes it, and no `log` waits for this one
    return _apply_plan(ctx, None) or report  # busy: this time under the lock


def _send_only(ctx: Context) -> SyncReport | None:
    """Append what this home's journal says changed since the last sync to this device's
    log, without reading its history and without the home's lock (a `log` never waits
    for it: the journal is only appended to, and the sync's turn keeps other syncs off
    this device's log): the sync after a `log`. None when that cannot be decided so
    (the full sync then runs)."""
    state = sync_state(ctx)
    if state is None or state.data_stamp is None:
        return None
    stamp = _local_stamp(ctx)  # before the journal is read: a change after it shows
    if stamp[-1] != state.data_stamp[-1]:
        return None  # a pack changed: packs are compared whole
    touched = touched_since(str(ctx.paths.data_file), state.journal_op, state.journal_mark)
    path = os.path.join(state.folder, log_name(state.device))
    resume = reading.resume_at(state.seen.get(state.device))
    if touched is None or resume is None:
        return None
    try:
        own = read_log(path, state.device, resume, load_sealers(state), state.key)
    except OSError:
        return None
    if (
        own.broken
        or own.changes
        or own.waiting
        or own.last_seq != state.seq
        or own.key != state.key
    ):
        return None  # a crash mid-append, or a copied home: the full sync tells
    own.name = state.name
    records, last_op, mark = touched
    mine = {
        name: (name.split("/", 1)[0], name.split("/", 1)[1], doc)
        for name, doc in records.items()
        if doc is not None
    }
    lines, clock, digests = _local_changes(
        ctx, state, mine, state.baseline, set(records), holds_all=False
    )
    _append(ctx, state, own, lines, clock)
    for stamp_line, table, key, doc, drawn in lines:
        name = f"{table}/{key}"
        state.stamps[name] = stamp_line
        if drawn:
            state.drawn[name] = drawn
        if doc is None:
            state.baseline.pop(name, None)
        else:
            state.baseline[name] = digests[name]
    before = state.seen.get(state.device, {})
    end = own.end
    state.seen[state.device] = {
        **before,
        "size": own.size,
        "read": end.size,
        "seq": end.seq,
        "hash": end.hash,
        "at": end.last_at,
        "key": end.key,
        "newest": max(str(before.get("newest", "")), clock if lines else ""),
    }
    state.journal_op, state.journal_mark, state.data_stamp = last_op, mark, stamp
    _mark_synced(ctx, state)
    write_sync_state(str(ctx.paths.home), state)
    report = SyncReport(sent=len(lines))
    report.devices = {d: str(seen.get("name", "")) for d, seen in state.seen.items()}
    return report


def _prepare(ctx: Context, state: SyncState, read: Callable[[], dict[str, Any]]) -> _Plan:
    """The sync worked out from the home as `read` gives it. Its stamp and the journal are
    read first: a change saved after them shows as a new stamp, and the plan is refused."""
    report = SyncReport()
    own = reading.own_log(os.path.join(state.folder, log_name(state.device)), state)
    local_stamp = _local_stamp(ctx)
    touched = touched_since(str(ctx.paths.data_file), state.journal_op, state.journal_mark)
    tables = read()
    sizes = reading.log_sizes(state)
    mine = records_of(tables) | pack_records(ctx)
    only = None if touched is None else set(touched[0]) | {n for n in mine if n.startswith(PACKS)}
    only = None if only is None else only | {n for n in state.baseline if n.startswith(PACKS)}
    lines, clock, digests = _local_changes(ctx, state, mine, state.baseline, only)
    preview = DeviceLog(own.device, own.name, list(own.changes), own.last_seq)
    preview.changes += [
        Change(own.last_seq + n, stamp, table, key, doc, own.last_seq + n + 1, drawn or stamp)
        for n, (stamp, table, key, doc, drawn) in enumerate(lines, start=1)
    ]
    logs = reading.read_logs(state, report, sizes, preview)
    merged, result, arrived = merge_into(ctx, tables, mine, logs, state)
    report.problems += merged.problems
    report.sent = len(lines)
    after, changed = _digests_after(state.baseline, mine, arrived, digests)
    report.received = changed
    return _Plan(
        state,
        local_stamp,
        mine,
        own,
        lines,
        clock,
        logs,
        result,
        merged.packs,
        after,
        {**state.stamps, **merged.stamps},
        max(state.clock, merged.newest),
        sizes,
        report,
        merged.deferred,
        merged.drawn,
    )


def merge_into(
    ctx: Context,
    tables: dict[str, Any],
    mine: Records,
    logs: list[DeviceLog],
    state: SyncState | None,
) -> tuple[Merged, dict[str, Any], Records]:
    """The logs merged with what this home holds (as its sync last stamped it, when it
    syncs): the merge, the tables it makes (empty when nothing changes) and their records.
    `sync` and the import of a log both merge this way."""
    stamps, drawn = (state.stamps, state.drawn) if state is not None else ({}, {})
    held = [  # what this home holds, and what it knows was removed, as last stamped
        Change(0, stamps.get(name, ""), table, key, doc, 0, drawn.get(name, ""))
        for name, (table, key, doc) in mine.items()
    ] + [
        Change(0, stamp, name.split("/", 1)[0], name.split("/", 1)[1], None, 0)
        for name, stamp in stamps.items()
        if name not in mine and "/" in name
    ]
    here = state.device if state is not None else ""
    merged = merge_logs(logs, now_ms(ctx), here, held)
    if not merged.changes:
        return merged, {}, mine
    result: dict[str, Any] = dict(merged.tables)
    settings = _settings_doc(tables, merged.settings)
    if settings is not None:
        result["settings"] = {"1": settings}
    arrived = records_of(result) | {
        f"{PACKS}/{key}": (PACKS, key, {"id": key, "yaml": text})
        for key, text in merged.packs.items()
    }
    return merged, result, arrived


def _digests_after(
    baseline: dict[str, str],
    mine: Records,
    arrived: Records,
    digests: dict[str, str],
) -> tuple[dict[str, str], int]:
    """The digests of the records after the merge, and how many differ from what this
    home held. A record the merge left as it was keeps its digest (computed only for the
    records that changed: ten years of history are not hashed again for one entry)."""
    after: dict[str, str] = {}
    changed = 0
    for name, (table, _key, doc) in arrived.items():
        held = mine.get(name)
        if held is not None and same_record(table, held[2], doc):
            # compared here (digests), or untouched since the last sync (its baseline)
            after[name] = digests.get(name) or baseline.get(name) or digest(table, doc)
        else:
            after[name] = digest(table, doc)
            changed += 1
    changed += sum(1 for name in mine if name not in arrived)
    return after, changed


def same_record(table: str, held: dict[str, Any], doc: dict[str, Any]) -> bool:
    """Equal records (an entry's order number aside: a merge numbers entries anew)."""
    if held == doc:
        return True
    return table == "entries" and {**held, "seq": 0} == {**doc, "seq": 0}


def _apply_plan(ctx: Context, plan: _Plan | None) -> SyncReport | None:
    """Append and store a plan under the lock; None when the home changed since it was
    worked out (no plan: work it out now, under the lock)."""
    committed: list[list[int]] = []

    def saved(transaction: Transaction) -> None:
        status_after(ctx, transaction)
        committed.append(_local_stamp(ctx))  # under the lock, as saved

    with ctx.database.transaction(after_commit=saved) as t:
        state = sync_state(ctx)
        if state is None:
            raise UserError("this home stopped syncing meanwhile (`sync leave`)")
        if plan is None:
            plan = _prepare(ctx, state, t.tables)
        elif _local_stamp(ctx) != plan.local_stamp or (state.seq, state.clock) != (
            plan.state.seq,
            plan.state.clock,
        ):
            return None  # a change here, or another sync, since the plan was made
        _append(ctx, state, plan.own, plan.lines, plan.clock)
        plan.sizes[state.device] = plan.own.size  # its whole lines, as just written
        local_stamp = plan.local_stamp
        if plan.report.received:
            store_merged(t, t.tables(), plan.result)
            apply_packs(ctx, plan.packs, plan.mine)
            local_stamp = _local_stamp(ctx)  # the packs as written (the data, if unchanged)
        state.baseline, state.stamps, state.drawn = plan.after, plan.stamps, plan.drawn
        state.clock = max(state.clock, plan.newest)
        state.seen = _seen_after(state, plan)
        _mark_synced(ctx, state)
    state.journal_op = t.last_op  # the operations of this merge are in the baseline too
    state.journal_mark = journal_mark(str(ctx.paths.data_file), t.last_op)
    report = plan.report
    state.problems = [*state.problems, *report.problems] if report.problems else state.problems
    state.data_stamp = committed[-1] if committed else local_stamp
    write_sync_state(str(ctx.paths.home), state)  # after the commit: the baseline is stored
    return report


def _mark_synced(ctx: Context, state: SyncState) -> None:
    state.last_sync = datetime.fromtimestamp(now_ms(ctx) / 1000, UTC).isoformat()
    state.waiting = 0


def _seen_after(state: SyncState, plan: _Plan) -> dict[str, dict[str, Any]]:
    """What has been read of each device's log, and where the next reading resumes. A
    log with a line set aside for now is read again from where this reading began."""
    seen = dict(state.seen)  # a log gone for now (a syncer replacing it) keeps its place
    for device, size in plan.sizes.items():
        before = state.seen.get(device)
        read = next((log for log in plan.logs if log.device == device), None)
        if device == state.device:
            read = plan.own
        if read is None:
            continue  # not grown: not read
        if device in plan.deferred or read.locked:  # read again at each sync until it opens
            seen[device] = {**(before or {"name": read.name}), "size": -1}  # read it again
            continue
        if read.broken and before is not None:
            seen[device] = {**before, "size": size}  # reported; read again once it grows
            continue
        end = read.end
        if size == reading.RESEALED:  # its header named a key other than the one it was read with
            size = getattr(plan.sizes, "real", {}).get(device, -1)
        if read.waiting:
            size = -1  # a last line still arriving: read again, even at the same size
        seen[device] = {
            "name": read.name or (before or {}).get("name", ""),
            "size": size if device != state.device else read.size,
            "read": end.size,
            "seq": end.seq,
            "hash": end.hash,
            "at": end.last_at,
            "key": end.key,
            "newest": max(reading.newest(read), str((before or {}).get("newest", ""))),
        }
    return seen


def _local_stamp(ctx: Context) -> list[int]:
    """The data file's stamp and the packs': unchanged, nothing here is new."""
    return [*(stamp_of(str(ctx.paths.data_file)) or []), packs_crc(ctx)]


def _settings_doc(current: dict[str, Any], synced: dict[str, Any] | None) -> dict[str, Any] | None:
    docs = current.get("settings") or {}
    mine = dict(next(iter(docs.values()))) if docs else {}
    if synced is None:
        return mine or None
    return {**mine, **synced}


def store_merged(transaction: Transaction, current: dict[str, Any], result: dict[str, Any]) -> None:
    """Store the merge: its records came out of the import merge (each checked, then put
    in order together) and the settings were checked line by line, so they are stored as
    they are, not checked a second time (that took most of a second at ten years)."""
    transaction.replace_tables({**current, **result})


def status_after(ctx: Context, saved: Transaction) -> None:
    with contextlib.suppress(OSError):  # stale, so rebuilt by the next read
        ctx.save_status(saved.tables(), SCHEMA_VERSION, saved.last_op + 1)


def now(ctx: Context) -> datetime:
    """This home's clock now (REJECTION_THERAPY_NOW in tests and benchmarks)."""
    return datetime.fromtimestamp(now_ms(ctx) / 1000, UTC)


def stamp_time(stamp: str) -> datetime | None:
    """When a clock stamp was made (its wall part), or None for no stamp."""
    wall = hlc.wall_ms(stamp) if stamp else 0
    return datetime.fromtimestamp(wall / 1000, UTC) if wall else None


@dataclass
class SyncStatus:
    state: SyncState | None
    reachable: bool
    pending: int
    """Changes made here that are not in the folder yet."""
    unread: list[str] = field(default_factory=list)
    """Devices whose log grew since this home last read it (this home is a sync behind)."""


def status(ctx: Context) -> SyncStatus:
    state = sync_state(ctx)
    if state is None:
        return SyncStatus(None, False, 0)
    reachable = os.path.isdir(state.folder)
    sizes = reading.log_sizes(state) if reachable else {}
    unread = sorted(
        device
        for device, size in sizes.items()
        if device != state.device and state.seen.get(device, {}).get("size") != size
    )
    if _local_stamp(ctx) == state.data_stamp:
        return SyncStatus(state, reachable, 0, unread)  # nothing changed here since
    mine = records_of(ctx.database.read()) | pack_records(ctx)
    lines, _clock, _digests = _local_changes(ctx, state, mine, state.baseline)
    return SyncStatus(state, reachable, len(lines), unread)


def leave(ctx: Context) -> str:
    """Stop syncing here; this device's log stays in the folder (other devices keep what
    it brought), and this home keeps its history."""
    with turn(ctx, wait=True) as mine:  # not under a sync at work, which would write
        if not mine:  # sync.json back as it finished
            raise UserError("a sync of this home is at work; try `sync leave` again in a moment")
        state = sync_state(ctx)
        if state is None:
            return "this home was not syncing: nothing to leave"
        os.unlink(state_path(str(ctx.paths.home)))
        forget_keys(state)
    return (
        f"This home no longer syncs with {state.folder}. Its log there stays (the other "
        "devices keep what it brought); delete it by hand once they have synced"
    )


__all__ = ["SETTINGS_KEY", "leave", "status", "sync"]
