"""Golden outputs of every snapshot format for a seeded demo history at a fixed clock.

After a deliberate change to a renderer: UPDATE_GOLDEN=1 uv run pytest tests/share, then
look at the new files (render the svg/html headless) before committing them.
"""

from __future__ import annotations

import json
import os
import socket
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from rejection_therapy.core.models import Outcome
from rejection_therapy.marks import MARKS
from rejection_therapy.share import FORMATS, render
from tests.conftest import make_service

GOLDEN = Path(__file__).parent / "golden"
SECRET_NOTE = "SECRET-NOTE-about-my-boss"
SECRET_ASK = "SECRET-ASK-asked-Alice-for-a-raise"


@pytest.fixture(scope="module")
def demo_snapshot(tmp_path_factory):
    home = tmp_path_factory.mktemp("share") / "home"
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    service.demo(days=45, seed=7)
    service.log(Outcome.NO, ask_text=SECRET_ASK, note=SECRET_NOTE, learned="SECRET-LESSON")
    return service


@pytest.mark.parametrize("fmt", [*FORMATS, "plain"])
def test_golden_output(demo_snapshot, fmt):
    snapshot = demo_snapshot.snapshot()
    text = render(snapshot, "txt", plain=True) if fmt == "plain" else render(snapshot, fmt)
    path = GOLDEN / f"demo-seed-7.{fmt if fmt != 'plain' else 'plain.txt'}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_private_by_default(demo_snapshot, fmt):
    text = render(demo_snapshot.snapshot(), fmt)
    host = socket.gethostname()
    secrets = [SECRET_NOTE, SECRET_ASK, "SECRET-LESSON", str(demo_snapshot.paths.home)]
    if len(host) >= 6:  # a short name like "web" could appear as an ordinary word
        secrets.append(host)
    for secret in secrets:
        assert secret not in text


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json"])
def test_opting_in_includes_asks_and_notes_and_says_so(demo_snapshot, fmt):
    text = render(demo_snapshot.snapshot(include_asks=True, include_notes=True), fmt)
    assert SECRET_ASK in text and SECRET_NOTE in text
    assert "include" in text.lower()
    asks_only = render(demo_snapshot.snapshot(include_asks=True), fmt)
    assert SECRET_ASK in asks_only and SECRET_NOTE not in asks_only


def test_svg_parses_and_html_has_no_external_references(demo_snapshot):
    snapshot = demo_snapshot.snapshot()
    root = ElementTree.fromstring(render(snapshot, "svg"))
    assert root.tag.endswith("svg") and root.get("width") and root.get("height")
    page = render(snapshot, "html")
    for forbidden in ("<script", "src=", "href=", "url(", "@import", "<link"):
        assert forbidden not in page
    assert page.replace("http://www.w3.org/2000/svg", "").count("http") == 0


def test_json_snapshot_is_versioned(demo_snapshot):
    data = json.loads(render(demo_snapshot.snapshot(), "json"))
    assert data["snapshot_version"] == 1 and len(data["grid"]) == data["run"]["length"]


def test_txt_grid_lines_hold_only_cells(demo_snapshot):
    lines = render(demo_snapshot.snapshot(), "txt").splitlines()
    cells = {mark.emoji for mark in MARKS.values()}
    grid = [line for line in lines if line and set(line) <= cells]
    assert len(grid) == 10 and all(len(line) == 10 for line in grid)
    assert "\ufe0f" not in "\n".join(lines)
