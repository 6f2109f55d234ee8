"""History: every entry in a table; filter by outcome; open one to edit or delete it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from rejection_therapy.core.days import day_number
from rejection_therapy.core.models import Entry
from rejection_therapy.relative import relative_instant
from rejection_therapy.tui.dialogs import ConfirmDialog, EntryChange, EntryDialog, FollowUpDialog
from rejection_therapy.tui.screens.base import DataScreen
from rejection_therapy.tui.state import Loaded
from rejection_therapy.tui.widgets import DayHeader, app_footer, literal, outcome_part

FILTERS = (None, "no", "why", "yes")


class HistoryScreen(DataScreen):
    """Every entry, newest first."""

    BINDINGS = [
        Binding("f", "cycle_filter", "Filter"),
        Binding("enter", "open_entry", "Edit/delete", priority=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_index = 0
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield DayHeader(id="day-header")
        yield Static(id="history-title")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-detail")
        yield app_footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        super().on_mount()

    def on_resize(self) -> None:
        if self.rt_app.loaded is not None:
            self.show(self.rt_app.loaded)

    def _columns(self, table: DataTable[object]) -> None:
        """Fixed columns for the facts; the ask and the note share what width is left."""
        fixed = 10 + 4 + 7 + 4
        spare = max(20, self.size.width - fixed - 2 * 6 - 2)
        ask_width = spare * 3 // 5
        table.clear(columns=True)
        table.add_column("Date", key="date", width=10)
        table.add_column("Day", key="day", width=4)
        table.add_column("Outcome", key="outcome", width=7)
        table.add_column("XP", key="xp", width=4)
        table.add_column("Ask", key="ask", width=ask_width)
        table.add_column("Note", key="note", width=spare - ask_width)

    def show(self, loaded: Loaded) -> None:
        ledger = loaded.ledger
        wanted = FILTERS[self.filter_index]
        runs = {run.id: run for run in ledger.runs}
        self.entries = [
            e for e in reversed(ledger.entries) if wanted is None or e.outcome.value == wanted
        ]
        table = self.query_one(DataTable)
        keep = table.cursor_row
        self._columns(table)
        for entry in self.entries:
            run = runs.get(entry.run_id)
            table.add_row(
                entry.date.isoformat(),
                str(day_number(run.start, entry.date)) if run else "",
                Content.assemble(outcome_part(entry.outcome.value)),
                str(ledger.xp_by_entry.get(entry.id, 0)),
                Content(literal(entry.ask_text)),
                Content(
                    literal(
                        " · ".join(t for t in (entry.note, entry.learned, entry.next_time) if t)
                    )
                ),
                key=entry.id,
            )
        if self.entries:
            table.move_cursor(row=min(keep, len(self.entries) - 1))
        label = "all outcomes" if wanted is None else f"only {wanted}"
        self.query_one("#history-title", Static).update(
            Content.assemble(
                ("History", "bold"),
                (
                    f" · {len(self.entries)} entr{'y' if len(self.entries) == 1 else 'ies'}"
                    f" · {label}",
                    "$text-muted",
                ),
                ("   f filter · Enter edit/delete", "$text-muted"),
            )
        )

    def action_cycle_filter(self) -> None:
        self.filter_index = (self.filter_index + 1) % len(FILTERS)
        if self.rt_app.loaded is not None:
            self.show(self.rt_app.loaded)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted entry in full under the table: the row cuts the ask short."""
        event.stop()
        loaded = self.rt_app.loaded
        detail = self.query_one("#history-detail", Static)
        if loaded is None or not 0 <= event.cursor_row < len(self.entries):
            detail.update("")
            return
        entry = self.entries[event.cursor_row]
        when = relative_instant(entry.created_at, loaded.view.snapshot.now)
        parts: list[str | tuple[str, str]] = [
            outcome_part(entry.outcome.value),
            (f" logged {when} ", "$text-muted"),
            literal(entry.ask_text),
        ]
        for label, text in (
            ("note", entry.note),
            ("learned", entry.learned),
            ("next", entry.next_time),
        ):
            if text:
                parts += [(f"\n{label}: ", "bold"), literal(text)]
        detail.update(Content.assemble(*parts))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_entry()

    def action_open_entry(self) -> None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row >= len(self.entries):
            return
        entry = self.entries[table.cursor_row]
        self.app.push_screen(EntryDialog(entry), lambda change: self._apply(entry, change))

    def _apply(self, entry: Entry, change: EntryChange | None) -> None:
        if change is None:
            return
        service = self.rt_app.service
        if change.followup:

            def add(answer: tuple[str, str] | None) -> None:
                if answer:
                    self.rt_app.run_action_in_thread(
                        lambda: service.add_followup(entry.id, answer[0], answer[1]),
                        lambda f: self.notify(f"Follow-up due {f.due.isoformat()}."),
                    )

            self.app.push_screen(FollowUpDialog(), add)
            return
        if change.delete:

            def confirmed(sure: bool | None) -> None:
                if sure:
                    self.rt_app.run_action_in_thread(
                        lambda: service.delete(entry.id), lambda _r: self.notify("Entry deleted.")
                    )

            self.app.push_screen(
                ConfirmDialog(f"Delete this entry of {entry.date.isoformat()}?"), confirmed
            )
            return
        reflection = change.reflection
        if reflection is not None:
            self.rt_app.run_action_in_thread(
                lambda: service.reflect(
                    entry.id,
                    reflection.note,
                    reflection.learned,
                    reflection.next_time,
                    reflection.fear_before,
                    reflection.fear_after,
                    outcome=change.outcome,
                ),
                lambda _e: self.notify("Entry updated."),
            )
        elif change.outcome is not None:
            self.rt_app.run_action_in_thread(
                lambda: service.edit(entry.id, change.outcome, None),
                lambda _e: self.notify("Entry updated."),
            )
