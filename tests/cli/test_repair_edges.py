"""The edges of saving and repairing: a missing or linked data file, an upgrade in the middle
of a day, backups that lie about their age, a damaged line already folded in, a clock set
back. In each, an entry that was reported saved survives a repair."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from tests.cli.conftest import Home


def _notes(home: Home) -> list[str]:
    return sorted(e["note"] for e in home.history())


def _damage(home: Home) -> None:
    home.data.write_bytes(b"{damaged")


def test_a_data_file_moved_away_is_not_a_new_home_while_its_journal_is_there(make_home):
    home = make_home()
    home.ok("log", "no", "--note", "first")
    entry = home.history()[0]["id"]
    home.ok("edit", entry[:8], "--note", "edited")  # an operation in the journal
    home.data.rename(home.path / "aside.json")
    code, out, err = home.run("log", "yes", "--note", "new")
    assert code == 2 and "is missing, but its journal or backups" in err and "Logged" not in out
    assert home.run("doctor")[0] == 1
    assert home.run("doctor", "--repair", "--yes")[0] == 0
    assert _notes(home) == ["edited"]
    home.ok("log", "yes", "--note", "new")
    assert _notes(home) == ["edited", "new"]


def _linked_home(make_home, folder: Path) -> Home:
    """A home whose data file is a link into another folder (a synced or mounted one)."""
    home = make_home()
    folder.mkdir()
    home.ok("log", "no", "--note", "one")
    home.data.rename(folder / "data.json")
    home.data.symlink_to(folder / "data.json")
    return home


def test_a_link_to_a_drive_that_is_gone_saves_nothing_and_says_so(make_home, tmp_path):
    drive = tmp_path / "drive"
    home = _linked_home(make_home, drive)
    drive.rename(tmp_path / "unmounted")
    for argv in (["log", "yes", "--note", "lost?"], ["streak"], ["doctor", "--repair", "--yes"]):
        code, out, err = home.run(*argv)
        assert code == 2 and "not there" in (out + err) and "Logged" not in out, argv
    (tmp_path / "unmounted").rename(drive)
    home.ok("log", "yes", "--note", "two")
    assert _notes(home) == ["one", "two"]
    assert home.data.is_symlink()


def _as_written_by_the_previous_release(home: Home, journal_lines: list[dict]) -> None:
    """Schema 2 (no journal_op), a backup holding only the morning, and format-1 journal
    lines holding the rest of the day: what the previous release leaves behind."""
    data = json.loads(home.data.read_text())
    meta = data["meta"]["1"]
    meta["schema_version"] = 2
    meta.pop("journal_op", None)
    home.data.write_text(json.dumps(data))
    for backup in (home.path / "backups").iterdir():
        backup.write_text(json.dumps({**data, "entries": dict(list(data["entries"].items())[:1])}))
    lines = [{"base": meta["generation"], **line} for line in journal_lines]
    home.journal.write_text("".join(json.dumps(line) + "\n" for line in lines))
    (home.path / "status.marshal").unlink()


def test_what_the_previous_release_saved_after_its_backup_survives_the_upgrade_and_a_repair(
    make_home,
):
    home = make_home()
    home.ok("log", "no", "--note", "morning")
    home.ok("log", "no", "--note", "noon")
    home.ok("config", "pending_days", "10")
    home.fold()  # the file holds both
    entry = json.loads(home.data.read_text())["entries"]["1"]
    evening = {**entry, "id": "e0e0e0e0-0000-4000-8000-000000000001", "note": "evening", "seq": 9}
    _as_written_by_the_previous_release(home, [{"table": "entries", "doc_id": "9", "doc": evening}])
    assert _notes(home) == ["evening", "morning", "noon"]
    home.ok("log", "why", "--note", "after the upgrade")
    _damage(home)
    assert home.run("doctor", "--repair", "--yes")[0] == 0
    assert _notes(home) == ["after the upgrade", "evening", "morning", "noon"]


def test_the_repair_takes_the_backup_that_holds_the_most_whatever_its_file_time(make_home):
    home = make_home()
    for day, note in ((2, "two"), (3, "three"), (4, "four")):
        home.ok("log", "no", "--note", note, now=f"2026-03-0{day}T10:00:00+01:00")
    oldest = home.path / "backups" / "daily-2026-03-02.json"
    later = time.time() + 3600
    os.utime(oldest, (later, later))  # as after a copy that did not keep file times
    _damage(home)
    code, out, _err = home.run("doctor", "--repair", "--yes", now="2026-03-04T11:00:00+01:00")
    assert code == 0 and "could not be recovered" not in out
    assert _notes(home) == ["four", "three", "two"]


def test_a_damaged_journal_line_already_in_the_file_is_not_lost_by_a_later_restore(make_home):
    home = make_home()
    home.ok("log", "no", "--note", "one")  # the day's first write: the backup holds it
    home.ok("edit", home.history()[0]["id"][:8], "--note", "one, edited")
    home.fold()
    home.ok("log", "yes", "--note", "two")
    lines = home.journal.read_bytes().split(b"\n")
    lines[1] = b"{damaged"  # the edit's line, which the data file already holds
    home.journal.write_bytes(b"\n".join(lines))
    assert home.run("doctor", "--repair", "--yes")[0] == 0
    _damage(home)
    code, out, _err = home.run("doctor", "--repair", "--yes")
    assert code == 0 and "could not be recovered" not in out
    assert _notes(home) == ["one, edited", "two"]


def test_a_clock_set_back_never_rotates_away_the_backup_that_empties_the_journal(make_home):
    home = make_home()
    for day in range(10, 18):  # the clock was a week ahead
        home.ok("log", "no", "--note", f"ahead {day}", now=f"2026-04-{day}T10:00:00+02:00")
    home.ok("config", "run_length", "50", now="2026-04-03T10:00:00+02:00")  # corrected
    assert (home.path / "backups" / "daily-2026-04-03.json").exists()
    _damage(home)
    assert home.run("doctor", "--repair", "--yes", now="2026-04-03T11:00:00+02:00")[0] == 0
    assert home.ok("config", "run_length").strip() == "50"


def test_an_import_keeps_the_records_this_home_could_not_read(make_home, tmp_path):
    home, other = make_home(), make_home("other")
    home.ok("log", "no", "--note", "mine")
    other.ok("log", "yes", "--note", "theirs")
    data = json.loads(home.data.read_text())
    broken = {**data["entries"]["1"], "id": "precious-1", "date": "2026-13-01", "note": "precious"}
    data["entries"]["7"] = broken
    home.data.write_text(json.dumps(data))
    home.journal.unlink(missing_ok=True)
    export = tmp_path / "other.json"
    export.write_text(other.ok("export"))
    code, out, _err = home.run("import", str(export))
    assert code == 0 and "kept in" in out
    (kept,) = home.path.glob("set-aside-*.json")
    assert json.loads(kept.read_text())["tables"]["entries"]["7"] == broken


def test_an_entry_outside_every_run_is_listed_not_a_crash(make_home):
    home = make_home()
    home.ok("log", "no")
    data = json.loads(home.data.read_text())
    orphan = {**data["entries"]["1"], "id": "orphan-1", "run_id": "ghost", "date": "2010-01-01"}
    data["entries"]["5"] = orphan
    home.data.write_text(json.dumps(data))
    home.journal.unlink(missing_ok=True)
    for argv in (["history"], ["history", "--json"], ["stats"]):
        assert home.run(*argv)[0] == 0, argv
    assert "day   –" in home.ok("history")
    code, out, _err = home.run("doctor")  # read as part of the first run; the repair says so
    assert code == 1 and "moved to run 1" in out
    assert home.run("doctor", "--repair", "--yes")[0] == 0
    assert home.run("doctor")[0] == 0 and len(home.history()) == 2


def test_ids_are_found_whatever_their_case(make_home):
    home = make_home()
    home.ok("log", "no")
    data = json.loads(home.data.read_text())
    data["entries"]["1"]["id"] = "ABCDEF12-0000-4000-8000-000000000000"
    home.data.write_text(json.dumps(data))
    home.journal.unlink(missing_ok=True)
    home.ok("edit", "ABCDEF12", "--note", "found")
    home.ok("delete", "abcdef12")
    assert home.history() == []


def test_start_force_then_merging_either_way_agrees(make_home, tmp_path):
    a = make_home("a")
    a.ok("log", "no", "--note", "day1")
    a.ok("log", "yes", "--note", "day2", now="2026-03-03T10:00:00+01:00")
    before = tmp_path / "before.json"
    before.write_text(a.ok("export"))
    b = make_home("b")
    b.ok("import", str(before))
    a.ok("start", "--force", now="2026-03-03T11:00:00+01:00")  # day 2 moves to the new run
    a_file, b_file = tmp_path / "a.json", tmp_path / "b.json"
    a_file.write_text(a.ok("export"))
    b_file.write_text(b.ok("export"))
    a.ok("import", str(b_file))
    b.ok("import", str(a_file))

    def runs_of(home: Home) -> list[tuple[str, int | None, int | None]]:
        return sorted((e["note"], e["run"], e["day"]) for e in home.history())

    assert runs_of(a) == runs_of(b) == [("day1", 1, 1), ("day2", 2, 1)]


def test_a_short_finished_run_never_cuts_off_a_longer_run_in_progress(make_home, tmp_path):
    laptop, box = make_home("laptop"), make_home("box")
    laptop.ok("start", "--days", "3", now="2026-03-01T10:00:00+01:00")
    laptop.ok("log", "no", "--note", "laptop 1", now="2026-03-01T10:00:00+01:00")
    for day in range(2, 12):
        box.ok("log", "no", "--note", f"box {day}", now=f"2026-03-{day:02d}T10:00:00+01:00")
    export = tmp_path / "laptop.json"
    export.write_text(laptop.ok("export"))
    box.ok("import", str(export), now="2026-03-11T11:00:00+01:00")
    streak = json.loads(box.ok("streak", "--json", now="2026-03-11T11:00:00+01:00"))
    assert streak["day"] == 11 and not streak["complete"] and streak["current"] == 11
    assert all(e["run"] == 1 for e in box.history())
    assert box.run("doctor")[0] == 0


def test_a_repair_through_a_linked_data_file_keeps_the_link(make_home, tmp_path):
    synced = tmp_path / "synced"
    home = _linked_home(make_home, synced)
    home.ok("log", "yes", "--note", "two")
    (synced / "data.json").write_bytes(b"{damaged")
    assert home.run("doctor", "--repair", "--yes")[0] == 0
    assert home.data.is_symlink() and home.data.resolve() == synced / "data.json"
    assert "two" in (synced / "data.json").read_text()
    assert list(synced.glob("data.json.corrupt-*"))
    home.ok("log", "why", "--note", "three")
    assert _notes(home) == ["one", "three", "two"]


def test_the_fast_log_refuses_a_home_other_users_can_write(make_home):
    home = make_home()
    home.ok("today")
    home.ok("log", "no")
    home.path.chmod(0o777)
    code, out, err = home.run("log", "yes")
    assert code == 2 and "can be written by every user" in err and "Logged" not in out
    home.path.chmod(0o700)
    assert len(home.history()) == 1


def test_doctor_says_when_no_backup_holds_the_changes(make_home):
    home = make_home()
    home.ok("log", "no")
    backups = home.path / "backups"
    shutil.rmtree(backups)
    backups.write_text("not a folder")  # nothing can be backed up there
    home.ok("log", "yes", now="2026-03-03T10:00:00+01:00")
    code, out, _err = home.run("doctor", now="2026-03-03T10:00:00+01:00")
    assert code == 1 and "no backup holds the changes" in out
    backups.unlink()
    assert home.run("doctor", "--repair", "--yes", now="2026-03-03T10:00:00+01:00")[0] == 0
    assert home.run("doctor", now="2026-03-03T10:00:00+01:00")[0] == 0


def test_doctor_never_offers_to_repair_a_file_of_a_newer_release(make_home):
    home = make_home()
    home.ok("log", "no")
    data = json.loads(home.data.read_text())
    data["meta"]["1"]["schema_version"] = 99
    home.data.write_text(json.dumps(data))
    code, out, _err = home.run("doctor")
    assert code == 2 and "upgrade rejection-therapy" in out and "--repair" not in out
    assert home.run("doctor", "--repair", "--yes")[0] == 2
    assert json.loads(home.data.read_text())["meta"]["1"]["schema_version"] == 99


def test_thousands_of_one_day_runs_are_checked_in_one_pass(make_home):
    from datetime import date, timedelta

    from rejection_therapy.storage.checks import check_tables

    start = date(2001, 1, 1)
    runs = {
        str(i + 1): {
            "id": f"r{i}",
            "number": i + 1,
            "start": (start + timedelta(days=i)).isoformat(),
            "length": 1 + i % 3,  # every other run overlaps the next
            "created_at": "2001-01-01T00:00:00Z",
        }
        for i in range(5_000)
    }
    checked = check_tables({"runs": runs})  # quadratic, this took a minute; now a second
    kept = checked.records("runs")
    assert all(a.last_date < b.start for a, b in zip(kept, kept[1:], strict=False))
