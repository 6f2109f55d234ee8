"""The situation form: what the person came for and what they can do, so asks fit them.

Asked once, over Today, on a home that never answered; `o` on Today opens it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from rejection_therapy.core.situation import GOAL_HELP, GOAL_PACKS, GOALS, HAVE_QUESTIONS, HAVES
from rejection_therapy.tui.widgets import FOCUS_KEYS, Choice, literal

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rejection_therapy.core.models import DailyAsk
    from rejection_therapy.tui.app import RejectionTherapyApp

Answers = dict[str, str | bool | None]
"""Profile changes as `service.set_profile` takes them: None forgets an answer."""

SKIP = "–"
YES_NO = [("yes", True), ("no", False), (SKIP, None)]
GOAL_OPTIONS = [*((goal, goal) for goal in GOALS), (SKIP, None)]
QUESTION_WIDTH = max(len(text) for text in HAVE_QUESTIONS.values()) + 1


def goal_line(goal: object) -> Content:
    """What a goal means for the draw, under the goal row."""
    if not isinstance(goal, str):
        return Content.styled("not set: every pack weighs the same", "$text-muted")
    pack = GOAL_PACKS.get(goal)
    weight = f": asks of the {pack} pack come up more often" if pack else ""
    return Content.styled(f"{GOAL_HELP[goal]}{weight}", "$text-muted")


class ProfileDialog(ModalScreen[Answers | None]):
    """The goal and the yes/no questions, one row each; every one may be skipped.

    Dismissed with the answers to save (every key: a value, or None for "not answered"),
    with {} when the first asking is skipped, or None when a later edit is cancelled.
    """

    AUTO_FOCUS = "#goal"
    BINDINGS = [
        Binding("enter", "save", "Save"),
        Binding("escape", "skip", "Skip"),
        *FOCUS_KEYS,
    ]

    def __init__(
        self, profile: Mapping[str, str | bool], first_run: bool, pool_note: str = ""
    ) -> None:
        super().__init__()
        self.profile = dict(profile)
        self.first_run = first_run
        self.pool_note = pool_note

    def compose(self) -> ComposeResult:
        escape = "Esc skips all (o on Today asks again)" if self.first_run else "Esc cancels"
        with Vertical(classes="dialog situation"):
            yield Label("Your situation, so each ask is one you can make", classes="dialog-title")
            yield Static(
                f"↑↓ move · ←→ or y/n answer · {SKIP} skips one (counts as yes)", classes="hint"
            )
            yield Choice("Your goal", GOAL_OPTIONS, self.profile.get("goal"), id="goal")
            yield Static(goal_line(self.profile.get("goal")), id="goal-help")
            for key in HAVES:
                yield Choice(
                    HAVE_QUESTIONS[key],
                    YES_NO,
                    self.profile.get(key),
                    label_width=QUESTION_WIDTH,
                    shortcuts={"y": True, "n": False, "minus": None},
                    id=f"have-{key}",
                )
            if self.pool_note:
                yield Static(Content.styled(literal(self.pool_note), "$warning"), id="pool-note")
            yield Static(f"Enter saves · {escape}", classes="hint", id="keys")

    def on_choice_changed(self, event: Choice.Changed) -> None:
        if event.choice.id == "goal":
            self.query_one("#goal-help", Static).update(goal_line(event.choice.value))

    def answers(self) -> Answers:
        """Every question's answer as the form shows it now."""
        chosen: Answers = {"goal": self.query_one("#goal", Choice).value}  # type: ignore[dict-item]
        for key in HAVES:
            chosen[key] = self.query_one(f"#have-{key}", Choice).value  # type: ignore[assignment]
        return chosen

    def action_save(self) -> None:
        self.dismiss(self.answers())

    def action_skip(self) -> None:
        self.dismiss({} if self.first_run else None)


def ask_situation(app: RejectionTherapyApp, first_run: bool = False) -> None:
    """Open the form with the current answers and save what it returns."""
    loaded = app.loaded
    if loaded is None:
        return
    profile = loaded.view.snapshot.settings.profile
    pool_note = loaded.day["pool_note"]

    def save(answers: Answers | None) -> None:
        if answers is None:
            return
        changes = {k: v for k, v in answers.items() if v != profile.get(k)}
        if not changes and not first_run:
            app.notify("Nothing changed.")
            return
        app.run_action_in_thread(
            lambda: app.service.set_profile(changes, asked=True),
            lambda redrawn: _saved(app, redrawn, skipped=not changes),
        )

    app.push_screen(ProfileDialog(profile, first_run, pool_note), save)


def _saved(app: RejectionTherapyApp, redrawn: DailyAsk | None, skipped: bool) -> None:
    if skipped:
        app.notify("Skipped: every ask stays in the draw. Press o on Today to answer later.")
        return
    lines = ["Saved: your asks are drawn for your situation. Press o to change it."]
    if redrawn is not None:
        lines.append(f"Today's ask no longer fit, so it changed: {literal(redrawn.text)}")
    app.notify("\n".join(lines), title="Situation")
