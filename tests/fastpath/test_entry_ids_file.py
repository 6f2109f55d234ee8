"""A large index of entry-id prefixes lives in a file of its own (storage/status_record.py):
the record keeps the ids quick-logged since, the quick `edit` counts in both, and any file
that is not the record's own leaves the edit to the full service."""

from __future__ import annotations

import marshal
import os
from datetime import datetime
from pathlib import Path
from unittest import mock

import pytest

from rejection_therapy.core.ids import ids_matching, prefix_index, with_id
from rejection_therapy.filenames import ENTRY_IDS_FILE
from rejection_therapy.storage import status_record
from tests.fastpath.twins import Twin, counting_quick_paths

NOW = datetime.fromisoformat("2026-03-02T10:00:00+01:00")


@pytest.fixture(autouse=True)
def small_index():
    with mock.patch.object(status_record, "ENTRY_IDS_KEPT", 5):
        yield


@pytest.fixture
def twin(tmp_path: Path) -> Twin:
    twin = Twin(tmp_path / "home", full=False)
    code, _, err = twin.run(["demo", "--days", "12", "--seed", "2"], NOW, 1)
    assert code == 0, err
    assert twin.run(["today"], NOW, 2)[0] == 0
    return twin


def _record(home: Path) -> dict:
    return marshal.loads((home / "status.marshal").read_bytes())


def _index(home: Path) -> list[object]:
    return marshal.loads((home / ENTRY_IDS_FILE).read_bytes())


def _all_ids(twin: Twin) -> list[str]:
    return [doc["id"] for doc in twin.tables()["entries"].values()]  # type: ignore[union-attr]


def test_the_full_service_moves_a_large_index_into_its_file(twin):
    record = _record(twin.home)
    token, index = _index(twin.home)
    assert record["entry_ids"] == "" and record["entry_ids_file"] == token
    assert index == prefix_index(_all_ids(twin))


def test_a_quick_log_indexes_its_entry_in_the_record_and_an_edit_counts_both(twin):
    token, index = _index(twin.home)
    with counting_quick_paths() as taken:
        assert twin.run(["log", "no", "--note", "fresh"], NOW, 3)[0] == 0
    assert taken["log"] == 1
    record = _record(twin.home)
    assert _index(twin.home) == [token, index]  # the file is not rewritten by a quick write
    new = next(i for i in _all_ids(twin) if ids_matching(index, i[:8].lower()) == 0)
    assert record["entry_ids"] == new[:8].lower()
    with counting_quick_paths() as taken:
        code, out, err = twin.run(["edit", new[:8], "--note", "edited"], NOW, 4)
    assert (code, taken["edit"]) == (0, 1), err
    with counting_quick_paths() as taken:
        assert twin.run(["undo"], NOW, 5)[0] == 0  # (undoes the edit: the full service's)


def test_a_prefix_shared_with_an_entry_in_the_file_is_left_to_the_service(twin):
    assert twin.run(["log", "no", "--note", "fresh"], NOW, 3)[0] == 0
    token, index = _index(twin.home)
    new = _record(twin.home)["entry_ids"]
    shared = with_id(index, new + "-0000-4000-8000-000000000000")
    (twin.home / ENTRY_IDS_FILE).write_bytes(marshal.dumps([token, shared]))
    with counting_quick_paths() as taken:
        code, _, err = twin.run(["edit", new, "--note", "edited"], NOW, 4)
    assert (code, taken["edit"]) == (0, 0), err  # the service found the one entry, and edited it


@pytest.mark.parametrize("damage", ["missing", "another token", "garbage", "a link", "odd length"])
def test_an_index_file_that_is_not_the_record_s_leaves_the_edit_to_the_service(
    twin, damage, tmp_path
):
    assert twin.run(["log", "no", "--note", "fresh"], NOW, 3)[0] == 0
    path = twin.home / ENTRY_IDS_FILE
    token, index = _index(twin.home)
    if damage == "missing":
        path.unlink()
    elif damage == "another token":
        path.write_bytes(marshal.dumps(["0" * 16, index]))
    elif damage == "garbage":
        path.write_bytes(os.urandom(300))
    elif damage == "a link":
        elsewhere = tmp_path / "elsewhere.marshal"
        elsewhere.write_bytes(path.read_bytes())
        path.unlink()
        path.symlink_to(elsewhere)
    else:
        path.write_bytes(marshal.dumps([token, index + "abc"]))
    new = _record(twin.home)["entry_ids"]
    with counting_quick_paths() as taken:
        code, out, err = twin.run(["edit", new, "--note", "edited"], NOW, 4)
    assert (code, taken["edit"]) == (0, 0), err
    assert "edited" in out


def test_undo_of_a_quick_log_takes_its_id_out_of_the_record(twin):
    assert twin.run(["log", "no", "--note", "fresh"], NOW, 3)[0] == 0
    assert _record(twin.home)["entry_ids"] != ""
    with counting_quick_paths() as taken:
        assert twin.run(["undo"], NOW, 4)[0] == 0
    assert taken["undo"] == 1
    assert _record(twin.home)["entry_ids"] == ""
