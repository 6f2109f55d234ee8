"""Small display widgets shared by the screens; user and pack text is always literal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from rich.table import Table
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from rejection_therapy.core.outcomes import OUTCOME_SYMBOLS
from rejection_therapy.core.scoring import level_for
from rejection_therapy.core.text import printable
from rejection_therapy.tui.marks import OUTCOME_STYLES, pips

BAR_CELLS = 20
MAX_OFFERS_SHOWN = 3
"""Offers listed on Today (the rest are in the `f` dialog), so the entries keep room."""
AFTER_NAMES = {"rejection": "a rejection", "interview": "an interview", "offer": "an offer"}

if TYPE_CHECKING:
    from rejection_therapy.shapes import EntryView, OfferView, TodayAnswer


def literal(text: str) -> str:
    """Pack or user text with control sequences removed (Content parts are never markup)."""
    return printable(text)


def hanging(rows: list[tuple[str, str]], lead_style: str) -> Table:
    """Rows of a short lead (stars, an icon) and a text that wraps under itself, never
    back under the lead. Both are shown literally: rich Text never reads markup."""
    from rich.text import Text

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for lead, text in rows:
        table.add_row(Text(lead, style=lead_style), Text(literal(text)))
    return table


LAST_ORDER = {"help": 1, "app.help": 1, "quit": 2, "app.quit": 2}
"""The footer's last keys, in this order, kept however narrow the window: where the rest
are, and the way out."""
KEEP_LAST = frozenset(LAST_ORDER)


def app_footer() -> KeyBar:
    """The key bar every screen shows."""
    return KeyBar()


class KeyBar(Widget):
    """The screen's shown keys and what they do, on one line at the bottom, as Textual's
    compact Footer draws them; a click on one presses it.

    One widget drawing text: the Footer makes a widget for every key and builds them after
    the first refresh, which cost Today's first paint about a tenth of a second.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str, bool]] = []
        """Each key's cells (start, end), the key pressed, and whether it is enabled."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def shown(self) -> list[tuple[Binding, bool]]:
        """The bindings shown, one per action, in the order the screen has them."""
        seen: set[str] = set()
        found = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                found.append((binding, enabled))
        # A key moved by the keymap comes back at the end of the app's bindings: Help and
        # Quit stay last all the same, where a person looks for them.
        found.sort(key=lambda item: LAST_ORDER.get(item[0].action, 0))
        return found

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        description_style = self.get_visual_style("key-bar--description")
        parts: list[tuple[str, object] | str] = []
        self._spans = []
        cell = 0
        for binding, enabled in self._fitting(self.shown()):
            key = self.app.get_key_display(binding)
            label = f" {binding.description}"
            width = Content(key + label).cell_length
            self._spans.append((cell, cell + width, binding.key, enabled))
            if parts:
                parts.append(" ")
            parts += [(key, key_style), (label, description_style)]
            cell += width + 1
        content = Content.assemble(*parts)  # type: ignore[arg-type]
        return content if all(enabled for *_, enabled in self._spans) else self._dimmed(content)

    def _fitting(self, shown: list[tuple[Binding, bool]]) -> list[tuple[Binding, bool]]:
        """The keys that fit the width: the last ones before Help and Quit go first, so
        a narrow window never cuts a key in half and always shows where the rest are."""
        width = self.size.width or 10_000

        def cells(items: list[tuple[Binding, bool]]) -> int:
            return sum(
                Content(f"{self.app.get_key_display(b)} {b.description}").cell_length + 1
                for b, _enabled in items
            )

        kept = list(shown)
        while kept and cells(kept) - 1 > width:
            droppable = [i for i, (b, _e) in enumerate(kept) if b.action not in KEEP_LAST]
            if not droppable:
                break
            del kept[droppable[-1]]
        return kept

    def _dimmed(self, content: Content) -> Content:
        for start, end, _key, enabled in self._spans:
            if not enabled:
                content = content.stylize("dim", start, end)
        return content

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return


def bar(fraction: float, width: int = BAR_CELLS) -> str:
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "░" * (width - filled)


def outcome_part(outcome: str) -> tuple[str, str]:
    return (f"{OUTCOME_SYMBOLS[outcome]} {outcome:<3}", OUTCOME_STYLES[outcome])


class DayHeader(Static):
    """Day k/N, date, streak with a flame, freezes, at-risk, and the XP bar to the next level."""

    _facts: TodayAnswer | None = None

    def show(self, facts: TodayAnswer) -> None:
        """From the `today --json` fields (streak facts and level; views.py)."""
        self._facts = facts
        self._draw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        if self._facts is not None:
            self._draw()

    def _sync_part(self, xp_line: int) -> tuple[str, str]:
        """The sync's state at the end of the XP line, when the width has room for it."""
        shown = getattr(self.app, "sync_shown", None)
        if shown is None:
            return ("", "")
        now = datetime.now(UTC)
        width = self.size.width or 200
        for wide in (True, False):
            said = shown.said(now, wide)
            if said and xp_line + 2 + len(said) <= width:
                style = "$warning" if shown.problem else "$text-muted"
                return (f"  {said}", style)
        return ("", "")

    def _draw(self) -> None:
        """Each line fits the width: below ~76 columns the header drops the year, the
        best streak and the words it can spare, so it never wraps into the XP line."""
        facts = self._facts
        assert facts is not None
        narrow = 0 < self.size.width < 76
        if facts["complete"]:
            day: tuple[str, str] = (f"Run {facts['run']} complete", "bold $success")
        elif facts["day"] == 0:
            day = ("Run not started", "bold")
        else:
            day = (f"Day {facts['day']}/{facts['length']}", "bold")
        risk: tuple[str, str] = ("", "")
        if facts["today_done"]:
            risk = ("  ✓ done" if narrow else "  ✓ today done", "$success")
        elif facts["rest_today"]:
            risk = ("  ☾ rest" if narrow else "  ☾ rest day", "$warning")
        elif facts["at_risk"]:
            risk = ("  ⚠ at risk", "bold $warning")
        level = level_for(facts["total_xp"])
        fraction = level.into_level / level.span if level.span else 0
        freezes = facts["freezes"]
        when = date.fromisoformat(facts["date"]).strftime("%a %d %b" if narrow else "%a %d %b %Y")
        freezes_said = f"{freezes}" if narrow else f"{freezes} freeze{'s' if freezes != 1 else ''}"
        in_all = ("" if narrow else f"  · {level.xp} XP in all", "$text-muted")
        progress = (
            bar(fraction, 10 if narrow else BAR_CELLS)
            + f" {level.into_level}/{level.span} XP to level {level.level + 1}"
        )
        self.update(
            Content.assemble(
                day,
                (f"  {when}", "$text-muted"),
                ("  🔥 ", ""),
                (str(facts["current"]), "bold $warning"),
                ("" if narrow else f" (best {facts['best']})", "$text-muted"),
                ("  ❄ ", "$primary"),
                (freezes_said, ""),
                risk,
                "\n",
                (f"Level {level.level} ", "bold $success"),
                (bar(fraction, 10 if narrow else BAR_CELLS), "$success"),
                (f" {level.into_level}/{level.span} XP to level {level.level + 1}", "$text-muted"),
                in_all,
                self._sync_part(len(f"Level {level.level} ") + len(progress) + len(in_all[0])),
            )
        )


def entry_line(entry: EntryView) -> Content:
    """One entry from its JSON shape: outcome symbol and word, XP, the ask and the note."""
    parts: list[str | tuple[str, str]] = [
        outcome_part(entry["outcome"]),
        (f" +{entry['xp']:<3} XP ", "$text-muted"),
        literal(entry["ask"]),
    ]
    if entry["note"]:
        parts.append((f" — {literal(entry['note'])}", "italic"))
    if entry["learned"]:
        parts.append((f" · learned: {literal(entry['learned'])}", "$text-muted"))
    if entry["next_time"]:
        parts.append((f" · next: {literal(entry['next_time'])}", "$text-muted"))
    if entry["fear_before"] is not None or entry["fear_after"] is not None:
        before = "-" if entry["fear_before"] is None else entry["fear_before"]
        after = "-" if entry["fear_after"] is None else entry["fear_after"]
        parts.append((f" · fear {before}→{after}", "$text-muted"))
    if entry["late"]:
        parts.append((" (late)", "$text-muted"))
    return Content.assemble(*parts)


def day_named(day: date) -> str:
    """ "Tuesday 1 Dec": the weekday in full and the day without a leading zero (strftime's
    %-d is not portable)."""
    return f"{day:%A} {day.day} {day:%b}"


def day_shown(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%a %d %b")


def offered_after(offers: list[OfferView]) -> str:
    """What the offers follow: one event named with its day, or several in a word."""
    events = {(offer["after"], offer["event_date"]) for offer in offers}
    if len(events) == 1:
        ((after, on),) = events
        return f"{AFTER_NAMES.get(after, after)} on {day_shown(on)}"
    return "your recent events"


def offers_block(offers: list[OfferView]) -> Content:
    """Today's lines for the offers: what they follow, then one numbered line each."""
    lines = [
        Content.assemble(
            (f"Offered after {offered_after(offers)}", "bold"), ("  f logs one", "$text-muted")
        )
    ]
    shown = offers[:MAX_OFFERS_SHOWN]
    lines += [offer_line(number, offer) for number, offer in enumerate(shown, 1)]
    if len(offers) > MAX_OFFERS_SHOWN:
        more = len(offers) - MAX_OFFERS_SHOWN
        lines.append(Content.styled(f"   and {more} more: f", "$text-muted"))
    return Content("\n").join(lines)


def offer_line(number: int, offer: OfferView) -> Content:
    return Content.assemble(
        (f" {number} ", "bold"),
        (pips(offer["difficulty"]), "$warning"),
        " ",
        literal(offer["text"]),
    )


FOCUS_KEYS = [
    Binding("down,tab", "app.focus_next", "Next", show=False, priority=True),
    Binding("up,shift+tab", "app.focus_previous", "Previous", show=False, priority=True),
]
"""A form's moves between rows, taken as the keys arrive: a key typed right after a move
then goes to the row moved to, not to the row the move left (keys race focus otherwise)."""


class Choice(Widget, can_focus=True):
    """One answer picked from a short row of options: ←/→ move it, a shortcut key (y, n)
    picks one, a click too. The picked option is in brackets, readable without colour."""

    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: 1fr;
    }
    Choice:focus {
        background: $boost;
    }
    """

    class Changed(Message):
        """The picked option changed."""

        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    picked: reactive[int] = reactive(0)

    def __init__(
        self,
        label: str,
        options: Sequence[tuple[str, object]],
        value: object = None,
        *,
        label_width: int = 0,
        shortcuts: Mapping[str, object] | None = None,
        id: str | None = None,  # noqa: A002 - Textual's name for it
    ) -> None:
        """`options` are (shown word, value) pairs; `shortcuts` maps a key to a value."""
        super().__init__(id=id)
        self.label = label
        self.options = list(options)
        self.label_width = max(label_width, len(label))
        self.shortcuts = dict(shortcuts or {})
        values = [v for _word, v in self.options]
        self.set_reactive(Choice.picked, values.index(value) if value in values else 0)

    @property
    def value(self) -> object:
        return self.options[self.picked][1]

    @value.setter
    def value(self, value: object) -> None:
        self.picked = [v for _word, v in self.options].index(value)

    def render(self) -> Content:
        marker = ("› ", "bold $accent") if self.has_focus else ("  ", "")
        parts: list[str | tuple[str, str]] = [marker, self.label.ljust(self.label_width)]
        for index, (word, _value) in enumerate(self.options):
            if index == self.picked:
                parts.append((f" [{word}]", "bold $accent"))
            else:
                parts.append((f"  {word} ", "$text-muted"))
        return Content.assemble(*parts)

    def watch_picked(self) -> None:
        self.post_message(self.Changed(self))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        step = {"left": -1, "right": 1}.get(event.key)
        if step is not None:
            self.picked = max(0, min(len(self.options) - 1, self.picked + step))
        elif event.key in self.shortcuts:
            self.value = self.shortcuts[event.key]
        else:
            return
        event.stop()
        event.prevent_default()

    def on_click(self, event: events.Click) -> None:
        """Pick the option under the pointer (each takes its word plus three cells)."""
        start = 2 + self.label_width
        for index, (word, _value) in enumerate(self.options):
            end = start + len(word) + 3
            if start <= event.x < end:
                self.picked = index
                return
            start = end
