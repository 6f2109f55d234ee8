"""The progress card in a self-contained HTML page: the card, the stats, the badges.

Nothing on it is fetched from anywhere (no scripts, links, images or fonts), every piece of
data is escaped, and it fits the width it is given, from a 390 px phone up: the card scales
down, the stats wrap onto more rows, long words break.
"""

from __future__ import annotations

import html

from rejection_therapy.marks import MARKS, OUTCOMES
from rejection_therapy.share.card import render_svg
from rejection_therapy.share.text import clean, day_label, include_notice, title_of

TYPE_CHECKING = False  # typing costs a `share` answer milliseconds
if TYPE_CHECKING:
    from typing import Any

_STYLE = """
:root { color-scheme: light dark; --page: #F4F5F7; --ink: #1F2430; --muted: #5F6774;
  --line: #DDE1E7; --panel: #FFFFFF; }
@media (prefers-color-scheme: dark) {
  :root { --page: #0F1216; --ink: #E8EAED; --muted: #A0A7B1; --line: #2B313A; --panel: #171B21; }
}
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); overflow-wrap: anywhere;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: 100%; max-width: 680px; margin: 0 auto; padding: 32px 20px 48px; }
.card svg { display: block; width: 100%; max-width: 100%; height: auto; }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
section { margin-top: 28px; } h2 { font-size: 1rem; margin: 0 0 10px; }
.stats { display: grid; gap: 10px; margin: 0;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.5rem), 1fr)); }
.stats div { min-width: 0; background: var(--panel); border: 1px solid var(--line);
  border-radius: 10px; padding: 10px 12px; }
.stats dt { color: var(--muted); font-size: 0.8rem; }
.stats dd { margin: 0; font-size: 1.25rem; font-weight: 700; }
table { width: 100%; border-collapse: collapse; background: var(--panel);
  border: 1px solid var(--line); font-size: 0.9rem; }
th, td { text-align: left; padding: 8px 10px; border-top: 1px solid var(--line);
  vertical-align: top; }
th { color: var(--muted); font-weight: 500; } th, td:nth-child(-n+3) { white-space: nowrap; }
ul { padding-left: 0; list-style: none; margin: 0; } li { padding: 3px 0; }
.muted, .notice { color: var(--muted); } .notice { font-style: italic; }
.xp { font-size: 0.8rem; font-weight: 500; white-space: nowrap; }
@media (max-width: 480px) {
  main { padding: 20px 12px 32px; }
  th, td { padding: 6px 6px; }
}
"""


def _h(value: object) -> str:
    """Data as HTML text: control characters dropped, markup escaped."""
    return html.escape(clean(value))


def _stats_list(snapshot: dict[str, Any]) -> str:
    streak, counts, level = snapshot["streak"], snapshot["counts"], snapshot["level"]
    tallies = [kind for kind in OUTCOMES if kind != "pending" or counts.get("pending")]
    stats = [
        ("Day", _h(day_label(snapshot).removeprefix("Day "))),
        ("Current streak", _h(streak["current"])),
        ("Best streak", _h(streak["best"])),
        ("Freezes", _h(streak.get("freezes", 0))),
        *(
            (f"{MARKS[kind].symbol} {MARKS[kind].label.capitalize()}", _h(counts.get(kind, 0)))
            for kind in tallies
        ),
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
