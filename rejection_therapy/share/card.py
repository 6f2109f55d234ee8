"""The progress card as a fixed-size SVG.

Safe to open anywhere: no scripts, links, images or external fonts, every piece of data
escaped, and the card draws its own background so it reads in light and dark viewers. Each
box is sized from the estimated width of what it holds (share/measure.py), so a 4-digit
level, 5-digit XP or 3-digit streak shrinks its numbers rather than running over its tile.
"""

from __future__ import annotations

from rejection_therapy.marks import MARKS, OUTCOMES
from rejection_therapy.share.measure import text_width
from rejection_therapy.share.text import (
    TITLE,
    clean,
    day_label,
    grid_rows,
    kinds_present,
    title_of,
)

TYPE_CHECKING = False  # typing costs a `share` answer milliseconds
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

WIDTH, HEIGHT = 600, 400
PAD = 28
GRID_TOP = 96
GRID_SIZE = 236
"""Width of ten cells; the grid never grows taller than this either."""
CELL, GAP = 20, 4
SYMBOL_MIN_CELL = 12
"""Cells smaller than this (runs of more than about 190 days) leave their symbol out."""
SWATCH = 14
PANEL_X = PAD + GRID_SIZE + 36
PANEL_WIDTH = WIDTH - PAD - PANEL_X

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
EMOJI_FONT = '"Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif'
INK, MUTED, FAINT = "#1F2430", "#5F6774", "#8A929C"
CARD, TILE, EDGE = "#FFFFFF", "#F3F4F7", "#DDE1E7"
MAX_BADGE_ICONS = 9
TILE_GAP, TILE_PAD, TILE_HEIGHT = 8, 8, 62
TILE_TOP = GRID_TOP + 82
NOTE_GAP = 6
TILE_SIZES = ((22, 11), (20, 11), (18, 11), (16, 11), (14, 11), (14, 10), (12, 9), (10, 8))
"""(number, label) font sizes, tried in turn until every tile's text fits its tile."""
COUNT_SIZES = ((20, 11), (18, 11), (16, 11), (14, 11), (14, 10), (12, 9), (10, 8))
COUNT_TOP = GRID_TOP + 166


def escape(text: str) -> str:
    """XML character data: &, < and > escaped (xml.sax.saxutils' own rule; importing it
    loads urllib and the email package, most of `share`'s start-up)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An XML attribute value in quotes, escaped as xml.sax.saxutils.quoteattr does."""
    data = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text(x: float, y: float, content: str, size: float, **attrs: object) -> str:
    """One line of escaped text; keyword names become attributes (`text_anchor` → text-anchor)."""
    style: dict[str, object] = {"fill": INK, "font_weight": 400} | attrs
    extra = "".join(  # `class_`: a trailing underscore keeps a Python keyword out of the way
        f" {k.rstrip('_').replace('_', '-')}={quoteattr(str(v))}" for k, v in style.items()
    )
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}"{extra}>'
        f"{escape(content)}</text>"
    )


def _caption(x: float, y: float, content: str) -> str:
    """A small upper-case label above a number or a row."""
    return _text(x, y, content.upper(), 10, fill=MUTED, font_weight=600, letter_spacing=1.2)


def _rect(x: float, y: float, width: float, height: float, radius: float, fill: str) -> str:
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}"'
        f' rx="{_num(radius)}" fill="{fill}"/>'
    )


def _cell(x: float, y: float, size: float, kind: str) -> str:
    """One square in its mark's colour with its symbol in the mark's ink, so the grid reads
    without colour too; today is an outline, so the open day stands out from every filled one."""
    mark = MARKS[kind]
    inset = 1 if kind == "today" else 0
    outline = f' stroke="{mark.ink}" stroke-width="2"' if inset else ""
    square = (
        f'<rect x="{_num(x + inset)}" y="{_num(y + inset)}" width="{_num(size - 2 * inset)}"'
        f' height="{_num(size - 2 * inset)}" rx="{_num(max(2.0, size / 5))}"'
        f' fill="{mark.fill}"{outline}/>'
    )
    if size < SYMBOL_MIN_CELL:
        return square
    glyph = size * 0.62
    return square + _text(
        x + size / 2,
        y + size / 2 + glyph * 0.36,
        mark.symbol,
        glyph,
        fill=mark.ink,
        text_anchor="middle",
        class_="mark",
    )


def _grid(snapshot: dict[str, Any]) -> list[str]:
    """Ten cells a row; cells shrink for runs longer than a hundred days so the card keeps its size."""
    rows = grid_rows(snapshot["grid"])
    pitch = min(CELL + GAP, (GRID_SIZE + GAP) / max(len(rows), 1))
    size = pitch * CELL / (CELL + GAP)
    return [
        _cell(PAD + column * pitch, GRID_TOP + row_index * pitch, size, mark)
        for row_index, row in enumerate(rows)
        for column, mark in enumerate(row)
    ]


def _legend(snapshot: dict[str, Any]) -> list[str]:
    """Swatches for the kinds on the grid, in a line under it that wraps when it must."""
    parts, x, y = [], float(PAD), GRID_TOP + GRID_SIZE + 34
    for kind in kinds_present(snapshot["grid"]):
        label = MARKS[kind].label
        width = SWATCH + 5 + text_width(label, 11) + 14
        if x + width > WIDTH - PAD:
            x, y = float(PAD), y + 20
        parts.append(_cell(x, y - 11, SWATCH, kind))
        parts.append(_text(x + SWATCH + 5, y, label, 11, fill=MUTED))
        x += width
    return parts


_RIGHT: dict[str, object] = {"fill": MUTED, "text_anchor": "end"}


def _header(snapshot: dict[str, Any]) -> list[str]:
    run = snapshot["run"]
    return [
        _text(PAD, 50, TITLE, 22, font_weight=700),
        _text(PAD, 72, f"{run['length']} days of asking for a no", 13, fill=MUTED),
        _text(WIDTH - PAD, 50, f"Run {run['number']}", 13, font_weight=600, **_RIGHT),
        _text(WIDTH - PAD, 72, clean(snapshot["date"]), 13, **_RIGHT),
    ]


def _progress(snapshot: dict[str, Any]) -> list[str]:
    """The day in large type over a bar that fills as the run goes on."""
    run = snapshot["run"]
    x, top = PANEL_X, GRID_TOP + 8
    caption = "run complete ✓" if run["complete"] else "day" if run["day"] > 0 else "starts"
    parts = [_caption(x, top, caption)]
    if run["day"] > 0:
        day = str(run["day"])
        parts.append(_text(x, top + 40, day, 40, font_weight=700))
        of = f"/ {run['length']}"
        parts.append(_text(x + text_width(day, 40, bold=True) + 6, top + 40, of, 18, fill=FAINT))
    else:
        parts.append(_text(x, top + 36, clean(run["start"]), 26, font_weight=700))
    share = min(max(run["day"] / max(run["length"], 1), 0.0), 1.0)
    bar_y = top + 54
    parts.append(_rect(x, bar_y, PANEL_WIDTH, 8, 4, TILE))
    if share > 0:
        parts.append(_rect(x, bar_y, max(8, PANEL_WIDTH * share), 8, 4, INK))
    return parts


def fit_row(
    needs_at: Callable[[int, int], Sequence[float]],
    sizes: Sequence[tuple[int, int]],
    gap: float,
) -> tuple[tuple[int, int], list[float]]:
    """The largest (number, label) sizes at which boxes of the widths `needs_at` gives fit
    side by side in the panel, and each box's width (the room left shared out evenly)."""
    for size in sizes:
        needs = needs_at(*size)
        room = PANEL_WIDTH - sum(needs) - gap * (len(needs) - 1)
        if room >= 0:
            return size, [need + room / len(needs) for need in needs]
    # past any figure a person can reach: the smallest type, boxes in proportion to need
    scale = (PANEL_WIDTH - gap * (len(needs) - 1)) / sum(needs)
    return size, [need * scale for need in needs]


def _tiles(snapshot: dict[str, Any]) -> list[str]:
    """Current streak, best streak and level: a number over its name, the XP beside the name."""
    streak, level = snapshot["streak"], snapshot["level"]
    tiles = [
        (str(streak["current"]), "🔥 streak", ""),
        (str(streak["best"]), "best streak", ""),
        (str(level["level"]), "level", f"{level['xp']} XP"),
    ]

    def needs_at(number: int, small: int) -> list[float]:
        return [
            2 * TILE_PAD
            + max(
                text_width(value, number, bold=True),
                text_width(label, small) + (NOTE_GAP + text_width(note, small) if note else 0),
            )
            for value, label, note in tiles
        ]

    (number, small), widths = fit_row(needs_at, TILE_SIZES, TILE_GAP)
    parts, x = [], float(PANEL_X)
    for (value, label, note), width in zip(tiles, widths, strict=True):
        parts.append(f'<g class="tile">{_rect(x, TILE_TOP, width, TILE_HEIGHT, 10, TILE)}')
        parts.append(_text(x + TILE_PAD, TILE_TOP + 30, value, number, font_weight=700))
        parts.append(_text(x + TILE_PAD, TILE_TOP + 49, label, small, fill=MUTED))
        if note:
            end = x + width - TILE_PAD
            parts.append(_text(end, TILE_TOP + 49, note, small, fill=MUTED, text_anchor="end"))
        parts.append("</g>")
        x += width + TILE_GAP
    return parts


def _counts(snapshot: dict[str, Any]) -> list[str]:
    """How many of each outcome (pending only when there are any), one column each."""
    counts = snapshot["counts"]
    kinds = [kind for kind in OUTCOMES if kind != "pending" or counts.get("pending")]
    values = [str(counts.get(kind, 0)) for kind in kinds]

    def needs_at(number: int, small: int) -> list[float]:
        return [
            max(SWATCH + 5 + text_width(MARKS[kind].label, small), text_width(value, number, True))
            for kind, value in zip(kinds, values, strict=True)
        ]

    (number, small), widths = fit_row(needs_at, COUNT_SIZES, 12)
    parts, x = [], float(PANEL_X)
    for kind, value, width in zip(kinds, values, widths, strict=True):
        parts.append(_cell(x, COUNT_TOP - 11, SWATCH, kind))
        parts.append(_text(x + SWATCH + 5, COUNT_TOP, MARKS[kind].label, small, fill=MUTED))
        parts.append(_text(x, COUNT_TOP + 26, value, number, font_weight=700))
        x += width + 12
    return parts


def _badges(snapshot: dict[str, Any]) -> list[str]:
    """Earned badge icons in a row; a count stands in for those that do not fit."""
    badges = snapshot.get("badges", [])
    top = GRID_TOP + 212
    parts = [_caption(PANEL_X, top, f"badges · {len(badges)}")]
    if not badges:
        parts.append(_text(PANEL_X, top + 26, "Earned with the first ask.", 12, fill=FAINT))
        return parts
    shown = badges if len(badges) <= MAX_BADGE_ICONS else badges[: MAX_BADGE_ICONS - 1]
    for index, badge in enumerate(shown):
        label = f"{clean(badge['name'])}, earned {clean(badge['earned_on'])}"
        x = PANEL_X + index * 30
        parts.append(
            f"<g><title>{escape(label)}</title>"
            + _text(x, top + 30, clean(badge["icon"]), 22, font_family=EMOJI_FONT)
            + "</g>"
        )
    if len(shown) < len(badges):
        more = f"+{len(badges) - len(shown)}"
        parts.append(_text(PANEL_X + len(shown) * 30 + 2, top + 26, more, 13, fill=MUTED))
    return parts


def _summary(snapshot: dict[str, Any]) -> str:
    """The card in one sentence, for screen readers."""
    counts, streak = snapshot["counts"], snapshot["streak"]
    tally = ", ".join(f"{counts.get(kind, 0)} {kind}" for kind in OUTCOMES[:3])
    return (
        f"{title_of(snapshot, ', ')}: {day_label(snapshot)}, current streak {streak['current']},"
        f" best {streak['best']}, {tally}, level {snapshot['level']['level']}"
    )


def render_svg(snapshot: dict[str, Any]) -> str:
    """The progress card: title, grid with legend, day, streaks, level, counts and badges."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" font-family={quoteattr(FONT)} role="img">',
        f"<title>{escape(_summary(snapshot))}</title>",
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{HEIGHT - 1}" rx="20" fill="{CARD}"'
        f' stroke="{EDGE}"/>',
        *_header(snapshot),
        *_grid(snapshot),
        *_legend(snapshot),
        *_progress(snapshot),
        *_tiles(snapshot),
        *_counts(snapshot),
        *_badges(snapshot),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
