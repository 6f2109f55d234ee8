"""The app shell: screens by mode, data loading in workers, live refresh and the theme."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import get_current_worker

from rejection_therapy.core.days import challenge_date_for
from rejection_therapy.service import NothingToDo, Service, UserError
from rejection_therapy.storage.database import data_file_stamp
from rejection_therapy.storage.files import StorageError
from rejection_therapy.tui.screens.badges import BadgesScreen
from rejection_therapy.tui.screens.help import HelpScreen
from rejection_therapy.tui.screens.history import HistoryScreen
from rejection_therapy.tui.screens.journey import JourneyScreen
from rejection_therapy.tui.screens.packs import PacksScreen
from rejection_therapy.tui.screens.today import TodayScreen
from rejection_therapy.tui.state import Loaded, load

POLL_SECONDS = 1.0
THEMES = {"dark": "textual-dark", "light": "textual-light"}
EXPECTED_ERRORS = (UserError, NothingToDo, StorageError, OSError)


class RejectionTherapyApp(App[int]):
    """rejection-therapy's daily session."""

    TITLE = "rejection-therapy"
    CSS_PATH = "app.tcss"
    MODES = {
        "today": TodayScreen,
        "journey": JourneyScreen,
        "badges": BadgesScreen,
        "history": HistoryScreen,
        "packs": PacksScreen,
    }
    DEFAULT_MODE = "today"
    BINDINGS = [
        Binding("t", "switch_mode('today')", "Today"),
        Binding("j", "switch_mode('journey')", "Journey"),
        Binding("b", "switch_mode('badges')", "Badges"),
        Binding("h", "switch_mode('history')", "History"),
        # Shown in the footer by the screens with room for it (see screens.base).
        Binding("p", "switch_mode('packs')", "Packs", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
    ]

    loaded: reactive[Loaded | None] = reactive(None, always_update=True)

    def __init__(self, service: Service, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.service = service
        self.poll_seconds = poll_seconds
        self._theme_ready = False

    def on_mount(self) -> None:
        self.reload()
        self.set_interval(self.poll_seconds, self.check_for_changes)

    # -- loading ------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load")
    def reload(self) -> None:
        """Read the home in a thread and hand the result to the screens."""
        worker = get_current_worker()
        try:
            loaded = load(self.service)
        except EXPECTED_ERRORS as error:
            self.call_from_thread(self.show_error, error)
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._apply, loaded)

    def _apply(self, loaded: Loaded) -> None:
        if not self._theme_ready:
            self._theme_ready = True
            self.theme = THEMES[loaded.view.snapshot.settings.theme]
        self.loaded = loaded

    def check_for_changes(self) -> None:
        """Reload when another process changed the data, or when a new day has begun."""
        current = self.loaded
        if current is None:
            return
        stamp = data_file_stamp(self.service.paths.data_file)
        settings = current.view.snapshot.settings
        now = self.service.clock_for(settings).now()
        today = challenge_date_for(now, settings.zone, settings.rollover_hour)
        if stamp != current.stamp or today != current.date:
            self.reload()

    # -- actions run through the service ------------------------------------
    def run_action_in_thread(
        self,
        action: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        reload: bool = True,
    ) -> None:
        """Call the service off the UI thread; report errors as notifications.

        After a change the screens reload; a pure read passes reload=False.
        """
        self._service_worker(action, on_done, on_error, reload)

    @work(thread=True, group="write")
    def _service_worker(
        self,
        action: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
        reload: bool,
    ) -> None:
        try:
            result = action()
        except Exception as error:  # shown to the person, never a traceback
            self.call_from_thread(on_error or self.show_error, error)
            return
        finally:
            if reload:
                self.call_from_thread(self.reload)
        if on_done is not None:
            self.call_from_thread(on_done, result)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry user and pack text, so they are never read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def show_error(self, error: Exception) -> None:
        if isinstance(error, NothingToDo):
            self.notify(str(error), severity="warning")
            return
        message = (
            str(error) if isinstance(error, EXPECTED_ERRORS) else f"{type(error).__name__}: {error}"
        )
        self.notify(message, title="Something went wrong", severity="error", timeout=10)

    # -- navigation and theme ---------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the key of the screen already shown, so the footer fits 80 columns."""
        showing_it = (
            action == "switch_mode" and bool(parameters) and parameters[0] == self.current_mode
        )
        return not showing_it

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            loaded = self.loaded
            hour = loaded.view.snapshot.settings.rollover_hour if loaded else 4
            self.push_screen(HelpScreen(hour))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.current_theme.dark else THEMES["dark"]

    def watch_theme(self, theme: str) -> None:
        if not self._theme_ready:
            return
        chosen = self.get_theme(theme)
        choice = "dark" if chosen is None or chosen.dark else "light"
        loaded = self.loaded
        if loaded is not None and loaded.view.snapshot.settings.theme != choice:
            self.run_action_in_thread(lambda: self.service.set_setting("theme", choice))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Today", "Today's ask and entries", lambda: self.switch_mode("today"))
        yield SystemCommand(
            "Journey", "The whole run as a grid of days", lambda: self.switch_mode("journey")
        )
        yield SystemCommand(
            "Badges", "Earned badges and progress", lambda: self.switch_mode("badges")
        )
        yield SystemCommand(
            "History", "Every entry: filter, edit, delete", lambda: self.switch_mode("history")
        )
        yield SystemCommand(
            "Packs",
            "Enable, disable, add and remove challenge packs",
            lambda: self.switch_mode("packs"),
        )
        yield SystemCommand("Help", "Keys and the rules of the game", self.action_help)
        yield SystemCommand(
            "Light/dark theme", "Switch between light and dark", self.action_toggle_theme
        )
