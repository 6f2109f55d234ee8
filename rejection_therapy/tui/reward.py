"""One reward panel per log: what it earned (XP, level, badges), the moments it brought
(a level-up, a streak milestone, a freeze that carried the streak, the run's last day)
and the coach's word (the reframe after a no, a toolbox tip). It replaces a stack of
toasts that covered half the screen and outlived an undo."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from rejection_therapy.core.outcomes import ASK_BIGGER, REFRAME
from rejection_therapy.marks import MARKS
from rejection_therapy.tui.logged import Logged
from rejection_therapy.tui.widgets import day_named, literal

BAR_WIDTH = 20
JOURNEY = "journey"


def level_bar(total_xp: int, to_next: int, width: int = BAR_WIDTH) -> str:
    """How far toward the next level, in whole cells (never full before it is reached)."""
    from rejection_therapy.core.scoring import level_for

    level = level_for(total_xp)
    span = max(1, level.ceiling - level.floor)
    filled = min(width - 1, (total_xp - level.floor) * width // span) if to_next else width
    return "█" * filled + "░" * (width - filled)


def reward_lines(logged: Logged) -> list[Content]:
    """The panel's lines, most important first (a test reads them without the screen)."""
    moments = logged.moments
    lines: list[Content] = []
    if moments.run_done:
        lines.append(
            Content.styled(
                "Run complete: the last day of the run is done. j opens your look-back.",
                "bold $success",
            )
        )
    if moments.level_up:
        lines.append(
            Content.styled(f"Level up! You reached level {moments.level_up}.", "bold $success")
        )
    lines.append(
        Content.assemble(
            (f"Level {logged.level} ", "bold"),
            (level_bar(logged.total_xp, logged.xp_to_next_level), "$accent"),
            (f" {logged.xp_to_next_level} XP to level {logged.level + 1}", "$text-muted"),
        )
    )
    if moments.milestone:
        lines.append(
            Content.styled(f"A {moments.milestone}-day streak: a milestone. Keep going.", "bold")
        )
    elif logged.streak:
        days = "day" if logged.streak == 1 else "days"
        lines.append(Content(f"Streak: {logged.streak} {days}."))
    if moments.covered:
        named = ", ".join(day_named(day) for day in moments.covered)
        freezes = "A freeze" if len(moments.covered) == 1 else "Freezes"
        lines.append(Content(f"{freezes} covered {named}: the streak lives on."))
    for badge in logged.badges_earned:
        lines.append(
            Content.assemble(
                (f"{badge.icon} {badge.name}", "bold $success"), f": {badge.description}"
            )
        )
    if logged.outcome == "no":
        lines.append(Content.styled(REFRAME, "italic"))
    if logged.tip:
        lines.append(Content.assemble(("Toolbox: ", "bold"), literal(logged.tip)))
    if logged.rest_day_returned:
        lines.append(Content("Logged on a rest day: it counts, and the rest day is yours again."))
    if logged.only_yes_today:
        lines.append(Content.styled(ASK_BIGGER, "$warning"))
    return lines


class RewardPanel(ModalScreen[str | None]):
    """Shown after a log (and its note); any of enter, space or escape goes back to Today,
    j to the Journey when the run's last day was just done."""

    BINDINGS = [
        Binding("enter,space,escape", "close", "Continue"),
        Binding("j", "journey", "Journey", show=False),
    ]

    def __init__(self, logged: Logged) -> None:
        super().__init__()
        self.logged = logged

    def compose(self) -> ComposeResult:
        logged = self.logged
        mark = MARKS.get(logged.outcome, MARKS["no"])
        with Vertical(classes="dialog reward") as box:
            box.border_title = f"{mark.symbol} {mark.label.upper()} · +{logged.xp} XP"
            for line in reward_lines(logged):
                yield Static(line, classes="reward-line")
            yield Static(Content.styled("enter continue", "$text-muted"), classes="hint-end")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_journey(self) -> None:
        self.dismiss(JOURNEY if self.logged.moments.run_done else None)
