"""Modal dialogs: note after an outcome, an own ask, confirmation, editing an entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from rejection_therapy.core.log_input import MAX_ASK, MAX_NOTE
from rejection_therapy.core.models import Entry, Outcome
from rejection_therapy.keymap import shown_key
from rejection_therapy.marks import MARKS
from rejection_therapy.tui.widgets import literal


@dataclass(frozen=True)
class Reflection:
    """What the note dialog collects: what happened, the reflection and fear ratings."""

    note: str = ""
    learned: str = ""
    next_time: str = ""
    fear_before: int | None = None
    fear_after: int | None = None


class ChoiceSet(RadioSet):
    """A RadioSet whose highlight starts on the chosen button: Textual's starts on the
    first, so a dialog opened on difficulty 2 showed 1 highlighted and 2 chosen."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._highlight_choice)  # after RadioSet's own mount

    def _highlight_choice(self) -> None:
        for _ in range(max(0, self.pressed_index)):
            self.action_next_button()


def _rating(text: str) -> int | None:
    return int(text) if text.strip().isdigit() and int(text) <= 10 else None


NOTE_PLACEHOLDERS = {
    "no": "They smiled and said no…",
    "why": "They said no, I asked why, and…",
    "yes": "They said yes, and…",
    "pending": "I asked; the answer comes later…",
}
"""What the note field suggests, by outcome (a no's example after a yes read oddly)."""


def reflection_fields(start: Reflection, outcome: str) -> ComposeResult:
    """The labelled fields of a reflection: the note dialog after a log and the entry
    dialog of History edit the same things the same way."""
    placeholder = NOTE_PLACEHOLDERS.get(outcome, NOTE_PLACEHOLDERS["no"])
    for field, label, value, example in (
        ("note", "What happened?", start.note, placeholder),
        ("learned", "What I learned", start.learned, "Asking why got me a reason"),
        ("next", "What I'll try next time", start.next_time, "Give my reason first"),
    ):
        yield Label(label)
        yield Input(value, placeholder=example, max_length=MAX_NOTE, id=field, compact=True)
    with Horizontal(classes="fear"):
        for label, field, rating in (
            ("Fear 0-10  before ", "fear-before", start.fear_before),
            ("  after ", "fear-after", start.fear_after),
        ):
            yield Label(label)
            yield Input(_shown(rating), restrict=r"\d{0,2}", max_length=2, id=field, compact=True)


def reflection_of(screen: Screen[Any]) -> Reflection:
    """What the reflection fields on `screen` hold now."""
    value = {i.id: i.value for i in screen.query(Input)}
    return Reflection(
        note=value["note"].strip(),
        learned=value["learned"].strip(),
        next_time=value["next"].strip(),
        fear_before=_rating(value["fear-before"]),
        fear_after=_rating(value["fear-after"]),
    )


class NoteDialog(ModalScreen[Reflection | None]):
    """After an outcome: an optional note, reflection and fear ratings; Esc skips."""

    AUTO_FOCUS = "#note"
    BINDINGS = [Binding("escape", "skip", "Skip")]

    def __init__(self, title: str, start: Reflection | None = None, outcome: str = "no") -> None:
        super().__init__()
        self.dialog_title = title
        self.start = start or Reflection()
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.dialog_title), classes="dialog-title")
            yield Static("All optional. Tab moves, Enter saves, Esc skips.", classes="hint")
            yield from reflection_fields(self.start, self.outcome)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reflection = reflection_of(self)
        self.dismiss(
            None if reflection == Reflection() and self.start == Reflection() else reflection
        )

    def action_skip(self) -> None:
        self.dismiss(None)


def _shown(rating: int | None) -> str:
    return "" if rating is None else str(rating)


class CheckInDialog(ModalScreen[tuple[str, str, str] | None]):
    """The weekly three questions."""

    AUTO_FOCUS = "#worked"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Weekly check-in", classes="dialog-title")
            yield Label("What worked this week?")
            yield Input(max_length=MAX_NOTE, id="worked", compact=True)
            yield Label("What didn't?")
            yield Input(max_length=MAX_NOTE, id="didnt", compact=True)
            yield Label("The one gap to work on next week")
            yield Input(max_length=MAX_NOTE, id="gap", compact=True)
            yield Static("Tab moves, Enter saves, Esc cancels.", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answers = tuple(
            self.query_one(f"#{key}", Input).value.strip() for key in ("worked", "didnt", "gap")
        )
        if not all(answers):
            self.notify("Answer all three (a few words is enough).", severity="warning")
            return
        self.dismiss(answers)  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextDialog(ModalScreen[str | None]):
    """One line of text (an intention, a follow-up); Enter accepts, Esc cancels."""

    AUTO_FOCUS = "#text"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self.dialog_title = title
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.dialog_title), classes="dialog-title")
            yield Input(
                self.value,
                placeholder=self.placeholder,
                max_length=MAX_NOTE,
                id="text",
                compact=True,
            )
            yield Static("Enter accepts, Esc cancels.", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class OwnAsk:
    """An ask the person made themselves, as typed in the dialog."""

    text: str
    difficulty: int
    outcome: Outcome


class OwnAskDialog(ModalScreen[OwnAsk | None]):
    """Log an own ask: its text, difficulty 1–5 and the outcome."""

    AUTO_FOCUS = "#ask"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, start: OwnAsk | None = None) -> None:
        super().__init__()
        self.start = start or OwnAsk("", 2, Outcome.NO)

    def compose(self) -> ComposeResult:
        start = self.start
        outcomes = (Outcome.NO, Outcome.YES, Outcome.WHY, Outcome.PENDING)
        labels = tuple(f"{MARKS[o.value].symbol} {o.value}" for o in outcomes)
        with Vertical(classes="dialog"):
            yield Label("Log an ask of your own", classes="dialog-title")
            yield Input(
                start.text,
                placeholder="Asked my landlord to repaint the hall…",
                max_length=MAX_ASK,
                id="ask",
                compact=True,
            )
            with Horizontal(classes="choices"):
                with ChoiceSet(id="difficulty"):
                    for level in range(1, 6):
                        yield RadioButton(f"{level} {'★' * level}", value=level == start.difficulty)
                with ChoiceSet(id="outcome"):
                    for outcome, label in zip(outcomes, labels, strict=True):
                        yield RadioButton(label, value=outcome is start.outcome)
            yield Static(
                "Tab moves, arrows choose, Enter in the text logs it, Esc cancels.", classes="hint"
            )
            with Horizontal(classes="buttons"):
                yield Button("Log", variant="primary", id="log", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "log":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        text = self.query_one("#ask", Input).value.strip()
        if not text:
            self.notify("Type the ask you made first.", severity="warning")
            return
        difficulty = (self.query_one("#difficulty", RadioSet).pressed_index or 0) + 1
        outcome = (Outcome.NO, Outcome.YES, Outcome.WHY, Outcome.PENDING)[
            max(0, self.query_one("#outcome", RadioSet).pressed_index)
        ]
        self.dismiss(OwnAsk(text, difficulty, outcome))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no to something that cannot be taken back."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("y", "confirm", "Yes"),
        Binding("n", "cancel", "No"),
    ]

    def __init__(
        self, question: str, verb: str = "Delete", *, again: str = "", destructive: bool = True
    ) -> None:
        """`again`: the key that asked, which confirms when pressed a second time."""
        super().__init__()
        self.question = question
        self.verb = verb
        self.again = again
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        keys = f"{shown_key(self.again)} or y" if self.again else "y"
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.verb} ({keys})",
                    variant="error" if self.destructive else "primary",
                    id="yes",
                    compact=True,
                )
                yield Button("Keep (n)", id="no", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def on_key(self, event: events.Key) -> None:
        if self.again and event.key == self.again:
            event.stop()
            self.dismiss(True)

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


ENTRY_OUTCOMES = (Outcome.NO, Outcome.YES, Outcome.WHY, Outcome.PENDING)


@dataclass(frozen=True)
class EntryChange:
    """What the entry dialog decided: a new outcome and/or reflection, deletion, or a
    follow-up."""

    outcome: Outcome | None = None
    reflection: Reflection | None = None
    delete: bool = False
    followup: bool = False


class EntryDialog(ModalScreen[EntryChange | None]):
    """Fix one entry: everything a log can set (outcome, note, lesson, next time, fear
    ratings), or delete it, or add a follow-up."""

    AUTO_FOCUS = "#note"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry
        self.start = Reflection(
            entry.note, entry.learned, entry.next_time, entry.fear_before, entry.fear_after
        )

    def compose(self) -> ComposeResult:
        entry = self.entry
        with VerticalScroll(classes="dialog") as box:
            box.border_title = f"Entry of {entry.date.isoformat()}"
            yield Static(Content(literal(entry.ask_text)), classes="ask-text")
            with ChoiceSet(id="outcome", compact=True, classes="across"):
                for outcome in ENTRY_OUTCOMES:
                    yield RadioButton(
                        f"{MARKS[outcome.value].symbol} {outcome.value}",
                        value=entry.outcome is outcome,
                    )
            yield from reflection_fields(self.start, entry.outcome.value)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Follow-up…", id="followup", compact=True)
                yield Button("Delete…", variant="error", id="delete", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        elif event.button.id == "delete":
            self.dismiss(EntryChange(delete=True))
        elif event.button.id == "followup":
            self.dismiss(EntryChange(followup=True))
        else:
            self.dismiss(None)

    def _save(self) -> None:
        index = self.query_one("#outcome", RadioSet).pressed_index
        outcome = ENTRY_OUTCOMES[index] if index >= 0 else None
        reflection = reflection_of(self)
        self.dismiss(
            EntryChange(
                outcome=outcome if outcome is not self.entry.outcome else None,
                reflection=reflection if reflection != self.start else None,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


def PathDialog(title: str) -> TextDialog:  # noqa: N802 - reads as a dialog class at call sites
    """Ask for a file path."""
    return TextDialog(title, placeholder="~/packs/sales.yaml")


class FollowUpDialog(ModalScreen[tuple[str, str] | None]):
    """A next step born from an entry, with its due date."""

    AUTO_FOCUS = "#text"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Add a follow-up", classes="dialog-title")
            yield Label("Next step")
            yield Input(
                placeholder="Send a thank-you note", max_length=MAX_NOTE, id="text", compact=True
            )
            yield Label("Due (tomorrow, friday, in 3 days, +3d or YYYY-MM-DD)")
            yield Input("+1d", max_length=10, id="due", compact=True)
            yield Static("Tab moves, Enter saves, Esc cancels.", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.notify("Write the next step first.", severity="warning")
            return
        self.dismiss((text, self.query_one("#due", Input).value.strip() or "+1d"))

    def action_cancel(self) -> None:
        self.dismiss(None)
