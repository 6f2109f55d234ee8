"""Help: the keys and the rules of the game in a few lines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP = """\
[b]The game[/b]: one ask a day that could be refused. Log what happened:
  [b]n[/b] no, rejected: the point   [b]y[/b] yes: next time ask bigger
  [b]w[/b] why: a no you turned around by asking "why?"
A day is done with one entry. 7 done days earn a freeze (hold 2); a
freeze covers a missed day; a rest day declared ahead pauses the streak.
Days roll over at {rollover}:00. XP rewards the asking, not the answer.

[b]Today[/b]    n y w log · l answer comes later · s swap · a own ask · u undo
         c check in · d follow-up done · r no answer = no · i intention
         e note an event (interview, rejection, offer) · f log an ask
         offered after one · o your situation (goal, what you can do)
[b]Journey[/b]  arrows move · r rest day on the highlighted day · i intention
[b]History[/b]  f filter by outcome · Enter edit, delete or follow up an entry
[b]Packs[/b]    space on/off · a add a file · r remove · v validate a file
[b]Share[/b]    x opens it · 1-5 save txt md svg html json · o choose the folder
[b]Screens[/b]  t j b h p x switch · ? help · q quit · ctrl+p commands
[b]Theme[/b]    ctrl+t light/dark (remembered)

✗ no ? why ✓ yes … pending ❄ frozen ☾ rest ○ missed ◇ today · future
Shell: rejection-therapy streak · log no --note "…" · --help

[dim]Esc or ? closes this help.[/dim]"""


class HelpScreen(ModalScreen[None]):
    """Keys and rules; Esc or ? closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, rollover_hour: int = 4) -> None:
        super().__init__()
        self.rollover_hour = rollover_hour

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(HELP.format(rollover=f"{self.rollover_hour:02d}"), markup=True)

    def action_close(self) -> None:
        self.dismiss(None)
