"""Nothing logged is ever lost: concurrent writers, SIGKILL, failing disks, corrupt files.

The heavy tests run against the storage layer with real processes (the other side lives in
durability_worker.py); one smoke test of each kind goes through the installed console
script. Randomness is seeded and every wait has a deadline.
"""

from __future__ import annotations

import errno
import json
import marshal
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rejection_therapy.core.models import Outcome, Settings
from rejection_therapy.paths import Paths
from rejection_therapy.storage import database
from rejection_therapy.storage.database import (
    FOLD_AFTER_OPERATIONS,
    Database,
    data_file_stamp,
    read_data_file,
)
from rejection_therapy.storage.files import StorageError
from rejection_therapy.storage.migrations import SCHEMA_VERSION
from rejection_therapy.storage.records import load_state
from tests.conftest import make_service
from tests.storage.durability_worker import Faults, read_only_open

WORKER = Path(__file__).with_name("durability_worker.py")
T0 = "2026-03-02T10:00:00+01:00"
NEXT_WEEK = "2026-03-09T10:00:00+01:00"
SETTINGS = Settings(timezone="Europe/Berlin")


# -- helpers -------------------------------------------------------------------------------


def strict_json(raw: bytes) -> Any:
    """Parse the data file, refusing duplicate keys (two documents with one doc id)."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        duplicates = [key for key, count in Counter(keys).items() if count > 1]
        assert not duplicates, f"duplicate keys {duplicates}"
        return dict(pairs)

    return json.loads(raw.decode("utf-8"), object_pairs_hook=no_duplicates)


def labels_in(home: Path) -> Counter[str]:
    """Ask texts of the stored entries, loaded the way the app loads them."""
    state = load_state(Database(Paths(home)).read(), SETTINGS)
    return Counter(entry.ask_text for entry in state.entries)


def temp_files(home: Path) -> list[Path]:
    return sorted(p for p in home.rglob("*") if p.name.endswith(".tmp"))


def status_agrees(home: Path) -> bool:
    """The status record is stale (it will be rebuilt) or matches the data; never wrong.

    Stale means its stamp is not the data file's current (inode, mtime, size). Returns
    whether it was fresh.
    """
    paths = Paths(home)
    try:
        raw = paths.status_file.read_bytes()
    except FileNotFoundError:
        return False
    record = marshal.loads(raw)  # written atomically: it always loads
    if record.get("stamp") != data_file_stamp(paths.data_file):
        return False
    state = load_state(Database(paths).read(), SETTINGS)
    assert record["done_dates"] == sorted({e.date.isoformat() for e in state.entries})
    assert [run["number"] for run in record["runs"]] == sorted(r.number for r in state.runs)
    return True


def rebuilt_status_agrees(home: Path) -> None:
    """What `streak` does with a stale record: rebuild it, then it must match the data."""
    if not status_agrees(home):
        make_service(home, T0).rebuild_status()
        assert status_agrees(home), "a rebuilt status record is still stale"


@contextmanager
def deadline(seconds: float, *processes: subprocess.Popen[Any]) -> Iterator[None]:
    """Kill the processes if the block runs too long, so a hang fails instead of stalling CI."""

    def kill_all() -> None:
        for process in processes:
            process.kill()

    timer = threading.Timer(seconds, kill_all)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def worker(*args: str, stdin: Any = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def make_v1(home: Path) -> None:
    """Turn the home's file into a schema-1 file (no meta table, no tombstones)."""
    data_file = Paths(home).data_file
    data = json.loads(data_file.read_bytes())
    data.pop("meta", None)
    data.pop("tombstones", None)
    data_file.write_text(json.dumps(data))


# -- 1. two writers at once ------------------------------------------------------------------

ROUNDS = ("no home yet", "an initialized home", "a schema-1 file to migrate")
PER_WRITER = 100
"""Each writer's logs: enough to interleave the two throughout (the service's writes cost
about 50 ms each, so more only lengthens the suite)."""


def test_two_processes_logging_100_entries_each_at_once_lose_nothing(tmp_path):
    """The app's service and the command line's fast `log` (journal lines) at once."""
    for number, start in enumerate(ROUNDS):
        home = tmp_path / f"round-{number}"
        if start != "no home yet":
            make_service(home, T0).read()
        if start == "a schema-1 file to migrate":
            make_v1(home)
        base_generation = 1 if start == "an initialized home" else 0
        data_file = Paths(home).data_file

        writers = [
            worker("writer", str(home), name, str(PER_WRITER), how)
            for name, how in (("a", "service"), ("b", "fast"))
        ]
        with deadline(60, *writers):
            for process in writers:
                assert process.stdout.readline().strip() == "ready", process.stderr.read()
            for process in writers:  # both start at once
                process.stdin.write("go\n")
                process.stdin.flush()
            # Meanwhile read without the lock, as `streak` and the TUI do: never a torn file,
            # and the generation never goes back (no lost update becomes visible).
            generations = [0]
            while any(process.poll() is None for process in writers):
                if data_file.exists():
                    meta = strict_json(data_file.read_bytes()).get("meta", {"1": {}})["1"]
                    generation = meta.get("generation", 0)
                    assert generation >= generations[-1]
                    generations.append(generation)
                time.sleep(0.01)
            outputs = [process.communicate() for process in writers]
        for process, (out, err) in zip(writers, outputs, strict=True):
            assert process.returncode == 0, err
            assert out.split() == ["done"], (out, err)

        data = strict_json(data_file.read_bytes())
        merged = read_data_file(data_file)  # with the journal's lines, as every reader sees it
        assert merged is not None
        entries = list(merged["entries"].values())
        expected = {f"{name}-{index}" for name in "ab" for index in range(PER_WRITER)}
        counts = Counter(entry["ask_text"] for entry in entries)
        assert set(counts) == expected, start
        assert set(counts.values()) == {1}, [label for label, n in counts.items() if n > 1]
        ids = [entry["id"] for entry in entries]
        assert len(set(ids)) == len(ids) == 2 * PER_WRITER
        assert all(str(uuid.UUID(entry_id)) == entry_id for entry_id in ids)
        assert sorted(entry["seq"] for entry in entries) == list(range(1, 2 * PER_WRITER + 1))
        assert len(merged["runs"]) == 1, "both writers started a run"
        # every log, the service's too, appended to the journal; the file was rewritten only
        # by the day's first write and once per FOLD_AFTER_OPERATIONS lines
        generation = data["meta"]["1"]["generation"]
        folds = 2 * PER_WRITER // FOLD_AFTER_OPERATIONS + 1
        assert base_generation <= generation <= base_generation + 1 + folds
        assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
        assert labels_in(home) == Counter(expected)
        rebuilt_status_agrees(home)
        if start == "a schema-1 file to migrate":
            migrations = list(Paths(home).backups_dir.glob("pre-migration-v1-*.json"))
            assert len(migrations) == 1, migrations
        assert not temp_files(home)


# -- 2. a writer killed at random points -------------------------------------------------------

KILLS = 200


@pytest.mark.parametrize("how", ["service", "fast"])
def test_a_writer_killed_200_times_never_loses_a_reported_entry(tmp_path, how):
    home = tmp_path / "home"
    make_service(home, T0).read()
    paths = Paths(home)
    rng = random.Random(7_2026)
    server = worker("forkserver", str(home), how)
    reported: set[str] = set()
    unreported_but_saved = stale_status = leftovers = last_generation = 0
    with deadline(150, server):
        assert server.stdout.readline().strip() == "ready", server.stderr.read()
        for kill in range(KILLS if how == "service" else KILLS // 2):
            prefix = f"k{kill}"
            server.stdin.write(f"kill {prefix} {rng.uniform(0, 0.15):.4f}\n")
            server.stdin.flush()
            line = server.stdout.readline()
            assert line, server.stderr.read()
            answer = json.loads(line)
            labels = answer["labels"]
            assert not [label for label in labels if label.startswith("ERROR")], labels
            assert answer["killed"], f"kill {kill}: the writer ended by itself: {labels}"

            # The file always loads, through the same code as the app, and never goes back.
            generation = strict_json(paths.data_file.read_bytes())["meta"]["1"]["generation"]
            assert generation >= last_generation, f"kill {kill}: an older file came back"
            last_generation = generation
            stored = labels_in(home)
            assert set(stored.values()) <= {1}
            reported.update(labels)
            missing = reported - set(stored)
            assert not missing, f"kill {kill}: reported but lost: {sorted(missing)}"
            # At most the one entry being logged when the kill came is there unreported.
            mine = sorted(
                int(label.split("-")[1]) for label in stored if label.split("-")[0] == prefix
            )
            assert mine in (list(range(len(labels))), list(range(len(labels) + 1))), (labels, mine)
            unreported_but_saved += len(mine) - len(labels)
            assert sum(stored.values()) == len(reported) + unreported_but_saved
            stale_status += not status_agrees(home)
            leftovers = max(leftovers, len(temp_files(home)))
        server.stdin.close()
        server.wait()
    if how == "fast":  # most entries went to the journal: far fewer whole-file writes
        assert last_generation < len(reported) / 2, (last_generation, len(reported))

    # Leftover temp files of killed writers never replace the data file: the next write works.
    result = make_service(home, T0).log(Outcome.NO, ask_text="after the kills")
    stored = labels_in(home)
    assert result.entry.ask_text in stored
    assert set(stored) >= reported
    assert sum(stored.values()) == len(reported) + unreported_but_saved + 1
    assert status_agrees(home)
    print(
        f"\n{KILLS if how == 'service' else KILLS // 2} kills ({how}): {len(reported)} reported entries, {unreported_but_saved} saved but "
        f"unreported, {stale_status} stale status records, up to {leftovers} leftover temp files"
    )


# -- 3. fault injection at every write, fsync and replace of one log -------------------------------


def _freeze_backup_day(monkeypatch: pytest.MonkeyPatch, instant: str) -> None:
    """Backups are dated by the wall clock: stop it on the instant's day, so every run of
    one scenario takes the same path (and a new week's first log writes new backups)."""
    day = date.fromisoformat(instant[:10])

    class Frozen(date):
        @classmethod
        def today(cls) -> date:
            return day

    monkeypatch.setattr(database, "date", Frozen)


def _prepare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str) -> tuple[Path, str]:
    template = tmp_path / "template"
    _freeze_backup_day(monkeypatch, T0)
    service = make_service(template, T0)
    service.log(Outcome.NO, ask_text="old-1")
    service.log(Outcome.YES, ask_text="old-2")
    if scenario == "migration":
        make_v1(template)
    instant = NEXT_WEEK if scenario == "first log of a new week" else T0
    _freeze_backup_day(monkeypatch, instant)
    return template, instant


def _copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


def _entry_ids(home: Path) -> dict[str, str]:
    state = load_state(Database(Paths(home)).read(), SETTINGS)
    return {entry.id: entry.ask_text for entry in state.entries}


@pytest.mark.parametrize("scenario", ["same day", "first log of a new week", "migration"])
def test_a_failure_at_any_write_fsync_or_replace_leaves_the_old_or_the_new_state(
    tmp_path, monkeypatch, scenario
):
    template, instant = _prepare(tmp_path, monkeypatch, scenario)
    old_ids = _entry_ids(template)
    data_name = Paths(template).data_file.name

    # Dry run: count the calls one log makes, and find the commit (the data file's replace).
    dry = Faults()
    home = _copy(template, tmp_path / "dry")
    with monkeypatch.context() as patch:
        dry.install(patch.setattr)
        make_service(home, instant).log(Outcome.NO, ask_text="new")
    assert sorted(_entry_ids(home).values()) == sorted([*old_ids.values(), "new"])
    # The commit: the journal's fsync (the change is saved once its operations are
    # durable there); the data file's replace, for a write that has no journal to append to.
    journal_name = Path(database.journal_path_for(str(Paths(template).data_file))).name
    commit = next(
        (
            i
            for i, (op, target) in enumerate(dry.calls)
            if op == "fsync" and target.endswith(journal_name)
        ),
        None,
    )
    if commit is None:
        commit = next(
            i
            for i, (op, target) in enumerate(dry.calls)
            if op == "replace" and target.endswith(data_name)
        )
    replaced = Counter(Path(target).name for op, target in dry.calls if op == "replace")
    # After the day's backup a log only appends to the journal; the day's first write
    # (here, of a new week) and a migration also rewrite the file.
    assert replaced[data_name] == (0 if scenario == "same day" else 1)
    assert replaced["status.marshal"] == 1
    if scenario == "first log of a new week":
        assert replaced["daily-2026-03-09.json"] == replaced["weekly-2026-W11.json"] == 1
    if scenario == "migration":
        assert sum(1 for name in replaced if name.startswith("pre-migration-v1-")) == 1
    positions: dict[tuple[str, int], int] = {}
    seen: Counter[str] = Counter()
    for index, (op, _target) in enumerate(dry.calls):
        seen[op] += 1
        positions[op, seen[op]] = index

    problems = []
    for (op, nth), index in positions.items():
        for code in (errno.EIO, errno.ENOSPC):
            target = os.path.relpath(dry.calls[index][1], tmp_path / "dry")
            case = f"{op} #{nth} of one log ({target}), {errno.errorcode[code]}"
            # A folder's fsync is best effort (files.fsync_dir): its failure is no error.
            saved = index > commit or (op == "fsync" and os.path.isdir(dry.calls[index][1]))
            home = _copy(template, tmp_path / f"{op}-{nth}-{code}")
            paths = Paths(home)
            before = paths.data_file.read_bytes()
            status_before = paths.status_file.read_bytes()
            faults = Faults(op, nth, code)
            error: Exception | None = None
            with monkeypatch.context() as patch:
                faults.install(patch.setattr)
                try:
                    make_service(home, instant).log(Outcome.NO, ask_text="new")
                except Exception as raised:  # judged below
                    error = raised
            assert faults.fired == index, f"{case}: the log took another path than the dry run"
            assert not temp_files(home), f"{case}: temp files left behind"
            after = _entry_ids(home)  # the file parses and loads, whatever happened
            if not saved:  # the data file was not replaced: the old state, and an error
                if not (isinstance(error, StorageError) and "nothing was saved" in str(error)):
                    problems.append(
                        f"{case}: expected StorageError 'nothing was saved', got {error!r}"
                    )
                elif not any(
                    str(named) in str(error)
                    for named in (paths.data_file, database.journal_path_for(str(paths.data_file)))
                ):
                    problems.append(f"{case}: the message does not name the file: {error}")
                if paths.data_file.read_bytes() != before or after != old_ids:
                    problems.append(f"{case}: the data file changed")
                if paths.status_file.read_bytes() != status_before:
                    problems.append(f"{case}: the status record changed")
            else:  # the entry is saved: the log succeeded, whatever a derived file did
                if error is not None:
                    problems.append(f"{case}: the entry was saved, yet log raised {error!r}")
                new = {i: text for i, text in after.items() if i not in old_ids}
                if set(old_ids) - set(after) or list(new.values()) != ["new"]:
                    problems.append(f"{case}: not exactly the new state: {after}")
            rebuilt_status_agrees(home)
    assert not problems, "\n".join(problems)


# -- 4. a full disk and a read-only folder --------------------------------------------------------


def _home_with_an_entry(home: Path) -> bytes:
    make_service(home, T0).log(Outcome.NO, ask_text="kept")
    return Paths(home).data_file.read_bytes()


def _assert_refused_and_intact(home: Path, before: bytes, error: StorageError, reason: int) -> None:
    message = str(error)
    assert str(Paths(home).data_file) in message
    assert "nothing was saved" in message
    assert os.strerror(reason) in message
    assert "\n" not in message
    assert Paths(home).data_file.read_bytes() == before
    assert not temp_files(home)


@pytest.mark.parametrize("op", ["write", "fsync"])
def test_a_full_disk_refuses_the_entry_and_keeps_the_old_file(home, monkeypatch, op):
    before = _home_with_an_entry(home)
    with monkeypatch.context() as patch:
        Faults(op, 1, errno.ENOSPC).install(patch.setattr)
        with pytest.raises(StorageError) as refused:
            make_service(home, T0).log(Outcome.NO, ask_text="lost")
    _assert_refused_and_intact(home, before, refused.value, errno.ENOSPC)
    make_service(home, T0).log(Outcome.NO, ask_text="after")  # space again: it works
    assert labels_in(home) == Counter({"kept": 1, "after": 1})


@pytest.mark.parametrize("op", ["flush", "close"])
def test_a_disk_that_fills_after_the_journal_keeps_the_entry_in_the_journal(home, monkeypatch, op):
    # The journal's operations are durable before the data file is rewritten: a full disk
    # then only leaves the fold to the next write.
    before = _home_with_an_entry(home)
    with monkeypatch.context() as patch:
        Faults(op, 1, errno.ENOSPC).install(patch.setattr)
        make_service(home, T0).log(Outcome.NO, ask_text="saved")
    assert Paths(home).data_file.read_bytes() == before
    assert not temp_files(home)
    assert labels_in(home) == Counter({"kept": 1, "saved": 1})
    make_service(home, T0).log(Outcome.NO, ask_text="after")
    assert labels_in(home) == Counter({"kept": 1, "saved": 1, "after": 1})


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_a_folder_where_no_file_can_be_created_keeps_the_old_file(home, monkeypatch, code):
    before = _home_with_an_entry(home)
    with monkeypatch.context() as patch:
        patch.setattr(os, "open", read_only_open(home, code))
        with pytest.raises(StorageError) as refused:
            make_service(home, T0).log(Outcome.NO, ask_text="lost")
    _assert_refused_and_intact(home, before, refused.value, code)
    make_service(home, T0).log(Outcome.NO, ask_text="after")
    assert labels_in(home) == Counter({"kept": 1, "after": 1})


def test_a_read_only_mount_where_even_the_lock_cannot_be_opened_keeps_the_old_file(
    home, monkeypatch
):
    before = _home_with_an_entry(home)
    with monkeypatch.context() as patch:
        patch.setattr(os, "open", read_only_open(home, errno.EROFS, lock_too=True))
        with pytest.raises(StorageError) as refused:
            make_service(home, T0).log(Outcome.NO, ask_text="lost")
    assert "nothing was saved" in str(refused.value)
    assert Paths(home).data_file.read_bytes() == before


def _cli_with_fault(
    home: Path, kind: str, code: str, *args: str, **extra: str
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("REJECTION_THERAPY")}
    environ.update(
        {
            "REJECTION_THERAPY_HOME": str(home),
            "TZ": "Europe/Berlin",
            "REJECTION_THERAPY_NOW": "2026-03-02",
            **extra,
        }
    )
    return subprocess.run(
        [sys.executable, str(WORKER), "cli-fault", kind, code, *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("path", ["fast", "full"])
@pytest.mark.parametrize(("kind", "code"), [("write", "ENOSPC"), ("read-only", "EROFS")])
def test_the_command_line_says_the_entry_was_not_saved(home, kind, code, path):
    before = _home_with_an_entry(home)
    journal = home / "rejection-therapy.journal"
    extra = {"REJECTION_THERAPY_FULL_PATH": "1"} if path == "full" else {}
    done = _cli_with_fault(home, kind, code, "log", "no", "--ask", "lost", **extra)
    assert done.returncode == 2, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "nothing was saved" in lines[0]
    assert str(Paths(home).data_file) in lines[0]
    assert os.strerror(getattr(errno, code)) in lines[0]
    assert Paths(home).data_file.read_bytes() == before
    assert not journal.exists() or journal.read_bytes() == b""
    assert not temp_files(home)
    assert labels_in(home) == Counter({"kept": 1})


# -- 5. corrupt files through the real command line ------------------------------------------------


def _corrupt(raw: bytes, case: str) -> bytes:
    data = json.loads(raw)
    entry = next(iter(data["entries"].values()))
    if case == "truncated":
        return raw[: len(raw) // 2]
    if case == "empty":
        return b""
    if case == "binary":
        return b"\xff\xfe\x00" + random.Random(3).randbytes(509)
    if case == "a list":
        return json.dumps(list(data["entries"].values())).encode()
    if case == "null":
        return b"null"
    if case == "tables are lists":
        data = {name: list(table.values()) for name, table in data.items()}
    elif case == "outcome maybe":
        entry["outcome"] = "maybe"
    elif case == "a date that is not a date":
        entry["date"] = "next tuesday"
    elif case == "an entry that is not an object":
        data["entries"]["1"] = "no"
    elif case == "a document id that is not a number":
        data["entries"] = {"first": entry}
    elif case == "a schema version as text":
        data["meta"]["1"]["schema_version"] = str(SCHEMA_VERSION)
    elif case == "a newer schema":
        data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    else:
        raise AssertionError(case)
    return json.dumps(data).encode()


CORRUPTIONS = [
    "truncated",
    "empty",
    "binary",
    "a list",
    "null",
    "tables are lists",
    "an entry that is not an object",
    "a document id that is not a number",
    "a schema version as text",
    "a newer schema",
]
DAMAGED_RECORDS = ["outcome maybe", "a date that is not a date"]


@pytest.mark.parametrize("case", CORRUPTIONS)
def test_a_corrupt_file_is_refused_with_one_clear_line_and_left_untouched(home, cli, case):
    paths = Paths(home)
    make_service(home, T0).log(Outcome.NO, ask_text="first")
    content = _corrupt(paths.data_file.read_bytes(), case)
    paths.data_file.write_bytes(content)
    names = sorted(p.name for p in home.rglob("*"))
    for command in (["log", "no", "--ask", "second"], ["streak"]):
        done = cli(*command)
        assert done.code == 2, (command, done)
        lines = done.err.strip().splitlines()
        assert len(lines) == 1, (command, done.err)
        assert "Traceback" not in done.err
        assert lines[0].startswith("rejection-therapy: error: "), (command, lines[0])
        assert str(paths.data_file) in lines[0], (command, lines[0])
        assert paths.data_file.read_bytes() == content, command
        assert sorted(p.name for p in home.rglob("*")) == names, command


@pytest.mark.parametrize("case", DAMAGED_RECORDS)
def test_a_damaged_record_is_left_out_kept_and_named_never_the_whole_home(home, cli, case):
    # One record an earlier release (or a hand edit) got wrong must not make every command
    # fail: it is left out when reading, kept in the file, and `doctor` names and repairs it.
    paths = Paths(home)
    make_service(home, T0).log(Outcome.NO, ask_text="first")
    make_service(home, T0).log(Outcome.NO, ask_text="kept")
    Database(paths).fold()
    content = _corrupt(paths.data_file.read_bytes(), case)
    paths.data_file.write_bytes(content)
    (home / "rejection-therapy.journal").unlink(missing_ok=True)
    damaged = next(iter(json.loads(content)["entries"].values()))
    for command in (["log", "no", "--ask", "second"], ["streak"], ["history"]):
        done = cli(*command)
        assert done.code == 0, (command, done)
        assert "Traceback" not in done.err
        assert "rejection-therapy doctor" in done.err, (command, done.err)
        assert damaged in json.loads(paths.data_file.read_bytes())["entries"].values()
    assert labels_in(home) == Counter({"kept": 1, "second": 1})
    found = cli("doctor")
    assert found.code == 1 and "entries #1" in found.out
    assert cli("doctor", "--repair", "--yes").code == 0
    assert cli("doctor").code == 0
    kept = json.loads(next(home.glob("set-aside-*.json")).read_text())
    assert kept["tables"]["entries"]["1"] == damaged
