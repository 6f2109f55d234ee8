"""Today: the day header, the ask card, one key per outcome, and today's entries."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from rejection_therapy.core.outcomes import ASK_BIGGER
from rejection_therapy.relative import relative_day
from rejection_therapy.tui.logged import Logged
from rejection_therapy.tui.marks import pips
from rejection_therapy.tui.screens.base import DataScreen
from rejection_therapy.tui.widgets import (
    DayHeader,
    app_footer,
    entry_line,
    literal,
    offers_block,
)

# Today paints at start-up before the records and the service are imported; what its keys
# need is imported when they are pressed (by then the history is loaded).
REDO_SECONDS = 5
"""How long ctrl+r can bring back an entry `u` took."""

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.timer import Timer

    from rejection_therapy.core.models import Entry
    from rejection_therapy.service.entries import LogResult, RemovedEntry
    from rejection_therapy.shapes import DayView, TodayAnswer
    from rejection_therapy.tui.dialogs import OwnAsk, Reflection
    from rejection_therapy.tui.state import Loaded


class TodayScreen(DataScreen):
    """The screen a person opens every morning."""

    painted: TodayAnswer | None = None
    """The day as last drawn: what a key acts on (the swap is refused from it)."""
    redoable: RemovedEntry | None = None
    """The entry `u` just took back, while ctrl+r can still bring it back."""
    _redo_timer: Timer | None = None

    BINDINGS = [
        Binding("p", "app.switch_mode('packs')", "Packs", show=False),
        # ids: keys a person can move (keymap.TODAY_ACTIONS, `config keymap log_no=KEY`)
        Binding("n", "log('no')", "No", id="log_no"),
        Binding("y", "log('yes')", "Yes", id="log_yes"),
        Binding("w", "log('why')", "Why", id="log_why"),
        Binding("s", "swap", "Swap", id="swap"),
        Binding("a", "own_ask", "Own", id="own_ask"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("ctrl+r", "redo", "Redo"),
        # Shown in the coach panel when they apply (the footer is full at 80 columns).
        Binding("l", "log('pending')", "Later", show=False),
        Binding("c", "checkin", "Check in", show=False),
        Binding("d", "followup_done", "Follow-up done", show=False),
        Binding("r", "resolve_stale", "No answer = no", show=False),
        Binding("i", "intention", "Intention", show=False),
        # Named under the ask (offers) and in the entries hint and the help screen.
        Binding("f", "offer", "Log an offered ask", show=False),
        Binding("e", "event", "Note an event", show=False),
        Binding("o", "situation", "Your situation", show=False),
    ]

    # Wider than 110 columns, a side panel; taller than 36 rows, the run's grid in it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]

    def compose(self) -> ComposeResult:
        from rejection_therapy.tui.side import SidePanel

        yield DayHeader(id="day-header")
        with Horizontal(id="today-body"):
            with Vertical(id="today-main"):
                with Vertical(id="ask-card"):
                    yield Static(id="ask-text")
                    yield Static(id="ask-tip")
                yield Static(id="offers")
                with VerticalScroll(id="entries"):
                    yield Static(id="entries-list")
                yield Static(id="nudge")
                yield Static(id="coach")
            yield SidePanel(id="today-side")
        yield app_footer()

    def on_mount(self) -> None:
        super().on_mount()
        quick = self.rt_app.quick
        if self.rt_app.loaded is None and quick is not None:
            self.paint(*quick)  # from the status record, while the history loads

    def show(self, loaded: Loaded) -> None:
        from rejection_therapy.tui.side import SidePanel

        self.paint(loaded.today, loaded.day)
        self.query_one(SidePanel).show(loaded)

    def paint(self, today: TodayAnswer, day: DayView) -> None:
        """Draw the day from its `today --json` shapes and the day's record."""
        self.painted = today
        self.query_one(DayHeader).show(today)
        card = self.query_one("#ask-card")
        ask = today["ask"]
        if today["complete"] and today["next_run_starts"]:
            card.border_title = "Run complete"
            self.query_one("#ask-text", Static).update(
                f"Run {day['next_run']} begins on {today['next_run_starts']}. Rest up; the ladder starts easy."
            )
            self.query_one("#ask-tip", Static).update("")
        elif today["complete"]:
            card.border_title = "Run complete"
            self.query_one("#ask-text", Static).update(
                Content.assemble(
                    (f"All {today['length']} days of run {today['run']} are behind you. ", "bold"),
                    "Look back on the Journey screen (j), then begin the next run there.",
                )
            )
            self.query_one("#ask-tip", Static).update("")
        elif ask is None:
            card.border_title = "Not started"
            self.query_one("#ask-text", Static).update(
                f"Your run begins on {day['run_start'] or 'soon'}."
            )
            self.query_one("#ask-tip", Static).update("")
        else:
            card.border_title = "Today's ask" + (" (swapped)" if today["swapped"] else "")
            card.border_subtitle = f"{pips(ask['difficulty'])} · {literal(ask['pack'])}"
            self.query_one("#ask-text", Static).update(Content(literal(ask["text"])))
            tip_parts: list[str | tuple[str, str]] = []
            if ask["tip"]:
                tip_parts += [("Tip: ", "bold $text-muted"), literal(ask["tip"])]
            if ask["why_prompt"]:
                tip_parts += [("\nIf it's a no: ", "bold $text-muted"), literal(ask["why_prompt"])]
            if ask["safety"]:
                tip_parts += [("\nSafety: ", "bold $warning"), literal(ask["safety"])]
            self.query_one("#ask-tip", Static).update(Content.assemble(*tip_parts))
        self._show_offers(today)
        self._show_entries(today)
        self._show_coach(today, day)

    def _show_offers(self, today: TodayAnswer) -> None:
        """Asks offered because of an event, numbered as `f` (and `log --offer N`) takes them."""
        box = self.query_one("#offers", Static)
        box.display = bool(today["offers"])
        if today["offers"]:
            box.update(offers_block(today["offers"]))

    def _show_coach(self, today: TodayAnswer, day: DayView) -> None:
        """The coaching lines: due follow-ups, check-in day, stale pending asks, why the asks
        run short, a move of the ladder, the intention and the gap (three at most)."""
        parts: list[Content] = []
        on = date.fromisoformat(today["date"])
        for followup in today["followups_due"][:2]:
            due = date.fromisoformat(followup["due"])
            parts.append(
                Content.assemble(
                    (f"Due {relative_day(due, on)}: ", "bold $warning"),
                    literal(followup["text"]),
                    ("  d done", "$text-muted"),
                )
            )
        if today["checkin_due"]:
            parts.append(
                Content.assemble(
                    ("Check-in day: ", "bold $accent"),
                    "what worked, what didn't, one gap",
                    ("  c", "$text-muted"),
                )
            )
        for entry in today["stale_pending"][:1]:
            parts.append(
                Content.assemble(
                    ("No answer yet: ", "bold"),
                    literal(entry["ask"])[:40],
                    ("  r counts it as a no", "$text-muted"),
                )
            )
        if day["pool_note"]:
            parts.append(Content.styled(literal(day["pool_note"]), "$warning"))
        if day["ladder_note"]:
            parts.append(Content.styled(literal(day["ladder_note"]), "$accent"))
        if day["intention_missing"] and today["day"] <= 3 and today["run"]:
            parts.append(
                Content.assemble(
                    ("Set an intention: ", "bold"),
                    "If I ___, then ___ will happen",
                    ("  i", "$text-muted"),
                )
            )
        if today["gap"]:
            parts.append(Content.assemble(("Gap this week: ", "bold"), literal(today["gap"])))
        self.query_one("#coach", Static).update(Content("\n").join(parts[:3]))

    def _show_entries(self, today: TodayAnswer) -> None:
        entries = today["entries"]
        entries_box = self.query_one("#entries")
        entries_box.border_title = f"Today's entries ({len(entries)})"
        in_run = today["day"] > 0 and not today["complete"]
        if not in_run and not entries:
            self.query_one("#entries-list", Static).update("")
        elif entries:
            lines = Content("\n").join(entry_line(e) for e in entries)
            self.query_one("#entries-list", Static).update(lines)
        else:
            key = self.rt_app.key_for
            hint = (
                f"Make the ask, then press {key('log_no')}, {key('log_yes')} or "
                f"{key('log_why')} (l if the answer comes later). Your own ask? {key('own_ask')}."
                "\nAn interview, a rejection or an offer? e notes it. Your situation: o."
            )
            self.query_one("#entries-list", Static).update(Content.styled(hint, "$text-muted"))
        outcomes = {e["outcome"] for e in entries}
        nudge = self.query_one("#nudge", Static)
        if outcomes == {"yes"}:
            nudge.update(Content.styled(ASK_BIGGER, "$warning"))
        elif today["at_risk"]:
            nudge.update(
                Content.styled(
                    f"Your {today['current']}-day streak is waiting on today's ask.", "$warning"
                )
            )
        else:
            nudge.update("")

    # -- actions --------------------------------------------------------------
    def _ready_for_a_change(self, again: Callable[[], None]) -> bool:
        """Whether a key that changes data can act now. Before the first reading arrives
        (Today is painted from the status record) the key waits for it and then acts; while
        the data cannot be read, or a change is still being saved, it is refused aloud."""
        app = self.rt_app
        if app.ready:
            return True
        if app.load_error is not None:
            self.notify("The data cannot be read, so nothing was changed.", severity="warning")
        elif app.loaded is None:
            app.when_loaded(again)
        else:
            self.notify("Still saving the last change; press it again in a moment.")
        return False

    def action_log(self, outcome: str) -> None:
        app = self.rt_app
        quick_now = app.quick is not None and not app.keys_waiting  # keys act in order
        if app.loaded is None and quick_now and app.load_error is None:
            if app.writes_in_flight:
                self.notify("Still saving the last change; press it again in a moment.")
                return
            # Before the history has loaded: the quick log saves it now (or hands it back).
            app.quick_log(outcome, self._after_quick_log, lambda: self._log_later(outcome))
            return
        if not self._ready_for_a_change(lambda: self.action_log(outcome)):
            return
        from rejection_therapy.core.models import Outcome

        service = app.service
        app.run_action_in_thread(lambda: service.log(Outcome(outcome)), self._after_log)

    def _log_later(self, outcome: str) -> None:
        """Not a log the quick path makes: the full service makes it once it has loaded."""
        if self.rt_app.load_error is not None:
            self.notify("The data cannot be read, so nothing was changed.", severity="warning")
        elif self.rt_app.loaded is None:
            self.rt_app.when_loaded(lambda: self.action_log(outcome))
        else:
            self.action_log(outcome)

    def _after_quick_log(self, logged: Logged) -> None:
        quick = self.rt_app.quick
        if self.rt_app.loaded is None and quick is not None:
            self.paint(*quick)
        self._after_log(logged)

    def _after_log(self, result: LogResult | Logged) -> None:
        from rejection_therapy.tui.dialogs import NoteDialog

        logged = result if isinstance(result, Logged) else Logged.of_result(result)
        title = f"{logged.outcome.upper()} saved (+{logged.xp} XP). Add a note?"

        def save(reflection: Reflection | None) -> None:
            if reflection is not None:
                self._save_reflection(logged.entry_id, reflection)
            self._reward(logged)

        self.app.push_screen(NoteDialog(title, outcome=logged.outcome), save)

    def _save_reflection(self, entry_id: str, reflection: Reflection) -> None:
        from rejection_therapy.tui.dialogs import NoteDialog

        service = self.rt_app.service

        def keep_typed_text(error: Exception) -> None:
            self.rt_app.show_error(error)
            self.app.push_screen(
                NoteDialog("The note was not saved; try again?", reflection),
                lambda retry: self._save_reflection(entry_id, retry) if retry else None,
            )

        self.rt_app.run_action_in_thread(
            lambda: service.reflect(
                entry_id,
                reflection.note,
                reflection.learned,
                reflection.next_time,
                reflection.fear_before,
                reflection.fear_after,
            ),
            on_error=keep_typed_text,
        )

    def _reward(self, logged: Logged) -> None:
        from rejection_therapy.tui.reward import JOURNEY, RewardPanel

        def then(choice: str | None) -> None:
            loaded = self.rt_app.loaded
            if choice == JOURNEY and loaded is not None:
                from rejection_therapy.tui.screens.lookback import LookBackScreen, finished_run

                run = finished_run(loaded)
                if run is not None:
                    self.app.push_screen(LookBackScreen(loaded, run))
                    return
            if choice == JOURNEY:
                self.app.switch_mode("journey")

        self.app.push_screen(RewardPanel(logged), then)

    def action_offer(self) -> None:
        if not self._ready_for_a_change(self.action_offer):
            return
        from rejection_therapy.tui.offers import log_offer

        log_offer(self.rt_app, self._after_log)

    def action_event(self) -> None:
        if not self._ready_for_a_change(self.action_event):
            return
        from rejection_therapy.tui.offers import note_event

        note_event(self.rt_app)

    def action_situation(self) -> None:
        if not self._ready_for_a_change(self.action_situation):
            return
        from rejection_therapy.tui.situation import ask_situation

        ask_situation(self.rt_app)

    def action_swap(self) -> None:
        if not self._ready_for_a_change(self.action_swap):
            return
        shown = self.painted
        if shown is not None and shown["swapped"]:
            self.notify(
                "Today's ask was already swapped (one swap a day): make it, "
                f"or press {self.rt_app.key_for('own_ask')} to log an ask of your own.",
                severity="warning",
            )
            return
        if shown is not None and shown["ask"] is None:
            self.notify("There is no ask to swap today.", severity="warning")
            return
        from rejection_therapy.tui.dialogs import ConfirmDialog

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            service = self.rt_app.service
            self.rt_app.run_action_in_thread(
                lambda: service.today(swap=True),
                lambda _view: self.notify("Swapped. That was today's one swap."),
            )

        self.app.push_screen(
            ConfirmDialog(
                "Swap today's ask for another? You get one swap a day.",
                "Swap",
                again=self.rt_app.key_name_for("swap"),
                destructive=False,
            ),
            confirmed,
        )

    def action_own_ask(self) -> None:
        if not self._ready_for_a_change(self.action_own_ask):
            return

        self._own_ask_dialog(None)

    def _own_ask_dialog(self, start: OwnAsk | None) -> None:
        from rejection_therapy.tui.dialogs import OwnAskDialog

        def log_own(own: OwnAsk | None) -> None:
            if own is None:
                return
            service = self.rt_app.service

            def keep_typed_text(error: Exception) -> None:
                self.rt_app.show_error(error)
                self._own_ask_dialog(own)

            self.rt_app.run_action_in_thread(
                lambda: service.log(own.outcome, ask_text=own.text, difficulty=own.difficulty),
                self._after_log,
                on_error=keep_typed_text,
            )

        self.app.push_screen(OwnAskDialog(start), log_own)

    def action_undo(self) -> None:
        if not self._ready_for_a_change(self.action_undo):
            return
        service = self.rt_app.service

        def undone(removed: RemovedEntry) -> None:
            entry, taken = removed.entry, removed.badges_removed
            extra = f" Badge taken back: {', '.join(b.name for b in taken)}." if taken else ""
            self.app.clear_notifications()  # the log's news is no longer true
            self.notify(
                f"Undone: {entry.outcome.value} · {literal(entry.ask_text)[:60]}.{extra}"
                f" ctrl+r brings it back ({REDO_SECONDS} s).",
                timeout=REDO_SECONDS,
            )
            self.redoable = removed
            if self._redo_timer is not None:
                self._redo_timer.stop()
            self._redo_timer = self.set_timer(REDO_SECONDS, self.forget_redo)
            self.refresh_bindings()

        self.rt_app.run_action_in_thread(service.undo, undone)

    def forget_redo(self) -> None:
        self.redoable = None
        self.refresh_bindings()

    def action_redo(self) -> None:
        removed = self.redoable
        if removed is None or not self._ready_for_a_change(self.action_redo):
            return
        self.forget_redo()
        service = self.rt_app.service

        def back(entry: Entry) -> None:
            self.app.clear_notifications()
            self.notify(f"Back: {entry.outcome.value} · {literal(entry.ask_text)[:60]}.")

        self.rt_app.run_action_in_thread(lambda: service.redo(removed), back)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "redo":
            return self.redoable is not None
        return super().check_action(action, parameters)

    def action_checkin(self) -> None:
        from rejection_therapy.tui.dialogs import CheckInDialog

        service = self.rt_app.service

        def save(answers: tuple[str, str, str] | None) -> None:
            if answers:
                self.rt_app.run_action_in_thread(
                    lambda: service.checkin(*answers),
                    lambda c: self.notify(f"Checked in. Next week's gap: {c.gap}"),
                )

        self.app.push_screen(CheckInDialog(), save)

    def action_followup_done(self) -> None:
        loaded = self.rt_app.loaded
        if loaded is None or not loaded.view.followups_due:
            self.notify("No follow-up is due today.", severity="warning")
            return
        followup = loaded.view.followups_due[0]
        self.rt_app.run_action_in_thread(
            lambda: self.rt_app.service.complete_followup(followup.id),
            lambda f: self.notify(f"Done: {f.text}. Following through is rare; you did it."),
        )

    def action_resolve_stale(self) -> None:
        from rejection_therapy.core.models import Outcome

        loaded = self.rt_app.loaded
        if loaded is None or not loaded.view.stale_pending:
            self.notify(
                "No pending ask has waited long enough to count as a no.", severity="warning"
            )
            return
        entry = loaded.view.stale_pending[0]
        self.rt_app.run_action_in_thread(
            lambda: self.rt_app.service.resolve(entry.id, Outcome.NO),
            lambda result: self.notify(
                result[1] or "Counted as a no.", title="No answer counts as a no"
            ),
        )
