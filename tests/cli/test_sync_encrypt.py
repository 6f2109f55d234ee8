"""`sync setup FOLDER --encrypt`: a folder a cloud cannot read. Nothing the person wrote
reaches the folder in the clear; the right passphrase merges, a wrong one is refused in
one line; a line changed or moved by someone without the key is never merged."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from rejection_therapy.sync import crypto
from tests.cli.test_sync_cli import DAY, _device_of, entries, logs

PASSPHRASE = "correct horse battery staple"
SECRETS = ("a-private-note-8c1f", "ask-the-baker-for-bread-77", "kitchen-laptop")


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch):
    """scrypt at the real cost takes half a second per passphrase; the tests only need
    the same code at a lower one."""
    monkeypatch.setattr(crypto, "NEW_COST", crypto.MIN_COST)
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", PASSPHRASE)


@pytest.fixture
def sealed(make_home, tmp_path):
    """Two homes that sync through one encrypted folder; the laptop has written notes."""
    folder = tmp_path / "Cloud"
    folder.mkdir()
    laptop, desktop = make_home("laptop"), make_home("desktop")
    now = DAY.format(2)
    laptop.ok("log", "no", "--note", SECRETS[0], now=now)
    laptop.ok("log", "yes", "--ask", SECRETS[1], "--note", "second", now=now)
    laptop.ok("sync", "setup", str(folder), "--device", SECRETS[2], "--encrypt", now=now)
    desktop.ok("sync", "setup", str(folder), "--device", "desk", "--encrypt", now=now)
    return laptop, desktop, folder


def _folder_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())


def test_the_folder_holds_nothing_in_the_clear_and_the_right_passphrase_merges(sealed):
    laptop, desktop, folder = sealed
    now = DAY.format(2)
    assert entries(desktop, now) == entries(laptop, now)
    assert len(entries(desktop, now)) == 2
    desktop.ok("log", "why", "--note", "desk-note-5e2", now=now)
    desktop.ok("sync", now=now)
    laptop.ok("sync", now=now)
    assert entries(desktop, now) == entries(laptop, now)
    everything = _folder_bytes(folder)
    for text in (*SECRETS, "desk-note-5e2", '"entries"', "desk"):
        assert text.encode() not in everything, text
    status = json.loads(laptop.ok("sync", "status", "--json", now=now))
    assert status["encrypted"] is True and status["key_kept"] == "file"
    assert status["devices"][_device_of(desktop)]["name"] == "desk", "names open once read"


def test_a_wrong_passphrase_is_one_line_and_changes_nothing(sealed, make_home, monkeypatch):
    _laptop, _desktop, folder = sealed
    other = make_home("other")
    other.ok("log", "no", "--note", "mine", now=DAY.format(2))
    before = sorted(p.name for p in folder.iterdir())
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "not the passphrase")
    code, _out, err = other.run("sync", "setup", str(folder), "--encrypt", now=DAY.format(2))
    assert code == 2
    assert err.count("\n") == 1 and "wrong passphrase" in err and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == before
    assert not (other.path / "sync.json").exists()


def test_joining_an_encrypted_folder_without_encrypt_is_refused(sealed, make_home):
    _laptop, _desktop, folder = sealed
    code, _out, err = make_home("plain").run("sync", "setup", str(folder), now=DAY.format(2))
    assert code == 2 and "is encrypted" in err and "--encrypt" in err


def _sealed_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _write_chained(path: Path, lines: list[dict]) -> None:
    """The lines written back with the chain made whole again: what someone without the
    key can do."""
    out = [json.dumps(lines[0])]
    for line in lines[1:]:
        line["prev"] = hashlib.sha256(out[-1].encode()).hexdigest()[:32]
        out.append(json.dumps(line, separators=(",", ":"), sort_keys=True))
    path.write_text("\n".join(out) + "\n")


@pytest.mark.parametrize("attack", ["flip", "move"])
def test_a_line_changed_or_moved_without_the_key_is_refused(sealed, make_home, attack):
    laptop, _desktop, folder = sealed
    path = folder / f"{_device_of(laptop)}.log"
    lines = _sealed_lines(path)
    target = next(n for n, line in enumerate(lines) if n and SECRETS[0] not in str(line))
    if attack == "flip":
        raw = bytearray(base64.b64decode(lines[target]["sealed"]))
        raw[-1] ^= 1
        lines[target]["sealed"] = base64.b64encode(bytes(raw)).decode()
    else:  # a sealed line of another place, put here
        lines[target]["sealed"] = lines[target + 1]["sealed"]
    _write_chained(path, lines)
    late = make_home("late")
    code, _out, err = late.run(
        "sync", "setup", str(folder), "--device", "late", "--encrypt", now=DAY.format(2)
    )
    assert code == 0, err
    assert f"{path} line {target + 1}: it fails its check" in err
    assert len(entries(late, DAY.format(2))) <= len(entries(laptop, DAY.format(2)))


def test_a_changed_passphrase_seals_anew_and_the_other_device_takes_it(sealed, monkeypatch):
    laptop, desktop, folder = sealed
    now = DAY.format(3)
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "a whole new phrase")
    said = laptop.ok("sync", "passphrase", now=now)
    assert "sealed anew" in said
    laptop.ok("log", "no", "--note", "after the change", now=now)
    laptop.ok("sync", now=now)
    code, _out, err = desktop.run("sync", now=now)
    assert "passphrase this home does not have" in err and "sync passphrase" in err
    assert "after the change" not in str(entries(desktop, now))
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", PASSPHRASE)
    code, _out, err = desktop.run("sync", "passphrase", now=now)
    assert code == 2 and "wrong passphrase" in err
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "a whole new phrase")
    desktop.ok("sync", "passphrase", now=now)
    desktop.ok("sync", now=now)
    laptop.ok("sync", now=now)
    assert entries(desktop, now) == entries(laptop, now)
    assert "after the change" in str(entries(desktop, now))
    key = json.loads((folder / crypto.FOLDER_FILE).read_text())["key"]
    assert {json.loads(p.read_text().splitlines()[0])["key"] for p in logs(folder)} == {key}


def test_a_home_syncing_in_the_clear_turns_encryption_on_and_the_others_are_told(
    make_home, tmp_path
):
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop, desktop = make_home("laptop"), make_home("desktop")
    now = DAY.format(2)
    laptop.ok("log", "no", "--note", SECRETS[0], now=now)
    for home in (laptop, desktop):
        home.run("sync", "setup", str(folder), "--device", home.path.name, now=now)
    laptop.ok("sync", "setup", str(folder), "--encrypt", now=now)
    assert SECRETS[0].encode() not in (folder / f"{_device_of(laptop)}.log").read_bytes()
    code, _out, err = desktop.run("sync", now=now)
    assert "writes its log in the clear" in err and "--encrypt" in err
    desktop.ok("sync", "setup", str(folder), "--encrypt", now=now)
    laptop.ok("log", "yes", "--note", "sealed now", now=now)
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    assert entries(desktop, now) == entries(laptop, now)
    assert SECRETS[0].encode() not in _folder_bytes(folder)


def test_the_passphrase_is_asked_in_a_terminal_or_taken_from_the_environment(
    make_home, tmp_path, monkeypatch
):
    monkeypatch.delenv("REJECTION_THERAPY_SYNC_PASSPHRASE")
    code, _out, err = make_home().run("sync", "setup", str(tmp_path), "--encrypt")
    assert code == 2 and "REJECTION_THERAPY_SYNC_PASSPHRASE" in err
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "short")
    code, _out, err = make_home().run("sync", "setup", str(tmp_path), "--encrypt")
    assert code == 2 and "at least 8 characters" in err
    assert not (tmp_path / crypto.FOLDER_FILE).exists()


def test_an_import_of_a_sealed_log_says_how_to_carry_one(sealed, make_home):
    laptop, _desktop, folder = sealed
    code, _out, err = make_home("new").run("import", str(folder / f"{_device_of(laptop)}.log"))
    assert code == 2 and "export --format log" in err


class _MemoryKeyring:
    """An OS keyring that works, in memory."""

    priority = 1

    def __init__(self) -> None:
        self.held: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, account: str, secret: str) -> None:
        self.held[service, account] = secret

    def get_password(self, service: str, account: str) -> str | None:
        return self.held.get((service, account))

    def delete_password(self, service: str, account: str) -> None:
        self.held.pop((service, account))


def test_the_key_goes_to_the_os_keyring_where_one_works(make_home, tmp_path, monkeypatch):
    import keyring

    memory = _MemoryKeyring()
    monkeypatch.setattr(keyring, "set_password", memory.set_password)
    monkeypatch.setattr(keyring, "get_password", memory.get_password)
    monkeypatch.setattr(keyring, "delete_password", memory.delete_password)
    monkeypatch.delenv("REJECTION_THERAPY_NO_KEYRING")
    home = make_home()
    code, out, err = home.run("sync", "setup", str(tmp_path), "--device", "a", "--encrypt")
    assert code == 0 and "no OS keyring" not in err
    assert not (home.path / "sync-keys.json").exists()
    assert len(memory.held) == 1 and PASSPHRASE not in str(memory.held)
    home.ok("log", "no", "--note", "kept")
    home.ok("sync")
    assert "OS keyring" in home.ok("sync", "status")
    home.ok("sync", "leave")
    assert memory.held == {}


def test_a_log_in_the_clear_is_never_taken_into_a_home_that_reads_sealed(sealed):
    """Anyone who can write to the folder could drop a log in the clear there, or put one
    in place of a sealed log: neither is merged."""
    from tests.cli.test_sync_cli import _hostile_log

    laptop, desktop, folder = sealed
    now = DAY.format(2)
    stamp = "001772442000000-000000-" + "e" * 32
    line = '{"seq":SEQ,"prev":"PREV","hlc":"%s","table":"entries","key":"x","doc":%s}'
    doc = '{"id":"x","date":"2026-03-02","outcome":"yes","note":"injected"}'
    planted = _hostile_log(folder, "e" * 32, [line % (stamp, doc)])
    replaced = _hostile_log(folder, _device_of(laptop), [line % (stamp, doc)])
    code, _out, err = desktop.run("sync", now=now)
    assert f"{planted} is in the clear" in err and f"{replaced} is in the clear" in err
    assert "injected" not in str(entries(desktop, now))
    assert len(entries(desktop, now)) == 2


def test_a_log_put_back_from_before_a_passphrase_change_is_refused(sealed, monkeypatch):
    """After the passphrase changed, someone who knows the old one puts back the laptop's
    log from before and adds a line sealed with the old key: the desktop takes none of
    it, and the laptop does not write under the old key again."""
    laptop, desktop, folder = sealed
    now = DAY.format(3)
    path = folder / f"{_device_of(laptop)}.log"
    before = path.read_bytes()
    old = json.loads(before.splitlines()[0])["key"]
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "the second passphrase")
    laptop.ok("sync", "passphrase", now=now)
    desktop.ok("sync", "passphrase", now=now)
    for home in (laptop, desktop, laptop):
        home.ok("sync", now=now)
    old_key = base64.b64decode(json.loads((desktop.path / "sync-keys.json").read_text())[old])
    lines = before.splitlines()
    forged = {"hlc": "001772528400000-000000-" + "f" * 32, "table": "entries", "key": "x"}
    forged["doc"] = {"id": "x", "date": "2026-03-03", "outcome": "yes", "note": "forged"}
    seq = len(lines)
    prev = hashlib.sha256(before.splitlines()[-1]).hexdigest()[:32]
    plain = json.dumps(forged, sort_keys=True, separators=(",", ":")).encode()
    sealed_line = crypto.Sealer(old_key).seal(plain, f"{_device_of(laptop)}:{seq}:{prev}")
    line = {"seq": seq, "prev": prev, "sealed": sealed_line}
    path.write_bytes(before + json.dumps(line, separators=(",", ":")).encode() + b"\n")
    code, _out, err = desktop.run("sync", now=now)
    assert "older passphrase than this home takes for it" in err
    assert "forged" not in str(entries(desktop, now))
    laptop.ok("log", "no", "--note", "after the rollback", now=now)
    code, _out, err = laptop.run("sync", now=now)
    assert code == 2 and "older passphrase than this home takes for it" in err
    assert json.loads(path.read_bytes().splitlines()[0])["key"] == old, "not written under it"
    assert b"after the rollback" not in path.read_bytes()


def test_a_lost_key_file_is_mended_by_entering_the_passphrase_again(sealed):
    laptop, desktop, folder = sealed
    now = DAY.format(3)
    folder_key = (folder / crypto.FOLDER_FILE).read_text()
    (laptop.path / "sync-keys.json").unlink()
    laptop.ok("log", "no", "--note", "waiting for the key", now=now)
    code, _out, err = laptop.run("sync", now=now)
    assert code == 2 and "sync passphrase" in err
    said = laptop.ok("sync", "passphrase", now=now)
    assert "now uses the folder's passphrase" in said
    assert (folder / crypto.FOLDER_FILE).read_text() == folder_key, "not changed for all"
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    assert "waiting for the key" in str(entries(desktop, now))


def test_sealing_anew_refuses_a_log_with_a_line_that_does_not_open(sealed, monkeypatch):
    laptop, _desktop, folder = sealed
    path = folder / f"{_device_of(laptop)}.log"
    lines = _sealed_lines(path)
    raw = bytearray(base64.b64decode(lines[-1]["sealed"]))
    raw[-1] ^= 1
    lines[-1]["sealed"] = base64.b64encode(bytes(raw)).decode()
    _write_chained(path, lines)
    kept, folder_key = path.read_bytes(), (folder / crypto.FOLDER_FILE).read_text()
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "the second passphrase")
    code, _out, err = laptop.run("sync", "passphrase", now=DAY.format(3))
    assert code == 2 and "nothing was changed" in err
    assert path.read_bytes() == kept
    assert (folder / crypto.FOLDER_FILE).read_text() == folder_key, "not changed for all"


def test_without_its_encryption_file_the_folder_still_takes_no_device_in_the_clear(
    sealed, make_home
):
    laptop, _desktop, folder = sealed
    kept = (folder / crypto.FOLDER_FILE).read_text()
    (folder / crypto.FOLDER_FILE).unlink()
    code, _out, err = make_home("new").run("sync", "setup", str(folder), now=DAY.format(2))
    assert code == 2 and "is encrypted" in err
    laptop.ok("sync", now=DAY.format(2))
    assert (folder / crypto.FOLDER_FILE).read_text() == kept, "written again, as it was"


def test_a_passphrase_that_is_not_text_is_one_line(make_home, tmp_path, monkeypatch):
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "\udcff\udcfe a long phrase")
    code, _out, err = make_home().run("sync", "setup", str(tmp_path), "--encrypt")
    assert code == 2 and "not valid text" in err and "Traceback" not in err


def test_an_encryption_file_put_back_from_before_a_change_is_written_again(sealed, monkeypatch):
    laptop, desktop, folder = sealed
    now = DAY.format(3)
    old = (folder / crypto.FOLDER_FILE).read_text()
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "the second passphrase")
    laptop.ok("sync", "passphrase", now=now)
    desktop.ok("sync", "passphrase", now=now)
    current = (folder / crypto.FOLDER_FILE).read_text()
    (folder / crypto.FOLDER_FILE).write_text(old)
    laptop.ok("log", "no", "--note", "still on the new one", now=now)
    laptop.ok("sync", now=now)
    assert (folder / crypto.FOLDER_FILE).read_text() == current
    desktop.ok("sync", now=now)
    assert "still on the new one" in str(entries(desktop, now))
    status = json.loads(desktop.ok("sync", "status", "--json", now=now))
    assert status["unread"] == [], "a log read after it was sealed anew is not unread"


def test_a_planted_file_that_is_not_a_log_never_stops_a_sealed_home(sealed):
    laptop, _desktop, folder = sealed
    (folder / ("e" * 32 + ".log")).write_text("[" * 5000 + "\n")
    code, _out, err = laptop.run("sync", now=DAY.format(2))
    assert code == 0 and "Traceback" not in err and "unexpected" not in err
    laptop.ok("sync", "status", now=DAY.format(2))


def test_a_tampered_or_foreign_encryption_file_is_mended_or_named(sealed):
    laptop, _desktop, folder = sealed
    path = folder / crypto.FOLDER_FILE
    kept = path.read_text()
    for generation in (1, 10**9):  # the same key id with another salt, whatever its rank
        tampered = json.loads(kept) | {"salt": base64.b64encode(b"s" * 16).decode()}
        path.write_text(json.dumps(tampered | {"generation": generation}))
        laptop.ok("sync", now=DAY.format(2))
        assert path.read_text() == kept, generation
    foreign, _key = crypto.new_folder_key("someone else's phrase", generation=7)
    crypto.write_folder_key(str(folder), foreign)
    code, _out, err = laptop.run("sync", now=DAY.format(2))
    assert "changed on another device" in err and f"delete {path}" in err
    path.unlink()
    laptop.ok("sync", now=DAY.format(2))
    assert path.read_text() == kept


def test_no_new_passphrase_while_another_devices_new_one_is_on_its_way(sealed, monkeypatch):
    """The desktop's log, sealed with the laptop's new passphrase, arrives before the
    folder's encryption.json: setting a passphrase of its own now would split them."""
    laptop, desktop, folder = sealed
    now = DAY.format(3)
    kept = (folder / crypto.FOLDER_FILE).read_text()
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "the second passphrase")
    laptop.ok("sync", "passphrase", now=now)
    (folder / crypto.FOLDER_FILE).write_text(kept)  # a syncer has not brought it yet
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "the desktop's own phrase")
    code, _out, err = desktop.run("sync", "passphrase", now=now)
    assert code == 2 and "has not arrived" in err


def test_a_folder_in_the_clear_is_not_taken_for_sealed_by_a_device_named_key(make_home, tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    make_home("one").ok("sync", "setup", str(folder), "--device", "key")
    make_home("two").ok("sync", "setup", str(folder), "--device", "two")
