"""The fast `today` and `log` answer exactly as the full service, and store the same data.

Two copies of one history get the same commands at the same instants with the same ids:
one through the fast paths, one with REJECTION_THERAPY_FULL_PATH=1. Every answer, the
stored tables (through the journal) and the status record must match.
"""

from __future__ import annotations

import contextlib
import io
import json
import marshal
import shutil
import uuid
from pathlib import Path

import pytest

from rejection_therapy.cli import main
from rejection_therapy.core import ids
from rejection_therapy.paths import Paths
from rejection_therapy.storage.database import read_data_file
from tests.fastpath.records import assert_kept_matches_rebuilt

NOW = "2026-03-02T10:00:00+01:00"
COMMANDS = [
    ["today"],
    ["today", "--json"],
    ["log", "no", "--note", "They said [bold]no[/bold]", "--fear-before", "7"],
    ["today"],
    ["log", "yes", "--ask", "Asked for a refill", "--difficulty", "4", "--asked-why", "--json"],
    ["log", "why", "--learned", "ask earlier", "--next=smile", "--fear-before=3", "--json"],
    ["log", "pending", "--ask", "Emailed a stranger"],
    ["log", "no", "--json"],
    ["log", "N", "--date", "Today", "--note", "the TUI's key, in capitals"],
    ["log", "Y", "--json"],
    ["today", "--json"],
    ["streak", "--json"],
]


def _ids(seed: int):
    counter = iter(range(seed, seed + 10_000))
    return lambda: str(uuid.UUID(int=next(counter) * 7919 + 1, version=4))


def _run(argv: list[str]) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(argv)
    return code, buffer.getvalue()


def _answers(home: Path, monkeypatch: pytest.MonkeyPatch, full: bool) -> list[tuple[int, str]]:
    monkeypatch.setenv("REJECTION_THERAPY_HOME", str(home))
    monkeypatch.setenv("REJECTION_THERAPY_NOW", NOW)
    if full:
        monkeypatch.setenv("REJECTION_THERAPY_FULL_PATH", "1")
    else:
        monkeypatch.delenv("REJECTION_THERAPY_FULL_PATH", raising=False)
    monkeypatch.setattr(ids, "new_id", _ids(1))
    return [_run(argv) for argv in COMMANDS]


def _tables(home: Path) -> dict[str, object]:
    data = read_data_file(Paths(home).data_file)
    assert data is not None
    data.pop("meta")
    return data


def _count_fast_logs(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each `log` was answered by the fast path (True) or handed on (False)."""
    import rejection_therapy.fastpath.log as fast_module

    taken: list[bool] = []
    original = fast_module.fast_log

    def counted(*args, **kwargs):
        answer = original(*args, **kwargs)
        taken.append(answer is not None)
        return answer

    monkeypatch.setattr(fast_module, "fast_log", counted)
    return taken


@pytest.fixture
def twin_homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    fast, full = tmp_path / "fast", tmp_path / "full"
    monkeypatch.setenv("REJECTION_THERAPY_HOME", str(fast))
    monkeypatch.setenv("REJECTION_THERAPY_NOW", NOW)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setattr(ids, "new_id", _ids(50_000))
    assert _run(["demo", "--days", "40", "--seed", "3"])[0] == 0
    shutil.copytree(fast, full)
    return fast, full


def test_fast_answers_and_data_match_the_full_service(twin_homes, monkeypatch):
    fast, full = twin_homes
    taken = _count_fast_logs(monkeypatch)
    fast_answers = _answers(fast, monkeypatch, full=False)
    assert taken == [True] * sum(argv[0] == "log" for argv in COMMANDS), "a fast log was not taken"
    full_answers = _answers(full, monkeypatch, full=True)
    for argv, got, expected in zip(COMMANDS, fast_answers, full_answers, strict=True):
        assert got == expected, argv
    assert _tables(fast) == _tables(full)


def test_fast_records_match_a_rebuilt_record(twin_homes, monkeypatch):
    fast, _full = twin_homes
    _answers(fast, monkeypatch, full=False)
    kept = marshal.loads((fast / "status.marshal").read_bytes())
    (fast / "status.marshal").unlink()
    monkeypatch.setenv("REJECTION_THERAPY_FULL_PATH", "1")
    _run(["streak"])  # rebuilds the record from the data (the journal applied)
    rebuilt = marshal.loads((fast / "status.marshal").read_bytes())
    assert_kept_matches_rebuilt(kept, rebuilt)


def test_the_next_days_first_write_folds_the_journal_and_its_backup_empties_it(
    twin_homes, monkeypatch
):
    fast, full = twin_homes
    _answers(fast, monkeypatch, full=False)
    _answers(full, monkeypatch, full=True)
    journal = fast / "rejection-therapy.journal"
    assert journal.exists()
    before = _tables(fast)
    assert len(json.loads(Paths(fast).data_file.read_text())["entries"]) < len(before["entries"])
    monkeypatch.setenv("REJECTION_THERAPY_NOW", "2026-03-03T10:00:00+01:00")
    for home in (fast, full):
        monkeypatch.setenv("REJECTION_THERAPY_HOME", str(home))
        assert _run(["intention", "If I ask daily, asking gets easy"])[0] == 0
    raw = json.loads(Paths(fast).data_file.read_text())
    assert len(raw["entries"]) == len(before["entries"])  # now in the file itself
    assert not journal.exists()  # the day's backup holds every line
    backup = json.loads((fast / "backups" / "daily-2026-03-03.json").read_text())
    assert backup["entries"] == raw["entries"]
    assert _tables(fast) == _tables(full)


def test_fast_log_reports_the_same_problems(twin_homes, monkeypatch):
    fast, _full = twin_homes
    monkeypatch.setenv("REJECTION_THERAPY_HOME", str(fast))
    _run(["today"])
    before = _tables(fast)
    bad = [
        ["log", "no", "--difficulty", "3"],
        ["log", "yes", "--ask", "x", "--difficulty", "9"],
        ["log", "no", "--fear-before", "11"],
        ["log", "no", "--note", "n" * 2001],
        ["log", "maybe"],
    ]
    for argv in bad:
        with pytest.raises(SystemExit) if argv[1] == "maybe" else contextlib.nullcontext():
            assert _run(argv)[0] == 2, argv
    assert _tables(fast) == before


LATE_AND_WRONG = [
    ["log", "w", "--date", "yesterday", "--json"],
    ["log", "no", "--date", "1 day ago"],
    ["log", "NO", "--date", "2 days ago"],
    ["log", "yes", "--date", "tomorrow"],
    ["log", "Why", "--date", "today", "--yesterday"],
    ["log", "yse"],
]


def test_dates_and_outcome_words_answer_alike_both_ways(twin_homes, monkeypatch, capsys):
    """`log --date` and the short outcomes: the quick path takes what it can and hands on
    the rest; the answers, the refusals and the stored data are the full service's."""
    fast, full = twin_homes

    def answers(home: Path, full_path: bool) -> list[tuple[int, str, str]]:
        monkeypatch.setenv("REJECTION_THERAPY_HOME", str(home))
        monkeypatch.setenv("REJECTION_THERAPY_NOW", NOW)
        if full_path:
            monkeypatch.setenv("REJECTION_THERAPY_FULL_PATH", "1")
        else:
            monkeypatch.delenv("REJECTION_THERAPY_FULL_PATH", raising=False)
        monkeypatch.setattr(ids, "new_id", _ids(7))
        said = []
        for argv in LATE_AND_WRONG:
            capsys.readouterr()
            try:
                code = main(argv)
            except SystemExit as exit_:  # argparse's refusal of an outcome
                code = int(exit_.code or 0)
            out, err = capsys.readouterr()
            said.append((code, out, err))
        return said

    quick, slow = answers(fast, False), answers(full, True)
    assert [code for code, _out, _err in quick] == [0, 0, 2, 2, 2, 2]
    for argv, got, expected in zip(LATE_AND_WRONG, quick, slow, strict=True):
        assert got == expected, argv
    assert _tables(fast) == _tables(full)
