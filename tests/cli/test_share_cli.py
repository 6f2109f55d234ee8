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
