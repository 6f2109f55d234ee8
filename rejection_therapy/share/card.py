"""The progress card as a fixed-size SVG, and a self-contained HTML page around it.

Both are safe to open anywhere: no scripts, links, images or external fonts, every piece of
data escaped, and the card draws its own background so it reads in light and dark viewers.
"""

from __future__ import annotations

import html

from rejection_therapy.share.text import (
    MARK_LABELS,
    TITLE,
    clean,
    day_label,
    grid_rows,
    include_notice,
    kinds_present,
    title_of,
)

TYPE_CHECKING = False  # typing costs a `share` answer milliseconds
if TYPE_CHECKING:
    from typing import Any

WIDTH, HEIGHT = 600, 400
PAD = 28
GRID_TOP = 96
GRID_SIZE = 236
"""Width of ten cells; the grid never grows taller than this either."""
CELL, GAP = 20, 4
PANEL_X = PAD + GRID_SIZE + 36
PANEL_WIDTH = WIDTH - PAD - PANEL_X

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
EMOJI_FONT = '"Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif'
INK, MUTED, FAINT = "#1F2430", "#5F6774", "#8A929C"
CARD, TILE, EDGE = "#FFFFFF", "#F3F4F7", "#DDE1E7"

# Okabe–Ito colours for what happened, greys for days without an ask.
MARK_FILLS = {
    "no": "#D55E00",
    "yes": "#009E73",
    "why": "#CC79A7",
    "pending": "#F0E442",
    "today": CARD,
    "frozen": "#56B4E9",
    "rest": "#0072B2",
    "missed": "#8A929C",
    "future": "#E9ECF0",
}
TODAY_STROKE = "#E69F00"
MAX_BADGE_ICONS = 9
TILE_GAP = 10


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


def _text(x: float, y: float, content: str, size: int, **attrs: object) -> str:
    """One line of escaped text; keyword names become attributes (`text_anchor` → text-anchor)."""
    style: dict[str, object] = {"fill": INK, "font_weight": 400} | attrs
    extra = "".join(f" {k.replace('_', '-')}={quoteattr(str(v))}" for k, v in style.items())
    return f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}"{extra}>{escape(content)}</text>'


def _caption(x: float, y: float, content: str) -> str:
    """A small upper-case label above a number or a row."""
    return _text(x, y, content.upper(), 10, fill=MUTED, font_weight=600, letter_spacing=1.2)


def _rect(x: float, y: float, width: float, height: float, radius: float, fill: str) -> str:
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}"'
        f' rx="{_num(radius)}" fill="{fill}"/>'
    )


def _cell(x: float, y: float, size: float, mark: str) -> str:
    """One square; today is an outline, so the open day stands out from every filled one."""
    inset = 1 if mark == "today" else 0
    outline = f' stroke="{TODAY_STROKE}" stroke-width="2"' if inset else ""
    return (
        f'<rect x="{_num(x + inset)}" y="{_num(y + inset)}" width="{_num(size - 2 * inset)}"'
        f' height="{_num(size - 2 * inset)}" rx="{_num(max(2.0, size / 5))}"'
        f' fill="{MARK_FILLS[mark]}"{outline}/>'
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
    for mark in kinds_present(snapshot["grid"]):
        label = MARK_LABELS[mark]
        width = 10 + 6 + len(label) * 6.4 + 16
        if x + width > WIDTH - PAD:
            x, y = float(PAD), y + 18
        parts.append(_cell(x, y - 9, 10, mark))
        parts.append(_text(x + 16, y, label, 11, fill=MUTED))
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
    caption = "run complete" if run["complete"] else "day" if run["day"] > 0 else "starts"
    parts = [_caption(x, top, caption)]
    if run["day"] > 0:
        parts.append(
            f'<text x="{x}" y="{top + 40}" font-size="40" font-weight="700" fill="{INK}">'
            f"{run['day']}"
            f'<tspan font-size="18" font-weight="500" fill="{FAINT}"> / {run["length"]}</tspan>'
            "</text>"
        )
    else:
        parts.append(_text(x, top + 36, clean(run["start"]), 26, font_weight=700))
    share = min(max(run["day"] / max(run["length"], 1), 0.0), 1.0)
    bar_y = top + 54
    parts.append(_rect(x, bar_y, PANEL_WIDTH, 8, 4, TILE))
    if share > 0:
        parts.append(_rect(x, bar_y, max(8, PANEL_WIDTH * share), 8, 4, INK))
    return parts


def _tiles(snapshot: dict[str, Any]) -> list[str]:
    """Current streak, best streak and level, each a number over its name."""
    streak, level = snapshot["streak"], snapshot["level"]
    tiles = [
        (f"🔥 {streak['current']}", "streak", ""),
        (str(streak["best"]), "best streak", ""),
        (str(level["level"]), "level", f"{level['xp']} XP"),
    ]
    gap, top = TILE_GAP, GRID_TOP + 82
    width = (PANEL_WIDTH - 2 * gap) / len(tiles)
    parts = []
    for index, (value, label, note) in enumerate(tiles):
        x = PANEL_X + index * (width + gap)
        parts.append(_rect(x, top, width, 62, 10, TILE))
        parts.append(_text(x + 12, top + 30, value, 22, font_weight=700))
        parts.append(_text(x + 12, top + 49, label, 11, fill=MUTED))
        if note:
            parts.append(_text(x + width - 10, top + 29, note, 11, fill=MUTED, text_anchor="end"))
    return parts


def _counts(snapshot: dict[str, Any]) -> list[str]:
    """How many nos, yeses and whys (and pending asks, when there are any), one column each."""
    counts = snapshot["counts"]
    kinds = ["no", "yes", "why"] + (["pending"] if counts.get("pending") else [])
    top = GRID_TOP + 166
    step = (PANEL_WIDTH + TILE_GAP) / len(kinds)
    parts = []
    for index, kind in enumerate(kinds):
        x = PANEL_X + index * step
        parts.append(_cell(x, top - 9, 10, kind))
        parts.append(_text(x + 15, top, MARK_LABELS[kind], 11, fill=MUTED))
        parts.append(_text(x, top + 24, str(counts.get(kind, 0)), 20, font_weight=700))
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
    return (
        f"{title_of(snapshot, ', ')}: {day_label(snapshot)}, current streak {streak['current']},"
        f" best {streak['best']}, {counts['no']} no, {counts['yes']} yes, {counts['why']} why,"
        f" level {snapshot['level']['level']}"
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


# --- html --------------------------------------------------------------------------------

_STYLE = """
:root { color-scheme: light dark; --page: #F4F5F7; --ink: #1F2430; --muted: #5F6774;
  --line: #DDE1E7; --panel: #FFFFFF; }
@media (prefers-color-scheme: dark) {
  :root { --page: #0F1216; --ink: #E8EAED; --muted: #A0A7B1; --line: #2B313A; --panel: #171B21; }
}
body { margin: 0; background: var(--page); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 640px; margin: 0 auto; padding: 32px 20px 48px; }
.card svg { display: block; width: 100%; height: auto; }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
section { margin-top: 28px; } h2 { font-size: 1rem; margin: 0 0 10px; }
.stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 0; }
.stats div { background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
  padding: 10px 12px; }
.stats dt { color: var(--muted); font-size: 0.8rem; }
.stats dd { margin: 0; font-size: 1.25rem; font-weight: 700; }
table { width: 100%; border-collapse: collapse; background: var(--panel);
  border: 1px solid var(--line); font-size: 0.9rem; }
th, td { text-align: left; padding: 8px 10px; border-top: 1px solid var(--line);
  vertical-align: top; } td { overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 500; } th, td:nth-child(-n+3) { white-space: nowrap; }
ul { padding-left: 0; list-style: none; margin: 0; } li { padding: 3px 0; }
.muted, .notice { color: var(--muted); } .notice { font-style: italic; }
.xp { font-size: 0.8rem; font-weight: 500; }
"""


def _h(value: object) -> str:
    """Data as HTML text: control characters dropped, markup escaped."""
    return html.escape(clean(value))


def _stats_list(snapshot: dict[str, Any]) -> str:
    streak, counts, level = snapshot["streak"], snapshot["counts"], snapshot["level"]
    stats = [
        ("Day", _h(day_label(snapshot).removeprefix("Day "))),
        ("Current streak", _h(streak["current"])),
        ("Best streak", _h(streak["best"])),
        ("Freezes", _h(streak.get("freezes", 0))),
        *((name.capitalize(), _h(counts[name])) for name in ("no", "yes", "why")),
        *([("Pending", _h(counts["pending"]))] if counts.get("pending") else []),
        ("Level", f'{_h(level["level"])} <span class="muted xp">{_h(level["xp"])} XP</span>'),
    ]
    items = "".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in stats)
    return f'<section><h2>Stats</h2><dl class="stats">{items}</dl></section>'


def _badge_list(snapshot: dict[str, Any]) -> str:
    items = "".join(
        f"<li>{_h(badge['icon'])} <strong>{_h(badge['name'])}</strong>"
        f' <span class="muted">· {_h(badge["earned_on"])}</span></li>'
        for badge in snapshot.get("badges", [])
    )
    body = f"<ul>{items}</ul>" if items else '<p class="muted">None yet.</p>'
    return f"<section><h2>Badges</h2>{body}</section>"


def _entries_table(snapshot: dict[str, Any], notice: str) -> str:
    includes = snapshot.get("includes", {})
    keys = ["day", "date", "outcome"]
    keys += [key for flag, key in (("asks", "ask"), ("notes", "note")) if includes.get(flag)]
    head = "".join(f"<th>{key.capitalize()}</th>" for key in keys)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_h(entry.get(key, ''))}</td>" for key in keys) + "</tr>"
        for entry in snapshot.get("entries", [])
    )
    table = (
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else '<p class="muted">No asks logged in this run yet.</p>'
    )
    return f'<section><h2>Asks and notes</h2><p class="notice">{_h(notice)}</p>{table}</section>'


def render_html(snapshot: dict[str, Any]) -> str:
    """One page with the card and the stats; nothing it shows is fetched from anywhere."""
    notice = include_notice(snapshot)
    private = "Private by default: no ask texts or notes are included."
    sections = [
        _stats_list(snapshot),
        _badge_list(snapshot),
        _entries_table(snapshot, notice) if notice else f'<p class="notice">{private}</p>',
    ]
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title_of(snapshot))}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<h1 class="hidden">{html.escape(title_of(snapshot))}</h1>\n'
        f'<div class="card">\n{render_svg(snapshot)}</div>\n'
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    )
