"""`share` shows the run a person means: the run just finished until the next one has an
entry, marked complete; the full path (the service) and the quick one (the status record)
pick the same run and say the same of it."""

from __future__ import annotations

from datetime import date

import pytest

from rejection_therapy.cli.share import private_snapshot
from rejection_therapy.cli.streak import answer_from_record
from rejection_therapy.core.models import Outcome
from rejection_therapy.share import render
from tests.conftest import make_service

ZONE = "Europe/Berlin"


def at(home, day: str):
    return make_service(home, f"{day}T10:00:00+01:00", tz=ZONE)


def both_ways(home, day: str) -> dict:
    """The default snapshot from the service and from the status record; they must agree."""
    full = at(home, day).snapshot()
    environ = {"TZ": ZONE, "REJECTION_THERAPY_NOW": f"{day}T10:00:00+01:00"}
    _record, quick = answer_from_record(
        str(home), environ, lambda record, on: private_snapshot(record, on, None)
    )
    assert quick == full
    return full


@pytest.fixture
def finished(home):
    """A 3-day run, 2026-03-01 to 03-03, with a no on each day."""
    at(home, "2026-03-01").start(days=3, force=True)
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        at(home, day).log(Outcome.NO)
    return home


def test_the_last_day_done_completes_the_run(home):
    at(home, "2026-03-01").start(days=3, force=True)
    for day in ("2026-03-01", "2026-03-02"):
        at(home, day).log(Outcome.NO)
    open_last_day = both_ways(home, "2026-03-03")
    assert open_last_day["run"]["complete"] is False
    assert open_last_day["grid"][-1] == "today"
    at(home, "2026-03-03").log(Outcome.WHY)
    done = both_ways(home, "2026-03-03")
    assert done["run"] == {
        "number": 1,
        "start": "2026-03-01",
        "length": 3,
        "day": 3,
        "complete": True,
    }


def test_the_finished_run_is_shared_until_the_new_one_has_an_entry(finished):
    next_day = at(finished, "2026-03-04")
    assert next_day.start(days=5).number == 2
    assert next_day.read().ledger.current_run.number == 2  # the new run is the current one
    shared = both_ways(finished, "2026-03-04")
    assert shared["run"]["number"] == 1 and shared["run"]["complete"] is True
    assert shared["grid"] == ["no", "no", "no"] and shared["counts"]["no"] == 3
    assert shared["date"] == "2026-03-04"
    assert both_ways(finished, "2026-03-05")["run"]["number"] == 1  # run 2 still empty
    at(finished, "2026-03-05").log(Outcome.YES)
    now = both_ways(finished, "2026-03-05")
    assert now["run"]["number"] == 2 and now["run"]["complete"] is False
    assert now["grid"][:2] == ["missed", "yes"]


def test_a_run_number_still_picks_the_run(finished):
    at(finished, "2026-03-04").start(days=5)
    service = at(finished, "2026-03-04")
    assert service.snapshot(run_number=2)["run"]["number"] == 2
    environ = {"TZ": ZONE, "REJECTION_THERAPY_NOW": "2026-03-04T10:00:00+01:00"}
    _record, quick = answer_from_record(
        str(finished), environ, lambda record, on: private_snapshot(record, on, 2)
    )
    assert quick == service.snapshot(run_number=2)
    assert quick["grid"] == ["today", "future", "future", "future", "future"]


def test_a_run_still_to_start_leaves_the_finished_one_shared(finished):
    at(finished, "2026-03-04").start(days=5, begin=date(2026, 3, 6))
    assert both_ways(finished, "2026-03-04")["run"]["number"] == 1
    assert both_ways(finished, "2026-03-06")["run"]["number"] == 1  # begun, still empty


def test_a_first_run_without_entries_is_shared_as_it_is(home):
    at(home, "2026-03-01").start(days=3, force=True)
    shared = both_ways(home, "2026-03-01")
    assert shared["run"]["number"] == 1 and shared["run"]["complete"] is False


@pytest.mark.parametrize("fmt", ["txt", "plain", "md", "svg", "html", "json"])
def test_every_format_says_the_shared_run_is_complete(finished, fmt):
    at(finished, "2026-03-04").start(days=5)
    snapshot = both_ways(finished, "2026-03-04")
    text = render(snapshot, "txt", plain=True) if fmt == "plain" else render(snapshot, fmt)
    expected = {
        "txt": "Day 3/3 complete",
        "plain": "Day 3/3 complete",
        "md": "| 3/3 complete |",
        "svg": "RUN COMPLETE",
        "html": "<dd>3/3 complete</dd>",
        "json": '"complete": true',
    }[fmt]
    assert expected in text
    assert ('"number": 1' if fmt == "json" else "run 1") in text.lower()
