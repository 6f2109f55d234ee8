"""Events (a rejection, an interview, an offer) and the asks offered because of them.

`e` on Today notes an event on a day the person types; `f` logs one of the offered asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from rejection_therapy.core.models import Outcome
from rejection_therapy.core.situation import AFTERS
from rejection_therapy.core.when import DayError, parse_day
from rejection_therapy.tui.widgets import (
    AFTER_NAMES,
    FOCUS_KEYS,
    Choice,
    literal,
    offer_line,
    offered_after,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from rejection_therapy.core.models import Event
    from rejection_therapy.service.entries import LogResult
    from rejection_therapy.shapes import OfferView
    from rejection_therapy.tui.app import RejectionTherapyApp

OFFER_KEYS = {"n": Outcome.NO, "y": Outcome.YES, "w": Outcome.WHY, "l": Outcome.PENDING}


@dataclass(frozen=True)
class EventNote:
    """What the event dialog collects: the kind, the day as typed and the day it names."""

    kind: str
    typed: str
    on: date


class EventDialog(ModalScreen[EventNote | None]):
    """The kind of event and its day in words ("today", "friday", "2 days ago")."""

    AUTO_FOCUS = "#kind"
    BINDINGS = [
        Binding("enter", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
        *FOCUS_KEYS,
    ]

    def __init__(
        self, today: date, kind: str = "interview", typed: str = "today", error: str = ""
    ) -> None:
        super().__init__()
        self.today = today
        self.kind = kind
        self.typed = typed
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Note an event", classes="dialog-title")
            yield Static(
                "Asks that follow it are offered beside your daily ask for a week.",
                classes="hint",
            )
            yield Choice("What happened", [(k, k) for k in AFTERS], self.kind, id="kind")
            with Horizontal(classes="when"):
                yield Label("  When          ")
                yield Input(
                    self.typed,
                    placeholder="today, friday, 2 days ago, 2026-03-06",
                    max_length=40,
                    id="day",
                    compact=True,
                )
            yield Static(id="day-shown")
            yield Static("←→ choose · ↑↓ move · Enter saves · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        if self.error:
            self._say_error(self.error)
        else:
            self._preview(self.typed)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.error and event.value == self.typed:
            return  # the refused day is still there: keep saying why
        self.error = ""
        self._preview(event.value)

    def _preview(self, typed: str) -> None:
        """The day the text names, as the person types (errors wait for Enter)."""
        try:
            shown = Content.styled(
                f"{'':16}{parse_day(typed, self.today).strftime('%A %d %B %Y')}", "$text-muted"
            )
        except DayError:
            shown = Content("")
        self.query_one("#day-shown", Static).update(shown)

    def _say_error(self, message: str) -> None:
        self.query_one("#day-shown", Static).update(Content.styled(literal(message), "$error"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one("#day", Input).value
        try:
            on = parse_day(typed, self.today)
        except DayError as error:
            self._say_error(str(error))
            return
        self.dismiss(EventNote(str(self.query_one("#kind", Choice).value), typed, on))

    def action_cancel(self) -> None:
        self.dismiss(None)


def note_event(app: RejectionTherapyApp, start: EventNote | None = None, error: str = "") -> None:
    """Open the event dialog and save the event; a date the service refuses reopens it."""
    loaded = app.loaded
    if loaded is None:
        return
    service = app.service

    def save(note: EventNote | None) -> None:
        if note is None:
            return

        def refused(problem: Exception) -> None:
            note_event(app, note, str(problem))

        app.run_action_in_thread(
            lambda: service.log_event(note.kind, note.on), _noted, on_error=refused
        )

    def _noted(result: tuple[Event, list[OfferView]]) -> None:
        event, offers = result
        said = f"Noted: {AFTER_NAMES.get(event.kind, event.kind)} on {event.date.isoformat()}."
        if offers:
            said += f"\n{len(offers)} asks follow it, offered beside your daily ask: f logs one."
        else:
            said += "\nNo ask in your packs follows it for your situation (o shows your answers)."
        app.notify(said, title="Event")

    dialog = (
        EventDialog(loaded.date, start.kind, start.typed, error)
        if start is not None
        else EventDialog(loaded.date)
    )
    app.push_screen(dialog, save)


@dataclass(frozen=True)
class OfferPick:
    key: str
    outcome: Outcome


class OfferDialog(ModalScreen[OfferPick | None]):
    """Pick an offered ask and log it with the outcome's key, as on Today."""

    AUTO_FOCUS = "#offer-list"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(key, f"pick('{key}')", outcome.value) for key, outcome in OFFER_KEYS.items()),
        *(Binding(str(n), f"highlight({n - 1})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, offers: list[OfferView]) -> None:
        super().__init__()
        self.offers = offers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"Log an ask offered after {offered_after(self.offers)}", classes="dialog-title"
            )
            yield OptionList(
                *(Option(offer_line(n, offer)) for n, offer in enumerate(self.offers, 1)),
                id="offer-list",
                compact=True,
            )
            yield Static(id="offer-tip", classes="ask-text")
            count = len(self.offers)
            numbers = f" or 1-{min(count, 9)}" if count > 1 else ""
            yield Static(
                f"↑↓{numbers} choose · n no · y yes · w why · l later · Esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        offer = self.offers[event.option_index]
        tip = offer["tip"] or offer["why_prompt"]
        self.query_one("#offer-tip", Static).update(
            Content.assemble(("Tip: ", "bold $text-muted"), (literal(tip), "$text-muted"))
            if tip
            else Content("")
        )

    def action_highlight(self, index: int) -> None:
        if index < len(self.offers):
            self.query_one(OptionList).highlighted = index

    def action_pick(self, key: str) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(OfferPick(self.offers[index]["key"], OFFER_KEYS[key]))

    def action_cancel(self) -> None:
        self.dismiss(None)


def log_offer(app: RejectionTherapyApp, after_log: Callable[[LogResult], None]) -> None:
    """Choose an offered ask and its outcome, then log it as the outcome keys log the daily ask."""
    loaded = app.loaded
    offers = loaded.today["offers"] if loaded else []
    if not offers:
        app.notify(
            "No ask is offered today. Had an interview, a rejection or an offer? e notes it.",
            severity="warning",
        )
        return
    service = app.service

    def log(pick: OfferPick | None) -> None:
        if pick is not None:
            app.run_action_in_thread(lambda: service.log(pick.outcome, offer=pick.key), after_log)

    app.push_screen(OfferDialog(offers), log)
