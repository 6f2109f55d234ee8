"""The look back at a finished run: the whole grid, the counts, the fear trend, the
hardest asks and the lessons, on one card worth a screenshot. It opens from the reward
panel on the run's last day (j) and from the Journey (l) once the run is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from rejection_therapy.core.review import review_of
from rejection_therapy.tui.side import mini_journey

if TYPE_CHECKING:
    from rejection_therapy.core.models import Run
    from rejection_therapy.tui.state import Loaded


def finished_run(loaded: Loaded) -> Run | None:
    """The run to look back on: the current one once its last day is done (or past), else
    the latest run already over."""
    ledger = loaded.ledger
    progress = ledger.current
    if progress is not None and (
        progress.complete
        or (ledger.today == progress.run.last_date and bool(ledger.entries_on(ledger.today)))
    ):
        return progress.run
    over = [run for run in ledger.runs if run.last_date < ledger.today]
    return over[-1] if over else None


class LookBackScreen(ModalScreen[None]):
    """A finished run on one card; any of escape, enter or q closes it."""

    BINDINGS = [Binding("escape,enter,q,l", "close", "Close")]

    def __init__(self, loaded: Loaded, run: Run) -> None:
        super().__init__()
        self.loaded = loaded
        self.run = run

    def compose(self) -> ComposeResult:
        from rejection_therapy.tui.screens.journey import look_back, totals

        ledger = self.loaded.ledger
        state = self.loaded.view.snapshot.state
        review = review_of(ledger, self.run, state.followups, state.intention_for(self.run.id))
        with VerticalScroll(classes="dialog lookback") as card:
            card.border_title = f"Run {self.run.number} · {self.run.length} days · done"
            yield Static(totals(ledger, self.run), classes="lookback-counts")
            with Horizontal(classes="lookback-row"):
                yield Static(mini_journey(ledger, self.run), classes="lookback-grid")
                yield Static(look_back(review), classes="lookback-text")
            yield Static(Content.styled("enter closes", "$text-muted"), classes="hint-end")

    def action_close(self) -> None:
        self.dismiss(None)
