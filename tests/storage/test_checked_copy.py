"""The checked copy: `history --json`, `export` and `doctor` answer from it exactly as the
full check would, only while both files are byte for byte those it was made from, and
never from a copy that is damaged, foreign, or not a regular file of ours."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
from datetime import datetime
from pathlib import Path
from unittest import mock

import pytest

from rejection_therapy.storage import checked_copy
from rejection_therapy.storage.checked_copy import CHECKED_BY, CHECKS_HASH, COPY_FILE
from tests.fastpath.twins import Twin

NOW = datetime.fromisoformat("2026-11-23T10:00:00+00:00")
PACKAGE = Path(checked_copy.__file__).parent.parent
COMMANDS = (
    ["history", "--json"],
    ["history", "--json", "--limit", "0"],
    ["history", "--json", "--limit=3"],
    ["export"],
    ["export", "--format", "json"],
    ["doctor"],
)


def checks_digest() -> str:
    """The checking code's syntax (its comments and layout aside)."""
    digest = hashlib.sha256()
    for name in CHECKED_BY:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        digest.update(f"{name}\n{ast.dump(tree)}\n".encode())
    return digest.hexdigest()[:12]


def test_checks_hash_names_the_checking_code_as_it_is():
    assert checks_digest() == CHECKS_HASH, (
        "code that checks records or shapes the checked copy changed: set CHECKS_HASH in "
        f"storage/checked_copy.py to {checks_digest()!r} so copies made by other code are "
        "checked again"
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("template") / "home"
    code, _, err = Twin(home, full=True).run(
        ["demo", "--days", "150", "--seed", "4", "--extra-per-day", "1"], NOW, 1
    )
    assert code == 0, err
    (home / COPY_FILE).unlink(missing_ok=True)
    return home


@pytest.fixture
def home(template, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(template, copy)
    return copy


def _comparable(argv: list[str], out: str) -> str:
    """The answer less what may differ between two runs: the export's own time, and the
    doctor's note that it answered from the copy."""
    if argv[0] == "export":
        document = json.loads(out)
        assert datetime.fromisoformat(document.pop("exported_at")).tzinfo is not None
        return json.dumps(document) + "\n" + _lines_without(out, '"exported_at"')
    return _lines_without(out, "byte for byte as at its last full check")


def _lines_without(text: str, marker: str) -> str:
    return "\n".join(line for line in text.splitlines() if marker not in line)


def _from_copy(home: Path, argv: list[str]) -> tuple[int, str, str]:
    """The command answered before argparse and the service are reached (or a failure)."""
    with mock.patch("rejection_therapy.cli._run_command", side_effect=AssertionError("full")):
        return Twin(home, full=False).run(argv, NOW, 1)


def _full(home: Path, argv: list[str]) -> tuple[int, str, str]:
    return Twin(home, full=True).run(argv, NOW, 1)


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_the_copy_answers_exactly_as_the_full_check(home, argv):
    code, full, err = _full(home, argv)
    assert code == 0, err
    assert (home / COPY_FILE).is_file()
    assert oct((home / COPY_FILE).stat().st_mode & 0o777) == "0o600"
    code, quick, quick_err = _from_copy(home, argv)
    assert (code, quick_err) == (0, err)
    assert _comparable(argv, quick) == _comparable(argv, full)
    if argv[0] == "history":
        rows = json.loads(quick)
        assert len(rows) == {"0": 150 * 2}.get(argv[-1], 3 if "3" in argv[-1] else 20) or rows
        assert all(row["xp"] >= 1 for row in rows)
    if argv[0] == "doctor":
        assert "byte for byte as at its last full check" in quick
        assert quick.rstrip().endswith("Healthy.")


def test_the_export_from_the_copy_imports_into_a_new_home(home, tmp_path):
    assert _full(home, ["export"])[0] == 0
    code, text, _ = _from_copy(home, ["export"])
    assert code == 0
    export = tmp_path / "laptop.json"
    export.write_text(text, encoding="utf-8")
    other = tmp_path / "other"
    code, _, err = _full(other, ["import", str(export)])
    assert code == 0, err
    assert (
        _full(other, ["history", "--json", "--limit", "0"])[1]
        == _full(home, ["history", "--json", "--limit", "0"])[1]
    )


def test_each_command_keeps_what_it_made_and_the_copy_gathers_them(home):
    """A cold doctor keeps only its counts, history its rows, export its tables: each pays
    for what it prints, and a copy of the same files gathers them all."""
    assert _full(home, ["doctor"])[0] == 0
    assert _from_copy(home, ["doctor"])[0] == 0
    assert _from_copy(home, ["history", "--json"])[0] != 0  # no rows kept yet
    assert _full(home, ["history", "--json"])[0] == 0
    assert _from_copy(home, ["export"])[0] != 0  # no tables kept yet
    assert _full(home, ["export"])[0] == 0
    for argv in COMMANDS:
        code, _, err = _from_copy(home, argv)
        assert (code, err.count("Traceback")) == (0, 0), (argv, err)


def test_a_logged_entry_is_in_the_next_answer(home):
    _full(home, ["history", "--json"])
    code, _, err = Twin(home, full=False).run(["log", "no", "--note", "the new one"], NOW, 2)
    assert code == 0, err
    code, out, _ = Twin(home, full=False).run(["history", "--json", "--limit", "1"], NOW, 1)
    assert json.loads(out)[0]["note"] == "the new one"
    code, out, _ = _from_copy(home, ["history", "--json", "--limit", "1"])  # kept again
    assert json.loads(out)[0]["note"] == "the new one"


def test_one_changed_byte_in_the_data_file_is_checked_again(home):
    _full(home, ["history", "--json", "--limit", "0"])
    data = home / "rejection-therapy.json"
    raw = data.read_bytes()
    assert raw.count(b'"difficulty":2') or raw.count(b'"difficulty": 2')
    # a value out of bounds, with the file's size and layout unchanged
    changed = raw.replace(b'"difficulty":2', b'"difficulty":9', 1)
    if changed == raw:
        changed = raw.replace(b'"difficulty": 2', b'"difficulty": 9', 1)
    stat = data.stat()
    data.write_bytes(changed)
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and time
    code, out, _ = Twin(home, full=False).run(["doctor"], NOW, 1)
    assert code == 1
    assert "problem:" in out and "byte for byte" not in out
    assert "difficulty" in out


def test_an_unreadable_data_file_is_never_answered_from_the_copy(home):
    _full(home, ["doctor"])
    (home / "rejection-therapy.json").write_bytes(b"{ not json")
    for argv in (["history", "--json"], ["export"], ["doctor"]):
        code, out, err = Twin(home, full=False).run(argv, NOW, 1)
        assert code in (1, 2), (argv, code)
        assert "not valid JSON" in out + err, argv
        assert "Traceback" not in err


def test_a_home_with_findings_keeps_no_copy(home):
    data = home / "rejection-therapy.json"
    tables = json.loads(data.read_bytes())
    first = next(iter(tables["entries"]))
    tables["entries"][first]["fear_before"] = 99
    data.write_text(json.dumps(tables), encoding="utf-8")
    for _ in range(2):
        code, out, _ = Twin(home, full=False).run(["doctor"], NOW, 1)
        assert code == 1
        assert "fear_before" in out
        assert not (home / COPY_FILE).exists()


def test_doctor_full_checks_every_record_again(home):
    _full(home, ["doctor"])
    code, out, _ = Twin(home, full=False).run(["doctor", "--full"], NOW, 1)
    assert code == 0
    assert "byte for byte" not in out and out.rstrip().endswith("Healthy.")


def _damages(home: Path) -> dict[str, object]:
    copy = home / COPY_FILE
    raw = copy.read_bytes()
    return {
        "empty": b"",
        "torn": raw[: len(raw) // 2],
        "garbage": os.urandom(4096),
        "only the magic": raw[:11],
        "a header too long": raw[:11] + (2**31).to_bytes(4, "big") + raw[15:],
        "a flipped byte in the rows": raw[:-200] + bytes([raw[-200] ^ 0xFF]) + raw[-199:],
        "another key": raw.replace(raw[raw.index(b"key") + 10 : raw.index(b"key") + 20], b"0" * 10),
    }


@pytest.mark.parametrize(
    "damage",
    [
        "empty",
        "torn",
        "garbage",
        "only the magic",
        "a header too long",
        "a flipped byte in the rows",
        "another key",
    ],
)
def test_a_damaged_copy_is_never_believed(home, damage):
    full = {" ".join(argv): _full(home, argv) for argv in COMMANDS}  # (a copy of every part)
    (home / COPY_FILE).write_bytes(_damages(home)[damage])  # type: ignore[arg-type]
    for argv in COMMANDS:
        code, out, err = Twin(home, full=False).run(argv, NOW, 1)
        expected = full[" ".join(argv)]
        assert (code, err) == (0, expected[2]), (argv, err)
        assert _comparable(argv, out) == _comparable(argv, expected[1]), argv


def test_a_copy_made_by_other_code_is_not_believed(home):
    _full(home, ["doctor"])
    with mock.patch.object(checked_copy, "CHECKS_HASH", "other"):
        code, out, _ = Twin(home, full=False).run(["doctor"], NOW, 1)
    assert code == 0 and "byte for byte" not in out


def test_a_copy_that_is_not_a_regular_file_of_ours_is_not_read(home, tmp_path):
    _full(home, ["doctor"])
    elsewhere = tmp_path / "elsewhere.marshal"
    os.replace(home / COPY_FILE, elsewhere)
    (home / COPY_FILE).symlink_to(elsewhere)
    code, out, _ = Twin(home, full=False).run(["doctor"], NOW, 1)
    assert code == 0 and "byte for byte" not in out
    assert (home / COPY_FILE).is_file() and not (home / COPY_FILE).is_symlink()  # replaced
    assert elsewhere.read_bytes()  # never written through
    (home / COPY_FILE).unlink()
    os.mkfifo(home / COPY_FILE)
    code, out, _ = Twin(home, full=False).run(["history", "--json"], NOW, 1)  # no hang
    assert code == 0 and len(json.loads(out)) == 20


def test_a_home_where_the_copy_cannot_be_written_still_answers(home):
    refused = OSError(30, "Read-only file system")
    with mock.patch.object(checked_copy, "atomic_write", side_effect=refused):
        code, out, err = Twin(home, full=False).run(["history", "--json"], NOW, 1)
    assert (code, err) == (0, "")
    assert len(json.loads(out)) == 20
    assert not (home / COPY_FILE).exists()


def _cycle() -> list[object]:
    looped: list[object] = []
    looped.append(looped)
    return looped


HISTORY = (["history", "--json"], ["history", "--json", "--limit", "0"])


@pytest.mark.parametrize(
    ("rows", "tables", "commands"),
    [
        ([{"id": {1, 2}}], "{}", HISTORY),  # marshal holds sets; JSON does not
        ([{"id": _cycle()}], "{}", HISTORY),  # nor loops
        ([{"id": b"bytes"}], "{}", HISTORY),
        (["not an object"], "{}", HISTORY),
        ([{"id": "x"}], ["not", "text"], (["export"],)),
    ],
    ids=["a set", "a loop", "bytes", "a row not an object", "tables not text"],
)
def test_a_copy_of_the_right_key_that_is_not_json_goes_to_the_full_check(
    home, rows, tables, commands
):
    """(A copy forged with the right key and JSON values is printed: whoever can write it
    can write the data file itself; the key guards against damage and other code.)"""
    full = {" ".join(argv): _full(home, argv) for argv in commands}
    key = checked_copy.home_key(str(home))
    assert key is not None
    checked_copy.write_copy(str(home), key, {"entries": 1}, 3, 0, rows, tables)
    for argv in commands:
        code, out, err = Twin(home, full=False).run(argv, NOW, 1)
        expected = full[" ".join(argv)]
        assert (code, err) == (0, expected[2]), (argv, err)
        assert _comparable(argv, out) == _comparable(argv, expected[1]), argv


def test_the_key_reads_the_files_within_the_full_loads_bounds():
    """The copy's key reads the data file and journal as the full load would (its bounds
    are copied, not imported: importing them costs the quick path)."""
    from rejection_therapy.core import bounds

    assert checked_copy.MAX_DATA_BYTES == bounds.MAX_DATA_FILE_BYTES
    assert checked_copy.MAX_JOURNAL_BYTES == bounds.MAX_JOURNAL_BYTES
