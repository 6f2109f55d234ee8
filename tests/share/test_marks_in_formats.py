"""Every share format draws outcomes and days with the one set of marks (rejection_therapy/
marks.py): its emoji, ASCII letters, symbols, colours and labels, and nothing of its own. A
no wears the bright star; no format paints it as a failure."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from rejection_therapy.marks import DAYS, LEGEND_ORDER, MARKS, OUTCOMES
from rejection_therapy.share import render
from rejection_therapy.share.card import render_svg
from rejection_therapy.share.page import render_html
from rejection_therapy.share.text import render_md, render_txt
from tests.share.test_renderers import make_snapshot

SVG = "{http://www.w3.org/2000/svg}"
FAILURE_LOOKS = ("✗", "❌", "🟥", "✘", "×", "#D55E00", "⏳")
"""What the formats drew before marks.py: a cross, a red square, an orange-red fill."""


def every_kind() -> dict:
    """A 20-day run whose grid holds each mark twice, in legend order."""
    grid = [kind for kind in LEGEND_ORDER for _ in range(2)][:18] + ["future", "future"]
    return make_snapshot(length=20, day=16, grid=grid)


def test_txt_grid_and_legend_are_the_marks_emoji_and_labels():
    snapshot = every_kind()
    lines = render_txt(snapshot).splitlines()
    expected = "".join(MARKS[kind].emoji for kind in snapshot["grid"])
    assert lines[3] + lines[4] == expected
    outcomes = "   ".join(f"{MARKS[k].emoji} {MARKS[k].label}" for k in OUTCOMES)
    days = "   ".join(f"{MARKS[k].emoji} {MARKS[k].label}" for k in DAYS)
    assert outcomes in lines and days in lines


def test_txt_tally_uses_the_marks_symbols():
    stats = render_txt(every_kind()).splitlines()[1]
    assert "✦ 21 no / ? 5 why / ✓ 4 yes / … 2 pending" in stats
    for kind in OUTCOMES:
        assert MARKS[kind].symbol in stats


def test_plain_grid_legend_and_tally_are_the_marks_letters():
    snapshot = every_kind()
    text = render_txt(snapshot, plain=True)
    lines = text.splitlines()
    assert lines[3] + lines[4] == "".join(MARKS[kind].plain for kind in snapshot["grid"])
    for kind in LEGEND_ORDER:
        assert f"{MARKS[kind].plain} {MARKS[kind].label}" in text
    assert "N 21 no / W 5 why / Y 4 yes / P 2 pending" in lines[1]


def test_md_grid_legend_and_table_use_the_marks():
    snapshot = every_kind()
    md = render_md(snapshot)
    block = md.split("```text\n", 1)[1].split("```", 1)[0]
    assert block.replace("\n", "") == "".join(MARKS[kind].emoji for kind in snapshot["grid"])
    legend = " · ".join(f"{MARKS[k].emoji} {MARKS[k].label}" for k in LEGEND_ORDER)
    assert legend in md
    assert "| ✦ No | ? Why | ✓ Yes | … Pending |" in md


def test_svg_cells_wear_each_marks_fill_and_symbol_in_its_ink():
    snapshot = every_kind()
    root = ET.fromstring(render_svg(snapshot))
    cells = [
        rect
        for rect in root.iter(f"{SVG}rect")
        if rect.get("width") == rect.get("height") and float(rect.get("y", 0)) >= 96
    ][: len(snapshot["grid"])]
    assert [rect.get("fill") for rect in cells] == [MARKS[k].fill for k in snapshot["grid"]]
    symbols = [t for t in root.iter(f"{SVG}text") if t.get("class") == "mark"]
    grid_symbols = [(t.text, t.get("fill")) for t in symbols[: len(snapshot["grid"])]]
    assert grid_symbols == [(MARKS[k].symbol, MARKS[k].ink) for k in snapshot["grid"]]
    today = next(rect for rect in cells if rect.get("stroke"))
    assert today.get("fill") == MARKS["today"].fill
    assert today.get("stroke") == MARKS["today"].ink


def test_svg_legend_and_counts_name_the_marks_labels():
    root = ET.fromstring(render_svg(every_kind()))
    words = {t.text for t in root.iter(f"{SVG}text")}
    assert {MARKS[kind].label for kind in LEGEND_ORDER} <= words


def test_html_stats_carry_the_outcome_symbols():
    page = render_html(every_kind())
    for kind in OUTCOMES:
        assert f"<dt>{MARKS[kind].symbol} {MARKS[kind].label.capitalize()}</dt>" in page


@pytest.mark.parametrize("fmt", ["txt", "plain", "md", "svg", "html", "json"])
def test_no_format_draws_a_no_as_a_failure(fmt):
    snapshot = every_kind()
    text = render(snapshot, "txt", plain=True) if fmt == "plain" else render(snapshot, fmt)
    for look in FAILURE_LOOKS:
        assert look not in text, look


def test_json_names_each_day_by_a_mark_of_the_table():
    import json

    data = json.loads(render(every_kind(), "json"))
    assert set(data["grid"]) <= set(MARKS) and set(data["counts"]) == set(OUTCOMES)
