"""A home the previous release made is read, changed and folded by this one without loss.

tests/fixtures/previous-release-home was written by the release before the one write path
(commit c860a10): two days of logs, a rest day, a resolved pending ask, a data file folded
at the second day's first write and a format-2 journal whose lines carry no record key.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "previous-release-home"
SAME_DAY = "2026-03-03T15:00:00+01:00"
NEXT_DAY = "2026-03-04T10:00:00+01:00"
NOTES = {
    "first, in the file",
    "",
    "second day, day's first write",
    "journal only",
    "after the resolve, quick",
}


def _home(make_home):
    home = make_home()
    shutil.copytree(FIXTURE, home.path)
    home.path.chmod(0o700)  # git keeps no modes: a home is private
    for path in home.path.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    return home


def test_the_previous_releases_home_reads_whole(make_home):
    home = _home(make_home)
    entries = home.history()
    assert len(entries) == 6
    assert {e["note"] for e in entries} == NOTES
    assert {e["ask"] for e in entries if e["own"]} == {
        "Asked for a window seat",
        "Emailed a stranger",
    }
    stranger = next(e for e in entries if e["ask"] == "Emailed a stranger")
    assert stranger["outcome"] == "no"  # resolved in a journal line of that release
    streak = json.loads(home.ok("streak", "--json", now=SAME_DAY))
    assert (streak["current"], streak["today_done"]) == (2, True)
    code, out, _err = home.run("doctor", now=SAME_DAY)
    assert code == 0, out


def test_a_change_appends_after_its_lines_and_the_next_day_folds_all_of_them(make_home):
    home = _home(make_home)
    old_lines = home.journal.read_bytes()
    home.ok("edit", home.history()[0]["id"][:8], "--note", "edited by this release", now=SAME_DAY)
    home.ok("log", "no", "--ask", "Asked for a discount", now=SAME_DAY)
    journal = home.journal.read_bytes()
    assert journal.startswith(old_lines)  # nothing the old release saved was rewritten
    new_lines = [json.loads(line) for line in journal[len(old_lines) :].splitlines()]
    assert new_lines and all("id" in line for line in new_lines if line["table"] == "entries")
    home.ok("intention", "If I ask, then I grow", now=NEXT_DAY)  # a full write: folded
    assert not home.journal.exists()
    stored = json.loads(home.data.read_text())["entries"]
    assert len(stored) == 7
    assert {e["note"] for e in stored.values()} == (NOTES - {"after the resolve, quick"}) | {
        "edited by this release"
    }
    backup = json.loads((home.path / "backups" / "daily-2026-03-04.json").read_text())
    assert backup["entries"] == stored
    code, out, _err = home.run("doctor", now=NEXT_DAY)
    assert code == 0, out
