"""A hostile export, a damaged home or a careless command never costs a saved entry.

Each test drives the real command line in-process (`rejection_therapy.cli.main`), on an
isolated home, and checks the answer, the exit code and the files left behind.
"""

from __future__ import annotations

import copy
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Home


@pytest.fixture
def laptop(make_home) -> Home:
    home = make_home("laptop")
    home.ok("log", "no", "--note", "first")
    home.ok("log", "yes", "--ask", "an own ask", "--difficulty", "3")
    return home


def _write_export(tmp_path: Path, document: dict[str, Any], name: str = "x.json") -> Path:
    target = tmp_path / name
    target.write_text(json.dumps(document))
    return target


def _files(home: Home) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.path.iterdir() if p.is_file()}


# -- import validates everything before it writes anything --------------------------------


def _planted(document: dict[str, Any], table: str, index: int, **values: Any) -> dict[str, Any]:
    planted = copy.deepcopy(document)
    planted["tables"][table][index].update(values)
    return planted


HOSTILE = {
    "an entry dated garbage": ("entries", 0, {"date": "garbage"}),
    "an intention whose text is a number": ("intentions", 0, {"text": 42}),
    "a run starting 9999-12-30": ("runs", 0, {"start": "9999-12-30"}),
    "a run of 10**15 days": ("runs", 0, {"length": 10**15}),
    "an entry id that is an object": ("entries", 0, {"id": {"a": 1}}),
    "a run id that is a list": ("runs", 0, {"id": ["x"]}),
    "a note with a terminal escape": ("entries", 0, {"note": "\x1b]0;TITLE\x07hi"}),
    "a naive date as a number": ("entries", 0, {"date": 1700000000}),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_an_import_with_one_bad_value_writes_nothing_and_says_so(laptop, make_home, tmp_path, case):
    table, index, values = HOSTILE[case]
    document = laptop.export()
    if table == "intentions":
        laptop.ok("intention", "If I ask daily, asking gets easy")
        document = laptop.export()
    target = _write_export(tmp_path, _planted(document, table, index, **values))
    other = make_home("other")
    other.ok("log", "why", "--note", "mine")
    before = _files(other)
    code, out, err = other.run("import", str(target))
    assert code == 2, (out, err)
    assert f"tables.{table}[{index}]" in err and "nothing was imported" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _files(other) == before
    assert [e["note"] for e in other.history()] == ["mine"]  # every later command still works
    assert other.run("streak")[0] == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("schema_version", "2"), ("schema_version", None), ("schema_version", True)],
)
def test_an_import_with_an_odd_schema_version_is_refused(laptop, make_home, tmp_path, field, value):
    document = laptop.export()
    document[field] = value
    other = make_home("other")
    code, _out, err = other.run("import", str(_write_export(tmp_path, document)))
    assert code == 2 and "schema_version" in err
    assert not other.data.exists()


def test_an_import_nested_100000_deep_is_refused(make_home, tmp_path):
    target = tmp_path / "deep.json"
    target.write_text('{"export_version": 1, "tables": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, _out, err = make_home().run("import", str(target))
    assert code == 2 and "nested too deeply" in err


@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_an_import_reads_only_a_regular_file(make_home, tmp_path, special):
    path = tmp_path / special
    if special == "fifo":
        os.mkfifo(path)  # opening it for reading would block forever without a writer
    elif special == "folder":
        path.mkdir()
    else:
        path = Path(special)
    code, _out, err = make_home().run("import", str(path))
    assert code == 2 and "not a regular file" in err


# -- overlapping runs after a merge -------------------------------------------------------


def _merged(one: Home, other: Home, tmp_path: Path, name: str) -> dict[str, Any]:
    target = _write_export(tmp_path, other.export(), f"{name}.json")
    one.ok("import", str(target), now="2026-03-12T10:00:00+01:00")
    tables = one.export()["tables"]
    return {
        name: sorted(json.dumps(d, sort_keys=True) for d in docs)
        for name, docs in tables.items()
        if name != "settings"
    }


def test_two_homes_that_each_began_run_1_merge_into_one_run_from_either_side(make_home, tmp_path):
    a, b = make_home("a"), make_home("b")
    a.ok("log", "no", "--note", "a day 1")
    a.ok("log", "yes", "--note", "a day 2", now="2026-03-03T10:00:00+01:00")
    b.ok("log", "why", "--note", "b day 1", now="2026-03-05T10:00:00+01:00")
    b.ok("rest", "2026-03-07", now="2026-03-05T11:00:00+01:00")
    a_export, b_export = a.export(), b.export()
    dry = a.run("import", str(_write_export(tmp_path, b_export, "b0.json")), "--dry-run")
    assert dry[0] == 0 and "Would join: the 100-day run from 2026-03-05 joins" in dry[1]
    a_copy, b_copy = make_home("a2"), make_home("b2")
    a_copy.ok("import", str(_write_export(tmp_path, a_export, "a1.json")))
    b_copy.ok("import", str(_write_export(tmp_path, b_export, "b1.json")))
    a_into_b = _merged(b_copy, a_copy, tmp_path, "ab")
    b_into_a = _merged(a_copy, b_copy, tmp_path, "ba")
    assert a_into_b == b_into_a
    runs = [json.loads(r) for r in a_into_b["runs"] if not json.loads(r)["joined_into"]]
    assert [(r["number"], r["start"]) for r in runs] == [(1, "2026-03-02")]
    entries = [json.loads(e) for e in a_into_b["entries"]]
    assert {e["run_id"] for e in entries} == {runs[0]["id"]}
    assert sorted(e["note"] for e in entries) == ["a day 1", "a day 2", "b day 1"]
    assert [json.loads(r)["run_id"] for r in a_into_b["rest_days"]] == [runs[0]["id"]]
    again = _merged(b_copy, a_copy, tmp_path, "again")
    assert again == a_into_b  # importing twice changes nothing
    today = json.loads(b_copy.ok("today", "--json", now="2026-03-12T10:00:00+01:00"))
    assert today["day"] == 11 and today["run"] == 1
    assert b_copy.run("doctor")[0] == 0


# -- doctor checks every table; what it calls healthy every command reads -----------------


READ_COMMANDS = (
    ["streak"],
    ["streak", "--json"],
    ["today"],
    ["today", "--json"],
    ["history", "--json"],
    ["stats", "--json"],
    ["badges"],
    ["share"],
    ["share", "--format", "svg"],
    ["review"],
    ["followups"],
    ["checkin", "--list"],
    ["export", "--format", "csv"],
)


def _plant_in_file(home: Home, table: str, **values: Any) -> None:
    home.fold()
    data = json.loads(home.data.read_text())
    doc_id = next(iter(data[table]))
    data[table][doc_id].update(values)
    home.data.write_text(json.dumps(data))
    home.journal.unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("table", "values"),
    [
        ("runs", {"start": "9999-12-30"}),
        ("runs", {"length": 10**15}),
        ("rest_days", {"date": "nope"}),
        ("entries", {"id": ["a", "list"]}),
        ("entries", {"note": "x" * 50_000}),
        ("settings", {"rollover_hour": 99}),
    ],
)
def test_values_an_earlier_release_could_store_are_read_reported_and_repaired(
    make_home, table, values
):
    home = make_home()
    home.ok("log", "no", "--note", "saved")
    home.ok("rest", "2026-03-05")
    _plant_in_file(home, table, **values)
    for argv in READ_COMMANDS:  # before the repair: answers or one-line refusals, never a crash
        code, _out, err = home.run(*argv)
        assert code in (0, 1, 2) and err.count("\n") <= 2, (argv, err)
        assert "Traceback" not in err and "unexpected error" not in err
    code, out, _err = home.run("doctor")
    assert code == 1 and f"{table} #" in out
    assert home.run("doctor", "--repair", "--yes")[0] == 0
    assert home.run("doctor")[0] == 0
    for argv in READ_COMMANDS:
        assert home.run(*argv)[0] in (0, 1), argv


# -- doctor --repair never drops an entry that was reported saved --------------------------


def test_repair_of_a_damaged_file_keeps_the_entries_only_the_journal_holds(make_home):
    home = make_home()
    home.ok("today")  # the day's first write keeps the day's backup
    saved = [
        json.loads(home.ok("log", o, "--note", f"logged {o}", "--json"))["id"]
        for o in ("no", "yes", "why")
    ]
    home.ok("edit", saved[0][:8], "--note", "edited after the backup")
    home.data.write_bytes(home.data.read_bytes()[:100])  # damaged
    code, _out, err = home.run("log", "no")
    assert code == 2 and "doctor --repair" in err
    code, out, _err = home.run("doctor")
    assert code == 1 and "cannot be read" in out
    code, out, err = home.run("doctor", "--repair", "--yes")
    assert code == 0, (out, err)
    entries = {e["id"]: e["note"] for e in home.history()}
    assert set(saved) <= set(entries)
    assert entries[saved[0]] == "edited after the backup"
    assert list(home.path.glob("rejection-therapy.json.corrupt-*"))


def test_backups_are_dated_by_the_apps_clock(make_home):
    home = make_home()
    home.ok("log", "no", now="2031-07-04T10:00:00+02:00")
    assert (home.path / "backups" / "daily-2031-07-04.json").exists()


def test_a_data_file_that_cannot_be_read_for_permission_is_reported_never_set_aside(
    make_home, monkeypatch
):
    from rejection_therapy.storage import database

    home = make_home()
    home.ok("today")
    home.ok("log", "no")
    real = database.read_bounded

    def denied(path, *args, **kwargs):
        if Path(path) == home.data:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(database, "read_bounded", denied)
    code, out, _err = home.run("doctor", "--repair", "--yes")
    assert code == 2 and "permission denied" in out and "chmod" in out
    assert not list(home.path.glob("*.corrupt-*"))


def test_the_fast_log_refuses_a_data_file_it_cannot_read(make_home, monkeypatch):
    home = make_home()
    home.ok("today")
    home.ok("log", "no")
    real_open = os.open

    def no_read(path, flags, *args):
        if Path(os.fspath(path)) == home.data and flags == os.O_RDONLY:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_read)
    code, out, err = home.run("log", "yes")
    monkeypatch.undo()
    assert code == 2 and "Logged" not in out and "nothing was saved" in err
    assert len(home.history()) == 1


# -- files named with -o ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["export"], ["export", "--format", "csv"], ["share", "--format", "svg"]]
)
def test_o_never_overwrites_follows_a_link_or_writes_into_the_home(make_home, tmp_path, command):
    home = make_home()
    home.ok("log", "no")
    existing = tmp_path / "existing.out"
    existing.write_text("keep me")
    code, _out, err = home.run(*command, "-o", str(existing))
    assert code == 2 and "--force" in err and existing.read_text() == "keep me"
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    victim.chmod(0o644)
    link = tmp_path / "link.out"
    link.symlink_to(victim)
    assert home.run(*command, "-o", str(link))[0] == 2
    assert home.run(*command, "-o", str(link), "--force")[0] == 0
    assert victim.read_text() == "not yours" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not link.is_symlink() and link.read_text() != "not yours"
    before = home.data.read_bytes()
    code, _out, err = home.run(*command, "-o", str(home.data), "--force")
    assert code == 2 and "own files" in err and home.data.read_bytes() == before
    fresh = tmp_path / "fresh.out"
    assert home.run(*command, "-o", str(fresh))[0] == 0
    mode = stat.S_IMODE(fresh.stat().st_mode)
    assert mode == (0o600 if command[0] == "export" else 0o644 & ~_umask())
    assert not list(tmp_path.glob(".*.tmp"))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# -- the derived records are untrusted ----------------------------------------------------------


def test_a_damaged_but_loadable_status_record_is_rebuilt(make_home):
    import marshal

    home = make_home()
    home.ok("log", "no")
    status = home.path / "status.marshal"
    record = marshal.loads(status.read_bytes())
    for damage in (
        {"runs": [{"number": "one"}]},
        {"day": {"date": 3}},
        {"next_doc_ids": {}},
        {"shapes": "other code"},
    ):
        status.write_bytes(marshal.dumps({**record, **damage}))
        for argv in (["streak"], ["today"], ["today", "--json"]):
            code, _out, err = home.run(*argv)
            assert code == 0 and "Traceback" not in err, (damage, argv, err)


def test_a_record_whose_next_id_is_behind_the_journal_never_overwrites_an_entry(make_home):
    import marshal

    home = make_home()
    home.ok("today")
    home.ok("log", "no", "--note", "first")
    home.ok("log", "yes", "--note", "second")  # both in the journal
    status = home.path / "status.marshal"
    record = marshal.loads(status.read_bytes())
    record["next_doc_ids"]["entries"] -= 1  # behind the journal
    status.write_bytes(marshal.dumps(record))
    home.ok("log", "why", "--note", "third")
    assert sorted(e["note"] for e in home.history()) == ["first", "second", "third"]


def test_doctor_repair_rebuilds_both_derived_records(make_home):
    home = make_home()
    home.ok("log", "no")
    (home.path / "status.marshal").write_bytes(b"\x00garbage")
    (home.path / "packs.marshal").write_bytes(b"\x00garbage")
    _plant_in_file(home, "entries", difficulty=99)  # something to repair
    assert home.run("doctor", "--repair", "--yes")[0] == 0
    assert (home.path / "packs.marshal").read_bytes() != b"\x00garbage"
    assert (home.path / "status.marshal").read_bytes() != b"\x00garbage"


# -- crashes and hangs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv", [["log", "no", "--note", "\udcff"], ["edit", "abcd", "--note", "\udced\udca0\udc80"]]
)
def test_arguments_that_are_not_utf8_are_a_one_line_error(make_home, argv):
    home = make_home()
    home.ok("log", "yes")
    code, _out, err = home.run(*argv)
    assert code == 2 and "not valid UTF-8" in err and err.count("\n") == 1
    assert len(home.history()) == 1


def test_a_huge_format_width_is_refused(make_home):
    home = make_home()
    code, _out, err = home.run("streak", "--format", "{current:>2000000000}")
    assert code == 2 and "up to 100" in err


def test_start_as_the_first_command_of_a_new_home(make_home):
    home = make_home()
    home.ok("start", "--days", "30")
    assert json.loads(home.ok("streak", "--json"))["length"] == 30
    home.ok("log", "no")
    assert home.run("start", "--days", "10")[0] == 2  # a run in use needs --force


def test_a_home_other_users_can_write_is_refused_and_left_as_it_is(make_home, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    home = make_home("shared")
    code, _out, err = home.run("log", "no")
    assert code == 2 and "can be written by every user" in err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert list(shared.iterdir()) == []


NEXT_DAY = "2026-03-03T10:00:00+01:00"


def test_a_symlinked_data_file_is_written_through_to_its_target(make_home, tmp_path):
    home = make_home()
    home.ok("log", "no")
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "rejection-therapy.json"
    home.data.rename(target)
    home.data.symlink_to(target)
    home.ok("log", "yes", "--ask", "through the link")
    # the next day's first write folds the journal into the file, through the link
    home.ok("edit", home.history()[0]["id"][:8], "--note", "full write", now=NEXT_DAY)
    assert home.data.is_symlink() and home.data.resolve() == target
    assert "through the link" in target.read_text()
    assert not list(synced.glob(".*.tmp"))


def test_uv_compiles_bytecode_at_install_not_on_every_run():
    import tomllib

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert "compile-bytecode" not in project.get("tool", {}).get("uv", {})
    assert "--compile-bytecode" in (Path(__file__).parents[2] / ".ci" / "run").read_text()


def test_reads_never_wait_for_a_writer_and_a_write_names_the_one_holding_the_lock(make_home):
    import subprocess
    import sys

    home = make_home()
    home.ok("log", "no")
    status = home.path / "status.marshal"
    status.unlink()  # stale: `streak` must rebuild it
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from rejection_therapy.storage.lock import take_lock\n"
            "lock = take_lock(sys.argv[1])\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(home.path / ".rejection-therapy.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        code, out, err = home.run("streak", "--json")
        assert code == 0, err  # answered from the data, without the lock it could not take
        assert json.loads(out)["today_done"] is True
        assert not status.exists()  # and it did not wait to save the record
        code, out, err = home.run("today", now="2026-03-03T10:00:00+01:00")  # draws a new ask
        assert code == 2 and f"process {holder.pid}" in err and "2 s" in err, err
    finally:
        holder.kill()
        holder.wait()


def test_text_printed_to_a_terminal_carries_no_escape(monkeypatch, capsys):
    from rejection_therapy.cli.output import Output

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    out = Output({"NO_COLOR": "1"})
    out.text('id,note\n1,"\x1b]52;c;aGk=\x07copied \x1b]0;title\x07"\n')
    out.json({"note": "\x9b31m\u202eevil"})
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\x07" not in printed and "\x9b" not in printed
    assert "\u202e" not in printed and "\\u202e" in printed


def test_a_dangling_link_in_the_packs_folder_stops_nothing(make_home):
    home = make_home()
    home.ok("log", "no")
    packs = home.path / "packs"
    packs.mkdir()
    (packs / ".#sales.yaml").symlink_to("/nowhere/editor-lock")  # what an editor leaves
    (packs / "gone.yaml").symlink_to("/nowhere/gone.yaml")
    code, out, err = home.run("packs", "list")
    assert code == 0, err
    assert "gone.yaml" in out + err
    code, _out, err = home.run("today", now="2026-03-03T10:00:00+01:00")  # draws with packs read
    assert code == 0 and "gone.yaml is set aside" in err
