"""The data file: locked transactions, atomic writes, schema guard, status record."""

from __future__ import annotations

import json
import marshal
import multiprocessing
import os
from pathlib import Path

import pytest

from rejection_therapy.core.models import Outcome
from rejection_therapy.paths import Paths
from rejection_therapy.storage.database import SCHEMA_VERSION, Database
from rejection_therapy.storage.files import StorageError
from tests.conftest import make_service


def _log_many(home: str, count: int, label: str) -> None:
    service = make_service(Path(home), "2026-03-02T10:00:00+01:00")
    for index in range(count):
        service.log(Outcome.NO, ask_text=f"{label}-{index}")


def test_two_processes_logging_at_once_lose_nothing(home):
    make_service(home, "2026-03-02T10:00:00+01:00").read()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_log_many, args=(str(home), 40, name)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    entries = make_service(home, "2026-03-02T10:00:00+01:00").read().state.entries
    texts = {e.ask_text for e in entries}
    assert texts == {f"{label}-{i}" for label in "ab" for i in range(40)}
    assert len({e.id for e in entries}) == 80


def test_a_failed_write_leaves_the_old_file_intact(home, monkeypatch):
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    service.log(Outcome.NO)
    data = Paths(home).data_file
    before = data.read_bytes()

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(StorageError, match="nothing was saved"):
        service.log(Outcome.YES)
    monkeypatch.undo()
    assert data.read_bytes() == before
    assert not [p for p in home.iterdir() if p.name.endswith(".tmp")]


def test_a_file_from_a_newer_version_is_refused_untouched(home):
    make_service(home, "2026-03-02T10:00:00+01:00").read()
    data = Paths(home).data_file
    content = json.loads(data.read_text())
    content["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    data.write_text(json.dumps(content))
    before = data.read_bytes()
    with pytest.raises(StorageError, match="newer rejection-therapy"):
        make_service(home, "2026-03-02T10:00:00+01:00").log(Outcome.NO)
    assert data.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"", b"\x00\xff binary", b"[1, 2, 3]", b'{"runs": [1]}', b'{"runs": {"1": {"id": ']
)
def test_corrupt_files_are_refused_untouched(home, content):
    home.mkdir()
    data = Paths(home).data_file
    data.write_bytes(content)
    with pytest.raises(StorageError, match="left untouched"):
        Database(Paths(home)).read()
    with pytest.raises(StorageError):
        make_service(home, "2026-03-02T10:00:00+01:00").log(Outcome.NO)
    assert data.read_bytes() == content


def test_a_change_after_the_days_backup_is_one_journal_line_and_refreshes_the_status(home):
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    service.log(Outcome.NO)
    paths = Paths(home)
    before = paths.data_file.read_bytes()
    service.log(Outcome.NO, ask_text="again")
    assert paths.data_file.read_bytes() == before  # not rewritten: the journal holds it
    (header, line) = (home / "rejection-therapy.journal").read_text().splitlines()
    operation = json.loads(line)
    assert (operation["table"], operation["doc"]["ask_text"]) == ("entries", "again")
    assert operation["id"] == operation["doc"]["id"] and operation["insert"] is True
    status = marshal.loads(paths.status_file.read_bytes())
    info = paths.data_file.stat()
    # the data file's identity, then the journal's: it keeps the day's changes after the
    # day's backup, until the next backup holds them
    journal = (home / "rejection-therapy.journal").stat()
    assert status["stamp"] == [
        info.st_mtime_ns,
        info.st_size,
        journal.st_mtime_ns,
        journal.st_size,
    ]
    assert status["done_dates"] == ["2026-03-02"]
