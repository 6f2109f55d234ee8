"""`rejection-therapy share` through the console script."""

from __future__ import annotations

import json


def test_share_every_format_privately_and_to_a_file(cli, tmp_path):
    cli("log", "no", "--note", "PRIVATE-NOTE", "--ask", "PRIVATE-ASK")
    for fmt in ("txt", "md", "svg", "html", "json"):
        result = cli("share", "--format", fmt)
        assert result.code == 0, result.err
        assert "PRIVATE-NOTE" not in result.out and "PRIVATE-ASK" not in result.out
    target = tmp_path / "card.svg"
    assert cli("share", "--format", "svg", "-o", str(target)).code == 0
    assert target.read_text().startswith("<svg")
    included = cli("share", "--format", "json", "--include-asks", "--include-notes")
    assert "includes your own words" in included.err
    data = json.loads(included.out)
    assert (
        data["entries"][0]["ask"] == "PRIVATE-ASK" and data["entries"][0]["note"] == "PRIVATE-NOTE"
    )
    assert cli("share", "--run", "7").code == 2


def test_share_shows_the_finished_run_until_the_next_has_an_entry(cli):
    assert cli("start", "--days", "3", "--force", now="2026-03-01").code == 0
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        assert cli("log", "no", now=day).code == 0
    assert cli("start", "--days", "5", now="2026-03-04").code == 0
    for argv in (["share", "--format", "json"], ["share", "--format", "json", "--include-asks"]):
        shared = cli(*argv, now="2026-03-04").json()  # the quick path, then the service's
        assert shared["run"]["number"] == 1 and shared["run"]["complete"] is True
    assert "Day 3/3 complete" in cli("share", now="2026-03-04").out
    assert cli("share", "--run", "2", "--format", "json", now="2026-03-04").json()["run"] == {
        "number": 2,
        "start": "2026-03-04",
        "length": 5,
        "day": 1,
        "complete": False,
    }
    assert cli("log", "yes", now="2026-03-05").code == 0
    assert cli("share", "--format", "json", now="2026-03-05").json()["run"]["number"] == 2
