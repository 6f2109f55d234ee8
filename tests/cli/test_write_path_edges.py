"""Edges of the one write path that a review found: a value the reader repairs, a run
removed under other records, a read kept for a change, a digit that is not ASCII."""

from __future__ import annotations

import contextlib
import json
import marshal
from datetime import date

import pytest

from rejection_therapy.core.models import Outcome
from rejection_therapy.service.errors import UserError
from tests.conftest import make_service

NOW = "2026-03-02T10:00:00+01:00"


def test_a_change_over_a_value_the_reader_repairs_works_and_keeps_the_warning(make_home):
    home = make_home()
    home.ok("log", "no", "--note", "hello")
    data = json.loads(home.data.read_text())
    for document in data["entries"].values():
        document["difficulty"] = 9  # read as 5, and reported, until `doctor --repair`
    home.data.write_text(json.dumps(data))
    home.ok("log", "yes", now="2026-03-02T11:00:00+01:00")
    code, out, err = home.run("start", "--force", now="2026-03-02T12:00:00+01:00")
    assert code == 0, err
    assert "Run 1 begins" in out and "Traceback" not in err
    assert "rejection-therapy doctor" in err


def _record_equals_a_rebuild(home) -> None:
    kept = marshal.loads((home / "status.marshal").read_bytes())
    rebuilt = make_service(home, NOW).rebuild_status()
    assert rebuilt is not None
    assert {k: v for k, v in kept.items() if k != "stamp"} == {
        k: v for k, v in rebuilt.items() if k != "stamp"
    }


def test_the_record_after_a_run_is_removed_under_its_intention_equals_a_rebuild(home):
    service = make_service(home, NOW)
    service.start(days=3, begin=date(2026, 3, 2), force=True)
    service.log(Outcome.NO, ask_text="a")
    service.set_intention("If I ask, then I grow")
    service.start(days=10, begin=date(2026, 3, 2), force=True)  # removes the run
    _record_equals_a_rebuild(home)


def test_a_kept_read_belongs_to_its_reader_alone(home):
    service = make_service(home, NOW)
    service.start(days=3, begin=date(2026, 3, 2), force=True)
    service.start(days=5, begin=date(2026, 3, 10))
    service.start(days=5, begin=date(2026, 3, 20))
    service.declare_rest(date(2026, 3, 21))
    kept = service.read(keep_for_change=True)  # say, the TUI's load thread
    runs = [run.start for run in kept.state.runs]
    with contextlib.suppress(UserError):  # another thread's change, failing half way
        service.start(days=5, begin=date(2026, 3, 8))
    service.log(Outcome.NO, ask_text="another thread's log")
    assert [run.start for run in kept.state.runs] == runs
    assert kept.state.entries == []


def test_a_digit_that_is_not_ascii_gets_the_usual_error(make_home):
    home = make_home()
    home.ok("today")
    with pytest.raises(SystemExit) as exit_:  # argparse's usual one-line error
        home.run("log", "yes", "--ask", "x", "--difficulty", "²")
    err = home.capsys.readouterr().err
    assert exit_.value.code == 2 and "invalid int value" in err and "Traceback" not in err
