"""Today: the day header, the ask card, one key per outcome, and today's entries."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from rejection_therapy.core.badges import BadgeRule
from rejection_therapy.core.models import Outcome
from rejection_therapy.service.entries import ASK_BIGGER, REFRAME, LogResult
from rejection_therapy.tui.dialogs import NoteDialog, OwnAsk, OwnAskDialog
from rejection_therapy.tui.marks import pips
from rejection_therapy.tui.screens.base import DataScreen
from rejection_therapy.tui.state import Loaded
from rejection_therapy.tui.widgets import DayHeader, app_footer, entry_line, literal


class TodayScreen(DataScreen):
    """The screen a person opens every morning."""

    BINDINGS = [
        Binding("p", "app.switch_mode('packs')", "Packs", show=False),
        Binding("n", "log('no')", "No"),
        Binding("y", "log('yes')", "Yes"),
        Binding("w", "log('why')", "Why"),
        Binding("s", "swap", "Swap"),
        Binding("a", "own_ask", "Own"),
        Binding("u", "undo", "Undo"),
    ]

    def compose(self) -> ComposeResult:
        yield DayHeader(id="day-header")
        with Vertical(id="ask-card"):
            yield Static(id="ask-text")
            yield Static(id="ask-tip")
        with VerticalScroll(id="entries"):
            yield Static(id="entries-list")
        yield Static(id="nudge")
        yield app_footer()

    def show(self, loaded: Loaded) -> None:
        view = loaded.view
        self.query_one(DayHeader).show(view.ledger)
        card = self.query_one("#ask-card")
        ask = view.ask
        progress = view.progress
        if progress is not None and progress.complete:
            card.border_title = "Run complete"
            self.query_one("#ask-text", Static).update(
                Content.assemble(
                    (
                        f"All {progress.length} days of run {progress.run.number} are behind you. ",
                        "bold",
                    ),
                    "Look back on the Journey screen (j), then begin the next run there.",
                )
            )
            self.query_one("#ask-tip", Static).update("")
        elif ask is None:
            card.border_title = "Not started"
            start = progress.run.start.isoformat() if progress else "soon"
            self.query_one("#ask-text", Static).update(f"Your run begins on {start}.")
            self.query_one("#ask-tip", Static).update("")
        else:
            card.border_title = "Today's ask" + (" (swapped)" if view.swapped else "")
            card.border_subtitle = f"{pips(ask.difficulty)} · {literal(ask.pack)}"
            self.query_one("#ask-text", Static).update(Content(literal(ask.text)))
            tip_parts: list[str | tuple[str, str]] = []
            if ask.tip:
                tip_parts += [("Tip: ", "bold $text-muted"), literal(ask.tip)]
            if ask.why_prompt:
                tip_parts += [("\nIf it's a no: ", "bold $text-muted"), literal(ask.why_prompt)]
            self.query_one("#ask-tip", Static).update(Content.assemble(*tip_parts))
        self._show_entries(loaded)

    def _show_entries(self, loaded: Loaded) -> None:
        view = loaded.view
        entries_box = self.query_one("#entries")
        entries_box.border_title = f"Today's entries ({len(view.entries)})"
        if view.entries:
            lines = Content("\n").join(entry_line(e, view.ledger) for e in view.entries)
            self.query_one("#entries-list", Static).update(lines)
        else:
            hint = "Make the ask, then press n, y or w. Made one of your own? Press a."
            self.query_one("#entries-list", Static).update(Content.styled(hint, "$text-muted"))
        outcomes = {e.outcome for e in view.entries}
        nudge = self.query_one("#nudge", Static)
        if outcomes == {Outcome.YES}:
            nudge.update(Content.styled(ASK_BIGGER, "$warning"))
        elif view.ledger.streak.at_risk:
            nudge.update(
                Content.styled(
                    f"Your {view.ledger.streak.current}-day streak is waiting on today's ask.",
                    "$warning",
                )
            )
        else:
            nudge.update("")

    # -- actions --------------------------------------------------------------
    def action_log(self, outcome: str) -> None:
        service = self.rt_app.service
        self.rt_app.run_action_in_thread(lambda: service.log(Outcome(outcome)), self._after_log)

    def _after_log(self, result: LogResult) -> None:
        entry = result.entry
        title = f"{entry.outcome.value.upper()} saved (+{result.xp} XP). Add a note?"

        def save_note(note: str | None) -> None:
            if note:
                self._save_note(entry.id, note)
            self._reward(result)

        self.app.push_screen(NoteDialog(title), save_note)

    def _save_note(self, entry_id: str, note: str) -> None:
        service = self.rt_app.service

        def keep_typed_text(error: Exception) -> None:
            self.rt_app.show_error(error)
            self.app.push_screen(
                NoteDialog("The note was not saved; try again?", note),
                lambda retry: self._save_note(entry_id, retry) if retry else None,
            )

        self.rt_app.run_action_in_thread(
            lambda: service.edit(entry_id, None, note), on_error=keep_typed_text
        )

    def _reward(self, result: LogResult) -> None:
        lines = [f"+{result.xp} XP · level {result.ledger.level.level}"]
        if result.entry.outcome is Outcome.NO:
            lines.append(REFRAME)
        if result.only_yes_today:
            lines.append(ASK_BIGGER)
        self.notify("\n".join(lines), title="Logged")
        for badge in result.badges_earned:
            self._announce(badge)

    def _announce(self, badge: BadgeRule) -> None:
        self.notify(
            f"{badge.icon} {badge.name}: {badge.description}", title="Badge earned", timeout=8
        )

    def action_swap(self) -> None:
        service = self.rt_app.service
        self.rt_app.run_action_in_thread(
            lambda: service.today(swap=True), lambda _view: self.notify("Swapped. One swap a day.")
        )

    def action_own_ask(self) -> None:
        def log_own(own: OwnAsk | None) -> None:
            if own is None:
                return
            service = self.rt_app.service
            self.rt_app.run_action_in_thread(
                lambda: service.log(own.outcome, ask_text=own.text, difficulty=own.difficulty),
                self._after_log,
            )

        self.app.push_screen(OwnAskDialog(), log_own)

    def action_undo(self) -> None:
        service = self.rt_app.service

        def undone(removed: object) -> None:
            entry = removed.entry  # type: ignore[attr-defined]
            taken = removed.badges_removed  # type: ignore[attr-defined]
            extra = f" Badge taken back: {', '.join(b.name for b in taken)}." if taken else ""
            self.notify(f"Undone: {entry.outcome.value} · {literal(entry.ask_text)[:60]}.{extra}")

        self.rt_app.run_action_in_thread(service.undo, undone)
