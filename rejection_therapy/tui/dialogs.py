"""Modal dialogs: note after an outcome, an own ask, confirmation, editing an entry."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from rejection_therapy.core.models import Entry, Outcome
from rejection_therapy.service.entries import MAX_ASK, MAX_NOTE
from rejection_therapy.tui.widgets import literal


class NoteDialog(ModalScreen[str | None]):
    """An optional note on what happened; Enter saves, Esc skips."""

    BINDINGS = [Binding("escape", "skip", "Skip")]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.dialog_title = title
        self.initial = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.dialog_title), classes="dialog-title")
            yield Static(
                "What happened? A line for future you. Enter saves, Esc skips.", classes="hint"
            )
            yield Input(
                value=self.initial,
                placeholder="They smiled and said no…",
                max_length=MAX_NOTE,
                id="note",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_skip(self) -> None:
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

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Log an ask of your own", classes="dialog-title")
            yield Input(
                placeholder="Asked my landlord to repaint the hall…", max_length=MAX_ASK, id="ask"
            )
            with Horizontal(classes="choices"):
                with RadioSet(id="difficulty"):
                    for level in range(1, 6):
                        yield RadioButton(f"{level} {'★' * level}", value=level == 2)
                with RadioSet(id="outcome"):
                    yield RadioButton("✗ no", value=True)
                    yield RadioButton("✓ yes")
                    yield RadioButton("? why")
            yield Static(
                "Tab moves, arrows choose, Enter in the text saves, Esc cancels.", classes="hint"
            )
            yield Button("Log it", variant="primary", id="save")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._save()

    def _save(self) -> None:
        text = self.query_one("#ask", Input).value.strip()
        if not text:
            self.notify("Type the ask you made first.", severity="warning")
            return
        difficulty = (self.query_one("#difficulty", RadioSet).pressed_index or 0) + 1
        outcome = (Outcome.NO, Outcome.YES, Outcome.WHY)[
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

    def __init__(self, question: str, verb: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.question), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.verb} (y)", variant="error", id="yes")
                yield Button("Keep (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


@dataclass(frozen=True)
class EntryChange:
    """What the entry dialog decided: new outcome and note, or deletion."""

    outcome: Outcome | None = None
    note: str | None = None
    delete: bool = False


class EntryDialog(ModalScreen[EntryChange | None]):
    """Fix one entry: its outcome and note, or delete it."""

    AUTO_FOCUS = "#note"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble(("Entry of ", ""), (entry.date.isoformat(), "bold")),
                classes="dialog-title",
            )
            yield Static(Content(literal(entry.ask_text)), classes="ask-text")
            with RadioSet(id="outcome"):
                for outcome in (Outcome.NO, Outcome.YES, Outcome.WHY):
                    yield RadioButton(outcome.value, value=entry.outcome is outcome)
            yield Input(value=entry.note, placeholder="Note", max_length=MAX_NOTE, id="note")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Delete…", variant="error", id="delete")
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        elif event.button.id == "delete":
            self.dismiss(EntryChange(delete=True))
        else:
            self.dismiss(None)

    def _save(self) -> None:
        index = self.query_one("#outcome", RadioSet).pressed_index
        outcome = (Outcome.NO, Outcome.YES, Outcome.WHY)[index] if index >= 0 else None
        note = self.query_one("#note", Input).value.strip()
        self.dismiss(
            EntryChange(
                outcome=outcome if outcome is not self.entry.outcome else None,
                note=note if note != self.entry.note else None,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class PathDialog(ModalScreen[str | None]):
    """Ask for a file path; Enter accepts, Esc cancels."""

    AUTO_FOCUS = "#path"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.dialog_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.dialog_title), classes="dialog-title")
            yield Input(placeholder="~/packs/sales.yaml", id="path")
            yield Static("Enter accepts, Esc cancels.", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
