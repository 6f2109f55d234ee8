"""The journal beside the data file: applied by every reader, folded in by the next write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rejection_therapy.paths import Paths
from rejection_therapy.storage.database import Database, generation_of, read_data_file
from rejection_therapy.storage.files import StorageError
from rejection_therapy.storage.journal import (
    append_to_journal,
    journal_path_for,
    read_journal,
)


def _line(base: int, doc_id: str, text: str) -> dict[str, object]:
    return {"base": base, "table": "entries", "doc_id": doc_id, "doc": {"ask_text": text}}


@pytest.fixture
def paths(tmp_path):
    paths = Paths(tmp_path / "home")
    with Database(paths).transaction() as db:
        db.table("entries").insert({"ask_text": "in the file"})
    return paths


def _journal(paths: Paths) -> str:
    return journal_path_for(str(paths.data_file))


def _generation(paths: Paths) -> int:
    return generation_of(json.loads(paths.data_file.read_text()))


def test_readers_see_lines_made_on_top_of_the_current_generation(paths):
    append_to_journal(_journal(paths), [_line(_generation(paths), "2", "journalled")])
    data = read_data_file(paths.data_file)
    assert data is not None
    assert data["entries"]["2"] == {"ask_text": "journalled"}
    assert data["entries"]["1"] == {"ask_text": "in the file"}


def test_lines_of_an_earlier_generation_are_never_applied_again(paths):
    # A write saved the file (generation + 1) but was stopped before removing the journal,
    # then the entry it had folded in was deleted: the old line must not bring it back.
    append_to_journal(_journal(paths), [_line(_generation(paths) - 1, "1", "resurrected")])
    data = read_data_file(paths.data_file)
    assert data is not None and data["entries"]["1"] == {"ask_text": "in the file"}


def test_a_line_cut_short_by_a_crash_is_ignored_then_cut_off(paths):
    journal = _journal(paths)
    base = _generation(paths)
    append_to_journal(journal, [_line(base, "2", "saved")])
    with open(journal, "ab") as handle:
        handle.write(b'{"base": 1, "table": "entr')
    assert [r["doc_id"] for r in read_journal(journal)] == ["2"]
    append_to_journal(journal, [_line(base, "3", "next")])
    assert [r["doc_id"] for r in read_journal(journal)] == ["2", "3"]
    data = read_data_file(paths.data_file)
    assert data is not None and set(data["entries"]) == {"1", "2", "3"}


def test_a_damaged_line_is_an_error_that_names_the_journal(paths):
    journal = _journal(paths)
    append_to_journal(journal, [_line(_generation(paths), "2", "saved")])
    with open(journal, "ab") as handle:
        handle.write(b"not json at all\n")
    with pytest.raises(StorageError, match=r"rejection-therapy\.journal line 2 is damaged"):
        read_data_file(paths.data_file)


def test_the_next_write_folds_the_journal_in_and_removes_it(paths):
    journal = _journal(paths)
    append_to_journal(journal, [_line(_generation(paths), "2", "journalled")])
    with Database(paths).transaction() as db:
        db.table("entries").insert({"ask_text": "written whole"})
    assert not paths.data_file.with_suffix(".journal").exists()
    entries = json.loads(paths.data_file.read_text())["entries"]
    assert [e["ask_text"] for e in entries.values()] == [
        "in the file",
        "journalled",
        "written whole",
    ]


def test_a_failed_append_takes_its_bytes_back(paths, monkeypatch):
    journal = _journal(paths)
    append_to_journal(journal, [_line(_generation(paths), "2", "saved")])
    before = Path(journal).read_bytes()
    import rejection_therapy.storage.journal as module

    def failing_fsync(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(module.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        append_to_journal(journal, [_line(_generation(paths), "3", "not durable")])
    monkeypatch.undo()
    assert Path(journal).read_bytes() == before
