"""Badges: earned ones with their dates, locked ones with a progress bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from rejection_therapy.tui.screens.base import DataScreen
from rejection_therapy.tui.state import Loaded
from rejection_therapy.tui.widgets import DayHeader, app_footer, bar


class BadgesScreen(DataScreen):
    """What the person has earned and what is next."""

    def compose(self) -> ComposeResult:
        yield DayHeader(id="day-header")
        with VerticalScroll(id="badges-body"):
            yield Static(id="earned-title")
            yield Static(id="earned")
            yield Static(Content.styled("Next up", "bold"), id="locked-title")
            yield Static(id="locked")
        yield app_footer()

    def show(self, loaded: Loaded) -> None:
        """Two tables whose columns keep their text: a wrapped description stays in its
        column, and the date earned has a column of its own."""
        from rich.table import Table
        from rich.text import Text

        colours = self.app.theme_variables
        warning, muted = colours.get("warning", "yellow"), colours.get("text-muted", "grey50")
        success = colours.get("success", "green")
        ledger = loaded.ledger
        earned = {badge.badge_id: badge for badge in loaded.view.snapshot.state.badges}
        progress = ledger.badge_progress()
        earned_table = Table.grid(padding=(0, 1))
        earned_table.add_column(no_wrap=True)  # icon
        earned_table.add_column(no_wrap=True)  # name
        earned_table.add_column(ratio=1)  # description
        earned_table.add_column(no_wrap=True, justify="right")  # date
        locked_table = Table.grid(padding=(0, 1))
        locked_table.add_column(no_wrap=True)  # bar
        locked_table.add_column(no_wrap=True, justify="right")  # value/goal
        locked_table.add_column(no_wrap=True)  # name
        locked_table.add_column(ratio=1)  # description
        for item in progress:
            rule = item.rule
            badge = earned.get(rule.id)
            if badge is not None:
                earned_table.add_row(
                    rule.icon,
                    Text(rule.name, style=f"bold {warning}"),
                    rule.description,
                    Text(badge.date.strftime("%d %b %Y"), style=muted),
                )
            else:
                value = min(item.value, rule.goal)
                locked_table.add_row(
                    Text(bar(item.fraction, 10), style=success),
                    Text(f"{value}/{rule.goal}", style=muted),
                    Text(rule.name, style="bold"),
                    rule.description,
                )
        title = Content.styled(f"Earned · {len(earned)} of {len(progress)}", "bold")
        self.query_one("#earned-title", Static).update(title)
        self.query_one("#earned", Static).update(
            earned_table
            if earned
            else Content.styled(
                "None yet: log your first ask to open the collection.", "$text-muted"
            )
        )
        self.query_one("#locked", Static).update(locked_table)
