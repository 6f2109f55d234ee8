"""A screen that redraws itself whenever the app loads a new reading of the home."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from rejection_therapy.tui.app import RejectionTherapyApp
    from rejection_therapy.tui.state import Loaded


class DataScreen(Screen[Any]):
    """Calls `show` with every new reading (and once on mount, if one is ready)."""

    # Today's footer is full at 80 columns; the other screens show the Packs key.
    BINDINGS = [Binding("p", "app.switch_mode('packs')", "Packs", id="packs")]

    @property
    def rt_app(self) -> RejectionTherapyApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.watch(self.app, "loaded", self._loaded_changed, init=True)

    def _loaded_changed(self, loaded: Loaded | None) -> None:
        if loaded is not None:
            from rejection_therapy.tui.widgets import DayHeader

            for header in self.query(DayHeader):  # the same streak and XP on every screen
                header.show(loaded.today)
            self.show(loaded)

    def show(self, loaded: Loaded) -> None:
        raise NotImplementedError

    def action_intention(self) -> None:
        """Write or change the run's "If I do ___, then ___ will happen" (Today and Journey)."""
        from rejection_therapy.tui.dialogs import TextDialog

        loaded = self.rt_app.loaded
        run = loaded.ledger.current_run if loaded else None
        current = loaded.view.snapshot.state.intention_for(run.id) if loaded and run else None
        service = self.rt_app.service

        def save(text: str | None) -> None:
            if text:
                self.rt_app.run_action_in_thread(
                    lambda: service.set_intention(text), lambda _i: self.notify("Intention set.")
                )

        hint = "If I ask every day, then asking gets easier"
        title = "If I do ___, then ___ will happen"
        self.app.push_screen(TextDialog(title, hint, current.text if current else ""), save)
