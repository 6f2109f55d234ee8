"""When the home cannot be read: say what is wrong and offer the repair, from inside the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from rejection_therapy.tui.app import RejectionTherapyApp

REPAIR_TEXT = (
    "The repair keeps every file it replaces beside it, and loses nothing that was "
    "saved: an unreadable file is made again from the newest good backup plus every "
    "change saved after it (the journal); damaged journal lines are kept aside."
)


class DamagedScreen(ModalScreen[None]):
    """The data file (or its journal) cannot be read: what is wrong, and `r` to repair."""

    BINDINGS = [
        Binding("r", "repair", "Repair"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, problem: str, repairable: bool) -> None:
        super().__init__()
        self.problem = problem
        self.repairable = repairable
        self.repairing = False

    @property
    def rt_app(self) -> RejectionTherapyApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog damaged"):
            yield Static(Content.styled("Your data cannot be read", "bold $error"))
            yield Static(Content(self.problem), id="damaged-problem")
            if self.repairable:
                yield Static(
                    Content.styled(
                        "Press r to repair now (or run `rejection-therapy doctor --repair`), "
                        "q to quit.",
                        "bold",
                    ),
                    id="damaged-keys",
                )
                yield Static(Content(REPAIR_TEXT), id="damaged-how")
            else:
                yield Static(
                    Content.styled("Fix that, then open the app again. q quits.", "bold"),
                    id="damaged-keys",
                )
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.repairable if action == "repair" else True

    def action_repair(self) -> None:
        if self.repairing:
            return
        self.repairing = True
        self.query_one("#damaged-keys", Static).update(Content.styled("Repairing…", "bold"))

        def done(lines: list[str]) -> None:
            self.rt_app.repaired(lines)

        def failed(error: Exception) -> None:
            self.repairing = False
            self.query_one("#damaged-problem", Static).update(Content(str(error)))
            self.query_one("#damaged-keys", Static).update(
                Content.styled("The repair could not finish. q quits.", "bold $error")
            )

        self.rt_app.run_action_in_thread(self.rt_app.service.repair, done, failed, reload=False)
