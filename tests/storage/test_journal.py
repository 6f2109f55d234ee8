"""The journal beside the data file: every committed change as operations, applied by every
reader, kept until a backup holds it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rejection_therapy.paths import Paths
from rejection_therapy.storage.database import Database, journal_op_of, read_data_file
from rejection_therapy.storage.files import StorageError
from rejection_therapy.storage.journal import (
    HEADER,
    append_to_journal,
    journal_path_for,
    read_journal,
)


def _put(op: int, doc_id: str, text: str, **extra: object) -> dict[str, object]:
    return {"op": op, "table": "entries", "doc_id": doc_id, "doc": {"ask_text": text}, **extra}


@pytest.fixture
def paths(tmp_path):
    paths = Paths(tmp_path / "home")
    with Database(paths).transaction() as transaction:
        transaction.insert("entries", {"ask_text": "in the file"})
    return paths


def _journal(paths: Paths) -> str:
    return journal_path_for(str(paths.data_file))


def _folded(paths: Paths) -> int:
    return journal_op_of(json.loads(paths.data_file.read_text()))


def test_readers_apply_the_operations_after_the_last_one_folded_in(paths):
    base = _folded(paths)
    append_to_journal(_journal(paths), [_put(base + 1, "2", "journalled")])
    data = read_data_file(paths.data_file)
    assert data is not None
    assert data["entries"]["2"] == {"ask_text": "journalled"}
    assert data["entries"]["1"] == {"ask_text": "in the file"}
    assert Path(_journal(paths)).read_bytes().startswith(HEADER)


def test_operations_already_folded_in_are_never_applied_again(paths):
    # A line the file already holds (it stays until a backup holds it) must not undo a
    # later change: here an entry the file has since removed.
    with Database(paths).transaction() as transaction:
        transaction.insert("entries", {"ask_text": "one more"})
    Database(paths).fold()
    base = _folded(paths)
    assert base >= 1
    Path(_journal(paths)).unlink()
    append_to_journal(_journal(paths), [_put(base, "9", "folded and later removed")])
    data = read_data_file(paths.data_file)
    assert data is not None and "9" not in data["entries"]


def test_remove_and_insert_operations(paths):
    base = _folded(paths)
    append_to_journal(
        _journal(paths),
        [
            _put(base + 1, "1", "taken id moves on", insert=True),
            {"op": base + 2, "table": "entries", "doc_id": "1", "remove": True},
        ],
    )
    data = read_data_file(paths.data_file)
    assert data is not None
    assert data["entries"] == {"2": {"ask_text": "taken id moves on"}}


def test_a_line_cut_short_by_a_crash_is_ignored_then_cut_off(paths):
    journal = _journal(paths)
    base = _folded(paths)
    append_to_journal(journal, [_put(base + 1, "2", "saved")])
    with open(journal, "ab") as handle:
        handle.write(b'{"op": 99, "table": "entr')
    assert [r["doc_id"] for r in read_journal(journal).operations] == ["2"]
    append_to_journal(journal, [_put(base + 2, "3", "next")])
    assert [r["doc_id"] for r in read_journal(journal).operations] == ["2", "3"]
    data = read_data_file(paths.data_file)
    assert data is not None and set(data["entries"]) == {"1", "2", "3"}


def test_a_damaged_line_is_an_error_that_names_the_journal(paths):
    journal = _journal(paths)
    append_to_journal(journal, [_put(_folded(paths) + 1, "2", "saved")])
    with open(journal, "ab") as handle:
        handle.write(b"not json at all\n")
    with pytest.raises(StorageError, match=r"rejection-therapy\.journal line 3 is damaged"):
        read_data_file(paths.data_file)


def test_a_journal_of_a_newer_release_is_refused(paths):
    Path(_journal(paths)).write_bytes(b'{"journal":3}\n')
    with pytest.raises(StorageError, match="newer rejection-therapy"):
        read_data_file(paths.data_file)


def test_a_write_journals_its_change_and_keeps_it_until_a_backup_holds_it(tmp_path):
    days = iter([date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 3)])
    paths = Paths(tmp_path / "home")
    database = Database(paths, day_of=lambda _data: next(days))
    with database.transaction() as transaction:  # the first write: the day's backup holds the file
        transaction.insert("entries", {"ask_text": "first"})
    assert not Path(_journal(paths)).exists()
    with database.transaction() as transaction:  # same day: the backup does not hold this yet
        transaction.insert("entries", {"ask_text": "second"})
    operations = read_journal(_journal(paths)).operations
    assert [(o["table"], o["doc"]) for o in operations] == [("entries", {"ask_text": "second"})]
    assert _folded(paths) < operations[-1]["op"]  # not rewritten: readers apply the line
    with (
        database.transaction() as transaction
    ):  # the next day's first write: a new backup holds it all
        transaction.insert("entries", {"ask_text": "third"})
    assert not Path(_journal(paths)).exists()
    backup = json.loads((paths.backups_dir / "daily-2026-03-03.json").read_text())
    assert [d["ask_text"] for d in backup["entries"].values()] == ["first", "second", "third"]


def test_a_journal_of_the_previous_format_is_read_then_saved_in_a_checkpoint(paths):
    journal = _journal(paths)
    generation = json.loads(paths.data_file.read_text())["meta"]["1"]["generation"]
    line = {"base": generation, "table": "entries", "doc_id": "2", "doc": {"ask_text": "v1"}}
    stale = {"base": generation - 1, "table": "entries", "doc_id": "3", "doc": {"ask_text": "old"}}
    Path(journal).write_text(json.dumps(line) + "\n" + json.dumps(stale) + "\n")
    data = read_data_file(paths.data_file)
    assert (
        data is not None
        and data["entries"]["2"] == {"ask_text": "v1"}
        and "3" not in data["entries"]
    )
    with Database(paths).transaction() as transaction:
        transaction.insert("entries", {"ask_text": "after"})
    # No backup is known to hold the old release's lines: the write saves everything whole,
    # keeps it as a checkpoint backup, and the journal starts afresh.
    assert not Path(journal).exists()
    texts = ["in the file", "v1", "after"]
    stored = json.loads(paths.data_file.read_text())["entries"]
    assert [d["ask_text"] for d in stored.values()] == texts
    (checkpoint,) = paths.backups_dir.glob("checkpoint-*.json")
    assert [d["ask_text"] for d in json.loads(checkpoint.read_text())["entries"].values()] == texts


def test_a_failed_append_takes_its_bytes_back(paths, monkeypatch):
    journal = _journal(paths)
    append_to_journal(journal, [_put(_folded(paths) + 1, "2", "saved")])
    before = Path(journal).read_bytes()
    import rejection_therapy.storage.journal as module

    def failing_fsync(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(module.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        append_to_journal(journal, [_put(_folded(paths) + 2, "3", "not durable")])
    monkeypatch.undo()
    assert Path(journal).read_bytes() == before
