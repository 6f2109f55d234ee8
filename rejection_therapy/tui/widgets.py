"""Small display widgets shared by the screens; user and pack text is always literal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Footer, Static

from rejection_therapy.core.outcomes import OUTCOME_SYMBOLS
from rejection_therapy.core.scoring import level_for
from rejection_therapy.core.text import printable
from rejection_therapy.tui.marks import OUTCOME_STYLES

BAR_CELLS = 20

if TYPE_CHECKING:
    from rejection_therapy.shapes import EntryView, TodayAnswer


def literal(text: str) -> str:
    """Pack or user text with control sequences removed (Content parts are never markup)."""
    return printable(text)


def app_footer() -> Footer:
    """The key bar every screen shows; compact so all keys fit in 80 columns."""
    return Footer(compact=True, show_command_palette=False)


def bar(fraction: float, width: int = BAR_CELLS) -> str:
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "░" * (width - filled)


def outcome_part(outcome: str) -> tuple[str, str]:
    return (f"{OUTCOME_SYMBOLS[outcome]} {outcome:<3}", OUTCOME_STYLES[outcome])


class DayHeader(Static):
    """Day k/N, date, streak with a flame, freezes, at-risk, and the XP bar to the next level."""

    def show(self, facts: TodayAnswer) -> None:
        """From the `today --json` fields (streak facts and level; views.py)."""
        if facts["complete"]:
            day: tuple[str, str] = (f"Run {facts['run']} complete", "bold $success")
        elif facts["day"] == 0:
            day = ("Run not started", "bold")
        else:
            day = (f"Day {facts['day']}/{facts['length']}", "bold")
        risk: tuple[str, str] = ("", "")
        if facts["today_done"]:
            risk = ("  ✓ today done", "$success")
        elif facts["rest_today"]:
            risk = ("  ☾ rest day", "$warning")
        elif facts["at_risk"]:
            risk = ("  ⚠ at risk", "bold $warning")
        level = level_for(facts["total_xp"])
        fraction = level.into_level / level.span if level.span else 0
        freezes = facts["freezes"]
        when = date.fromisoformat(facts["date"]).strftime("%a %d %b %Y")
        self.update(
            Content.assemble(
                day,
                (f"  {when}", "$text-muted"),
                ("  🔥 ", ""),
                (str(facts["current"]), "bold $warning"),
                (f" (best {facts['best']})", "$text-muted"),
                ("  ❄ ", "$primary"),
                (f"{freezes} freeze{'s' if freezes != 1 else ''}", ""),
                risk,
                "\n",
                (f"Level {level.level} ", "bold $success"),
                (bar(fraction), "$success"),
                (f" {level.into_level}/{level.span} XP to level {level.level + 1}", "$text-muted"),
                (f"  · {level.xp} XP in all", "$text-muted"),
            )
        )


def entry_line(entry: EntryView) -> Content:
    """One entry from its JSON shape: outcome symbol and word, XP, the ask and the note."""
    parts: list[str | tuple[str, str]] = [
        outcome_part(entry["outcome"]),
        (f" +{entry['xp']:<3} XP ", "$text-muted"),
        literal(entry["ask"]),
    ]
    if entry["note"]:
        parts.append((f" — {literal(entry['note'])}", "italic"))
    if entry["learned"]:
        parts.append((f" · learned: {literal(entry['learned'])}", "$text-muted"))
    if entry["next_time"]:
        parts.append((f" · next: {literal(entry['next_time'])}", "$text-muted"))
    if entry["fear_before"] is not None or entry["fear_after"] is not None:
        before = "-" if entry["fear_before"] is None else entry["fear_before"]
        after = "-" if entry["fear_after"] is None else entry["fear_after"]
        parts.append((f" · fear {before}→{after}", "$text-muted"))
    if entry["late"]:
        parts.append((" (late)", "$text-muted"))
    return Content.assemble(*parts)
