"""Backups, migrations, doctor, export and merge."""

from __future__ import annotations

import json
from datetime import date, timedelta

from rejection_therapy.core.models import Outcome
from rejection_therapy.paths import Paths
from rejection_therapy.storage.backups import backup_after_write
from rejection_therapy.storage.database import Database
from rejection_therapy.storage.migrations import SCHEMA_VERSION
from tests.conftest import make_service


def test_daily_and_weekly_backups_rotate(tmp_path):
    paths = Paths(tmp_path)
    start = date(2026, 1, 1)
    for offset in range(40):
        backup_after_write(paths, f"day {offset}".encode(), start + timedelta(days=offset))
        backup_after_write(paths, b"a later write the same day", start + timedelta(days=offset))
    names = sorted(p.name for p in paths.backups_dir.iterdir())
    daily = [n for n in names if n.startswith("daily-")]
    weekly = [n for n in names if n.startswith("weekly-")]
    assert daily == [f"daily-{(start + timedelta(days=o)).isoformat()}.json" for o in range(33, 40)]
    assert len(weekly) == 4
    assert (paths.backups_dir / daily[-1]).read_bytes() == b"day 39"


def test_a_new_home_has_a_backup_from_its_first_day(home):
    make_service(home, "2026-03-02T10:00:00+01:00").log(Outcome.NO)
    assert any(p.name.startswith("daily-") for p in (home / "backups").iterdir())


def test_an_older_file_is_upgraded_after_a_backup(home):
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    service.log(Outcome.NO)
    service.log(Outcome.YES, ask_text="second")
    data_file = Paths(home).data_file
    old = json.loads(data_file.read_text())
    old["meta"]["1"]["schema_version"] = 1
    for entry in old["entries"].values():
        entry.pop("seq"), entry.pop("category", None)
    data_file.write_text(json.dumps(old))
    before = data_file.read_bytes()
    readable = Database(Paths(home)).read()
    assert data_file.read_bytes() == before  # reading never rewrites
    assert sorted(e["seq"] for e in readable["entries"].values()) == [1, 2]
    service.log(Outcome.NO, ask_text="third")
    upgraded = json.loads(data_file.read_text())
    assert upgraded["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    backups = [p for p in (home / "backups").iterdir() if p.name.startswith("pre-migration-v1-")]
    assert len(backups) == 1 and backups[0].read_bytes() == before


def test_doctor_finds_and_sets_aside_only_broken_records(home):
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    entry = service.log(Outcome.NO).entry
    service.add_followup(entry.id, "thank-you note", "+1d")
    Database(Paths(home)).fold()
    data_file = Paths(home).data_file
    data = json.loads(data_file.read_text())
    data["followups"]["2"] = {**data["followups"]["1"], "id": "orphan", "entry_id": "gone"}
    data["entries"]["9"] = {"id": "broken"}
    data_file.write_text(json.dumps(data))
    (home / "rejection-therapy.journal").unlink(missing_ok=True)
    report = service.doctor()
    problems = {str(f) for f in report.checked.findings if f.action != "note"}
    assert any("followups #2" in p and "missing entry" in p for p in problems)
    assert any("entries #9" in p for p in problems)
    assert not report.healthy
    assert len(service.read().state.entries) == 1  # read without the broken one meanwhile
    done = service.repair()
    assert any("set-aside-" in line for line in done)
    after = service.doctor()
    assert after.healthy and after.counts["entries"] == 1 and after.counts["followups"] == 1
    kept = json.loads(next(home.glob("set-aside-*.json")).read_text())
    assert kept["tables"]["entries"]["9"] == {"id": "broken"}


def test_two_machines_merge_to_the_same_history(tmp_path):
    laptop = make_service(tmp_path / "laptop", "2026-03-02T10:00:00+01:00")
    laptop.log(Outcome.NO, note="from the laptop")
    export = tmp_path / "laptop.json"
    export.write_text(laptop.export_data("json"))
    server = make_service(tmp_path / "server", "2026-03-03T10:00:00+01:00")
    server.read()  # opened once: its own first run began on 3 March
    report = server.import_data(export)
    assert [(a.start, b.start) for a, b in report.joins] == [(date(2026, 3, 3), date(2026, 3, 2))]
    server.log(Outcome.YES, note="over ssh")
    laptop_later = make_service(tmp_path / "laptop", "2026-03-03T11:00:00+01:00")
    laptop_later.log(Outcome.WHY, ask_text="laptop again")
    back = tmp_path / "server.json"
    back.write_text(server.export_data("json"))
    forth = tmp_path / "laptop2.json"
    forth.write_text(laptop_later.export_data("json"))
    laptop_later.import_data(back)
    server.import_data(forth)

    def history(service):
        state = service.read().state
        return sorted((e.id, e.outcome.value, e.note) for e in state.entries), {
            r.id for r in state.runs
        }

    assert history(laptop_later) == history(server)
    assert len(history(server)[0]) == 3 and len(history(server)[1]) == 1
    again = server.import_data(forth)
    assert again.added.get("entries", 0) == 0 and again.updated == 0


def test_an_undone_entry_stays_undone_after_a_merge(tmp_path):
    laptop = make_service(tmp_path / "laptop", "2026-03-02T10:00:00+01:00")
    laptop.log(Outcome.NO)
    export = tmp_path / "before-undo.json"
    export.write_text(laptop.export_data("json"))
    laptop.undo()
    laptop.import_data(export)
    assert laptop.read().state.entries == []


def test_newer_update_wins_in_a_merge(tmp_path):
    laptop = make_service(tmp_path / "laptop", "2026-03-02T10:00:00+01:00")
    entry = laptop.log(Outcome.NO).entry
    old = tmp_path / "old.json"
    old.write_text(laptop.export_data("json"))
    make_service(tmp_path / "laptop", "2026-03-02T12:00:00+01:00").edit(
        entry.id, None, "edited later"
    )
    report = laptop.import_data(old)
    assert report.updated == 0
    assert laptop.read().state.entries[0].note == "edited later"


def test_dry_run_changes_nothing(tmp_path):
    laptop = make_service(tmp_path / "laptop", "2026-03-02T10:00:00+01:00")
    laptop.log(Outcome.NO)
    export = tmp_path / "x.json"
    export.write_text(laptop.export_data("json"))
    server = make_service(tmp_path / "server", "2026-03-02T10:00:00+01:00")
    server.read()
    before = Paths(tmp_path / "server").data_file.read_bytes()
    report = server.import_data(export, dry_run=True)
    assert report.added["entries"] == 1
    assert Paths(tmp_path / "server").data_file.read_bytes() == before
