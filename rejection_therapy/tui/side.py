"""Today's side panel, for a window wider than 80 columns: this week as a strip, the next
badge and how close it is, the follow-ups due, the situation the asks fit, and (in a
tall window) the run so far as a small grid. At 80x24 none of it is shown: Today keeps
the ask and the entries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from rejection_therapy.core.situation import HAVES
from rejection_therapy.relative import relative_day
from rejection_therapy.tui.marks import LOOKS
from rejection_therapy.tui.widgets import bar, literal

if TYPE_CHECKING:
    from rejection_therapy.core.ledger import Ledger
    from rejection_therapy.core.models import Run
    from rejection_therapy.tui.state import Loaded

WEEKDAYS = "MTWTFSS"


def week_strip(marks: dict[date, str], today: date) -> Content:
    """Monday to Sunday of today's week: a letter over each day's mark."""
    monday = today - timedelta(days=today.weekday())
    days = [monday + timedelta(days=k) for k in range(7)]
    letters = Content.assemble(
        *[
            (f" {WEEKDAYS[k]} ", "bold" if day == today else "$text-muted")
            for k, day in enumerate(days)
        ]
    )
    cells: list[tuple[str, str] | str] = []
    for day in days:
        look = LOOKS.get(marks.get(day, "future"), LOOKS["future"])
        cells.append((f" {look.symbol} ", look.style))
    return Content("\n").join([letters, Content.assemble(*cells)])


def next_badge(ledger: Ledger) -> Content:
    """The locked badge nearest to being earned."""
    locked = [item for item in ledger.badge_progress() if item.fraction < 1]
    if not locked:
        return Content.styled("Every badge is yours.", "$success")
    item = max(locked, key=lambda candidate: candidate.fraction)
    rule = item.rule
    return Content.assemble(
        (f"{rule.icon} {rule.name}\n", "bold"),
        (bar(item.fraction, 12), "$success"),
        (f" {min(item.value, rule.goal)}/{rule.goal}\n", "$text-muted"),
        (rule.description, "$text-muted"),
    )


def followups_due(loaded: Loaded) -> Content:
    due = loaded.today["followups_due"]
    if not due:
        return Content.styled("None due.", "$text-muted")
    today = date.fromisoformat(loaded.today["date"])
    lines = [
        Content.assemble(
            (f"{relative_day(date.fromisoformat(f['due']), today)}: ", "$warning"),
            literal(f["text"]),
        )
        for f in due[:3]
    ]
    if len(due) > 3:
        lines.append(Content.styled(f"and {len(due) - 3} more", "$text-muted"))
    lines.append(Content.styled("d marks the first done", "$text-muted"))
    return Content("\n").join(lines)


def situation_line(loaded: Loaded) -> Content:
    situation = loaded.view.snapshot.settings.situation
    goal = situation.goal or "not set"
    answered = dict(situation.answers)
    cannot = [what for what in HAVES if answered.get(what) is False]
    parts: list[tuple[str, str] | str] = [("Goal: ", "bold"), goal]
    if cannot:
        parts += ["\n", ("Leaves out: ", "bold"), ", ".join(cannot)]
    parts += ["\n", ("o changes it", "$text-muted")]
    return Content.assemble(*parts)


def mini_journey(ledger: Ledger, run: Run) -> Content:
    """The run as rows of ten marks (the Journey screen's grid, without day numbers)."""
    rows = []
    marks = ledger.day_marks(run)
    for start in range(0, len(marks), 10):
        cells: list[tuple[str, str] | str] = []
        for _day, _on, mark in marks[start : start + 10]:
            look = LOOKS[mark]
            cells.append((f"{look.symbol} ", look.style))
        rows.append(Content.assemble(*cells))
    return Content("\n").join(rows)


class SidePanel(VerticalScroll):
    """Shown by the Today screen's CSS when the window is wide (see app.tcss)."""

    def compose(self) -> ComposeResult:
        for part, title in (
            ("week", "This week"),
            ("badge", "Next badge"),
            ("followups", "Follow-ups due"),
            ("situation", "The asks fit"),
            ("journey", "This run"),
        ):
            yield Static(Content.styled(title, "bold $accent"), classes=f"side-title side-{part}")
            yield Static(id=f"side-{part}", classes=f"side-part side-{part}")

    def show(self, loaded: Loaded) -> None:
        ledger = loaded.ledger
        progress = ledger.current
        today = ledger.today
        marks = {on: mark for _day, on, mark in ledger.day_marks(progress.run)} if progress else {}
        self.query_one("#side-week", Static).update(week_strip(marks, today))
        self.query_one("#side-badge", Static).update(next_badge(ledger))
        self.query_one("#side-followups", Static).update(followups_due(loaded))
        self.query_one("#side-situation", Static).update(situation_line(loaded))
        journey = mini_journey(ledger, progress.run) if progress else Content("")
        self.query_one("#side-journey", Static).update(journey)
