"""Journey: the whole run as a grid of days, a legend, totals, and a look back at the end."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import Run
from rejection_therapy.core.review import Review, review_of
from rejection_therapy.marks import DAYS, OUTCOMES
from rejection_therapy.tui.marks import LOOKS, OUTCOME_STYLES
from rejection_therapy.tui.screens.base import DataScreen
from rejection_therapy.tui.state import Loaded
from rejection_therapy.tui.widgets import DayHeader, app_footer, day_named, entry_line, literal
from rejection_therapy.views import entry_json

ROW = 10
CELL_WIDTH = 7  # "DDD S " plus the gap between cells


class JourneyGrid(Widget, can_focus=True):
    """Days in rows of ten; arrows move over them, each cell carries a symbol and a colour."""

    BINDINGS = [
        Binding("left", "move(-1)", "Prev day", show=False),
        Binding("right", "move(1)", "Next day", show=False),
        Binding("up", "move(-10)", "Up", show=False),
        Binding("down", "move(10)", "Down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Today", show=False),
    ]

    cursor = reactive(0)

    class Moved(Message):
        """The highlighted day changed."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.marks: list[tuple[int, date, str]] = []

    def set_marks(self, marks: list[tuple[int, date, str]], today: date) -> None:
        first_time = not self.marks
        self.marks = marks
        if first_time:
            today_index = next(
                (i for i, (_, on, _) in enumerate(marks) if on >= today), len(marks) - 1
            )
            self.cursor = max(0, today_index)
        self.cursor = min(self.cursor, max(0, len(marks) - 1))
        self.styles.height = (len(marks) + ROW - 1) // ROW
        self.refresh()
        self.post_message(self.Moved(self.cursor))

    def render(self) -> Content:
        """Rows of ten cells of seven columns; in a narrow window (the grid is given less
        than 70 columns) cells of five, so all ten columns stay on screen."""
        narrow = 0 < self.size.width < 70
        rows: list[Content] = []
        for start in range(0, len(self.marks), ROW):
            parts: list[str | tuple[str, str]] = []
            for index in range(start, min(start + ROW, len(self.marks))):
                day, _, mark = self.marks[index]
                look = LOOKS[mark]
                style = look.style + (
                    " underline" if index == self.cursor and self.has_focus else ""
                )
                if index == self.cursor:
                    style += " reverse" if "reverse" not in look.style else ""
                parts.append(
                    (f"{day:>3}{look.symbol}" if narrow else f"{day:>3} {look.symbol} ", style)
                )
                parts.append(" ")
            rows.append(Content.assemble(*parts))
        return Content("\n").join(rows)

    def watch_cursor(self, index: int) -> None:
        self.post_message(self.Moved(index))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.marks:
            self.cursor = max(0, min(len(self.marks) - 1, self.cursor + step))
            self.refresh()

    def action_jump(self, index: int) -> None:
        if self.marks:
            self.cursor = index % len(self.marks)
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        self._point_at(event.x, event.y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Moving the mouse over a day shows its entries, like moving the cursor there."""
        self._point_at(event.x, event.y)

    def _point_at(self, x: int, y: int) -> None:
        column = x // CELL_WIDTH
        index = y * ROW + column
        if 0 <= column < ROW and 0 <= index < len(self.marks) and index != self.cursor:
            self.cursor = index
            self.refresh()


def legend() -> Content:
    """Outcomes on one line, kinds of day on the next: each line fits 60 columns, so a
    narrow window never splits a mark from its word."""
    lines = []
    for keys in (OUTCOMES, DAYS):
        parts: list[str | tuple[str, str]] = []
        for key in keys:
            look = LOOKS[key]
            parts += [(f" {look.symbol} ", look.style), f"{look.label}  "]
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


class JourneyScreen(DataScreen):
    """The run at a glance."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-normal")]

    BINDINGS = [
        Binding("N", "next_run", "Next run"),
        Binding("r", "toggle_rest", "Rest day"),
        Binding("i", "intention", "Intention"),
        Binding("l", "look_back", "Look back"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Next run" in the footer only once the run is complete."""
        loaded = self.rt_app.loaded
        if action == "next_run":
            return bool(loaded and loaded.ledger.current and loaded.ledger.current.complete)
        if action == "look_back":
            from rejection_therapy.tui.screens.lookback import finished_run

            return loaded is not None and finished_run(loaded) is not None
        return True

    def compose(self) -> ComposeResult:
        yield DayHeader(id="day-header")
        with VerticalScroll(id="journey-body"):
            with Vertical(id="grid-box"):
                yield JourneyGrid(id="grid")
            yield Static(legend(), id="legend")
            yield Static(id="totals")
            yield Static(id="coaching")
            yield Static(id="day-detail")
            yield Static(id="look-back")
        yield app_footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(JourneyGrid).focus()

    def show(self, loaded: Loaded) -> None:
        ledger = loaded.ledger
        progress = ledger.current
        if progress is None:
            return
        run = progress.run
        box = self.query_one("#grid-box")
        box.border_title = (
            f"Run {run.number} · {run.start.isoformat()} → {run.last_date.isoformat()}"
        )
        self.query_one(JourneyGrid).set_marks(ledger.day_marks(run), ledger.today)
        self.query_one("#totals", Static).update(totals(ledger, run))
        self.query_one("#coaching", Static).update(_coaching(loaded, run))
        state = loaded.view.snapshot.state
        from rejection_therapy.tui.screens.lookback import finished_run

        # the look back shows from the run's last day once it is done
        finished = finished_run(loaded) == run
        review = (
            review_of(ledger, run, state.followups, state.intention_for(run.id))
            if finished
            else None
        )
        self.query_one("#look-back", Static).update(look_back(review) if review else "")
        self.refresh_bindings()

    def on_journey_grid_moved(self, message: JourneyGrid.Moved) -> None:
        loaded = self.rt_app.loaded
        grid = self.query_one(JourneyGrid)
        if loaded is None or not grid.marks or message.index >= len(grid.marks):
            return
        day, on, mark = grid.marks[message.index]
        ledger = loaded.ledger
        entries = ledger.entries_on(on)
        head = Content.assemble(
            (f"Day {day} · {on.strftime('%a %d %b %Y')} · ", "bold"), LOOKS[mark].label
        )
        lines = [head] + [entry_line(entry_json(e, ledger)) for e in entries]
        if not entries:
            lines.append(Content.styled("No entries on this day.", "$text-muted"))
        self.query_one("#day-detail", Static).update(Content("\n").join(lines))

    def action_look_back(self) -> None:
        from rejection_therapy.tui.screens.lookback import LookBackScreen, finished_run

        loaded = self.rt_app.loaded
        run = finished_run(loaded) if loaded is not None else None
        if loaded is None or run is None:
            self.notify("The look back opens once a run's last day is done.", severity="warning")
            return
        self.app.push_screen(LookBackScreen(loaded, run))

    def action_toggle_rest(self) -> None:
        """Declare the highlighted day a rest day, or withdraw it."""
        grid = self.query_one(JourneyGrid)
        if not grid.marks:
            return
        _day, on, mark = grid.marks[grid.cursor]
        service = self.rt_app.service
        cancel = mark == "rest"
        from rejection_therapy.tui.dialogs import ConfirmDialog

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self.rt_app.run_action_in_thread(
                lambda: service.declare_rest(on, cancel=cancel),
                lambda used: self.notify(
                    f"{on.isoformat()} is {'a normal day again' if cancel else 'a rest day'} "
                    f"({used[0]} of {used[1]} rest days used)."
                ),
            )

        named = day_named(on)
        question = (
            f"Make {named} a normal day again?"
            if cancel
            else f"Make {named} a rest day? It pauses the streak and uses one of the run's rest days."
        )
        verb = "Normal day" if cancel else "Rest"
        self.app.push_screen(ConfirmDialog(question, verb, again="r", destructive=False), confirmed)

    def action_next_run(self) -> None:
        loaded = self.rt_app.loaded
        if loaded is None or loaded.ledger.current is None or not loaded.ledger.current.complete:
            self.notify("The next run can begin once this one is complete.", severity="warning")
            return
        if loaded.ledger.next_run is not None:
            self.notify(
                f"Run {loaded.ledger.next_run.number} is already set to begin.", severity="warning"
            )
            return
        service = self.rt_app.service
        self.rt_app.run_action_in_thread(
            service.start,
            lambda run: self.notify(f"Run {run.number} has begun. Today's ask is waiting."),
        )
        self.app.switch_mode("today")


def _coaching(loaded: Loaded, run: Run) -> Content:
    """The intention, the fear trend and past check-ins."""
    state = loaded.view.snapshot.state
    ledger = loaded.ledger
    parts: list[Content] = []
    intention = state.intention_for(run.id)
    parts.append(
        Content.assemble(("Intention: ", "bold"), literal(intention.text))
        if intention
        else Content.styled(
            "No intention yet: press i to write “If I ___, then ___ will happen”.", "$text-muted"
        )
    )
    trend = ledger.fear_trend(run)
    if trend:
        weeks = " ".join(
            f"w{w['week']} {_fear(w['before'])}→{_fear(w['after'])}" for w in trend[-6:]
        )
        parts.append(Content.assemble(("Fear before→after: ", "bold"), weeks))
    for checkin in sorted((c for c in state.checkins if c.run_id == run.id), key=lambda c: c.date)[
        -2:
    ]:
        parts.append(
            Content.assemble(
                (f"Check-in {checkin.date.strftime('%d %b')}: ", "bold"),
                ("worked ", "$text-muted"),
                literal(checkin.worked),
                (" · didn't ", "$text-muted"),
                literal(checkin.didnt),
                (" · gap ", "$text-muted"),
                literal(checkin.gap),
            )
        )
    return Content("\n").join(parts)


def _fear(value: float | int | None) -> str:
    return "-" if value is None else f"{value:g}"


def totals(ledger: Ledger, run: Run) -> Content:
    counts = ledger.counts(ledger.entries_of_run(run))
    streak = ledger.streak
    return Content.assemble(
        ("This run: ", "bold"),
        (f"{counts['no']} no", OUTCOME_STYLES["no"]),
        " · ",
        (f"{counts['why']} why", OUTCOME_STYLES["why"]),
        " · ",
        (f"{counts['yes']} yes", OUTCOME_STYLES["yes"]),
        (f"   Streak {streak.current} · best {streak.best} · Level {ledger.level.level}", ""),
    )


def look_back(review: Review) -> Content:
    """The day-100 look back: totals, fear trend, hardest asks, lessons, follow-ups, what next."""
    counts = review.counts
    parts: list[str | tuple[str, str]] = [
        ("Look back\n", "bold $success"),
        f"{len(review.entries)} asks, {counts['no']} nos, {counts['why']} turned by why; "
        f"{review.covered_days} days counted; {review.followups_done} follow-ups done.\n",
    ]
    if review.fear_trend:
        first, last = review.fear_trend[0], review.fear_trend[-1]
        parts.append(
            f"Fear before asking: week {first['week']} {_fear(first['before'])} → week {last['week']} {_fear(last['before'])}\n"
        )
    parts.append(("Hardest asks taken:\n", "bold"))
    for entry in review.hardest[:3]:
        parts.append(f"  {'★' * entry.difficulty} {literal(entry.ask_text)}\n")
    if review.lessons:
        parts.append(("Lessons you wrote:\n", "bold"))
        for entry in review.lessons[-3:]:
            parts.append(f"  “{literal(entry.learned)}”\n")
    parts.append(
        (
            "What next: N starts the next run (harder: `start --packs bold`; your own: `packs new`).",
            "bold $accent",
        )
    )
    return Content.assemble(*parts)
