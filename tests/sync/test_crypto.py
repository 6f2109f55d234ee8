"""sync/crypto.py: the folder's encryption file is untrusted (its cost bounded, a link or
a device refused), and a sealed line opens only with its key, in its place."""

from __future__ import annotations

import json
import os

import pytest

from rejection_therapy.sync import crypto


def _write(folder, **changes) -> None:
    document = {
        "sync_encryption": 1,
        "kdf": "scrypt",
        "salt": "AAAAAAAAAAAAAAAAAAAAAA==",
        "n": 2**14,
        "r": 8,
        "p": 1,
        "key": "0123456789abcdef",
    } | changes
    (folder / crypto.FOLDER_FILE).write_text(json.dumps(document))


@pytest.mark.parametrize(
    "changes",
    [
        {"n": 2**30},  # minutes and gigabytes per try
        {"n": 1000},  # not a power of two
        {"n": 2**10},  # too cheap to guess against
        {"p": 64},
        {"r": 1},
        {"salt": "c2hvcnQ="},
        {"salt": "not base64!"},
        {"kdf": "md5"},
        {"key": "../../etc"},
    ],
)
def test_a_hostile_encryption_file_is_refused_before_any_key_is_made(tmp_path, changes):
    _write(tmp_path, **changes)
    with pytest.raises(crypto.EncryptionError, match="encryption file"):
        crypto.read_folder_key(str(tmp_path))


def test_a_link_or_a_fifo_in_place_of_the_encryption_file_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere.json"
    _write(tmp_path)
    os.replace(tmp_path / crypto.FOLDER_FILE, elsewhere)
    os.symlink(elsewhere, tmp_path / crypto.FOLDER_FILE)
    with pytest.raises(crypto.EncryptionError, match="symbolic link"):
        crypto.read_folder_key(str(tmp_path))
    os.unlink(tmp_path / crypto.FOLDER_FILE)
    os.mkfifo(tmp_path / crypto.FOLDER_FILE)
    with pytest.raises(crypto.EncryptionError, match="not a regular file"):
        crypto.read_folder_key(str(tmp_path))


def test_the_passphrase_makes_the_folders_key_and_no_other(tmp_path, monkeypatch):
    monkeypatch.setattr(crypto, "NEW_COST", crypto.MIN_COST)
    params, key = crypto.new_folder_key("a long enough phrase")
    crypto.write_folder_key(str(tmp_path), params)
    found = crypto.read_folder_key(str(tmp_path))
    assert found == params and "phrase" not in (tmp_path / crypto.FOLDER_FILE).read_text()
    assert crypto.open_folder_key("a long enough phrase", found, "here") == key
    with pytest.raises(crypto.EncryptionError, match="wrong passphrase"):
        crypto.open_folder_key("a long enough phrasE", found, "here")


def test_a_sealed_line_opens_only_with_its_key_and_in_its_place():
    sealer, other = crypto.Sealer(b"k" * 32), crypto.Sealer(b"j" * 32)
    token = sealer.seal(b"the note", "device:1:prev")
    assert sealer.open(token, "device:1:prev") == b"the note"
    assert sealer.open(token, "device:2:prev") is None
    assert other.open(token, "device:1:prev") is None
    for junk in (None, 5, "", "!!", "AAAA", "A" * (crypto.MAX_SEALED + 4)):
        assert sealer.open(junk, "device:1:prev") is None
    assert sealer.seal(b"the note", "x") != sealer.seal(b"the note", "x"), "a nonce each time"
