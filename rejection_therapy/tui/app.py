"""The app shell: screens by mode, data loading in workers, live refresh and the theme."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from rejection_therapy.device import LEGACY_THEMES, peek
from rejection_therapy.fastpath import FULL_PATH_VARIABLE
from rejection_therapy.service.errors import (
    JournalDamaged,
    NothingToDo,
    StorageError,
    UnreadableError,
    UserError,
)
from rejection_therapy.service.watch import data_stamp
from rejection_therapy.tui.screens.help import HelpScreen
from rejection_therapy.tui.screens.today import TodayScreen
from rejection_therapy.tui.syncing import SyncShown, sync_in_background
from rejection_therapy.tui.themes import LIGHT, outcome_text_colours, toggled

if TYPE_CHECKING:
    from rejection_therapy.paths import Paths
    from rejection_therapy.service import Service
    from rejection_therapy.service.device import DeviceSettings
    from rejection_therapy.shapes import DayView, LogAnswer, StatusRecord, TodayAnswer
    from rejection_therapy.tui.logged import Logged
    from rejection_therapy.tui.state import Loaded

POLL_SECONDS = 1.0
EXPECTED_ERRORS = (UserError, NothingToDo, StorageError, OSError)
OPENING_SYNC_SECONDS = 2.0
SYNC_EVERY_SECONDS = 300
"""While the app is open, what other devices did arrives this often (and at each change)."""


def _screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen, imported when first shown: Today paints before the rest loads."""

    def make() -> Screen[Any]:
        import importlib

        screen_class = getattr(
            importlib.import_module(f"rejection_therapy.tui.screens.{module}"), name
        )
        return screen_class()  # type: ignore[no-any-return]

    return make


class RejectionTherapyApp(App[int]):
    """rejection-therapy's daily session."""

    TITLE = "rejection-therapy"
    CSS_PATH = ["app.tcss", "settings.tcss"]
    MODES = {
        "today": TodayScreen,
        "journey": _screen("journey", "JourneyScreen"),
        "badges": _screen("badges", "BadgesScreen"),
        "history": _screen("history", "HistoryScreen"),
        "packs": _screen("packs", "PacksScreen"),
        "share": _screen("share", "ShareScreen"),
    }
    DEFAULT_MODE = "today"
    # The ids are the actions a person may move to other keys (keymap.py, `config keymap`).
    BINDINGS = [
        Binding("t", "switch_mode('today')", "Today", id="today"),
        Binding("j", "switch_mode('journey')", "Journey", id="journey"),
        Binding("b", "switch_mode('badges')", "Badges", id="badges"),
        Binding("h", "switch_mode('history')", "History", id="history"),
        # Shown in the footer by the screens with room for it (see screens.base).
        Binding("p", "switch_mode('packs')", "Packs", show=False, id="packs"),
        Binding("x", "switch_mode('share')", "Share", show=False, id="share"),
        Binding("comma", "settings", "Settings", show=False, id="settings"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False, id="theme"),
    ]

    loaded: reactive[Loaded | None] = reactive(None, always_update=True)

    def __init__(
        self,
        service: Service | None = None,
        poll_seconds: float = POLL_SECONDS,
        steady: bool = False,
        paths: Paths | None = None,
        ask_situation: bool = False,
    ) -> None:
        """Give a service (tests), or the home's paths: the service is then made, and its
        modules imported, in the first load's thread, after Today is on screen.

        `ask_situation`: put the situation questions over Today when the home never
        answered them (the terminal session does; tests and embedders choose)."""
        super().__init__()
        self.register_theme(LIGHT)
        if service is None and paths is None:
            raise ValueError("give the service or the paths of the home")
        self._service = service
        self._service_lock = threading.Lock()
        self.paths: Paths = service.paths if service is not None else paths  # type: ignore[assignment]
        self.quick: tuple[TodayAnswer, DayView] | None = None
        """Today from the status record, painted until the first load arrives."""
        self.poll_seconds = poll_seconds
        self.steady = steady
        """No blinking cursors (tests and snapshots want identical frames)."""
        self._theme_ready = False
        self._failed_stamp: list[int] | None = None
        self._failed_message: str | None = None
        self._write_lock = threading.Lock()
        self.writes_in_flight = 0
        self._writes_done = 0
        """Changes saved so far: a reading begun before the latest one is stale."""
        self._reload_again = False
        """A reading was asked for while one was under way: start it when that one ends."""
        self._loading = 0
        """Readings under way (counted on the interface thread: a worker ends later)."""
        self._acted_early = False
        """A key changed data before the first reading arrived (the quick log)."""
        self._queued: list[Callable[[], None]] = []
        """Keys pressed before the first reading arrived, run once it has."""
        self._damaged: Screen[Any] | None = None
        self._situation_pending = ask_situation
        """The situation questions are still to be offered, once, when the home never had them."""
        self.device: DeviceSettings | None = None
        self.sync_shown = SyncShown()
        """The sync's state for the header (tui/syncing.py)."""
        """This device's settings (device.json) once checked; None until then, or while
        the file is bad (it is then never written over: the person fixes it)."""
        self._device_read = False

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        result = super().push_screen(screen, *args, **kwargs)
        if self.steady:
            self.call_after_refresh(self._stop_blinking)
        return result

    def _stop_blinking(self) -> None:
        for text_input in self.screen.query(Input):
            text_input.cursor_blink = False

    @property
    def service(self) -> Service:
        with self._service_lock:
            if self._service is None:
                from rejection_therapy.service import Service

                self._service = Service(self.paths)
            return self._service

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """`$outcome-no` and the rest: outcome colours as text, readable on this theme."""
        return {
            **super().get_theme_variable_defaults(),
            **outcome_text_colours(self.current_theme.dark),
        }

    def on_load(self) -> None:
        """Before the first paint: the theme from device.json; Today and the data file's old
        theme from the status record, if current (a cheap standard-library read, both)."""
        peeked = peek(self.paths.device_file)
        chosen = peeked.get("theme")
        if isinstance(chosen, str):
            self.theme = chosen
        keymap = peeked.get("keymap")
        if isinstance(keymap, dict):
            self.set_keymap(keymap)
        if self._service is not None or os.environ.get(FULL_PATH_VARIABLE):
            return
        from rejection_therapy.fastpath.today import fast_today_with_record

        home = str(self.paths.home)
        found = fast_today_with_record(home, os.environ)
        if found is None and self._new_day_as_planned(home):
            found = fast_today_with_record(home, os.environ)
        if found is not None:
            today, day, record = found
            self.quick = (today, day)
            if chosen is None:
                self.theme = LEGACY_THEMES.get(record.get("theme", "dark"), LEGACY_THEMES["dark"])

    @staticmethod
    def _new_day_as_planned(home: str) -> bool:
        """A new day's ask stored as the status record planned it (fastpath/plans.py), so
        that Today paints at once; any problem is left to the full load that follows."""
        from rejection_therapy.fastpath.plans import planned_today

        try:
            return planned_today(home, os.environ, swap=False) is not None
        except Exception:  # noqa: BLE001 - the load after the first paint reports it
            return False

    def on_mount(self) -> None:
        if self.quick is not None:
            self.call_after_refresh(self.reload)  # Today is painted first, then the history loads
        else:
            self.reload()
        self.set_interval(self.poll_seconds, self.check_for_changes)
        # What the other devices did, once the first paint and the first keys are served.
        self.set_timer(OPENING_SYNC_SECONDS, lambda: sync_in_background(self))
        self.set_interval(SYNC_EVERY_SECONDS, lambda: sync_in_background(self))

    # -- loading ------------------------------------------------------------
    def request_reload(self) -> None:
        """Read the home again: now, or once the reading under way ends (two at once would
        share one interpreter, and the screen would wait for both)."""
        if self._loading:
            self._reload_again = True
        else:
            self.reload()

    def reload(self) -> None:
        """Read the home in a thread and hand the result to the screens."""
        self._loading += 1  # until its _load_ended
        self._reload_worker()

    @work(thread=True, exclusive=True, group="load")
    def _reload_worker(self) -> None:
        """Read the home in a thread and hand the result to the screens."""
        worker = get_current_worker()
        writes = self._writes_done
        from rejection_therapy.tui.state import load

        if not self._device_read:
            self._read_device_in_thread()
        try:
            try:
                loaded = load(self.service)
            except EXPECTED_ERRORS as error:
                self.call_from_thread(self._load_failed, error)
                return
            if not worker.is_cancelled:
                self.call_from_thread(self._apply, loaded, writes)
        finally:
            self.call_from_thread(self._load_ended)

    def _load_ended(self) -> None:
        self._loading = max(0, self._loading - 1)
        if self._reload_again and not self._loading:
            self._reload_again = False
            self.reload()

    def _load_failed(self, error: Exception) -> None:
        """Say once what is wrong with the file; the poll keeps trying until it is fixed.

        A data file or journal that cannot be read gets a screen of its own that offers
        the repair; anything else (a lock held elsewhere, say) a notification."""
        stamp = data_stamp(self.paths)
        if stamp == self._failed_stamp and str(error) == self._failed_message:
            return
        self._failed_stamp, self._failed_message = stamp, str(error)
        self._queued.clear()  # nothing they pressed can be done on data that cannot be read
        if isinstance(error, UnreadableError | JournalDamaged):
            from rejection_therapy.tui.screens.damaged import DamagedScreen

            if self._damaged is not None:
                self._damaged.dismiss(None)
            repairable = not (isinstance(error, UnreadableError) and not error.repairable)
            self._damaged = DamagedScreen(str(error), repairable)
            self.push_screen(self._damaged)
        else:
            self.show_error(error)

    def repaired(self, lines: list[str]) -> None:
        """The repair from the damaged screen is done: close it and read the home again."""
        if self._damaged is not None:
            self._damaged.dismiss(None)
            self._damaged = None
        self._failed_stamp = self._failed_message = None
        self.notify("\n".join(lines), title="Repaired", timeout=10)
        self.reload()

    def _apply(self, loaded: Loaded, writes: int | None = None) -> None:
        if writes is not None and writes != self._writes_done:
            self._reload_again = True  # read before a change was saved: read it again
            return
        self._failed_stamp = self._failed_message = None
        if self._damaged is not None:  # fixed from outside (say, `doctor --repair` in a shell)
            self._damaged.dismiss(None)
            self._damaged = None
        if not self._theme_ready:
            legacy = loaded.view.snapshot.settings.theme
            device = self.device
            self.theme = device.theme_or(legacy) if device else LEGACY_THEMES[legacy]
            self._theme_ready = True  # from now on a theme is a choice, saved for this device
            self._say_zone_fallback()
        self.loaded = loaded
        acted = bool(self._queued) or self._acted_early
        self._run_queued()
        self._offer_situation(loaded, acted)

    def _say_zone_fallback(self) -> None:
        """At a first run whose `TZ` names no zone this machine knows: say which zone the
        days are counted in and where to change it (the shell says it on stderr)."""
        from rejection_therapy.core.when import shown
        from rejection_therapy.service.zone import take_fallback

        fallback = take_fallback()
        if fallback is not None:
            typed, used = fallback
            self.notify(
                f"TZ={shown(typed)} is not a time zone this machine knows, so days are "
                f"counted in {used}. Set yours on the settings screen (,) or with "
                "`rejection-therapy config timezone Europe/Berlin`.",
                title="Time zone",
                severity="warning",
                timeout=15,
            )

    def _offer_situation(self, loaded: Loaded, acted: bool) -> None:
        """Ask the situation questions over Today on a home that never answered them.

        Not over a key pressed before the data arrived: that person is busy, and the
        questions wait for the next session (they stay unasked until answered or skipped).
        """
        if not self._situation_pending:
            return
        self._situation_pending = False
        settings = loaded.view.snapshot.settings
        if acted or settings.profile_asked or settings.profile:
            return
        from rejection_therapy.tui.situation import ask_situation

        ask_situation(self, first_run=True)

    def when_loaded(self, action: Callable[[], None]) -> None:
        """Run a key's action once the first reading has arrived (it is painted already)."""
        self._queued.append(action)

    def _run_queued(self) -> None:
        while self._queued and self.ready:
            self._queued.pop(0)()

    def check_for_changes(self) -> None:
        """Reload when another process changed the data, or when a new day has begun."""
        current = self.loaded
        stamp = data_stamp(self.paths)
        if self.writes_in_flight or self._loading:
            return  # the change's end, or the reading's, brings the screens up to date
        if current is None or self._failed_message is not None:
            if stamp != self._failed_stamp:
                self.reload()  # the file changed since it failed: try again
            return
        from rejection_therapy.core.days import challenge_date_for

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
        if reload:
            self.writes_in_flight += 1
        self._service_worker(action, on_done, on_error, reload)

    @property
    def keys_waiting(self) -> bool:
        """Keys pressed before the first reading arrived still wait to act."""
        return bool(self._queued)

    @property
    def load_error(self) -> str | None:
        """Why the data could not be read, while that is still so."""
        return self._failed_message

    @property
    def ready(self) -> bool:
        """Data is loaded and no change is on its way: safe to take the next key."""
        return (
            self.loaded is not None and self._failed_message is None and not self.writes_in_flight
        )

    def _write_done(self) -> None:
        self.writes_in_flight = max(0, self.writes_in_flight - 1)
        self._writes_done += 1
        sync_in_background(self)  # the change reaches the other devices (tui/syncing.py)

    def redraw_headers(self) -> None:
        """Every screen's header again (the sync's state changed)."""
        from rejection_therapy.tui.widgets import DayHeader

        for screen in self.screen_stack:
            for header in screen.query(DayHeader):
                header.redraw()

    def quick_log(
        self, outcome: str, on_done: Callable[[Logged], None], otherwise: Callable[[], None]
    ) -> None:
        """Log `outcome` before the history has loaded, by the quick log (fastpath/log.py)
        the `log` command uses, so the key acts as soon as Today shows it; `otherwise`
        when it is not a log the quick path makes (the full service makes it later)."""
        self.writes_in_flight += 1
        self._acted_early = True  # the situation questions wait for the next session
        self._quick_log_worker(outcome, on_done, otherwise)

    @work(thread=True, group="write")
    def _quick_log_worker(
        self, outcome: str, on_done: Callable[[Logged], None], otherwise: Callable[[], None]
    ) -> None:
        from rejection_therapy.core.log_input import LogRequest
        from rejection_therapy.fastpath.log import fast_log
        from rejection_therapy.fastpath.today import fast_today_with_record

        request = LogRequest()
        request.outcome = outcome
        home = str(self.paths.home)
        answer = found = None
        try:
            with self._write_lock:
                answer = fast_log(home, request, os.environ)
                if answer is not None:
                    found = fast_today_with_record(home, os.environ)
        except Exception as error:  # shown; not handed on: it may have been saved already
            self.call_from_thread(self._quick_failed, error)
            return
        self.call_from_thread(self._quick_logged, answer, found, on_done, otherwise)

    def _quick_failed(self, error: Exception) -> None:
        self.writes_in_flight = max(0, self.writes_in_flight - 1)
        self.show_error(error)
        self.request_reload()

    def _quick_logged(
        self,
        answer: LogAnswer | None,
        found: tuple[TodayAnswer, DayView, StatusRecord] | None,
        on_done: Callable[[Logged], None],
        otherwise: Callable[[], None],
    ) -> None:
        self.writes_in_flight = max(0, self.writes_in_flight - 1)
        if answer is None:
            otherwise()
            return
        self._writes_done += 1
        before = self.quick
        if found is not None:
            self.quick = (found[0], found[1])
        self.request_reload()
        from rejection_therapy.tui.logged import Logged

        first_today = before is not None and not before[0]["today_done"]
        on_done(Logged.of_answer(answer, found[2] if found else None, first_today))

    @work(thread=True, group="write")
    def _service_worker(
        self,
        action: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
        reload: bool,
    ) -> None:
        try:
            with self._write_lock:  # one change at a time, in the order the keys came
                result = action()
        except Exception as error:  # shown to the person, never a traceback
            self.call_from_thread(on_error or self.show_error, error)
            return
        finally:
            if reload:
                self.call_from_thread(self._write_done)
                self.call_from_thread(self.request_reload)
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

    def action_help_quit(self) -> None:
        """Ctrl+C copies in a text box, so it does not quit: say which key does (Textual's
        own message is markup, and this app's notifications never read markup)."""
        self.notify("Press q to quit (ctrl+q in a text box).", title="Do you want to quit?")

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
            self.push_screen(HelpScreen(hour, self.key_for))

    def action_toggle_theme(self) -> None:
        self.theme = toggled(self.current_theme.dark)

    def _read_device_in_thread(self) -> None:
        """Check device.json with pydantic (off the interface thread; the first paint took
        only a peek at it); a bad file is said once, and the app runs on the defaults."""
        from rejection_therapy.service.device import load_device
        from rejection_therapy.service.errors import UserError

        self._device_read = True
        try:
            self.device = load_device(self.paths)
        except UserError as error:
            self.call_from_thread(self.show_error, error)
            return
        self.call_from_thread(self.set_keymap, self.device.keymap)

    def key_for(self, action: str) -> str:
        """The key an action has now (this device's keymap, else the default), as shown."""
        from rejection_therapy.keymap import shown_key

        return shown_key(self.key_name_for(action))

    def key_name_for(self, action: str) -> str:
        """The key an action has now, as Textual names it (what a key event carries)."""
        from rejection_therapy.keymap import MOVABLE

        return self._keymap.get(action, MOVABLE[action][0])

    def action_settings(self) -> None:
        from rejection_therapy.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def change_device(self, **changes: object) -> None:
        """Save device settings (theme, mouse, keys) in a thread; errors are notified."""
        from rejection_therapy.service.device import change_device

        def save() -> None:
            self.device = change_device(self.paths, **changes)

        self.run_action_in_thread(save, reload=False)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen in the app (picker, ctrl+t, settings) for this device."""
        device = self.device
        if self._theme_ready and device is not None and device.theme != theme:
            self.change_device(theme=theme)

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
        yield SystemCommand(
            "Share",
            "A progress snapshot: txt, md, svg, html, json",
            lambda: self.switch_mode("share"),
        )
        yield SystemCommand("Help", "Keys and the rules of the game", self.action_help)
        yield SystemCommand(
            "Settings",
            "Time zone, rollover hour, situation; this device's theme, mouse and keys",
            self.action_settings,
        )
        yield SystemCommand(
            "Light/dark theme", "Switch between light and dark", self.action_toggle_theme
        )
