"""`stats`, `badges` and `share` answered from the status record equal the Ledger's
figures over every entry, on long demo histories (many runs, rest and frozen days,
check-ins, badges) seen from several days, and through the command line."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest

from rejection_therapy.cli import main
from rejection_therapy.cli.quick_options import SHARE_FORMATS
from rejection_therapy.share import FORMATS
from tests.fastpath.progress_oracle import assert_progress_matches_ledger
from tests.fastpath.twins import Twin

NOW = datetime.fromisoformat("2026-11-23T10:00:00+00:00")
ENVIRON = {"TZ": "UTC", "NO_COLOR": "1"}


def _demo(home: Path, days: int, seed: int) -> None:
    environ = {
        **ENVIRON,
        "REJECTION_THERAPY_HOME": str(home),
        "REJECTION_THERAPY_NOW": NOW.isoformat(),
    }
    with mock.patch.dict(os.environ, environ):
        argv = ["demo", "--days", str(days), "--seed", str(seed), "--extra-per-day", "1"]
        assert main(argv) == 0


@pytest.mark.parametrize(("days", "seed"), [(40, 1), (400, 2), (250, 7)])
def test_record_answers_equal_the_ledgers_on_demo_histories(tmp_path, days, seed):
    home = tmp_path / "home"
    _demo(home, days, seed)
    for later in (0, 1, 3, 40):  # today, and days later with misses, freezes, a run's end
        assert_progress_matches_ledger(home, NOW + timedelta(days=later), ENVIRON)


def test_the_commands_answer_from_the_record_without_the_service(tmp_path):
    home = tmp_path / "home"
    _demo(home, 120, 3)
    twin = Twin(home, full=False)
    answers = {}
    for argv in (["stats", "--json"], ["badges", "--json"], ["share", "--format", "json"]):
        # answered before argparse and the service are reached
        with mock.patch("rejection_therapy.cli._run_command", side_effect=AssertionError):
            code, out, err = twin.run(argv, NOW, 1)
        assert (code, err) == (0, ""), (argv, err)
        answers[argv[0]] = json.loads(out)
    full = Twin(home, full=True)
    for argv in (["stats", "--json"], ["badges", "--json"], ["share", "--format", "json"]):
        assert json.loads(full.run(argv, NOW, 1)[1]) == answers[argv[0]], argv
    assert answers["stats"]["entries"] > 120
    assert any(badge["earned"] for badge in answers["badges"])


def test_a_stale_record_is_rebuilt_and_answers_the_same(tmp_path):
    home = tmp_path / "home"
    _demo(home, 60, 4)
    twin = Twin(home, full=False)
    before = twin.run(["stats", "--json"], NOW, 1)
    (home / "status.marshal").unlink()
    assert twin.run(["stats", "--json"], NOW, 1) == before
    assert (home / "status.marshal").exists()  # kept for the next answer


def test_share_options_the_quick_path_reads_are_the_ones_argparse_knows(tmp_path):
    assert SHARE_FORMATS == FORMATS
    home = tmp_path / "home"
    _demo(home, 30, 2)
    for argv in (
        ["share", "--format", "--plain", "txt"],
        ["share", "--run", "--plain", "1"],
        ["share", "--run=1", "--format=md", "--plain"],
        ["share", "--format", "svg", "--run", "1"],
        ["share", "--run", "x"],
        ["share", "--colour"],
    ):
        quick = Twin(home, full=False).run(argv, NOW, 1)
        assert quick == Twin(home, full=True).run(argv, NOW, 1), argv


def test_share_of_an_unknown_run_says_which_runs_there_are(tmp_path):
    home = tmp_path / "home"
    _demo(home, 120, 3)
    code, out, err = Twin(home, full=False).run(["share", "--run", "99"], NOW, 1)
    assert code == 2 and out == ""
    assert err.startswith("rejection-therapy: error: no run 99; runs: 1, 2")


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: next(iter(r["run_folds"].values())).update(marks="?" * 100),
        lambda r: next(iter(r["run_folds"].values())).update(counts=[1, 2, 3]),
        lambda r: r["tally"].pop("nos"),
        lambda r: r["badges"].append(["streak-7", "not a date"]),
        lambda r: r["badges"].append(["streak-7", "2026-02-30"]),
        lambda r: r["runs"][-1].update(length=-5),
        lambda r: r["runs"][-1].update(length=3),
        lambda r: r["runs"][0].update(start="2026-02-30"),
        lambda r: r["done_dates"].append("2026-99-99"),
        lambda r: r["rest_dates"].append("2026-99-99"),
        lambda r: r["tally"].update(packs=5),
        lambda r: r["tally"].update(fear_drop="x"),
        lambda r: r["run_folds"].update(other={"counts": [0] * 4, "marks": "", "fear": {1: []}}),
    ],
)
def test_a_record_these_answers_cannot_use_is_rebuilt(tmp_path, damage):
    """The status record is untrusted: one of the right shape but with values the answers
    cannot use is made again from the data, never a crash or a wrong figure."""
    import marshal

    home = tmp_path / "home"
    _demo(home, 60, 4)
    twin = Twin(home, full=False)
    expected = {
        command: twin.run([command, "--json"] if command != "share" else ["share"], NOW, 1)
        for command in ("stats", "badges", "share")
    }
    for command, answer in expected.items():
        status = home / "status.marshal"
        record = marshal.loads(status.read_bytes())
        damage(record)
        status.write_bytes(marshal.dumps(record))
        status.chmod(0o600)
        argv = [command, "--json"] if command != "share" else ["share"]
        assert twin.run(argv, NOW, 1) == answer, command
