"""Snapshot renderers: the chat grid lines up, the card is safe to open, and nothing leaks."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import EarnedBadge, Entry, Outcome, Run
from rejection_therapy.marks import MARKS
from rejection_therapy.share.card import HEIGHT, WIDTH, render_svg
from rejection_therapy.share.page import render_html
from rejection_therapy.share.snapshot import build_snapshot
from rejection_therapy.share.text import render_md, render_txt

SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'
SECRET_ASK = "Ask Ada Lovelace-Zebra for a raise"
SECRET_NOTE = "secret-note-7f3a: she laughed"
HOSTILE = "<script>alert(1)</script> [bold]x[/] \x1b[31mred\x1b[0m & more"
START = date(2026, 3, 1)
EMOJI_CELLS = {kind: mark.emoji for kind, mark in MARKS.items()}
PLAIN_CELLS = {kind: mark.plain for kind, mark in MARKS.items()}


def make_snapshot(
    length: int = 100, day: int = 37, *, grid: list[str] | None = None, **changes: Any
) -> dict[str, Any]:
    """A snapshot as `build_snapshot` returns it, with every mark kind on the grid."""
    if grid is None:
        done = ["no", "no", "yes", "why", "pending", "frozen", "rest", "missed", "no"]
        past = (done * length)[: max(day - 1, 0)]
        grid = (past + ["today"] + ["future"] * length)[:length]
    snapshot: dict[str, Any] = {
        "snapshot_version": 1,
        "date": "2026-04-06",
        "run": {
            "number": 2,
            "start": "2026-03-01",
            "length": length,
            "day": day,
            "complete": False,
        },
        "streak": {"current": 12, "best": 19, "freezes": 1},
        "counts": {"no": 21, "yes": 4, "why": 5, "pending": 2},
        "level": {"level": 6, "xp": 840},
        "grid": grid,
        "badges": [
            {"id": "first-ask", "name": "Opening move", "icon": "🚪", "earned_on": "2026-03-01"},
            {"id": "streak-7", "name": "One week in", "icon": "📅", "earned_on": "2026-03-07"},
        ],
        "includes": {"asks": False, "notes": False},
    }
    snapshot.update(changes)
    return snapshot


def grid_lines(text: str, cells: dict[str, str]) -> list[str]:
    symbols = set(cells.values())
    return [line for line in text.splitlines() if line and set(line) <= symbols]


def without_namespace(text: str) -> str:
    return text.replace(SVG_NAMESPACE, "")


# --- txt ---------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [100, 30, 37, 7, 1, 120])
def test_txt_grid_has_rows_of_ten_cells_and_nothing_else(length):
    snapshot = make_snapshot(length=length, day=min(length, 15))
    lines = grid_lines(render_txt(snapshot), EMOJI_CELLS)
    assert len(lines) == math.ceil(length / 10)
    assert [len(line) for line in lines[:-1]] == [10] * (len(lines) - 1)
    assert len(lines[-1]) == length - 10 * (len(lines) - 1)
    assert "".join(lines) == "".join(EMOJI_CELLS[mark] for mark in snapshot["grid"])


def test_txt_has_title_stats_and_a_legend_for_every_kind_shown():
    text = render_txt(make_snapshot())
    title, stats = text.splitlines()[:2]
    assert "run 2" in title and "2026-04-06" in title
    for part in ("Day 37/100", "🔥 12", "best 19", "21 no", "4 yes", "5 why", "2 pending"):
        assert part in stats
    assert "level 6" in stats
    for mark in ("no", "yes", "why", "pending", "today", "frozen", "rest", "missed"):
        assert f"{EMOJI_CELLS[mark]} {mark}" in text
    assert f"{EMOJI_CELLS['future']} to come" in text
    assert "Badges: 🚪 📅" in text


def test_txt_never_holds_a_variation_selector():
    badges = [{"id": "cold", "name": "Cold", "icon": "❄\ufe0f", "earned_on": "2026-03-02"}]
    text = render_txt(make_snapshot(badges=badges))
    assert "\ufe0f" not in text
    assert all(len(cell) == 1 for cell in EMOJI_CELLS.values())


def test_txt_plain_is_ascii_with_its_own_legend():
    snapshot = make_snapshot()
    snapshot["badges"][0]["name"] = "Opening mové ✨"
    text = render_txt(snapshot, plain=True)
    assert text.isascii()
    lines = grid_lines(text, PLAIN_CELLS)
    assert len(lines) == 10 and all(len(line) == 10 for line in lines)
    assert "N no" in text and ". to come" in text and "Day 37/100" in text
    assert "Opening move" in text


def test_unknown_marks_from_a_newer_snapshot_read_as_days_to_come():
    text = render_txt(make_snapshot(length=10, day=1, grid=["no", "sabbatical"] + ["future"] * 8))
    assert grid_lines(text, EMOJI_CELLS) == [MARKS["no"].emoji + MARKS["future"].emoji * 9]


def test_run_that_has_not_started_says_when_it_starts():
    snapshot = make_snapshot(day=0, grid=["future"] * 100)
    assert "Starts 2026-03-01" in render_txt(snapshot)
    assert "2026-03-01" in render_svg(snapshot)


# --- md ----------------------------------------------------------------------------------


def test_md_has_stats_table_grid_block_and_badges():
    snapshot = make_snapshot()
    md = render_md(snapshot)
    assert md.startswith("# Rejection therapy · run 2\n")
    assert "| Day | Streak | Best streak | ✦ No | ? Why | ✓ Yes | … Pending | Level |" in md
    assert "| 37/100 | 🔥 12 | 19 | 21 | 5 | 4 | 2 | 6 (840 XP) |" in md
    block = md.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    assert block == grid_lines(render_txt(snapshot), EMOJI_CELLS)
    assert "- 🚪 **Opening move** · earned 2026-03-01" in md
    assert "shared by choice" not in md


def test_md_escapes_markup_in_data():
    snapshot = make_snapshot(includes={"asks": True, "notes": False})
    snapshot["entries"] = [{"date": "2026-03-01", "day": 1, "outcome": "no", "ask": "a | b *c*"}]
    md = render_md(snapshot)
    assert "a \\| b \\*c\\*" in md


# --- svg and html ------------------------------------------------------------------------


def test_svg_parses_with_a_fixed_size_and_no_external_references():
    for snapshot in (make_snapshot(), make_snapshot(length=365, day=200), make_snapshot(length=3)):
        svg = render_svg(snapshot)
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert (root.get("width"), root.get("height")) == (str(WIDTH), str(HEIGHT))
        assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
        assert "http" not in without_namespace(svg)
        for forbidden in ("<script", "<image", "url(", "href", "@import", "<a "):
            assert forbidden not in svg


def test_svg_draws_one_cell_per_day():
    svg = render_svg(
        make_snapshot(length=30, day=10, grid=["no"] * 9 + ["today"] + ["future"] * 20)
    )
    root = ET.fromstring(svg)
    fills = [rect.get("fill") for rect in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert fills.count(MARKS["no"].fill) == 9 + 2  # the grid, plus the legend and the counts swatch


def test_html_is_one_page_without_scripts_or_external_references():
    page = render_html(make_snapshot())
    assert page.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>Rejection therapy · run 2 · 2026-04-06</title>" in page
    assert "<style>" in page and "<svg" in page
    lowered = page.lower()
    for forbidden in ("<script", "src=", "href=", "url(", "@import", "<link", "<iframe"):
        assert forbidden not in lowered
    assert "http" not in without_namespace(page)
    assert "Private by default" in page


def test_markup_from_data_is_escaped_in_svg_and_html():
    snapshot = make_snapshot(includes={"asks": True, "notes": True})
    snapshot["badges"][0]["name"] = HOSTILE
    snapshot["entries"] = [
        {"date": "2026-03-01", "day": 1, "outcome": "no", "ask": HOSTILE, "note": HOSTILE}
    ]
    svg, page = render_svg(snapshot), render_html(snapshot)
    ET.fromstring(svg)
    for output in (svg, page):
        assert "<script>" not in output
        assert "\x1b" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[bold]x[/]" in page


def test_control_characters_are_stripped_from_txt_and_md():
    snapshot = make_snapshot(includes={"asks": True, "notes": True})
    snapshot["entries"] = [
        {"date": "2026-03-01", "day": 1, "outcome": "no", "ask": HOSTILE, "note": "a\x07b\nc"}
    ]
    for output in (render_txt(snapshot), render_txt(snapshot, plain=True), render_md(snapshot)):
        assert "\x1b" not in output and "\x07" not in output
        assert "red" in output
    assert "<script>" not in render_md(snapshot)


# --- privacy, through the real snapshot builder ------------------------------------------


def _history(include_asks: bool = False, include_notes: bool = False) -> dict[str, Any]:
    """A 10-day run on day 5 with a secret ask and note, built from real models."""
    run = Run(
        id="run-1",
        number=1,
        start=START,
        length=10,
        created_at=datetime.combine(START, time(8), tzinfo=UTC),
    )
    entries = [
        Entry(
            id=f"e{k}",
            run_id="run-1",
            date=START + timedelta(days=k - 1),
            outcome=Outcome(outcome),
            ask_text=SECRET_ASK if k == 2 else "Ask for a discount",
            note=SECRET_NOTE if k == 3 else "",
            created_at=datetime.combine(START + timedelta(days=k - 1), time(12), tzinfo=UTC),
            updated_at=datetime.combine(START + timedelta(days=k - 1), time(12), tzinfo=UTC),
        )
        for k, outcome in ((1, "no"), (2, "yes"), (3, "why"))
    ]
    ledger = Ledger(START + timedelta(days=4), [run], entries)
    badges = [
        EarnedBadge(
            badge_id="first-no",
            earned_at=datetime.combine(START, time(12), tzinfo=UTC),
            date=START,
        )
    ]
    return build_snapshot(ledger, badges, include_asks=include_asks, include_notes=include_notes)


def _every_format(snapshot: dict[str, Any]) -> dict[str, str]:
    return {
        "txt": render_txt(snapshot),
        "plain": render_txt(snapshot, plain=True),
        "md": render_md(snapshot),
        "svg": render_svg(snapshot),
        "html": render_html(snapshot),
    }


def test_built_snapshot_renders_its_grid():
    snapshot = _history()
    text = render_txt(snapshot)
    assert grid_lines(text, EMOJI_CELLS) == ["🟧🟩🟪⬛🔳⬜⬜⬜⬜⬜"]
    assert "Day 5/10" in text
    assert "🙅" in text


def test_no_format_shows_ask_texts_or_notes_by_default():
    for name, output in _every_format(_history()).items():
        assert SECRET_ASK not in output, name
        assert "secret-note-7f3a" not in output, name
        assert "shared by choice" not in output, name


def test_include_flags_bring_asks_and_notes_in_and_say_so():
    for name, output in _every_format(_history(include_asks=True, include_notes=True)).items():
        if name == "svg":
            assert SECRET_ASK not in output and "secret-note-7f3a" not in output
            continue
        assert SECRET_ASK in output, name
        assert SECRET_NOTE in output, name
        assert "Includes ask texts and notes, shared by choice." in output, name


def test_only_asks_when_only_asks_are_asked_for():
    for name, output in _every_format(_history(include_asks=True)).items():
        assert "secret-note-7f3a" not in output, name
        if name != "svg":
            assert SECRET_ASK in output and "Includes ask texts, shared by choice." in output
