"""Settings: the person's (time zone, rollover hour, situation) and this device's (theme,
mouse, keys, reminder), each saved where it belongs.

The person's go through the service (`set_setting`, whose refusals are in the app's
words) into the data file; the device's into device.json (service/device.py), so a sync
of the data never carries one terminal's theme or keys.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from rejection_therapy.device import THEME_NAMES
from rejection_therapy.keymap import MOVABLE
from rejection_therapy.tui.widgets import Choice, literal

if TYPE_CHECKING:
    from rejection_therapy.core.models import Settings
    from rejection_therapy.tui.app import RejectionTherapyApp

MOUSE_OPTIONS = [("on", True), ("off: select-to-copy", False)]


def situation_line(settings: Settings) -> str:
    goal = settings.profile.get("goal")
    answered = sum(1 for key in settings.profile if key != "goal")
    return f"goal {goal or '–'} · {answered}/8 answered"


class SettingsScreen(ModalScreen[None]):
    """One row per setting; Enter in a field saves it, a choice saves when it moves."""

    AUTO_FOCUS = "#timezone"
    BINDINGS = [Binding("escape", "close", "Close")]
    reminder_status: object = None
    """The reminder as last read (`remind`'s report); None until the first read is in."""

    @property
    def rt_app(self) -> RejectionTherapyApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        app = self.rt_app
        loaded = app.loaded
        settings = loaded.view.snapshot.settings if loaded else None
        device = app.device
        with VerticalScroll(classes="dialog settings"):
            yield Label("Settings", classes="dialog-title")
            yield Static("Yours: kept with your data", classes="settings-part")
            with Horizontal(classes="settings-row"):
                yield Label("Time zone", classes="settings-name")
                yield Input(settings.timezone if settings else "", compact=True, id="timezone")
            with Horizontal(classes="settings-row"):
                yield Label("Rollover hour", classes="settings-name")
                hour = str(settings.rollover_hour) if settings else ""
                yield Input(hour, compact=True, type="integer", id="rollover_hour")
                yield Static(self._rollover_said(hour), id="rollover-said")
            with Horizontal(classes="settings-row settings-wraps"):
                yield Label("Situation", classes="settings-name")
                said = situation_line(settings) if settings else ""
                yield Static(said, id="situation-said")
                yield Button("Change", compact=True, id="situation")
            yield Static("This device: kept in device.json, never synced", classes="settings-part")
            with Horizontal(classes="settings-row"):
                yield Label("Theme", classes="settings-name")
                options = [(name, name) for name in THEME_NAMES]
                yield Select(options, value=app.theme, allow_blank=False, compact=True, id="theme")
            yield Choice(
                "Mouse",
                MOUSE_OPTIONS,
                device.mouse if device else True,
                label_width=16,
                id="mouse",
            )
            with Horizontal(classes="settings-row settings-keys"):
                yield Label("Keys", classes="settings-name")
                yield Static(self._keys_said(), id="keys-said")
            with Horizontal(classes="settings-row"):
                yield Label("Move a key", classes="settings-name")
                yield Input(placeholder="ACTION=KEY, e.g. journey=g", compact=True, id="keymap")
            with Horizontal(classes="settings-row settings-wraps"):
                yield Label("Reminder", classes="settings-name")
                yield Static("…", id="reminder-said")
                yield Button("Remove", compact=True, id="reminder-remove", disabled=True)
            with Horizontal(classes="settings-row"):
                yield Label("Remind at", classes="settings-name")
                yield Input(placeholder="18:30 21:30", compact=True, id="reminder-times")
                yield Button("Install", compact=True, id="reminder-install")
            with Horizontal(classes="settings-row settings-wraps"):
                yield Label("Sync", classes="settings-name")
                yield Static(self._sync_said(), id="sync-said")
                yield Button("Sync now", compact=True, id="sync-now")
            yield Static(
                "Enter saves a field · the mouse changes at the next start · Esc closes",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.watch(self.app, "loaded", self._loaded_changed, init=False)
        self._show_reminder()

    def _show_reminder(self) -> None:
        """The reminder as `remind` reports it, read off the UI thread (it asks systemctl)."""
        from rejection_therapy.service import remind

        service = self.rt_app.service
        self.rt_app.run_action_in_thread(
            lambda: remind.status(service), self._reminder_shown, reload=False
        )

    def _reminder_shown(self, status: object) -> None:
        from rejection_therapy.service.remind import Status

        assert isinstance(status, Status)
        self.reminder_status = status
        settings = status.settings
        remove = self.query_one("#reminder-remove", Button)
        remove.disabled = settings is None and status.state.installed is None
        if settings is None:
            said = "off: a nudge at the times below, only while today is open"
        else:
            said = f"{', '.join(settings.times)} via {settings.via} · {status.scheduled}"
            if status.program_missing:
                said += " · the app it runs has moved: install again"
            times = self.query_one("#reminder-times", Input)
            if not times.value:
                times.value = " ".join(settings.times)
        self.query_one("#reminder-said", Static).update(Content(said))

    def _sync_said(self) -> Content:
        """This home's sync folder and the last sync, or how to start one."""
        from rejection_therapy.service import sync

        service = self.rt_app.service
        if not sync.syncing(service):
            return Content("off: rejection-therapy sync setup FOLDER (see the README)")
        shown = self.rt_app.sync_shown
        if shown.problem:
            return Content(f"not synced: {shown.problem}")
        if shown.at is None:
            return Content("set up; not synced yet in this session")
        minutes = int((datetime.now(UTC) - shown.at).total_seconds() // 60)
        ago = "just now" if minutes < 1 else f"{minutes} min ago"
        return Content(f"{shown.devices} devices · last sync {ago}")

    @on(Button.Pressed, "#sync-now")
    def sync_now(self) -> None:
        from rejection_therapy.tui.syncing import sync_in_background

        said = self.query_one("#sync-said", Static)
        said.update(Content("syncing…"))
        sync_in_background(self.rt_app, after=lambda: said.update(self._sync_said()))

    @on(Input.Submitted, "#reminder-times")
    @on(Button.Pressed, "#reminder-install")
    def install_reminder(self) -> None:
        """Install (or replace) the reminder with these times and the way it reaches you
        now (the desktop's notifier at first; `remind install --via` changes the way)."""
        from rejection_therapy.service import remind

        times = tuple(self.query_one("#reminder-times", Input).value.split()) or ("18:30",)
        app = self.rt_app
        service = app.service
        current = app.device.reminder if app.device else None
        status = self.reminder_status
        before = getattr(getattr(status, "state", None), "installed", None)
        scheduler = before.scheduler if before and before.scheduler != "login" else "auto"
        asked = remind.Installing(
            times=times,
            via=current.via if current else "notify",
            hide_ask=current.hide_ask if current else False,
            mail_to=current.mail_to if current else None,
            # the way it was installed stays: a crontab line is written again, not dropped
            scheduler="cron" if scheduler == "none" else scheduler,
            write_crontab=scheduler == "cron",
            login_consent=current is not None and current.via == "terminal",
        )

        def installed(said: object) -> None:
            self._reload_device()
            reminder = app.device.reminder if app.device else None
            saved = ", ".join(reminder.times) if reminder else ""
            self.notify(f"Reminder set for {saved} · details: rejection-therapy remind")
            self._show_reminder()

        app.run_action_in_thread(lambda: remind.install(service, asked), installed, reload=False)

    @on(Button.Pressed, "#reminder-remove")
    def remove_reminder(self) -> None:
        from rejection_therapy.service import remind

        app = self.rt_app
        service = app.service

        def removed(said: object) -> None:
            self._reload_device()
            self.query_one("#reminder-times", Input).value = ""
            self.notify(_removed(said))
            self._show_reminder()

        app.run_action_in_thread(lambda: remind.uninstall(service), removed, reload=False)

    def _reload_device(self) -> None:
        from rejection_therapy.service.device import load_device

        self.rt_app.device = load_device(self.rt_app.paths)

    def _loaded_changed(self, loaded: object) -> None:
        """The situation saved from its dialog (or from a shell) shows here at once."""
        app = self.rt_app
        if app.loaded is not None:
            settings = app.loaded.view.snapshot.settings
            self.query_one("#situation-said", Static).update(situation_line(settings))

    @staticmethod
    def _rollover_said(hour: str) -> str:
        return f"a new day begins at {int(hour):02d}:00" if hour.isdigit() else ""

    def _keys_said(self) -> Content:
        """Each movable action and its key now, as the footer and Help show them."""
        pairs = [f"{action} {self.rt_app.key_for(action)}" for action in MOVABLE]
        return Content.styled(" · ".join(pairs), "$text-muted")

    @on(Input.Submitted, "#timezone, #rollover_hour")
    def save_person_setting(self, event: Input.Submitted) -> None:
        """Through the service: a refusal is notified in the app's words, nothing saved."""
        key, value = event.input.id or "", event.value.strip()
        service = self.rt_app.service

        def saved(settings: Settings) -> None:
            shown = getattr(settings, key)
            self.notify(f"{key} = {shown}. Past entries keep the dates they were logged for.")
            if key == "rollover_hour":
                self.query_one("#rollover-said", Static).update(self._rollover_said(str(shown)))

        self.rt_app.run_action_in_thread(lambda: service.set_setting(key, value), saved)

    @on(Button.Pressed, "#situation")
    def open_situation(self) -> None:
        from rejection_therapy.tui.situation import ask_situation

        ask_situation(self.rt_app)

    @on(Select.Changed, "#theme")
    def choose_theme(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.app.theme:
            self.app.theme = event.value  # the app remembers it for this device

    def on_choice_changed(self, event: Choice.Changed) -> None:
        device = self.rt_app.device
        if event.choice.id == "mouse" and device and event.choice.value != device.mouse:
            self.rt_app.change_device(mouse=event.choice.value)

    @on(Input.Submitted, "#keymap")
    def move_key(self, event: Input.Submitted) -> None:
        """`journey=g`: checked as `config keymap` checks it; refused in one line."""
        from rejection_therapy.service.device import set_key

        typed = event.value
        app = self.rt_app

        def moved(device: object) -> None:
            app.device = device  # type: ignore[assignment]
            app.set_keymap(app.device.keymap if app.device else {})
            self.query_one("#keys-said", Static).update(self._keys_said())
            event.input.value = ""
            self.notify(f"Key moved: {literal(typed)}")

        app.run_action_in_thread(lambda: set_key(app.paths, typed), moved, reload=False)

    def action_close(self) -> None:
        self.dismiss(None)


def _removed(said: object) -> str:
    """What an uninstall did, in a few words (each thing: `remind uninstall` says)."""
    lines = [str(line) for line in said] if isinstance(said, tuple) else []
    if any(line.startswith("Removed") for line in lines):
        return "Reminder removed, with everything its install wrote"
    return "No reminder was installed: nothing to remove"
