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
            yield Static(id="earned")
            yield Static(id="locked")
        yield app_footer()

    def show(self, loaded: Loaded) -> None:
        ledger = loaded.ledger
        self.query_one(DayHeader).show(loaded.today)
        earned = {badge.badge_id: badge for badge in loaded.view.snapshot.state.badges}
        progress = ledger.badge_progress()
        earned_lines: list[Content] = [
            Content.styled(f"Earned · {len(earned)} of {len(progress)}", "bold")
        ]
        locked_lines: list[Content] = [Content.styled("Next up", "bold")]
        for item in progress:
            rule = item.rule
            badge = earned.get(rule.id)
            if badge is not None:
                earned_lines.append(
                    Content.assemble(
                        f" {rule.icon} ",
                        (f"{rule.name:<18}", "bold $warning"),
                        f"{rule.description} ",
                        (badge.date.strftime("%d %b %Y"), "$text-muted"),
                    )
                )
            else:
                value = min(item.value, rule.goal)
                locked_lines.append(
                    Content.assemble(
                        (f" {bar(item.fraction, 10)} ", "$success"),
                        (f"{value:>3}/{rule.goal:<3} ", "$text-muted"),
                        (f"{rule.name:<18}", "bold"),
                        rule.description,
                    )
                )
        if len(earned_lines) == 1:
            earned_lines.append(
                Content.styled(
                    " None yet: log your first ask to open the collection.", "$text-muted"
                )
            )
        self.query_one("#earned", Static).update(Content("\n").join(earned_lines))
        self.query_one("#locked", Static).update(Content("\n").join(locked_lines))
