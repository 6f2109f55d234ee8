"""Help: the keys and the rules of the game in a few lines."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from rejection_therapy.keymap import MOVABLE, shown_key
from rejection_therapy.marks import LEGEND_ORDER, MARKS

LEGEND = " ".join(f"{MARKS[key].symbol} {MARKS[key].label}" for key in LEGEND_ORDER)

RULES = """\
[b]The game[/b]: one ask a day that could be refused. Log what happened:
  [b]n[/b] no, rejected: the point   [b]y[/b] yes: next time ask bigger
  [b]w[/b] why: a no you turned around by asking "why?"
A day is done with one entry. 7 done days earn a freeze (hold 2); a
freeze covers a missed day; a rest day declared ahead pauses the streak.
Days roll over at {rollover}:00. XP rewards the asking, not the answer."""

KEYS = (
    (
        "Today",
        "{log_no} {log_yes} {log_why} log · l answer comes later · {swap} swap · {own_ask} own ask",
    ),
    ("", "{undo} undo (ctrl+r brings it back) · c check in · i intention"),
    ("", "d follow-up done · r no answer = no · o your situation"),
    ("", "e note an event (interview, offer…) · f log an ask it offered"),
    ("Journey", "arrows move · r rest day on the highlighted day · i intention"),
    ("History", "f filter by outcome · Enter edit, delete or follow up an entry"),
    ("Packs", "space on/off · a add a file · r remove · v validate a file"),
    ("Share", "x opens it · 1-5 save txt md svg html json · o choose the folder"),
    (
        "Screens",
        "{today} {journey} {badges} {history} {packs} {share} switch · {help} help · {quit} quit",
    ),
    ("", "ctrl+p commands · {theme} light/dark theme · settings: {settings}"),
)
"""Each screen's keys: the text wraps inside its own column, never under the names. The
app's keys are filled in from this device's keymap (`config keymap`)."""

FOOT = """\
Shell: rejection-therapy streak · log no --note "…" · --help

[dim]Esc or ? closes this help.[/dim]"""


def default_key(action: str) -> str:
    return shown_key(MOVABLE[action][0])


def keys_table(key_for: Callable[[str], str] = default_key) -> Table:
    from rich.text import Text

    keys_now = {action: key_for(action) for action in MOVABLE}
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for name, keys in KEYS:
        table.add_row(name, Text(keys.format(**keys_now)))  # a key is shown literally
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and rules; Esc or ? closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, rollover_hour: int = 4, key_for: Callable[[str], str] = default_key) -> None:
        super().__init__()
        self.rollover_hour = rollover_hour
        self.key_for = key_for

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(RULES.format(rollover=f"{self.rollover_hour:02d}"), markup=True)
            yield Static(keys_table(self.key_for), classes="help-keys")
            yield Static(Content(LEGEND), classes="help-legend")
            yield Static(FOOT, markup=True)

    def action_close(self) -> None:
        self.dismiss(None)
