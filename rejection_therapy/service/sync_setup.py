"""`sync setup FOLDER [--git] [--encrypt]` and `sync passphrase`: a home joins a sync
folder (or takes git or encryption on), and the folder's passphrase is set, changed or
taken; the syncs themselves are sync.py's."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from rejection_therapy.service import sync_encryption as encryption
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.sync import (
    SyncReport,
    records_of,
    send,
    sync,
    sync_state,
    turn,
)
from rejection_therapy.service.sync_keys import load_sealers
from rejection_therapy.service.sync_local import journal_mark
from rejection_therapy.service.sync_packs import pack_records
from rejection_therapy.service.sync_reading import log_sizes, read_logs
from rejection_therapy.sync.devicelog import MAX_NAME, log_name, start_log
from rejection_therapy.sync.state import (
    SETTINGS_KEY,
    SyncState,
    digest,
    write_sync_state,
)

if TYPE_CHECKING:
    from rejection_therapy.service.context import Context
    from rejection_therapy.sync.crypto import FolderKey, Sealer


def setup(
    ctx: Context,
    folder: str,
    name: str | None,
    new_device: bool,
    git: bool = False,
    passphrase: str | None = None,
) -> SyncReport:
    """Join (or start) a sync folder: this home's history goes into its own new log first.
    With `git`, the folder is a work tree whose remote carries the logs (pulled first, so
    a home joining others sees what they hold); with a `passphrase`, the folder's logs
    are sealed with the key it makes. A home set up here already takes either on."""
    place = Path(folder).expanduser()
    if not place.is_dir():
        raise UserError(f"{folder} is not a folder; make it (or mount it) first")
    place = place.resolve()
    chosen = (name or socket.gethostname() or "device").strip()[:MAX_NAME]
    if not chosen.isprintable() or not chosen:
        raise UserError("--device takes a short printable name, such as laptop")
    notes: list[str] = []
    current = sync_state(ctx)
    own = (log_name(current.device),) if current and current.folder == str(place) else ()
    remote = _git_prepare(str(place), own) if git else None
    keyed = encryption.key_for(str(place), passphrase) if passphrase is not None else None
    if current is not None and not new_device and current.folder == str(place):
        with turn(ctx, wait=True):  # already set up here: a sync, taking on what is asked
            notes += _take_on(ctx, current, remote, keyed)
        return _noted(sync(ctx), notes)
    if keyed is None and encryption.folder_sealed(str(place)):
        raise UserError(
            f"{place} is encrypted: join it with `rejection-therapy sync setup {place} "
            "--encrypt` and its passphrase"
        )
    with turn(ctx, wait=True):
        sent = _start(ctx, place, chosen, remote, keyed, notes)
    report = sync(ctx)
    report.sent += sent
    return _noted(report, notes)


Keyed = tuple["FolderKey", bytes, bool]
"""The folder's key parameters, the key, and whether they are new (sync_encryption.py)."""


def _noted(report: SyncReport, notes: list[str]) -> SyncReport:
    report.problems += notes
    return report


def _git_prepare(folder: str, own: tuple[str, ...]) -> tuple[str, str]:
    """The folder's remote and branch, once it is a work tree this app can sync
    through, pulled."""
    from rejection_therapy.service import sync_git

    return sync_git.prepare(folder, own)


def _take_on(
    ctx: Context, state: SyncState, remote: tuple[str, str] | None, keyed: Keyed | None
) -> list[str]:
    """A home that syncs here already moves to git, or to sealed lines (its own log
    sealed anew), as setup asked."""
    notes = []
    if remote is not None:
        state.transport, (state.remote, state.branch) = "git", remote
    if keyed is not None and keyed[0].key != state.key:
        params, key, new = keyed
        own = encryption.own_log_whole(state, load_sealers(state))  # before any change
        if new:
            encryption.publish(state.folder, params)
        in_the_clear = not state.key
        warning = encryption.adopt(state, key, params)
        notes += [warning] if warning else []
        encryption.seal_own_log(state, load_sealers(state), own)
        if in_the_clear:
            notes.append(
                "what this device wrote in the clear before stays readable wherever earlier "
                "versions of the folder are kept (a git remote's history, a syncer's file "
                "versions, backups): for a clean start, sync through a new folder or repository"
            )
    write_sync_state(str(ctx.paths.home), state)
    return notes


def _start(
    ctx: Context,
    place: Path,
    chosen: str,
    remote: tuple[str, str] | None,
    keyed: Keyed | None,
    notes: list[str],
) -> int:
    """A new device: its log, holding this home's history, and its sync state; the count
    of lines written."""
    device = uuid.uuid4().hex
    state = SyncState(str(place), device, chosen)
    state.home = str(ctx.paths.home)
    if remote is not None:
        state.transport, (state.remote, state.branch) = "git", remote
    if keyed is not None:
        params, key, new = keyed
        if new:
            encryption.publish(str(place), params)
        warning = encryption.adopt(state, key, params)
        notes += [warning] if warning else []
    try:
        sealer = load_sealers(state).get(state.key)
        log = start_log(str(place / log_name(device)), device, chosen, sealer)
    except OSError as error:
        raise UserError(f"cannot write in {place} ({error.strerror or error})") from None
    # No first run is started here: a home joining others takes their runs.
    with ctx.database.transaction() as transaction:
        mine = records_of(transaction.tables()) | pack_records(ctx)
        sending = dict(mine)
        if _others_hold_settings(state):  # the person's settings are theirs already:
            sending.pop(f"settings/{SETTINGS_KEY}", None)  # a new device does not reset them
        sent = send(ctx, state, log, sending, {})
    state.baseline = {name: digest(table, doc) for name, (table, _k, doc) in mine.items()}
    state.journal_op = transaction.last_op
    state.journal_mark = journal_mark(str(ctx.paths.data_file), transaction.last_op)
    write_sync_state(str(ctx.paths.home), state)
    return sent


def _others_hold_settings(state: SyncState) -> bool:
    logs = read_logs(state, SyncReport(), log_sizes(state))
    return any(
        change.table == "settings"
        for log in logs
        if log.device != state.device
        for change in log.changes
    )


def load_sealers_or_none(state: SyncState) -> dict[str, Sealer]:
    """The sealers, or none when the keys kept here are lost (the check of the own log
    then stops at its header, and says so)."""
    try:
        return load_sealers(state)
    except UserError:
        return {}


def remote_url(ctx: Context) -> str | None:
    """The git remote's address, for a home that syncs through git."""
    state = sync_state(ctx)
    if state is None or state.transport != "git":
        return None
    from rejection_therapy.service import sync_git

    return sync_git.remote_url(state)


def passphrase_changes(ctx: Context) -> bool:
    """Whether `sync passphrase` here changes the folder's passphrase (this home holds the
    one in use), rather than taking the one another device set."""
    state = sync_state(ctx)
    if state is None:
        return False
    return encryption.changes_passphrase(state)


def change_passphrase(ctx: Context, passphrase: str) -> str:
    """A new passphrase for the folder, or the one another device set taken here; either
    way this device's log is sealed anew with it."""
    with turn(ctx, wait=True) as mine:
        if not mine:
            raise UserError("a sync of this home is at work; try again in a moment")
        state = sync_state(ctx)
        if state is None:
            raise UserError(
                "this home does not sync: rejection-therapy sync setup FOLDER --encrypt"
            )
        if not state.key:
            raise UserError(
                f"this device writes in the clear: turn encryption on with `rejection-therapy "
                f"sync setup {state.folder} --encrypt`"
            )
        sealers = load_sealers_or_none(state)
        own = encryption.own_log_whole(state, sealers) if sealers else None  # before any change
        held = encryption.folder_key(state.folder)
        if held is not None and held.key in state.keys and held.key != state.key:
            encryption.restore_folder_file(state)  # an old copy put back: the one in use
        changing = encryption.changes_passphrase(state)
        waiting = encryption.unknown_keys(state)
        if changing and waiting:
            raise UserError(
                f"{waiting[0]} is sealed with a passphrase another device set, whose "
                f"encryption.json has not arrived in {state.folder} yet: wait for it, then "
                "run `rejection-therapy sync passphrase` with that passphrase"
            )
        if changing:
            params, key = encryption.new_key(state, passphrase)
        else:
            params, key, _new = encryption.key_for(state.folder, passphrase)
        sealed_with = state.key
        warning = encryption.adopt(state, key, params)
        if changing:
            encryption.publish(state.folder, params)
        if state.key != sealed_with:  # the same key again (its file was lost): as it is
            if own is None:  # its keys were lost: read with the one taken now
                own = encryption.own_log_whole(state, load_sealers(state), sealed_with)
            encryption.seal_own_log(state, load_sealers(state), own)
        write_sync_state(str(ctx.paths.home), state)
    told = f" ({warning})" if warning else ""
    if changing:
        return (
            f"The passphrase changed and this device's log is sealed anew{told}. On each other "
            "device run `rejection-therapy sync passphrase` with the new one: until then "
            "they cannot read this device's changes"
        )
    return f"This device now uses the folder's passphrase; its log is sealed anew{told}"
