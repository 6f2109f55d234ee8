"""`sync`: homes that share a folder, each appending to its own log, hold the same history
after they have read each other's logs; damaged, torn, hostile and copied logs are said,
never misread."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DAY = "2026-03-0{}T10:00:00+01:00"


@pytest.fixture
def pair(make_home, tmp_path):
    """Two homes that sync through one folder."""
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop, desktop = make_home("laptop"), make_home("desktop")
    laptop.ok("config", "timezone", "Europe/Berlin", now=DAY.format(2))
    laptop.ok("sync", "setup", str(folder), "--device", "laptop", now=DAY.format(2))
    desktop.ok("sync", "setup", str(folder), "--device", "desktop", now=DAY.format(2))
    return laptop, desktop, folder


def entries(home, now: str) -> list[tuple[str, str, str]]:
    rows = json.loads(home.ok("history", "--json", "--limit", "0", now=now))
    return sorted((row["id"], row["outcome"], row["note"]) for row in rows)


def logs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.log"))


def test_two_homes_logging_in_turn_hold_the_same_history_and_streak(pair):
    laptop, desktop, _folder = pair
    for day in range(2, 7):
        now = DAY.format(day)
        home = laptop if day % 2 == 0 else desktop
        home.ok("log", "no" if day % 2 == 0 else "yes", "--note", f"day {day}", now=now)
        home.ok("sync", now=now)
        (desktop if home is laptop else laptop).ok("sync", now=now)
        assert entries(laptop, now) == entries(desktop, now)
        assert laptop.ok("streak", now=now) == desktop.ok("streak", now=now)
    assert len(entries(laptop, DAY.format(6))) == 5
    assert "streak 5" in laptop.ok("streak", now=DAY.format(6))
    settings_b = json.loads(desktop.ok("config", "--json", now=DAY.format(6)))
    assert settings_b["timezone"] == "Europe/Berlin", "a new device took the person's settings"


def test_a_deletion_stays_deleted_and_an_edit_wins_everywhere(pair):
    laptop, desktop, _ = pair
    now = DAY.format(3)
    laptop.ok("log", "no", "--note", "keep", now=now)
    laptop.ok("log", "yes", "--note", "drop", now=now)
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    by_note = {e[2]: e for e in entries(desktop, now)}
    kept, dropped = by_note["keep"], by_note["drop"]
    desktop.ok("delete", dropped[0][:8], now=now)
    desktop.ok("edit", kept[0][:8], "--note", "edited on the desktop", now=now)
    desktop.ok("sync", now=now)
    laptop.ok("sync", now=now)
    laptop.ok("sync", now=now)
    assert entries(laptop, now) == [(kept[0], "no", "edited on the desktop")]
    assert entries(desktop, now) == entries(laptop, now)


def test_a_rest_day_cancelled_on_one_device_is_cancelled_on_all(pair):
    laptop, desktop, _ = pair
    now = DAY.format(2)
    laptop.ok("log", "no", now=now)
    laptop.ok("rest", "tomorrow", now=now)
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    assert "rest day" in desktop.ok("streak", now=DAY.format(3))
    desktop.ok("rest", "--cancel", "2026-03-03", now=now)
    desktop.ok("sync", now=now)
    laptop.ok("sync", now=now)
    assert "rest day" not in laptop.ok("streak", now=DAY.format(3))


@pytest.mark.parametrize("copy", ["cut", "zero-filled at its final size"])
def test_a_torn_last_line_waits_until_it_is_whole(make_home, tmp_path, copy):
    laptop, desktop = make_home("laptop"), make_home("desktop")
    shared, seen = tmp_path / "shared", tmp_path / "seen"
    shared.mkdir()
    seen.mkdir()
    now = DAY.format(2)
    laptop.ok("sync", "setup", str(shared), "--device", "laptop", now=now)
    laptop.ok("log", "no", "--note", "arriving", now=now)
    laptop.ok("sync", now=now)
    [log] = logs(shared)
    whole = log.read_bytes()
    cut = whole.index(b'"arriving"') + 5
    rest = b"\0" * (len(whole) - cut) if copy != "cut" else b""  # some syncers size first
    (seen / log.name).write_bytes(whole[:cut] + rest)  # mid-copy, inside the entry's line
    desktop.ok("sync", "setup", str(seen), "--device", "desktop", now=now)
    code, _out, err = desktop.run("sync", now=now)
    assert code == 0 and "arriving" not in desktop.ok("history", now=now)
    assert "Traceback" not in err
    (seen / log.name).write_bytes(whole)
    desktop.ok("sync", now=now)
    assert "arriving" in desktop.ok("history", now=now)


def test_a_rewritten_log_is_reported_and_the_lines_before_the_break_still_count(pair):
    laptop, desktop, folder = pair
    now = DAY.format(2)
    laptop.ok("log", "no", "--note", "first", now=now)
    laptop.ok("sync", now=now)
    laptop.ok("log", "yes", "--note", "second", now=DAY.format(3))
    laptop.ok("sync", now=DAY.format(3))
    laptop.ok("log", "no", "--note", "third", now=DAY.format(4))
    laptop.ok("sync", now=DAY.format(4))
    [log] = [p for p in logs(folder) if "laptop" in p.read_text().splitlines()[0]]
    lines = log.read_text().splitlines(keepends=True)
    where = next(i for i, line in enumerate(lines) if '"second"' in line)
    lines[where] = lines[where].replace('"second"', '"forged"')
    log.write_text("".join(lines))
    code, _out, err = desktop.run("sync", now=DAY.format(4))
    assert code == 0
    assert f"{log} line {where + 1}: its chain breaks" in err
    history = desktop.ok("history", now=DAY.format(4))
    assert "first" in history and "forged" not in history and "third" not in history


def test_a_copied_home_is_refused_until_it_becomes_a_device_of_its_own(pair, make_home):
    laptop, desktop, folder = pair
    now = DAY.format(3)
    copy = make_home("copy")
    shutil.copytree(laptop.path, copy.path)
    laptop.ok("log", "no", "--note", "on the laptop", now=now)
    laptop.ok("sync", now=now)
    copy.ok("log", "yes", "--note", "on the copy", now=now)
    code, _, err = copy.run("sync", now=now)
    assert code == 2 and "copied from another machine" in err and err.count("\n") == 1
    copy.ok("sync", "setup", str(folder), "--device", "old-laptop", now=now)
    for home in (copy, laptop, desktop, copy):
        home.ok("sync", now=now)
    notes = {e[2] for e in entries(desktop, now)}
    assert {"on the laptop", "on the copy"} <= notes
    assert entries(copy, now) == entries(laptop, now) == entries(desktop, now)


def _hostile_log(folder: Path, device: str, lines: list[str]) -> Path:
    import hashlib

    header = json.dumps({"sync_log": 1, "device": device, "name": "mallory"})
    out, previous = [header], hashlib.sha256(header.encode()).hexdigest()[:32]
    for seq, body in enumerate(lines, start=1):
        line = body.replace("PREV", previous).replace("SEQ", str(seq))
        out.append(line)
        previous = hashlib.sha256(line.encode()).hexdigest()[:32]
    path = folder / f"{device}.log"
    path.write_text("\n".join(out) + "\n")
    return path


def test_a_hostile_log_is_set_aside_line_by_line_and_the_rest_merges(pair):
    laptop, desktop, folder = pair
    now = DAY.format(2)
    laptop.ok("log", "no", "--note", "good", now=now)
    laptop.ok("sync", now=now)
    stamp = "001772442000000-000000-" + "e" * 32
    future = "009999999999999-000000-" + "e" * 32
    line = '{"seq":SEQ,"prev":"PREV","hlc":"%s","table":"%s","key":"%s","doc":%s}'
    path = _hostile_log(
        folder,
        "e" * 32,
        [
            line % (stamp, "entries", "x", '{"id":"x","date":"9999-99-99"}'),
            line % (stamp, "runs", "\u001b[2J", "{}"),
            line % (stamp, "passwords", "k", "{}"),
            line % (future, "rest_days", "2026-03-05", '{"date":"2026-03-05"}'),
            line % (stamp, "entries", "y", "[" * 5000 + "]" * 5000),
        ],
    )
    code, _out, err = desktop.run("sync", now=now)
    assert code == 0, err
    assert "Traceback" not in err and "\x1b" not in err
    assert f"{path} line 2:" in err and f"{path} line 4: unknown table" in err
    assert "more than a day ahead" in err
    assert "good" in desktop.ok("history", now=now)
    assert "rest day" not in desktop.ok("streak", now=DAY.format(5))


def test_an_unreachable_folder_is_said_and_changes_wait(pair):
    laptop, _desktop, folder = pair
    now = DAY.format(2)
    moved = folder.with_name("Sync-unmounted")
    folder.rename(moved)
    laptop.ok("log", "no", now=now)
    code, _, err = laptop.run("sync", now=now)
    assert code == 2 and "cannot be reached" in err
    status = laptop.ok("sync", "status", now=now)
    assert "cannot be reached" in status and "Waiting here:" in status
    moved.rename(folder)
    laptop.ok("sync", now=now)
    assert "Waiting here" not in laptop.ok("sync", "status", now=now)


def test_leave_keeps_the_history_and_the_folder(pair):
    laptop, desktop, folder = pair
    now = DAY.format(2)
    laptop.ok("log", "no", now=now)
    laptop.ok("sync", now=now)
    before = sorted(p.name for p in logs(folder))
    assert "no longer syncs" in desktop.ok("sync", "leave", now=now)
    assert sorted(p.name for p in logs(folder)) == before
    assert "does not sync" in desktop.ok("sync", "status", now=now)
    code, _, err = desktop.run("sync", now=now)
    assert code == 2 and "sync setup FOLDER" in err


OPERATIONS = st.lists(
    st.tuples(
        st.integers(0, 2),  # which device
        st.sampled_from(["log", "delete", "edit", "undo", "rest", "start", "sync", "cut"]),
        st.integers(2, 4),  # the day (2-4 March)
    ),
    min_size=3,
    max_size=8,
)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS, order=st.permutations([0, 1, 2]), skew=st.integers(-90, 90))
def test_devices_that_read_everything_hold_identical_records(
    make_home, tmp_path_factory, operations, order, skew
):
    """Random operations on three devices (one with a clock `skew` minutes off), synced
    in a random order, some reading another device's log as a syncer leaves it mid-copy
    (cut in the middle of a line): once everyone has read everything, everyone holds the
    same entries, and no entry reported saved is lost or one deleted comes back."""
    from datetime import datetime, timedelta

    folder = tmp_path_factory.mktemp("Sync")
    base = tmp_path_factory.mktemp("homes")
    homes = []
    for n in range(3):
        home = make_home(f"d{n}")
        home.path = base / f"d{n}"
        home.ok("sync", "setup", str(folder), "--device", f"d{n}", now=DAY.format(2))
        homes.append(home)
    saved: set[str] = set()
    deleted: set[str] = set()

    def at(device: int, day: int) -> str:
        moment = datetime.fromisoformat(DAY.format(day))
        return (moment + timedelta(minutes=skew if device == 2 else 0)).isoformat()

    for device, action, day in operations:
        home, now = homes[device], at(device, day)
        mine = [e[0] for e in entries(home, now)]
        if action == "log":  # refused before the run's first day (a day went backwards)
            code, out, _err = home.run("log", "no", "--json", now=now)
            if code == 0:
                saved.add(json.loads(out)["id"])
        elif action == "delete" and mine:
            home.ok("delete", mine[0][:8], now=now)
            deleted.add(mine[0])
        elif action == "edit" and mine:
            home.ok("edit", mine[-1][:8], "--note", f"edit by {device}", now=now)
        elif action == "undo":
            if home.run("undo", now=now)[0] == 0:
                deleted |= set(mine) - {e[0] for e in entries(home, now)}
        elif action == "rest":
            home.run("rest", "tomorrow", now=now)
        elif action == "start":
            home.run("start", "--days", "30", "--date", "tomorrow", "--force", now=now)
        elif action == "sync":
            home.ok("sync", now=now)
        elif action == "cut":  # another device's log half copied here, then whole again
            other = folder / f"{_device_of(homes[(device + 1 + day % 2) % 3])}.log"
            whole = other.read_bytes()
            other.write_bytes(whole[: max(1, len(whole) - 9)])
            home.ok("sync", now=now)
            other.write_bytes(whole)
    for _round in range(2):
        for device in order:
            homes[device].ok("sync", now=at(device, 5))
    seen = [entries(home, DAY.format(5)) for home in homes]
    assert seen[0] == seen[1] == seen[2]
    ids = {e[0] for e in seen[0]}
    assert saved - deleted <= ids and not ids & deleted


def _device_of(home) -> str:
    return json.loads((home.path / "sync.json").read_text())["device"]


@pytest.mark.parametrize("where", ["after_append", "in_merge"])
def test_a_sync_killed_midway_loses_nothing_and_the_next_completes(pair, monkeypatch, where):
    """A kill after this device's lines are in its log but before the sync said so (or
    while the merge is being stored): the next sync neither calls the log a copy's nor
    loses the change."""
    from rejection_therapy.service import sync as use_case

    laptop, desktop, _ = pair
    now = DAY.format(3)
    laptop.ok("log", "no", "--note", "before the kill", now=now)

    class Killed(BaseException):
        pass

    def killed(*_args, **_kwargs):
        raise Killed

    desktop.ok("log", "yes", "--note", "on the desktop", now=now)
    desktop.ok("sync", now=now)
    if where == "after_append":
        real = use_case.write_sync_state
        calls = iter([real, killed])  # the first write (the intent) goes through
        monkeypatch.setattr(use_case, "write_sync_state", lambda *a: next(calls)(*a))
    else:
        monkeypatch.setattr(use_case, "store_merged", killed)
    with pytest.raises(Killed):
        laptop.run("sync", now=now)
    monkeypatch.undo()
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    notes = {e[2] for e in entries(desktop, now)}
    assert notes == {"before the kill", "on the desktop"}
    assert entries(laptop, now) == entries(desktop, now)


def test_the_reminder_reads_the_folder_first(pair, tmp_path, monkeypatch):
    """Logged on the laptop: the desktop's reminder stays silent without a manual sync."""
    laptop, desktop, _ = pair
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "notify-send").write_text(f"#!/bin/sh\necho called >> {tools}/calls\n")
    (tools / "notify-send").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:/usr/bin:/bin")
    monkeypatch.setenv("HOME", str(tmp_path))
    evening = "2026-03-02T18:31:00+01:00"
    desktop.ok("remind", "install", "--scheduler", "cron", now=evening)
    laptop.ok("log", "no", now=evening)
    laptop.ok("sync", now=evening)
    code, out, _ = desktop.run("remind", "check", now=evening)
    assert (code, (tools / "calls").exists()) == (0, False), out


def test_a_log_rolled_back_or_moved_away_removes_nothing_here(pair):
    laptop, desktop, folder = pair
    now = DAY.format(2)
    [desktop_log] = [p for p in logs(folder) if '"desktop"' in p.read_text().splitlines()[0]]
    old_copy = desktop_log.read_bytes()
    desktop.ok("log", "yes", "--note", "desktop today", now=now)
    desktop.ok("sync", now=now)
    laptop.ok("sync", now=now)
    desktop_log.write_bytes(old_copy)  # a restore from an old backup
    code, _, err = laptop.run("sync", now=now)
    assert code == 0 and "shrank" in err
    assert "desktop today" in laptop.ok("history", now=now)
    desktop_log.rename(folder.parent / "elsewhere.log")  # and then moved away altogether
    laptop.ok("sync", now=now)
    assert "desktop today" in laptop.ok("history", now=now)


def test_this_devices_own_lines_count_after_its_clock_ran_ahead(pair):
    laptop, _desktop, _ = pair
    laptop.ok("log", "yes", "--note", "clock ahead", now=DAY.format(5))
    laptop.ok("sync", now=DAY.format(5))
    laptop.ok("log", "no", "--note", "clock right", now=DAY.format(2))
    code, _, err = laptop.run("sync", now=DAY.format(2))
    assert code == 0 and "ahead" not in err
    history = laptop.ok("history", now=DAY.format(2))
    assert "clock ahead" in history and "clock right" in history


def test_a_device_joining_keeps_the_persons_settings_and_runs(make_home, tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    first, second = make_home("first"), make_home("second")
    now = DAY.format(2)
    first.ok("demo", "--days", "30", now=now)
    first.ok("config", "timezone", "America/New_York", now=now)
    first.ok("config", "rollover_hour", "2", now=now)
    length = json.loads(first.ok("streak", "--json", now=now))["length"]
    first.ok("sync", "setup", str(folder), "--device", "first", now=now)
    second.ok("sync", "setup", str(folder), "--device", "second", now=now)
    first.ok("sync", now=now)
    for home in (first, second):
        settings = json.loads(home.ok("config", "--json", now=now))
        assert (settings["timezone"], settings["rollover_hour"]) == ("America/New_York", 2)
        assert json.loads(home.ok("streak", "--json", now=now))["length"] == length


def test_a_bad_settings_line_is_set_aside_and_the_rest_applies(pair):
    laptop, desktop, folder = pair
    now = DAY.format(2)
    laptop.ok("log", "no", "--note", "still arrives", now=now)
    laptop.ok("sync", now=now)
    stamp = "001772442000000-000009-" + "f" * 32
    line = '{"seq":SEQ,"prev":"PREV","hlc":"%s","table":"settings","key":"person","doc":%s}'
    path = _hostile_log(
        folder,
        "f" * 32,
        [line % (stamp, '{"timezone":"Mars/Olympus"}'), line % (stamp, '{"shell":"rm -rf"}')],
    )
    code, _, err = desktop.run("sync", now=now)
    assert code == 0, err
    assert f"{path} line 2:" in err and f"{path} line 3: settings.shell: not a setting" in err
    assert "still arrives" in desktop.ok("history", now=now)
    assert json.loads(desktop.ok("config", "--json", now=now))["timezone"] == "Europe/Berlin"


def test_syncs_running_at_once_on_one_home_all_finish(pair):
    """The reminder's check and a sync by hand at the same moment: no false "copied home"."""
    import os
    import subprocess

    from tests.conftest import SCRIPT

    laptop, _desktop, _ = pair
    laptop.ok("rest", "tomorrow", now=DAY.format(2))
    env = {**os.environ, "REJECTION_THERAPY_HOME": str(laptop.path)}
    env["REJECTION_THERAPY_NOW"] = DAY.format(2)
    runs = [
        subprocess.Popen([str(SCRIPT), "sync"], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    results = [(run.wait(), run.stderr.read()) for run in runs]  # type: ignore[union-attr]
    assert all(code == 0 for code, _ in results), results


FIXTURE_PACK = Path(__file__).resolve().parent.parent / "fixtures" / "interviews.yaml"


def test_your_own_packs_travel_checked_and_their_removal_too(pair):
    laptop, desktop, folder = pair
    now = DAY.format(2)
    laptop.ok("packs", "add", str(FIXTURE_PACK), now=now)
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    arrived = desktop.path / "packs" / "interviews.yaml"
    assert arrived.read_bytes() == FIXTURE_PACK.read_bytes()
    assert "interviews" in desktop.ok("packs", "list", now=now)
    desktop.ok("packs", "remove", "interviews", now=now)
    desktop.ok("sync", now=now)
    laptop.ok("sync", now=now)
    assert not (laptop.path / "packs" / "interviews.yaml").exists()

    stamp = "001772442000000-000001-" + "d" * 32
    line = '{"seq":SEQ,"prev":"PREV","hlc":"%s","table":"packs","key":%s,"doc":%s}'
    bad_yaml = json.dumps({"id": "evil", "yaml": "pack: evil\nchallenges: [\n"})
    other_id = json.dumps({"id": "cover", "yaml": FIXTURE_PACK.read_text()})
    path = _hostile_log(
        folder,
        "d" * 32,
        [
            line % (stamp, '"evil"', bad_yaml),
            line % (stamp, '"cover"', other_id),
            line % (stamp, '"../../escape"', json.dumps({"id": "../../escape", "yaml": "x"})),
        ],
    )
    code, _, err = desktop.run("sync", now=now)
    assert code == 0
    for number in (2, 3, 4):
        assert f"{path} line {number}:" in err
    assert sorted(p.name for p in (desktop.path / "packs").iterdir()) == []
    assert not (desktop.path.parent / "escape.yaml").exists()


def test_a_log_from_the_shell_reaches_the_other_device_by_itself(pair, monkeypatch):
    """No `sync` typed: the `log` starts one in the background and answers at once."""
    import time

    laptop, desktop, _ = pair
    monkeypatch.delenv("REJECTION_THERAPY_NO_AUTOSYNC")
    now = DAY.format(2)
    laptop.ok("log", "no", "--note", "from the ssh box", now=now)
    monkeypatch.setenv("REJECTION_THERAPY_NO_AUTOSYNC", "1")
    for _ in range(100):  # the background sync runs in its own process
        desktop.ok("sync", now=now)
        if "from the ssh box" in desktop.ok("history", now=now):
            break
        time.sleep(0.1)
    assert "from the ssh box" in desktop.ok("history", now=now)
    assert "Waiting here" not in laptop.ok("sync", "status", now=now)


def test_a_change_here_is_sent_from_the_journal_without_reading_the_history(pair, monkeypatch):
    """The sync after a `log` or an `undo` reads the journal lines written since the last
    sync, never the whole history (that took seconds at ten years); the other device
    still gets the entry, and then its removal."""
    from rejection_therapy.service import sync as service_sync

    laptop, desktop, _ = pair
    now = DAY.format(3)
    laptop.ok("log", "no", "--note", "stays", now=now)
    laptop.ok("sync", now=now)  # the day's first write folded the journal: a whole sync
    whole, read_whole = service_sync._prepare, []

    def spy(ctx, *args):
        read_whole.append(ctx.paths.home)
        return whole(ctx, *args)

    monkeypatch.setattr(service_sync, "_prepare", spy)
    laptop.ok("log", "yes", "--note", "taken back", now=now)
    assert "1 change out" in laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    assert {e[2] for e in entries(desktop, now)} == {"stays", "taken back"}
    laptop.ok("undo", now=now)
    assert "0 changes out" not in laptop.ok("sync", now=now)
    assert laptop.path not in read_whole, "the laptop's own changes needed no merge"
    desktop.ok("sync", now=now)
    assert [e[2] for e in entries(desktop, now)] == ["stays"]
    assert entries(desktop, now) == entries(laptop, now)


def test_another_devices_log_is_read_from_where_the_last_sync_stopped(pair, monkeypatch):
    from rejection_therapy.sync import devicelog

    laptop, desktop, folder = pair
    now = DAY.format(3)
    desktop.ok("log", "no", "--note", "one", now=now)
    desktop.ok("sync", now=now)
    laptop.ok("sync", now=now)
    desktop.ok("log", "yes", "--note", "two", now=now)
    desktop.ok("sync", now=now)
    real, reads = devicelog.read_bounded, []

    def spy(path, *args, **kwargs):
        reads.append((Path(path).name, kwargs.get("offset", 0)))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(devicelog, "read_bounded", spy)
    laptop.ok("sync", now=now)
    theirs = [offset for name, offset in reads if name == f"{_device_of(desktop)}.log"]
    assert theirs and min(theirs) > 0, "the desktop's log was read again from its start"
    assert {e[2] for e in entries(laptop, now)} == {"one", "two"}
    assert "1 device" not in laptop.ok("sync", "status", now=now)


def test_a_line_from_a_clock_far_ahead_waits_and_counts_once_this_clock_is_there(pair):
    """The desktop's clock runs three days ahead: its line is set aside on the laptop
    (more than a day ahead) and read again at every sync, until the laptop's clock
    reaches it; nothing else waits for it."""
    laptop, desktop, _ = pair
    desktop.ok("log", "no", "--note", "from the future", now=DAY.format(6))
    desktop.ok("sync", now=DAY.format(6))
    laptop.ok("log", "yes", "--note", "today", now=DAY.format(2))
    code, _out, err = laptop.run("sync", now=DAY.format(2))
    assert code == 0 and "more than a day ahead" in err
    assert {e[2] for e in entries(laptop, DAY.format(2))} == {"today"}
    code, _out, err = laptop.run("sync", now=DAY.format(3))
    assert "more than a day ahead" in err, "a line set aside is read again, not skipped"
    laptop.ok("sync", now=DAY.format(6))
    assert {e[2] for e in entries(laptop, DAY.format(6))} == {"today", "from the future"}


def test_a_burst_of_logs_starts_no_second_background_sync_while_one_is_at_work(pair, monkeypatch):
    import fcntl
    import os

    laptop, _desktop, _ = pair
    started = []
    monkeypatch.setattr(os, "posix_spawn", lambda path, argv, *a, **k: started.append(argv))
    monkeypatch.delenv("REJECTION_THERAPY_NO_AUTOSYNC")
    now = DAY.format(2)
    laptop.ok("log", "no", now=now)
    assert len(started) == 1 and started[0][-2:] == ["--json", "--background"]
    descriptor = os.open(laptop.path / ".sync-background", os.O_RDWR | os.O_CREAT)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # as the background sync at work holds it
    try:
        laptop.ok("log", "yes", now=now)
        laptop.ok("streak", now=now)
    finally:
        os.close(descriptor)
    assert len(started) == 1, "the sync at work takes the second change"
    laptop.ok("log", "why", now=now)
    assert len(started) == 2


def test_a_days_ask_drawn_on_both_devices_before_a_sync_keeps_the_first_draw(pair):
    """The laptop draws the day's ask at 09:00 and sends it; the desktop, offline since
    yesterday, draws at 10:00 and swaps it. Once both have synced, both show the laptop's
    ask (the one the person saw first), and a swap made on top of it then follows."""
    laptop, desktop, _ = pair

    def ask(home, now):
        return json.loads(home.ok("today", "--json", now=now))["ask"]["id"]

    morning, later = "2026-03-03T09:00:00+01:00", "2026-03-03T10:00:00+01:00"
    first = ask(laptop, morning)
    laptop.ok("sync", now=morning)
    desktop.ok("today", now=later)
    desktop.ok("today", "--swap", now=later)
    assert ask(desktop, later) != first
    for home in (desktop, laptop):
        home.ok("sync", now=later)
    assert ask(laptop, later) == ask(desktop, later) == first
    desktop.ok("today", "--swap", now=later)
    swapped = ask(desktop, later)
    for home in (desktop, laptop):
        home.ok("sync", now=later)
    assert swapped != first and ask(laptop, later) == swapped


def test_status_says_when_this_home_is_a_sync_behind_and_what_was_set_aside(pair):
    laptop, desktop, folder = pair
    now = DAY.format(3)
    desktop.ok("log", "no", "--note", "not read yet", now=now)
    desktop.ok("sync", now=now)
    status = json.loads(laptop.ok("sync", "status", "--json", now=now))
    assert status["unread"] == [_device_of(desktop)] and status["waiting"] == 0
    assert "a sync behind" in laptop.ok("sync", "status", now=now)
    stamp = "001772442000000-000000-" + "e" * 32
    line = '{"seq":SEQ,"prev":"PREV","hlc":"%s","table":"entries","key":"x","doc":{"id":"x"}}'
    path = _hostile_log(folder, "e" * 32, [line % stamp])
    laptop.run("sync", now=now)
    status = json.loads(laptop.ok("sync", "status", "--json", now=now))
    assert status["unread"] == [] and f"{path} line 2:" in status["set_aside"][-1]
    text = laptop.ok("sync", "status", now=now)
    assert "a sync behind" not in text and f"{path} line 2:" in text


def test_a_record_whose_place_another_took_is_removed_on_every_device(pair):
    """Cancelling a rest day and taking another reuses its document: the journal's
    operations must still say the first one went (else the other device keeps it)."""
    laptop, desktop, _ = pair
    now = DAY.format(3)
    laptop.ok("rest", "2026-03-05", now=now)
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    laptop.ok("rest", "--cancel", "2026-03-05", now=now)
    laptop.ok("rest", "2026-03-06", now=now)
    for home in (laptop, desktop, laptop):
        home.ok("sync", now=now)
    days = [sorted(r["date"] for r in h.export()["tables"]["rest_days"]) for h in (laptop, desktop)]
    assert days[0] == days[1] == ["2026-03-06"]


def test_a_log_saved_while_a_sync_works_it_out_is_kept_and_sent(pair, monkeypatch):
    """A `log` saved after the sync read the home's stamp but before it read the tables
    must not be undone by the sync's result (it is worked out again instead)."""

    laptop, desktop, _ = pair
    now = DAY.format(3)
    desktop.ok("log", "no", "--note", "from the desktop", now=now)
    desktop.ok("sync", now=now)
    from rejection_therapy.service import sync_reading

    real, calls = sync_reading.own_log, []

    def meanwhile(*args):
        calls.append(1)
        if len(calls) == 2:  # the sync is working the merge out (its log read slowly)
            laptop.ok("log", "yes", "--note", "typed meanwhile", now=now)
        return real(*args)

    monkeypatch.setattr(sync_reading, "own_log", meanwhile)
    laptop.ok("sync", now=now)
    monkeypatch.setattr(sync_reading, "own_log", real)
    assert len(calls) >= 2
    laptop.ok("sync", now=now)
    desktop.ok("sync", now=now)
    for home in (laptop, desktop):
        assert {e[2] for e in entries(home, now)} == {"from the desktop", "typed meanwhile"}


def test_a_sync_state_with_impossible_offsets_reads_the_log_again_from_its_start(pair):
    laptop, desktop, _ = pair
    now = DAY.format(3)
    laptop.ok("sync", now=now)
    desktop.ok("log", "no", "--note", "far", now=now)
    desktop.ok("sync", now=now)
    state_file = laptop.path / "sync.json"
    state = json.loads(state_file.read_text())
    state["seen"][_device_of(desktop)].update({"at": 10**20, "read": 10**20 + 5, "size": 1})
    state_file.write_text(json.dumps(state))
    code, _out, err = laptop.run("sync", now=now)
    assert code == 0 and "Traceback" not in err
    assert {e[2] for e in entries(laptop, now)} == {"far"}


def test_an_export_as_a_log_imports_as_sync_merges_it(pair, make_home, tmp_path):
    """Carried by hand (`export --format log`, `import`), a history merges as through the
    folder: the same records, again changes nothing, and an edit or a deletion travels."""
    laptop, desktop, _ = pair
    box = make_home("box")  # an SSH box that does not sync
    now = DAY.format(3)
    laptop.ok("log", "no", "--note", "first", now=now)
    laptop.ok("log", "yes", "--note", "second", now=now)
    laptop.ok("sync", now=now)
    carried = tmp_path / "laptop.log"
    laptop.ok("export", "--format", "log", "-o", str(carried), now=now)
    said = box.ok("import", str(carried), now=now)
    assert "Merged as a sync merges it:" in said and " 0 records" not in said
    assert "0 records" in box.ok("import", str(carried), now=now)
    assert entries(box, now) == entries(laptop, now)
    assert box.ok("streak", now=now) == laptop.ok("streak", now=now)
    first, second = sorted(entries(laptop, now), key=lambda e: e[2])
    laptop.ok("edit", first[0][:8], "--note", "edited", now=now)
    laptop.ok("delete", second[0][:8], now=now)
    laptop.ok("sync", now=now)
    laptop.ok("export", "--format", "log", "-o", str(carried), "--force", now=now)
    box.ok("import", str(carried), now=now)
    desktop.ok("sync", now=now)
    assert [e[2] for e in entries(box, now)] == ["edited"]
    assert entries(box, now) == entries(desktop, now) == entries(laptop, now)


def test_a_hostile_log_imported_by_hand_is_refused_whole(pair, make_home, tmp_path):
    laptop, _desktop, folder = pair
    box = make_home("box")
    now = DAY.format(3)
    box.ok("log", "no", "--note", "mine", now=now)
    stamp = "001772442000000-000000-" + "e" * 32
    line = '{"seq":SEQ,"prev":"PREV","hlc":"%s","table":"%s","key":"%s","doc":%s}'
    path = _hostile_log(
        tmp_path,
        "e" * 32,
        [
            line % (stamp, "rest_days", "2026-03-05", '{"date":"2026-03-05"}'),
            line % (stamp, "entries", "x", '{"id":"x","date":"9999-99-99"}'),
        ],
    )
    before = box.export()
    code, _out, err = box.run("import", str(path), now=now)
    assert code == 2 and f"{path} line 3:" in err and "nothing was imported" in err
    assert "Traceback" not in err
    assert box.export()["tables"] == before["tables"]
