"""Small display widgets shared by the screens; user and pack text is always literal."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Footer, Static

from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import OUTCOME_SYMBOLS, Entry, Outcome
from rejection_therapy.core.text import printable
from rejection_therapy.tui.marks import OUTCOME_STYLES

BAR_CELLS = 20


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
    return (f"{OUTCOME_SYMBOLS[Outcome(outcome)]} {outcome:<3}", OUTCOME_STYLES[outcome])


class DayHeader(Static):
    """Day k/N, date, streak with a flame, freezes, at-risk, and the XP bar to the next level."""

    def show(self, ledger: Ledger) -> None:
        progress = ledger.current
        streak = ledger.streak
        level = ledger.level
        if progress is None or not progress.started:
            day: tuple[str, str] = ("Run not started", "bold")
        elif progress.complete:
            day = (f"Run {progress.run.number} complete", "bold $success")
        else:
            day = (f"Day {progress.day}/{progress.length}", "bold")
        risk: tuple[str, str] = ("", "")
        if streak.today_done:
            risk = ("  ✓ today done", "$success")
        elif streak.today_rest:
            risk = ("  ☾ rest day", "$warning")
        elif streak.at_risk:
            risk = ("  ⚠ at risk", "bold $warning")
        fraction = level.into_level / level.span if level.span else 0
        self.update(
            Content.assemble(
                day,
                (f"  {ledger.today.strftime('%a %d %b %Y')}", "$text-muted"),
                ("  🔥 ", ""),
                (str(streak.current), "bold $warning"),
                (f" (best {streak.best})", "$text-muted"),
                ("  ❄ ", "$primary"),
                (f"{streak.freezes} freeze{'s' if streak.freezes != 1 else ''}", ""),
                risk,
                "\n",
                (f"Level {level.level} ", "bold $success"),
                (bar(fraction), "$success"),
                (f" {level.into_level}/{level.span} XP to level {level.level + 1}", "$text-muted"),
                (f"  · {level.xp} XP in all", "$text-muted"),
            )
        )


def entry_line(entry: Entry, ledger: Ledger) -> Content:
    """One entry: outcome symbol and word, XP, the ask and the note, all literal."""
    xp = ledger.xp_by_entry.get(entry.id, 0)
    parts: list[str | tuple[str, str]] = [
        outcome_part(entry.outcome.value),
        (f" +{xp:<3} XP ", "$text-muted"),
        literal(entry.ask_text),
    ]
    if entry.note:
        parts.append((f" — {literal(entry.note)}", "italic"))
    if entry.learned:
        parts.append((f" · learned: {literal(entry.learned)}", "$text-muted"))
    if entry.next_time:
        parts.append((f" · next: {literal(entry.next_time)}", "$text-muted"))
    if entry.fear_before is not None or entry.fear_after is not None:
        before = "-" if entry.fear_before is None else entry.fear_before
        after = "-" if entry.fear_after is None else entry.fear_after
        parts.append((f" · fear {before}→{after}", "$text-muted"))
    if entry.late:
        parts.append((" (late)", "$text-muted"))
    return Content.assemble(*parts)
