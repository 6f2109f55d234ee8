"""Where this home keeps the key of an encrypted sync folder: the OS keyring where one
works (the `keyring` package: macOS Keychain, Windows Credential Locker, the Secret
Service of a desktop session), else a 0600 file in the home, with a warning at setup
that says what that means. Never the passphrase: only the key made from it.

Read without asking anything: a background sync after a `log` or the reminder needs the
key, and must never prompt. The keyring is imported only by a home that uses it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
from typing import TYPE_CHECKING

from rejection_therapy.fileio import atomic_write
from rejection_therapy.filenames import SYNC_KEYS_FILE
from rejection_therapy.service.errors import UserError
from rejection_therapy.sync.crypto import Sealer, key_id
from rejection_therapy.untrusted import UntrustedFileError, read_json_object

if TYPE_CHECKING:
    from rejection_therapy.sync.state import SyncState

KEYRING_SERVICE = "rejection-therapy sync"
NO_KEYRING_VARIABLE = "REJECTION_THERAPY_NO_KEYRING"
"""Set (to anything): keep the key in the home's file even where a keyring works."""
FILE_WARNING = (
    "no OS keyring here: the folder's key is kept in {path} (only you can read it). "
    "Anyone who can read that file can read your synced history: keep the home private, "
    "and never put it in the sync folder"
)

_loaded: dict[tuple[str, str, tuple[str, ...]], dict[str, Sealer]] = {}


def keys_path(home: str) -> str:
    return os.path.join(home, SYNC_KEYS_FILE)


def _account(state: SyncState) -> str:
    return f"{state.device} {state.home}"


def store_keys(state: SyncState, keys: dict[str, bytes]) -> str:
    """Keep `keys` (id -> key) for this home: "keyring" when the OS keyring took them (and
    gives them back), else "file". Any file left from before is removed once they are in
    the keyring."""
    payload = json.dumps({k: base64.b64encode(v).decode() for k, v in keys.items()})
    if not os.environ.get(NO_KEYRING_VARIABLE) and _into_keyring(_account(state), payload):
        _remove(keys_path(state.home))
        return "keyring"
    os.makedirs(state.home, mode=0o700, exist_ok=True)
    atomic_write(keys_path(state.home), (payload + "\n").encode())
    return "file"


def _into_keyring(account: str, payload: str) -> bool:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, account, payload)
        return keyring.get_password(KEYRING_SERVICE, account) == payload
    except Exception:  # noqa: BLE001 - any backend's failure: no keyring that works here
        return False  # (a server, a container, a session bus without a secret service)


def load_sealers(state: SyncState) -> dict[str, Sealer]:
    """What opens (and seals) the logs of this home's folder: one per key it holds. Kept
    for the process (the app syncs every few minutes), and read anew once the keys change."""
    if not state.keys:
        return {}
    cached = (state.home, state.device, tuple(state.keys))
    if cached not in _loaded:
        _loaded.clear()
        held = load_keys(state)
        _loaded[cached] = {i: Sealer(held[i]) for i in state.keys}  # oldest first
    return _loaded[cached]


def load_keys(state: SyncState) -> dict[str, bytes]:
    where = keys_path(state.home)
    if state.key_store == "keyring":
        payload = _from_keyring(_account(state))
        where = f"the OS keyring ({KEYRING_SERVICE})"
    else:
        try:
            payload = json.dumps(read_json_object(where, 64 * 1024, what="sync key file"))
        except FileNotFoundError:
            payload = None
        except (UntrustedFileError, OSError) as error:
            raise UserError(f"{error}; {_again()}") from None
    keys = _parse(payload)
    if keys is None or any(k not in keys for k in state.keys):
        raise UserError(f"the sync folder's key is not in {where}; {_again()}")
    return keys


def _again() -> str:
    return "run `rejection-therapy sync passphrase` to enter the passphrase again"


def _from_keyring(account: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, account)
    except Exception as error:  # noqa: BLE001 - a locked or gone keyring, whatever its backend
        raise UserError(f"the OS keyring cannot be read ({error}); {_again()}") from None


def _parse(payload: str | None) -> dict[str, bytes] | None:
    """The keys, each checked against its id; None when the payload is not keys."""
    if payload is None:
        return None
    try:
        found = json.loads(payload)
        keys = {i: base64.b64decode(v, validate=True) for i, v in found.items()}
    except (ValueError, TypeError, AttributeError, binascii.Error):
        return None
    if not all(len(k) == 32 and key_id(k) == i for i, k in keys.items()):
        return None
    return keys


def forget_keys(state: SyncState) -> None:
    """The keys gone from this home (it left the folder)."""
    _remove(keys_path(state.home))
    if state.key_store == "keyring":
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, _account(state))
        except Exception:  # noqa: BLE001 - nothing left to remove, or no keyring: fine
            pass
    _loaded.clear()


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
