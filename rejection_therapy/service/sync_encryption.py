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
from rejection_therapy.sync.crypto import (
    EncryptionError,
    FolderKey,
    Sealer,
    new_folder_key,
    open_folder_key,
    read_folder_key,
    write_folder_key,
)
from rejection_therapy.sync.crypto import (
    folder_file as crypto_file,
)
from rejection_therapy.sync.devicelog import log_name, read_log, sealed_anew

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
    with contextlib.suppress(OSError):
        for entry in os.scandir(place):
            if entry.name.endswith(".log") and entry.is_file(follow_symlinks=False):
                with open(entry.path, "rb") as file:
                    if b'"key"' in file.readline(4096):
                        return True
    return False


def warnings(state: SyncState) -> list[str]:
    """What a sync says of the folder's encryption, each time until it is put right."""
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
        return [str(error)]
    if params is None:
        return [
            f"{crypto_file(state.folder)} is gone (deleted, or not synced yet), so a device "
            "could join in the clear: run `rejection-therapy sync passphrase` here to set "
            "the passphrase again"
        ]
    if params.key != state.key:
        return [
            f"the passphrase of {state.folder} changed on another device: run "
            "`rejection-therapy sync passphrase` here with the new one"
        ]
    return []


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


def new_key(passphrase: str) -> tuple[FolderKey, bytes]:
    try:
        return new_folder_key(passphrase)
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
    held = {i: loaded[i] for i in state.keys if i in loaded and i != params.key}
    held[params.key] = key  # the newest last: a log is never read under an older one
    kept = list(held)[-MAX_KEYS:]
    state.key_store = store_keys(state, {k: held[k] for k in kept})
    state.keys, state.key = kept, params.key
    if state.key_store == "file" and was != "file":
        return FILE_WARNING.format(path=keys_path(state.home))
    return None


def seal_own_log(state: SyncState, sealers: dict[str, Sealer]) -> None:
    """This device's log written again whole, sealed with the key the state writes with
    (in the clear for none), replacing the old in one step; the state then resumes after
    it. The other devices read it again from its start (devicelog: a log sealed anew)."""
    path = os.path.join(state.folder, log_name(state.device))
    own = read_log(path, state.device, None, sealers)
    if own.locked:  # in the clear until now: sealed for the first time
        own = read_log(path, state.device, None, None)
    trouble = own.broken or (own.problems or [""])[0] or (own.waiting and "a torn last line")
    if trouble or own.last_seq != state.seq:
        raise UserError(
            f"{path} is not as this home wrote it ({trouble or 'lines are missing'}); nothing "
            f"was changed. `rejection-therapy sync setup {state.folder} --device NAME "
            "--encrypt` joins anew with this home's history"
        )
    data, end = sealed_anew(own, sealers.get(state.key) if state.key else None)
    atomic_write(path, data)
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
