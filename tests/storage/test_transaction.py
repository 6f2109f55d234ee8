"""The one write path: records changed through a Transaction become journal operations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tinydb import TinyDB

from rejection_therapy.core.models import Outcome
from rejection_therapy.paths import Paths
from rejection_therapy.storage import database as database_module
from rejection_therapy.storage.database import Database, read_data_file
from rejection_therapy.storage.journal import journal_path_for, read_journal
from tests.conftest import make_service

NOW = "2026-03-02T10:00:00+01:00"


def _lines(paths: Paths) -> list[dict[str, object]]:
    return read_journal(journal_path_for(str(paths.data_file))).operations


def test_operations_name_the_record_and_say_what_happened(tmp_path):
    paths = Paths(tmp_path / "home")
    database = Database(paths, day_of=lambda _data: date(2026, 3, 2))
    with database.transaction() as transaction:  # the day's first write: folded, backed up
        transaction.insert("entries", {"id": "a", "note": "first"})
    with database.transaction() as transaction:
        transaction.insert("entries", {"id": "b", "note": "second"})
        transaction.update("entries", "a", {"note": "first, edited"})
        transaction.remove_record("entries", "b")
        transaction.insert("rest_days", {"date": "2026-03-04", "run_id": "r"})
    shapes = [
        (line["table"], line["id"], "remove" in line, line.get("insert", False))
        for line in _lines(paths)
    ]
    assert shapes == [
        ("entries", "b", False, True),
        ("entries", "a", False, False),
        ("entries", "b", True, False),
        ("rest_days", "2026-03-04", False, True),
    ]
    numbers = [line["op"] for line in _lines(paths)]
    assert numbers == list(range(numbers[0], numbers[0] + 4))
    data = read_data_file(paths.data_file)
    assert data is not None
    assert [d["note"] for d in data["entries"].values()] == ["first, edited"]


def test_a_transaction_that_raises_saves_nothing(tmp_path):
    paths = Paths(tmp_path / "home")
    database = Database(paths, day_of=lambda _data: date(2026, 3, 2))
    with database.transaction() as transaction:
        transaction.insert("entries", {"id": "a"})
    before = (paths.data_file.read_bytes(), Path(database.journal_path).exists())
    with pytest.raises(RuntimeError), database.transaction() as transaction:
        transaction.insert("entries", {"id": "b"})
        raise RuntimeError("changed my mind")
    assert (paths.data_file.read_bytes(), Path(database.journal_path).exists()) == before
    data = read_data_file(paths.data_file)
    assert data is not None and [d["id"] for d in data["entries"].values()] == ["a"]


def test_tinydb_reads_the_data_file_as_it_is(tmp_path):
    home = tmp_path / "home"
    service = make_service(home, NOW)
    service.log(Outcome.NO, note="kept in a TinyDB file")
    Database(Paths(home)).fold()
    with TinyDB(Paths(home).data_file, access_mode="r") as db:
        assert [doc["note"] for doc in db.table("entries").all()] == ["kept in a TinyDB file"]


@pytest.mark.parametrize("change", ["undo", "edit", "reflect", "rest", "swap", "followup"])
def test_a_change_after_the_days_backup_appends_and_never_rewrites(tmp_path, change):
    home = tmp_path / "home"
    service = make_service(home, NOW)
    entry = service.log(Outcome.NO, note="morning").entry  # the day's first write
    paths = Paths(home)
    before = paths.data_file.read_bytes()
    lines = len(_lines(paths))
    if change == "undo":
        service.undo()
    elif change == "edit":
        service.edit(entry.id, Outcome.WHY, "evening")
    elif change == "reflect":
        service.reflect(entry.id, "n", "asked earlier", "smile", 6, 3)
    elif change == "rest":
        service.declare_rest(date(2026, 3, 4))
    elif change == "swap":
        service.undo()
        service.today(swap=True)
    else:
        service.add_followup(entry.id, "send the thank-you note", "+1d")
    assert paths.data_file.read_bytes() == before
    assert len(_lines(paths)) > lines
    rebuilt = make_service(home, NOW).read()  # a reader applies the lines
    if change == "edit":
        assert rebuilt.state.entries[0].note == "evening"
    if change == "undo":
        assert rebuilt.state.entries == []


def test_many_unfolded_lines_are_folded_by_the_next_write(tmp_path, monkeypatch):
    monkeypatch.setattr(database_module, "FOLD_AFTER_OPERATIONS", 3)
    paths = Paths(tmp_path / "home")
    database = Database(paths, day_of=lambda _data: date(2026, 3, 2))
    for number in range(5):
        with database.transaction() as transaction:
            transaction.insert("entries", {"id": f"e{number}"})
    stored = json.loads(paths.data_file.read_text())
    # the first write (the day's backup) and the fourth (three lines waiting) rewrote it
    assert [d["id"] for d in stored["entries"].values()] == ["e0", "e1", "e2", "e3"]
    data = read_data_file(paths.data_file)
    assert data is not None and len(data["entries"]) == 5


def test_an_insert_never_takes_an_id_a_document_was_put_at(tmp_path):
    paths = Paths(tmp_path / "home")
    database = Database(paths, day_of=lambda _data: date(2026, 3, 2))
    with database.transaction() as transaction:
        transaction.insert("entries", {"id": "a"})
    with database.transaction() as transaction:
        transaction.insert("entries", {"id": "b"})  # document 2; the next would be 3
        transaction.replace_document("entries", "3", {"id": "put by a repair"})
        transaction.insert("entries", {"id": "c"})
        in_memory = transaction.tables()["entries"]  # what a fold would write
    expected = {"1": "a", "2": "b", "3": "put by a repair", "4": "c"}
    assert {doc_id: doc["id"] for doc_id, doc in in_memory.items()} == expected
    data = read_data_file(paths.data_file)  # what a reader makes of the journal
    assert data is not None
    assert {doc_id: doc["id"] for doc_id, doc in data["entries"].items()} == expected
