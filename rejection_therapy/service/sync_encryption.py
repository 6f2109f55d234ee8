"""`sync setup FOLDER --encrypt` and `sync passphrase`: the passphrase made into the
folder's key (sync/crypto.py), the key kept by this home (sync_keys.py), and this
device's log sealed anew whenever the key it writes with changes.

The passphrase is asked for only here (by the CLI, once); every sync after reads the key
this home keeps, so a `log`, the app and the reminder never ask for anything.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from rejection_therapy.fileio import atomic_write
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.sync_keys import FILE_WARNING, keys_path, load_keys, store_keys
from rejection_therapy.service.sync_reading import log_keys
from rejection_therapy.sync.crypto import (
    EncryptionError,
    FolderKey,
    Sealer,
    folder_file,
    folder_key_document,
    new_folder_key,
    open_folder_key,
    parse_folder_key,
    read_folder_key,
    write_folder_key,
)
from rejection_therapy.sync.devicelog import (
    DeviceLog,
    log_name,
    read_log,
    sealed_anew,
)

if TYPE_CHECKING:
    from rejection_therapy.sync.state import SyncState

MAX_KEYS = 8
"""Keys kept by a home: older ones open logs of devices that have not taken a new
passphrase yet; past this many the oldest goes."""


def folder_encrypted(folder: str) -> bool:
    """Whether the folder has a passphrase already (joining asks for it once; starting
    one asks twice)."""
    try:
        return folder_key(folder) is not None
    except UserError:
        return True  # told when the setup reads it


def folder_sealed(folder: str) -> bool:
    """Whether the folder is encrypted: its encryption file says so, or (that file gone)
    a log in it is sealed. A device never joins such a folder in the clear."""
    place = os.path.expanduser(folder)
    if folder_encrypted(place):
        return True
    return any(log_keys(place).values())


def warnings(state: SyncState) -> list[str]:
    """What a sync says of the folder's encryption, each time until it is put right. The
    folder's encryption file deleted, or put back from before a passphrase change, is
    written again as this home knows it (nothing secret is in it)."""
    if not state.key:
        if folder_encrypted(state.folder):
            return [
                f"{state.folder} is encrypted but this device writes its log in the clear: "
                f"run `rejection-therapy sync setup {state.folder} --encrypt`"
            ]
        return []
    try:
        params = folder_key(state.folder)
    except UserError as error:
        return [f"{error}; {_DELETE_IT.format(path=folder_file(state.folder))}"]
    mine = _mine(state)
    if params is None or (
        mine is not None and params != mine and (params.key == mine.key or params.rank <= mine.rank)
    ):  # deleted, an older one put back, or this one tampered with (its salt, its rank)
        restore_folder_file(state)
        return []
    if params.key != state.key:
        return [
            f"the passphrase of {state.folder} changed on another device: run "
            "`rejection-therapy sync passphrase` here with the new one ("
            + _DELETE_IT.format(path=folder_file(state.folder))
            + ")"
        ]
    return []


_DELETE_IT = (
    "if none of your devices changed it, delete {path}: the next sync writes it again "
    "as this home knows it"
)


def _mine(state: SyncState) -> FolderKey | None:
    """The folder's encryption file as this home made or checked it."""
    try:
        return parse_folder_key(state.folder_key) if state.folder_key else None
    except (ValueError, KeyError, TypeError):
        return None


def restore_folder_file(state: SyncState) -> None:
    """The folder's encryption file written again as this home made or checked it."""
    if state.folder_key:
        with contextlib.suppress(OSError, ValueError, KeyError):
            write_folder_key(state.folder, parse_folder_key(state.folder_key))


def changes_passphrase(state: SyncState) -> bool:
    """Whether `sync passphrase` here sets a new passphrase (this home holds the one in
    use), rather than taking the one another device set or entering the current one
    again (the key this home kept is gone)."""
    try:
        params = folder_key(state.folder)
        held = load_keys(state) if state.key else {}
    except UserError:
        return False
    return params is None or (params.key == state.key and state.key in held)


def _folder_key_or_none(folder: str) -> FolderKey | None:
    try:
        return folder_key(folder)
    except UserError:
        return None


def unknown_keys(state: SyncState) -> list[str]:
    """The logs in the folder sealed with a key this home does not hold: another device
    set a passphrase whose encryption.json has not arrived here yet."""
    return [path for path, key in log_keys(state.folder).items() if key and key not in state.keys]


def folder_key(folder: str) -> FolderKey | None:
    try:
        return read_folder_key(os.path.expanduser(folder))
    except EncryptionError as error:
        raise UserError(str(error)) from None


def key_for(folder: str, passphrase: str) -> tuple[FolderKey, bytes, bool]:
    """The folder's key made from the passphrase (checked against the folder's), or a new
    one when the folder has none yet; and whether it is new (not written to the folder
    yet: `publish` does that)."""
    params = folder_key(folder)
    try:
        if params is None:
            return (*new_folder_key(passphrase), True)
        return params, open_folder_key(passphrase, params, folder), False
    except EncryptionError as error:
        raise UserError(str(error)) from None


def new_key(state: SyncState, passphrase: str) -> tuple[FolderKey, bytes]:
    """A new key for the folder, a generation after the one in use."""
    ranks = [k.rank for k in (_mine(state), _folder_key_or_none(state.folder)) if k]
    try:
        return new_folder_key(passphrase, max(ranks, default=(0, ""))[0] + 1)
    except EncryptionError as error:
        raise UserError(str(error)) from None


def publish(folder: str, params: FolderKey) -> None:
    write_folder_key(folder, params)


def adopt(state: SyncState, key: bytes, params: FolderKey) -> str | None:
    """This home keeps `key` (with those it had) and writes with it from now; a warning
    to show when it could only go in a file."""
    try:
        loaded = load_keys(state) if state.keys else {}
    except UserError:
        loaded = {}  # the keys kept here are gone or damaged: from the passphrase anew
    was = state.key_store
    mine = _mine(state)
    older = mine is not None and params.rank < mine.rank
    if older or (params.key in state.keys and params.key != state.key):
        raise UserError(
            "that is an older passphrase of this folder (its encryption file was put back "
            "from an old copy, now written again as this home knows it): type the one in use"
        )
    held = {i: loaded[i] for i in state.keys if i in loaded and i != params.key}
    held[params.key] = key  # the newest last: a log is never read under an older one
    kept = list(held)[-MAX_KEYS:]
    state.key_store = store_keys(state, {k: held[k] for k in kept})
    state.keys, state.key = kept, params.key
    state.folder_key = folder_key_document(params)
    if state.key_store == "file" and was != "file":
        return FILE_WARNING.format(path=keys_path(state.home))
    return None


def seal_own_log(state: SyncState, sealers: dict[str, Sealer], own: DeviceLog) -> None:
    """This device's log (`own`, as own_log_whole read it before the key changed) written
    again whole, sealed with the key the state writes with now, replacing the old in one
    step; the state then resumes after it. The other devices read it again from its
    start (devicelog: a log sealed anew)."""
    data, end = sealed_anew(own, sealers.get(state.key) if state.key else None)
    atomic_write(os.path.join(state.folder, log_name(state.device)), data)
    seen = state.seen.get(state.device, {})
    state.seen[state.device] = {
        **seen,
        "name": state.name,
        "size": end.size,
        "read": end.size,
        "seq": end.last_seq,
        "hash": end.last_hash,
        "at": end.last_at,
        "key": end.key,
    }


def own_log_whole(
    state: SyncState, sealers: dict[str, Sealer], oldest: str | None = None
) -> DeviceLog:
    """This device's log read whole, every line of it opened: else nothing is sealed
    anew (a line left out would be lost from the folder)."""
    path = os.path.join(state.folder, log_name(state.device))
    own = read_log(path, state.device, None, sealers, state.key if oldest is None else oldest)
    if own.locked:  # in the clear until now: sealed for the first time
        own = read_log(path, state.device, None, None)
    trouble = own.broken or (own.problems or [""])[0] or (own.waiting and "a torn last line")
    if trouble or own.last_seq != state.seq:
        raise UserError(
            f"{path} is not as this home wrote it ({trouble or 'lines are missing'}); nothing "
            f"was changed. `rejection-therapy sync setup {state.folder} --device NAME "
            "--encrypt` joins anew with this home's history"
        )
    return own
