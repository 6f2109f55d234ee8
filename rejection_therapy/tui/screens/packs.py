"""Packs: which packs feed the daily ask; enable, disable, add, remove, look inside."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from rejection_therapy.service.packs import PackInfo, validate_files
from rejection_therapy.tui.dialogs import ConfirmDialog, PathDialog
from rejection_therapy.tui.marks import pips
from rejection_therapy.tui.screens.base import DataScreen
from rejection_therapy.tui.state import Loaded
from rejection_therapy.tui.widgets import DayHeader, app_footer, hanging, literal


class PacksScreen(DataScreen):
    """The installed packs and what is in them."""

    BINDINGS = [
        Binding("space", "toggle_pack", "On/off", key_display="␣"),
        Binding("a", "add", "Add"),
        Binding("r", "remove", "Remove"),
        Binding("v", "validate", "Validate", show=False),  # named in the title line
    ]

    def __init__(self) -> None:
        super().__init__()
        self.infos: list[PackInfo] = []

    def compose(self) -> ComposeResult:
        yield DayHeader(id="day-header")
        yield Static(id="packs-title")
        yield DataTable(id="packs-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="pack-detail"):
            yield Static(id="pack-asks")
            yield Static(id="pack-ask-list")
        yield app_footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("On", key="on", width=3)
        table.add_column("Pack", key="id", width=14)
        table.add_column("Title", key="title", width=26)
        table.add_column("Asks", key="asks", width=5)
        table.add_column("Source", key="source", width=9)
        table.focus()
        super().on_mount()

    def show(self, loaded: Loaded) -> None:
        self.rt_app.run_action_in_thread(self.rt_app.service.list_packs, self._fill, reload=False)

    def _fill(self, infos: list[PackInfo]) -> None:
        self.infos = infos
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for info in infos:
            source = info.loaded.source + ("*" if info.shadows_builtin else "")
            table.add_row(
                "●" if info.enabled else "○",
                Content(literal(info.id)),
                Content(literal(info.pack.title)),
                str(len(info.pack.challenges)),
                source,
                key=info.id,
            )
        if infos:
            table.move_cursor(row=min(keep, len(infos) - 1))
        enabled = sum(1 for info in infos if info.enabled)
        self.query_one("#packs-title", Static).update(
            Content.assemble(
                ("Packs", "bold"),
                (f" · {enabled} of {len(infos)} on", "$text-muted"),
                ("   space on/off · a add · r remove · v validate", "$text-muted"),
            )
        )
        self._show_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _current(self) -> PackInfo | None:
        table = self.query_one(DataTable)
        if not self.infos or table.cursor_row >= len(self.infos):
            return None
        return self.infos[table.cursor_row]

    def _show_detail(self) -> None:
        info = self._current()
        detail = self.query_one("#pack-asks", Static)
        if info is None:
            detail.update("")
            self.query_one("#pack-ask-list", Static).update("")
            return
        pack = info.pack
        lines = [
            Content.assemble(
                (literal(pack.title), "bold"),
                (
                    f"  v{literal(pack.version)} by {literal(pack.author)} · {literal(pack.language)}",
                    "$text-muted",
                ),
            ),
            Content(literal(pack.description)),
        ]
        if info.shadows_builtin:
            lines.append(
                Content.styled("This pack replaces the built-in pack with the same id.", "$warning")
            )
        detail.update(Content("\n").join(lines))
        warning = self.app.theme_variables.get("warning", "yellow")
        rows = [(pips(c.difficulty), c.ask) for c in pack.challenges]
        self.query_one("#pack-ask-list", Static).update(hanging(rows, warning))

    def action_toggle_pack(self) -> None:
        info = self._current()
        if info is None:
            return
        service = self.rt_app.service
        change = service.disable_pack if info.enabled else service.enable_pack
        word = "disabled" if info.enabled else "enabled"
        self.rt_app.run_action_in_thread(
            lambda: change(info.id),
            lambda _r: self.notify(f"{info.id} {word}; from the next new day on."),
        )

    def action_add(self) -> None:
        def add(path: str | None) -> None:
            if not path:
                return
            service = self.rt_app.service
            self.rt_app.run_action_in_thread(
                lambda: service.add_pack(Path(path).expanduser()),
                lambda loaded: self.notify(
                    f"Added {loaded.id} ({len(loaded.pack.challenges)} asks), enabled."
                ),
            )

        self.app.push_screen(
            PathDialog("Add a pack file (it is validated, copied and enabled)"), add
        )

    def action_validate(self) -> None:
        def validate(path: str | None) -> None:
            if not path:
                return
            result = validate_files([Path(path).expanduser()])[0]
            if result.pack is not None:
                self.notify(
                    f"Valid: {len(result.pack.challenges)} asks in pack {result.pack.pack}."
                )
                return
            shown = "\n".join(literal(str(p)) for p in result.problems[:8])
            more = f"\n…and {len(result.problems) - 8} more" if len(result.problems) > 8 else ""
            self.notify(shown + more, title="Not a valid pack", severity="error", timeout=20)

        self.app.push_screen(PathDialog("Validate a pack file"), validate)

    def action_remove(self) -> None:
        info = self._current()
        if info is None:
            return
        if info.loaded.source == "built-in":
            self.notify(
                "Built-in packs cannot be removed; press space to disable it.", severity="warning"
            )
            return
        service = self.rt_app.service

        def confirmed(sure: bool | None) -> None:
            if sure:
                self.rt_app.run_action_in_thread(
                    lambda: service.remove_pack(info.id),
                    lambda _p: self.notify(f"Removed {info.id}."),
                )

        self.app.push_screen(ConfirmDialog(f"Remove the pack {info.id}?", "Remove"), confirmed)
