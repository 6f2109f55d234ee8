"""The card's boxes are laid out from the width of what they hold: big numbers shrink, never
overlap their neighbours or run over their tile. Read from the SVG's own geometry, with the
text widths share/measure.py estimates (test_html_in_browser.py checks the same in a real
browser)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from rejection_therapy.share.card import PAD, PANEL_X, WIDTH, render_svg
from rejection_therapy.share.measure import ASCENT, DESCENT, text_width
from tests.share.test_renderers import make_snapshot

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float
    text: str = ""

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, other: Box, margin: float = 0) -> bool:
        return (
            self.left >= other.left + margin
            and self.right <= other.right - margin
            and self.top >= other.top
            and self.bottom <= other.bottom
        )


def text_box(element: ET.Element) -> Box:
    content = "".join(element.itertext())
    size = float(element.get("font-size", "0"))
    width = text_width(
        content,
        size,
        bold=int(element.get("font-weight", "400")) >= 600,
        letter_spacing=float(element.get("letter-spacing", "0")),
    )
    x, y = float(element.get("x", "0")), float(element.get("y", "0"))
    left = {"end": x - width, "middle": x - width / 2}.get(element.get("text-anchor", ""), x)
    return Box(left, y - ASCENT * size, left + width, y + DESCENT * size, content)


def rect_box(element: ET.Element) -> Box:
    x, y = float(element.get("x", "0")), float(element.get("y", "0"))
    return Box(x, y, x + float(element.get("width", "0")), y + float(element.get("height", "0")))


def tiles(svg: str) -> list[tuple[Box, list[Box]]]:
    root = ET.fromstring(svg)
    return [
        (rect_box(group.find(f"{SVG}rect")), [text_box(t) for t in group.iter(f"{SVG}text")])
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "tile"
    ]


def words(svg: str) -> list[Box]:
    """Every text on the card but the symbols inside grid cells (each sits in its cell)."""
    return [
        text_box(element)
        for element in ET.fromstring(svg).iter(f"{SVG}text")
        if element.get("class") != "mark"
    ]


def big(level: int, xp: int, current: int, best: int, count: int = 21) -> dict:
    counts = {"no": count, "yes": count, "why": count, "pending": count}
    return make_snapshot(
        level={"level": level, "xp": xp},
        streak={"current": current, "best": best, "freezes": 2},
        counts=counts,
    )


FIGURES = {
    "reported: level 13 over 3987 XP": big(13, 3987, 12, 19),
    "reported: level 25 over 15397 XP": big(25, 15397, 12, 19),
    "3-digit streaks": big(6, 840, 123, 456),
    "4-digit level, 5-digit XP, 3-digit streaks": big(1234, 98765, 999, 999),
    "4-digit level and streaks, 8-digit XP": big(9999, 24_997_500, 3650, 3650),
    "5-digit counts": big(20, 10_000, 100, 100, count=12_345),
}


@pytest.mark.parametrize("name", FIGURES)
def test_tile_text_fits_inside_its_tile_and_tiles_stay_apart(name):
    svg = render_svg(FIGURES[name])
    found = tiles(svg)
    assert [len(texts) for _tile, texts in found] == [2, 2, 3]
    for tile, texts in found:
        for box in texts:
            assert box.inside(tile, margin=4), (name, box, tile)
        for one, other in itertools.combinations(texts, 2):
            assert not one.overlaps(other), (name, one, other)
    for (one, _), (other, _) in itertools.combinations(found, 2):
        assert not one.overlaps(other)
    assert found[0][0].left >= PANEL_X and found[-1][0].right <= WIDTH - PAD + 0.01


@pytest.mark.parametrize("name", FIGURES)
def test_no_two_words_on_the_card_overlap_or_leave_it(name):
    boxes = words(render_svg(FIGURES[name]))
    card = Box(PAD - 0.01, 0, WIDTH - PAD + 0.01, 400)
    for box in boxes:
        assert box.inside(card), (name, box)
    for one, other in itertools.combinations(boxes, 2):
        assert not one.overlaps(other), (name, one, other)


def test_numbers_keep_their_full_size_while_they_fit():
    """Only what does not fit shrinks: ordinary figures, and a finisher's, stay at 22 px."""
    for snapshot in (big(6, 840, 12, 19), big(20, 10_000, 100, 100)):
        numbers = [texts[0] for _tile, texts in tiles(render_svg(snapshot))]
        heights = [box.bottom - box.top for box in numbers]
        assert heights == pytest.approx([22 * (ASCENT + DESCENT)] * 3)
    shrunk = [texts[0] for _tile, texts in tiles(render_svg(big(1234, 98765, 999, 999)))]
    assert all(box.bottom - box.top < 22 * (ASCENT + DESCENT) for box in shrunk)


def test_the_level_tile_holds_the_xp_the_report_saw_drawn_over_the_level():
    (_, _), (_, _), (_level_tile, (level, _label, xp)) = tiles(render_svg(big(13, 3987, 12, 19)))
    assert (level.text, xp.text) == ("13", "3987 XP")
    assert not level.overlaps(xp) and xp.top > level.bottom - 1
