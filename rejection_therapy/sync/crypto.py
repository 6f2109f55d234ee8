"""A sync folder a cloud cannot read: each log line sealed with a key made from a
passphrase. No cipher of our own: scrypt (a standard, memory-hard KDF) with a salt kept
in the folder, and AES-256-GCM (authenticated: a line changed by anyone without the key
fails to open, it is never merged as garbage).

The folder's `encryption.json` holds the salt, the KDF's cost and the key's id (a hash of
the key, so a wrong passphrase is told at once, before anything is read or written):

    {"sync_encryption":1,"kdf":"scrypt","salt":"<base64>","n":131072,"r":8,"p":1,"key":"<id>"}

Never the key, never the passphrase. It is untrusted like every file in the folder: the
cost is bounded (a hostile file cannot make a device spend minutes or gigabytes).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

from rejection_therapy.fileio import atomic_write
from rejection_therapy.sync.devicelog import KEY_ID
from rejection_therapy.untrusted import UntrustedFileError, read_json_object

FOLDER_FILE = "encryption.json"
FORMAT = 1
NEW_COST = 2**17
"""scrypt's N for a new passphrase: the cost OWASP recommends (128 MiB, about 0.5 s)."""
MIN_COST, MAX_COST = 2**14, 2**18
"""scrypt's N (times p) a folder may ask for: at most 256 MiB and a second or two."""
MIN_PASSPHRASE = 8
NONCE_BYTES = 12
MAX_SEALED = 8 * 1024 * 1024


class EncryptionError(ValueError):
    """The folder's encryption cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class FolderKey:
    """How the folder's key is made from the passphrase, and the id it must have."""

    salt: bytes
    n: int
    r: int
    p: int
    key: str
    generation: int = 1
    """One more than the passphrase it replaced: of two set at once on two devices, every
    home takes the same one (the higher generation, then the higher key id)."""

    @property
    def rank(self) -> tuple[int, str]:
        return self.generation, self.key


MAX_GENERATION = 10**9


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"rejection-therapy sync key id\0" + key).hexdigest()[:16]


def derive(passphrase: str, params: FolderKey) -> bytes:
    import unicodedata

    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=params.salt, length=32, n=params.n, r=params.r, p=params.p)
    # one typed passphrase, one key: macOS and Linux may hand the same letters over
    # composed differently
    text = unicodedata.normalize("NFC", passphrase)
    try:
        return kdf.derive(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise EncryptionError(
            "the passphrase is not valid text (it holds bytes that are not UTF-8); type it "
            "again, or set REJECTION_THERAPY_SYNC_PASSPHRASE to text"
        ) from None


def new_folder_key(passphrase: str, generation: int = 1) -> tuple[FolderKey, bytes]:
    """A fresh salt and the key the passphrase makes with it."""
    cost = NEW_COST
    if len(passphrase) < MIN_PASSPHRASE:
        raise EncryptionError(
            f"the passphrase must have at least {MIN_PASSPHRASE} characters (a short "
            "sentence is easy to remember and hard to guess)"
        )
    params = FolderKey(os.urandom(16), cost, 8, 1, "")
    key = derive(passphrase, params)
    if generation > MAX_GENERATION:
        raise EncryptionError(
            "the folder's encryption.json claims more passphrase changes than can be: if "
            "none of your devices set them, delete it (the next sync writes it again)"
        )
    return FolderKey(params.salt, cost, 8, 1, key_id(key), generation), key


def open_folder_key(passphrase: str, params: FolderKey, where: str) -> bytes:
    """The key the passphrase makes, when it is the folder's (else a one-line error)."""
    key = derive(passphrase, params)
    if key_id(key) != params.key:
        raise EncryptionError(
            f"wrong passphrase for {where}: it is not the one this folder's logs are "
            "sealed with; nothing was changed (try again, or ask whoever set it)"
        )
    return key


def folder_file(folder: str) -> str:
    return os.path.join(folder, FOLDER_FILE)


def read_folder_key(folder: str) -> FolderKey | None:
    """The folder's encryption, None when it has none; checked whole."""
    path = folder_file(folder)
    try:
        document = read_json_object(path, 4096, what="sync encryption file")
    except FileNotFoundError:
        return None
    except UntrustedFileError as error:
        raise EncryptionError(str(error)) from None
    try:
        return parse_folder_key(document)
    except (KeyError, TypeError, ValueError, binascii.Error) as error:
        raise EncryptionError(
            f"{path} is not a sync encryption file this app can use ({error}); restore it "
            "from another device's copy of the folder"
        ) from None


def parse_folder_key(document: dict[str, Any]) -> FolderKey:
    if document.get("sync_encryption") != FORMAT or document.get("kdf") != "scrypt":
        raise ValueError(f"not version {FORMAT} with scrypt")
    salt = base64.b64decode(document["salt"], validate=True)
    n, r, p, key = document["n"], document["r"], document["p"], document["key"]
    if not 16 <= len(salt) <= 64:
        raise ValueError("the salt must have 16 to 64 bytes")
    if type(n) is not int or n & (n - 1) or not MIN_COST <= n <= MAX_COST:
        raise ValueError(f"n must be a power of two from {MIN_COST} to {MAX_COST}")
    if r != 8 or type(p) is not int or not 1 <= p <= 4 or n * p > MAX_COST:
        raise ValueError(f"r must be 8 and p from 1 to 4, with n times p at most {MAX_COST}")
    if not isinstance(key, str) or not KEY_ID.fullmatch(key):
        raise ValueError("key must be a key id")
    generation = document.get("generation", 1)
    if type(generation) is not int or not 1 <= generation <= MAX_GENERATION:
        raise ValueError("generation must be a whole number from 1")
    return FolderKey(salt, n, r, p, key, generation)


def write_folder_key(folder: str, params: FolderKey) -> None:
    payload = json.dumps(folder_key_document(params), sort_keys=True) + "\n"
    atomic_write(folder_file(folder), payload.encode(), mode=0o644)


def folder_key_document(params: FolderKey) -> dict[str, Any]:
    return {
        "sync_encryption": FORMAT,
        "kdf": "scrypt",
        "salt": base64.b64encode(params.salt).decode(),
        "n": params.n,
        "r": params.r,
        "p": params.p,
        "key": params.key,
        "generation": params.generation,
    }


class Sealer:
    """Seals and opens the lines of logs under one key. The associated data binds a line
    to its device and place in the log: a sealed line moved elsewhere does not open."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.id = key_id(key)
        self._aead = AESGCM(key)

    def seal(self, plain: bytes, bound_to: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plain, bound_to.encode("utf-8"))
        return base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, token: object, bound_to: str) -> bytes | None:
        """The plain bytes, or None when the token is not one this key sealed there."""
        from cryptography.exceptions import InvalidTag

        if not isinstance(token, str) or len(token) > MAX_SEALED:
            return None
        try:
            raw = base64.b64decode(token, validate=True)
        except (binascii.Error, ValueError):
            return None
        if len(raw) <= NONCE_BYTES:
            return None
        try:
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], bound_to.encode())
        except InvalidTag:
            return None
