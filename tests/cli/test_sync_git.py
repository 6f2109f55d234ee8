"""`sync setup FOLDER --git`: two homes, each with a clone of one bare repository, hold
the same history after syncing in turn, with the folder sealed or not; a push that races
another device's converges; a remote that cannot be reached leaves everything committed
and says so in one line; a quick `log` never runs git."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rejection_therapy.sync import crypto
from tests.cli.test_sync_cli import DAY, _device_of, entries

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
    reason="needs the system's git",
)


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture(autouse=True)
def _git_of_its_own(tmp_path, monkeypatch):
    """The machine's git settings do not matter (no name or email is set, as on a fresh
    machine); scrypt at the lowest cost allowed."""
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setattr(crypto, "NEW_COST", crypto.MIN_COST)
    monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", "a passphrase for git tests")


def _by_hand(folder: Path, *args: str) -> str:
    """A git command a person types, as someone with a name."""
    return git(folder, "-c", "user.name=Someone", "-c", "user.email=someone@example.org", *args)


def _clone(remote: Path, where: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(remote), str(where)], check=True, capture_output=True)
    return where


@pytest.fixture
def git_pair(make_home, tmp_path):
    """Two homes, each syncing through its own clone of an empty bare repository."""
    return _git_pair(make_home, tmp_path, [])


def _git_pair(make_home, tmp_path, sealed: list[str]):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    laptop, desktop = make_home("laptop"), make_home("desktop")
    now = DAY.format(1)
    laptop.ok("config", "timezone", "Europe/Berlin", now=now)
    clones = [_clone(remote, tmp_path / f"{h.path.name}-clone") for h in (laptop, desktop)]
    for home, clone in zip((laptop, desktop), clones, strict=True):  # both cloned empty
        code, _out, err = home.run(
            "sync", "setup", str(clone), "--git", "--device", home.path.name, *sealed, now=now
        )
        assert code == 0 and "warning: no OS keyring" in err if sealed else err == "", err
        assert err.count("warning") == (1 if sealed else 0), err
    keys = {json.loads((h.path / "sync.json").read_text())["key"] for h in (laptop, desktop)}
    assert len(keys) == 1, "the desktop took the laptop's key, not one of its own"
    return laptop, desktop, remote


@pytest.mark.parametrize("sealed", [[], ["--encrypt"]], ids=["clear", "sealed"])
def test_a_week_of_syncing_in_turn_through_a_bare_repository(make_home, tmp_path, sealed):
    laptop, desktop, remote = _git_pair(make_home, tmp_path, sealed)
    for day in range(1, 8):
        now = DAY.format(day)
        home, other = (laptop, desktop) if day % 2 else (desktop, laptop)
        home.ok("log", "no" if day % 3 else "why", "--note", f"day {day} note", now=now)
        if day == 5:  # an edit of an entry the other device logged
            first = entries(home, now)[0][0]
            home.ok("edit", first, "--note", "edited on day 5", now=now)
        home.ok("sync", now=now)
        other.ok("sync", now=now)
        assert entries(laptop, now) == entries(desktop, now), f"day {day}"
        assert laptop.ok("streak", now=now) == desktop.ok("streak", now=now)
    assert len(entries(laptop, DAY.format(7))) == 7
    assert "edited on day 5" in str(entries(desktop, DAY.format(7)))
    shipped = git(remote, "ls-tree", "--name-only", "main")
    assert shipped.count(".log") == 2 and ".gitattributes" in shipped
    if sealed:  # nothing in the clear anywhere in the history the remote holds
        everything = git(remote, "log", "-p", "main")
        assert crypto.FOLDER_FILE in everything
        for text in [f"day {day} note" for day in range(1, 8)] + ["edited", "laptop", "desk"]:
            assert text not in everything, text
    status = desktop.ok("sync", "status", now=DAY.format(7))
    assert "Transport: git, remote origin" in status and "last push 2026" in status.lower()


def test_a_push_racing_another_devices_push_converges(git_pair, monkeypatch):
    """The desktop fetches, then the laptop pushes (a process of its own, mid-sync), so
    the desktop's push is refused: it pulls again, merges and pushes."""
    laptop, desktop, remote = git_pair
    now = DAY.format(2)
    laptop.ok("log", "no", "--note", "laptop's", now=now)
    desktop.ok("log", "yes", "--note", "desktop's", now=now)
    from rejection_therapy.service import sync as service_sync

    local = service_sync._local
    raced: list[int] = []

    def racing(ctx, background):
        report = local(ctx, background)
        if not raced:
            env = {**os.environ, "REJECTION_THERAPY_HOME": str(laptop.path)}
            env["REJECTION_THERAPY_NOW"] = now
            cli = [sys.executable, "-m", "rejection_therapy", "sync"]
            raced.append(subprocess.run(cli, env=env, capture_output=True).returncode)
        return report

    monkeypatch.setattr(service_sync, "_local", racing)
    desktop.ok("sync", now=now)
    monkeypatch.setattr(service_sync, "_local", local)
    assert raced == [0]
    laptop.ok("sync", now=now)
    assert entries(laptop, now) == entries(desktop, now)
    assert len(entries(laptop, now)) == 2
    assert git(remote, "ls-tree", "--name-only", "main").count(".log") == 2


def test_an_unreachable_remote_is_one_line_and_everything_stays_committed(git_pair, tmp_path):
    laptop, desktop, remote = git_pair
    now = DAY.format(3)
    clone = tmp_path / "laptop-clone"
    git(clone, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    laptop.ok("log", "no", "--note", "offline", now=now)
    code, out, err = laptop.run("sync", now=now)
    assert code == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "origin" in err, err
    assert git(clone, "status", "--porcelain") == "", "the log is committed here"
    assert "The last round failed" in laptop.ok("sync", "status", now=now)
    git(clone, "remote", "set-url", "origin", str(remote))
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    assert "offline" in str(entries(desktop, now))
    assert "The last round failed" not in laptop.ok("sync", "status", now=now)


def test_a_quick_log_and_its_background_sync_never_run_git(git_pair, tmp_path):
    laptop, _desktop, _remote = git_pair
    now = DAY.format(2)
    clone = tmp_path / "laptop-clone"
    head = git(clone, "rev-parse", "HEAD")
    laptop.ok("log", "no", "--note", "quick", now=now)
    laptop.ok("sync", "--background", "--json", now=now)
    assert git(clone, "rev-parse", "HEAD") == head
    assert git(clone, "status", "--porcelain").strip().endswith(".log"), "appended, not committed"
    laptop.ok("sync", now=now)
    assert git(clone, "rev-parse", "HEAD") != head


def test_setup_git_needs_a_work_tree_with_a_remote(make_home, tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    home = make_home()
    code, _out, err = home.run("sync", "setup", str(plain), "--git")
    assert code == 2 and "git" in err and len(err.strip().splitlines()) == 1
    subprocess.run(["git", "init", "-q", str(plain)], check=True)
    code, _out, err = home.run("sync", "setup", str(plain), "--git")
    assert code == 2 and "remote add" in err
    assert not (home.path / "sync.json").exists()


def test_line_endings_and_encodings_never_touch_the_logs(git_pair, tmp_path, monkeypatch):
    """A Windows clone (core.autocrlf) and a remote that asks for CRLF and UTF-16 logs:
    the logs still pass through git byte for byte, and the homes agree."""
    laptop, desktop, _remote = git_pair
    now = DAY.format(2)
    desk_clone = tmp_path / "desktop-clone"
    git(desk_clone, "config", "core.autocrlf", "true")
    planted = "*.log text eol=crlf working-tree-encoding=UTF-16\n"
    (desk_clone / ".gitattributes").write_text(planted)
    _by_hand(desk_clone, "commit", "-qam", "hostile attributes")
    laptop.ok("log", "no", "--note", "from the laptop", now=now)
    desktop.ok("log", "yes", "--note", "from the desktop", now=now)
    for home in (desktop, laptop, desktop, laptop):
        code, _out, err = home.run("sync", now=now)
        assert code == 0 and "set aside" not in err and "rewritten" not in err, err
    assert entries(laptop, now) == entries(desktop, now)
    assert len(entries(laptop, now)) == 2
    for clone in (desk_clone, tmp_path / "laptop-clone"):
        for log in clone.glob("*.log"):
            assert b"\r\n" not in log.read_bytes() and log.read_bytes().startswith(b"{")


def test_a_remote_that_rewrites_this_devices_log_is_not_merged(git_pair, tmp_path):
    laptop, desktop, _remote = git_pair
    now = DAY.format(2)
    laptop.ok("log", "no", "--note", "mine", now=now)
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    desk_clone = tmp_path / "desktop-clone"
    laptop_log = next(
        p.name
        for p in (tmp_path / "laptop-clone").glob("*.log")
        if p.name[:-4] == _device_of(laptop)
    )
    git(desk_clone, "rm", "-q", laptop_log)
    _by_hand(desk_clone, "commit", "-qm", "gone")
    git(desk_clone, "push", "-q")
    laptop.ok("log", "yes", "--note", "after", now=now)
    code, _out, err = laptop.run("sync", now=now)
    assert code == 2 and "only this device writes" in err and len(err.splitlines()) == 1
    assert (tmp_path / "laptop-clone" / laptop_log).exists()
    assert len(entries(laptop, now)) == 2, "nothing of this home was lost"


def test_a_clone_switched_to_another_branch_is_told_not_pushed(git_pair, tmp_path):
    laptop, _desktop, remote = git_pair
    clone = tmp_path / "laptop-clone"
    git(clone, "switch", "-q", "-c", "feature")
    laptop.ok("log", "no", now=DAY.format(2))
    code, _out, err = laptop.run("sync", now=DAY.format(2))
    assert code == 2 and "not main" in err and "switch" in err
    assert "feature" not in git(remote, "branch")


def test_the_persons_own_edits_to_gitattributes_are_never_committed(git_pair, tmp_path):
    laptop, _desktop, remote = git_pair
    clone = tmp_path / "laptop-clone"
    with (clone / ".gitattributes").open("a") as file:
        file.write("*.psd binary\n")
    laptop.ok("log", "no", now=DAY.format(2))
    laptop.ok("sync", now=DAY.format(2))
    assert "psd" not in git(remote, "show", "main:.gitattributes")
    assert "psd" in (clone / ".gitattributes").read_text()


def test_two_devices_setting_a_passphrase_at_once_never_stop_at_a_conflict(
    make_home, tmp_path, monkeypatch
):
    """Both set one; the merge keeps the same one on every device (the higher generation,
    then key id), and the other device is told to take it."""
    laptop, desktop, remote = _git_pair(make_home, tmp_path, ["--encrypt"])
    now = DAY.format(2)
    phrases = {laptop: "the laptop's new phrase", desktop: "the desktop's new phrase"}
    for home, phrase in phrases.items():
        monkeypatch.setenv("REJECTION_THERAPY_SYNC_PASSPHRASE", phrase)
        home.ok("sync", "passphrase", now=now)
    laptop.ok("log", "no", "--note", "laptop's", now=now)
    laptop.ok("sync", now=now)
    code, _out, err = desktop.run("sync", now=now)
    assert code == 0 and "cannot merge" not in err, err
    standing = json.loads(git(remote, "show", "main:encryption.json"))["key"]
    keys = {home: json.loads((home.path / "sync.json").read_text())["key"] for home in phrases}
    loser = laptop if keys[laptop] != standing else desktop
    code, _out, err = loser.run("sync", now=now)
    assert "changed on another device" in err, err
    monkeypatch.setenv(
        "REJECTION_THERAPY_SYNC_PASSPHRASE", phrases[desktop if loser is laptop else laptop]
    )
    loser.ok("sync", "passphrase", now=now)
    for home in (laptop, desktop, laptop, desktop):
        home.ok("sync", now=now)
    assert entries(laptop, now) == entries(desktop, now)
    assert "laptop's" in str(entries(desktop, now))
    for clone in ("laptop-clone", "desktop-clone"):
        assert json.loads((tmp_path / clone / "encryption.json").read_text())["key"] == standing


def test_python_files_a_remote_plants_in_the_clone_never_run(git_pair, tmp_path, monkeypatch):
    """git runs the encryption.json merge driver in the work tree, and the app's own
    background syncs may start there: a package of the same name planted by the remote
    is never imported."""
    from rejection_therapy.sync import git as gitsync

    laptop, _desktop, _remote = git_pair
    clone = tmp_path / "laptop-clone"
    planted = clone / "rejection_therapy"
    (planted / "sync").mkdir(parents=True)
    ran = tmp_path / "ran"
    (planted / "__init__.py").write_text(f"open({str(ran)!r}, 'w').write('ran')\n")
    (planted / "sync" / "__init__.py").write_text("")
    (planted / "__main__.py").write_text("")
    driver = next(a for a in gitsync._NO_HOOKS if a.startswith("merge.rt-newer-key.driver="))
    command = driver.split("=", 1)[1].replace("%A %B", "")
    ours = tmp_path / "ours.json"
    ours.write_text("{}")
    subprocess.run(f"{command} {ours} {ours}", shell=True, cwd=clone, check=True)
    monkeypatch.chdir(clone)
    monkeypatch.delenv("REJECTION_THERAPY_NO_AUTOSYNC")
    laptop.ok("log", "no", now=DAY.format(2))  # starts a background sync from here
    for _ in range(100):
        if "waiting" not in laptop.ok("sync", "status", now=DAY.format(2)).lower():
            break
        time.sleep(0.1)
    assert not ran.exists()


def test_an_unfinished_merge_of_the_persons_own_is_named(git_pair, tmp_path):
    laptop, desktop, _remote = git_pair
    now = DAY.format(2)
    clone = tmp_path / "laptop-clone"
    (clone / "notes.txt").write_text("mine\n")
    _by_hand(clone, "add", "notes.txt")
    _by_hand(clone, "commit", "-qm", "notes")
    desk = tmp_path / "desktop-clone"
    (desk / "notes.txt").write_text("theirs\n")
    _by_hand(desk, "add", "notes.txt")
    _by_hand(desk, "commit", "-qm", "notes")
    _by_hand(desk, "push", "-q")
    with pytest.raises(subprocess.CalledProcessError):  # a conflict, left for the person
        _by_hand(clone, "pull", "-q", "--no-rebase")
    laptop.ok("log", "no", now=now)
    code, _out, err = laptop.run("sync", now=now)
    assert code == 2 and "merge is unfinished" in err and "merge --abort" in err
