"""Text snapshots: an emoji grid to paste into a chat (or plain ASCII), and the same as Markdown.

Both render the dict from `build_snapshot`. Text that comes from data is cleaned of control
characters; Markdown also escapes it so an ask can never turn into markup or HTML.
"""

from __future__ import annotations

import unicodedata

from rejection_therapy.core.text import printable
from rejection_therapy.marks import DAYS, LEGEND_ORDER, MARKS, OUTCOMES

TYPE_CHECKING = False  # typing costs a `share` answer milliseconds
if TYPE_CHECKING:
    from typing import Any

ROW = 10
"""Cells per grid line: a 100-day run is a 10×10 square."""

TITLE = "Rejection therapy"
VARIATION_SELECTOR = "\ufe0f"


def clean(text: object) -> str:
    """One line of data made safe to show: no escape sequences or control characters."""
    return printable(str(text)).strip()


def ascii_only(text: str) -> str:
    """Accents dropped and anything else outside ASCII replaced, for the `--plain` variant."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.encode("ascii", "replace").decode("ascii")


def mark_of(mark: object) -> str:
    """A grid mark this module knows; an unknown one (from a newer snapshot) reads as to come."""
    return mark if isinstance(mark, str) and mark in MARKS else "future"


def grid_rows(grid: list[str]) -> list[list[str]]:
    """The run's marks in rows of ten; the last row is shorter when the run is."""
    marks = [mark_of(mark) for mark in grid]
    return [marks[start : start + ROW] for start in range(0, len(marks), ROW)]


def kinds_present(grid: list[str]) -> list[str]:
    """The mark kinds the grid shows, in legend order, so the legend explains only what is there."""
    present = {mark_of(mark) for mark in grid}
    return [mark for mark in LEGEND_ORDER if mark in present]


def day_label(snapshot: dict[str, Any]) -> str:
    """Where the run stands: "Day 12/100", "Day 100/100 complete", or when it starts."""
    run = snapshot["run"]
    if run["day"] <= 0:
        return f"Starts {clean(run['start'])}"
    label = f"Day {run['day']}/{run['length']}"
    return f"{label} complete" if run["complete"] else label


def title_of(snapshot: dict[str, Any], separator: str = " · ") -> str:
    return separator.join([TITLE, f"run {snapshot['run']['number']}", clean(snapshot["date"])])


def include_notice(snapshot: dict[str, Any]) -> str | None:
    """The sentence that says ask texts or notes are in this snapshot, or None when private."""
    includes = snapshot.get("includes", {})
    parts = [
        name
        for name, flag in (("ask texts", includes.get("asks")), ("notes", includes.get("notes")))
        if flag
    ]
    if not parts:
        return None
    return f"Includes {' and '.join(parts)}, shared by choice."


# --- txt ---------------------------------------------------------------------------------


def tallied(counts: dict[str, int]) -> list[str]:
    """The outcomes a tally names: pending only when there are any."""
    return [kind for kind in OUTCOMES if kind != "pending" or counts.get("pending")]


def _stats_line(snapshot: dict[str, Any], plain: bool) -> str:
    streak, counts = snapshot["streak"], snapshot["counts"]
    level = snapshot["level"]["level"]
    tally = " / ".join(
        f"{MARKS[kind].plain if plain else MARKS[kind].symbol} {counts.get(kind, 0)} {kind}"
        for kind in tallied(counts)
    )
    if plain:
        parts = [f"streak {streak['current']}", f"best {streak['best']}", tally]
        return " | ".join([day_label(snapshot), *parts, f"level {level}"])
    parts = [f"🔥 {streak['current']}", f"best {streak['best']}", tally]
    return " · ".join([day_label(snapshot), *parts, f"level {level}"])


def cell(kind: str, plain: bool = False) -> str:
    """A grid cell: the mark's emoji square, or its ASCII letter in the plain variant."""
    return MARKS[kind].plain if plain else MARKS[kind].emoji


def _legend_lines(grid: list[str], plain: bool) -> list[str]:
    """Outcomes on one line, kinds of day on the next; only the kinds the grid shows."""
    present = kinds_present(grid)
    lines = []
    for group in (OUTCOMES, DAYS):
        items = [f"{cell(mark, plain)} {MARKS[mark].label}" for mark in group if mark in present]
        if items:
            lines.append("   ".join(items))
    return lines


def _badges_line(snapshot: dict[str, Any], plain: bool) -> str | None:
    badges = snapshot.get("badges", [])
    if not badges:
        return None
    if plain:
        return "Badges: " + ", ".join(clean(badge["name"]) for badge in badges)
    return "Badges: " + " ".join(clean(badge["icon"]) for badge in badges)


def _entry_lines(snapshot: dict[str, Any], separator: str) -> list[str]:
    lines = []
    for entry in snapshot.get("entries", []):
        parts = [f"Day {entry['day']}", clean(entry["date"]), clean(entry["outcome"])]
        if entry.get("ask"):
            parts.append(clean(entry["ask"]))
        if entry.get("note"):
            parts.append(f"note: {clean(entry['note'])}")
        lines.append(separator.join(parts))
    return lines or ["No asks logged in this run yet."]


def render_txt(snapshot: dict[str, Any], plain: bool = False) -> str:
    """The chat card: title, stats, the grid in rows of ten, legend; `plain` is ASCII only."""
    separator = " | " if plain else " · "
    grid = snapshot["grid"]
    lines = [title_of(snapshot, separator), _stats_line(snapshot, plain), ""]
    lines += ["".join(cell(mark, plain) for mark in row) for row in grid_rows(grid)]
    lines += ["", *_legend_lines(grid, plain)]
    badges = _badges_line(snapshot, plain)
    if badges:
        lines.append(badges)
    notice = include_notice(snapshot)
    if notice:
        lines += ["", notice, *_entry_lines(snapshot, separator)]
    text = "\n".join(lines) + "\n"
    if plain:
        return ascii_only(text)
    return text.replace(VARIATION_SELECTOR, "")


# --- md ----------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = r"([\\`*_\[\]|~])"
_ENTITY_LIKE = r"&(?=#?\w+;)"


def md_escape(text: object) -> str:
    """Data as literal Markdown text: no emphasis, links, table breaks or raw HTML."""
    import re  # here: the other formats need no pattern (`re` costs their start-up)

    cleaned = re.sub(_ENTITY_LIKE, "&amp;", clean(text))
    cleaned = cleaned.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(_MARKDOWN_SPECIAL, r"\\\1", cleaned)


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _md_stats(snapshot: dict[str, Any]) -> list[str]:
    streak, counts, level = snapshot["streak"], snapshot["counts"], snapshot["level"]
    header = ["Day", "Streak", "Best streak"]
    row = [day_label(snapshot).removeprefix("Day "), f"🔥 {streak['current']}", str(streak["best"])]
    for kind in tallied(counts):
        header.append(f"{MARKS[kind].symbol} {kind.capitalize()}")
        row.append(str(counts.get(kind, 0)))
    header.append("Level")
    row.append(f"{level['level']} ({level['xp']} XP)")
    return _md_table(header, [row])


def _md_entries(snapshot: dict[str, Any], notice: str) -> list[str]:
    includes = snapshot.get("includes", {})
    header = ["Day", "Date", "Outcome"]
    header += ["Ask"] if includes.get("asks") else []
    header += ["Note"] if includes.get("notes") else []
    rows = []
    for entry in snapshot.get("entries", []):
        row = [str(entry["day"]), md_escape(entry["date"]), md_escape(entry["outcome"])]
        row += [md_escape(entry.get("ask", ""))] if includes.get("asks") else []
        row += [md_escape(entry.get("note", ""))] if includes.get("notes") else []
        rows.append(row)
    lines = ["", "## Asks and notes", "", f"_{notice}_", ""]
    return lines + (_md_table(header, rows) if rows else ["No asks logged in this run yet."])


def render_md(snapshot: dict[str, Any]) -> str:
    """The card as Markdown for a README or a post: stats table, grid, legend, badges."""
    grid = snapshot["grid"]
    run = snapshot["run"]
    lines = [
        f"# {TITLE} · run {run['number']}",
        "",
        f"{run['length']} days of asking for a no · snapshot of {md_escape(snapshot['date'])}",
        "",
        *_md_stats(snapshot),
        "",
        "```text",
        *("".join(cell(mark) for mark in row) for row in grid_rows(grid)),
        "```",
        "",
        " · ".join(f"{cell(mark)} {MARKS[mark].label}" for mark in kinds_present(grid)),
    ]
    badges = snapshot.get("badges", [])
    if badges:
        lines += ["", "## Badges", ""]
        lines += [
            f"- {md_escape(badge['icon'])} **{md_escape(badge['name'])}**"
            f" · earned {md_escape(badge['earned_on'])}"
            for badge in badges
        ]
    notice = include_notice(snapshot)
    if notice:
        lines += _md_entries(snapshot, notice)
    return "\n".join(lines) + "\n"
