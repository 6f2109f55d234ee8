"""Share: a live preview of the text card, and keys that save each format as a dated file."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from rejection_therapy.fastpath.progress import rendered
from rejection_therapy.service.errors import TargetExists
from rejection_therapy.tui.dialogs import ConfirmDialog, TextDialog
from rejection_therapy.tui.screens.base import DataScreen
from rejection_therapy.tui.state import Loaded
from rejection_therapy.tui.widgets import DayHeader, app_footer

SAVE_KEYS = {"1": "txt", "2": "md", "3": "svg", "4": "html", "5": "json"}


class ShareScreen(DataScreen):
    """What a post would show; private by default (no notes, no ask texts)."""

    BINDINGS = [
        # Named in the title line; the footer has no room for five more keys.
        *(Binding(key, f"save('{fmt}')", fmt, show=False) for key, fmt in SAVE_KEYS.items()),
        Binding("o", "folder", "Folder"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path.cwd()

    def compose(self) -> ComposeResult:
        yield DayHeader(id="day-header")
        yield Static(id="share-title")
        with VerticalScroll(id="share-body"):
            yield Static(id="share-preview")
        yield Static(id="share-saved")
        yield app_footer()

    def show(self, loaded: Loaded) -> None:
        self.rt_app.run_action_in_thread(self.rt_app.service.snapshot, self._preview, reload=False)

    def _preview(self, snapshot: dict[str, object]) -> None:
        self.query_one("#share-preview", Static).update(Content(rendered(snapshot, "txt", False)))
        self.query_one("#share-title", Static).update(
            Content.assemble(
                ("Share", "bold"),
                (
                    " · private: no notes or ask texts · save: 1 txt 2 md 3 svg 4 html 5 json",
                    "$text-muted",
                ),
            )
        )
        self._show_folder()

    def _show_folder(self, saved: Path | None = None) -> None:
        where = "the current folder" if self.folder == Path.cwd() else str(self.folder)
        text = f"Saved {saved}" if saved else f"Files go to {where} (o changes it)"
        self.query_one("#share-saved", Static).update(
            Content.styled(text, "$success" if saved else "$text-muted")
        )

    def action_save(self, fmt: str, replace: bool = False) -> None:
        service = self.rt_app.service

        def save() -> Path:
            return service.save_snapshot(service.snapshot(), fmt, self.folder, replace=replace)

        def saved(path: Path) -> None:
            self._show_folder(path)
            self.notify(f"Saved {path}")

        def refused(error: Exception) -> None:
            if not isinstance(error, TargetExists):
                self.rt_app.show_error(error)
                return
            name = str(error).split(" exists;")[0]

            def answered(replace_it: bool | None) -> None:
                if replace_it:
                    self.action_save(fmt, replace=True)

            self.app.push_screen(ConfirmDialog(f"{name} exists. Replace it?", "Replace"), answered)

        self.rt_app.run_action_in_thread(save, saved, refused, reload=False)

    def action_folder(self) -> None:
        def chosen(text: str | None) -> None:
            if not text:
                return
            folder = Path(text).expanduser()
            if not folder.is_dir():
                self.notify(f"{folder} is not a folder.", severity="error")
                return
            self.folder = folder
            self._show_folder()

        self.app.push_screen(
            TextDialog("Save snapshots in which folder?", str(self.folder), str(self.folder)),
            chosen,
        )
