"""The settings screen and the keymap: the person's settings through the service, this
device's into device.json, keys moved in the footer, Help and the bindings themselves."""

from __future__ import annotations

import json

import pytest
from textual.binding import Binding
from textual.widgets import Input, Select

from rejection_therapy.keymap import ACTIONS, MOVABLE, SCREEN_KEYS, TODAY_ACTIONS, key_name
from rejection_therapy.tui.app import RejectionTherapyApp
from rejection_therapy.tui.screens.help import HelpScreen
from rejection_therapy.tui.screens.settings import SettingsScreen
from rejection_therapy.tui.screens.today import TodayScreen
from rejection_therapy.tui.situation import ProfileDialog
from rejection_therapy.tui.widgets import Choice, KeyBar
from tests.tui.conftest import notified, screen_text, service_at, settle, wait_until


def footer(app) -> str:
    return app.screen.query_one(KeyBar).render().plain


def test_every_movable_action_is_an_app_binding_with_its_default_key():
    by_id = {b.id: b for b in RejectionTherapyApp.BINDINGS if isinstance(b, Binding)}
    assert set(by_id) == set(ACTIONS)
    for action, (default, _what) in ACTIONS.items():
        assert key_name(by_id[action].key) == default


def test_every_movable_today_key_is_a_today_binding_with_its_default_key():
    by_id = {b.id: b for b in TodayScreen.BINDINGS if isinstance(b, Binding) and b.id}
    assert set(by_id) == set(TODAY_ACTIONS)
    for action, (default, _what) in TODAY_ACTIONS.items():
        assert key_name(by_id[action].key) == default


async def test_a_moved_today_key_logs_and_shows_in_the_footer_help_and_hints(make_app, home, clock):
    home.mkdir(exist_ok=True)
    (home / "device.json").write_text(json.dumps({"keymap": {"log_no": "v"}}))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "v No" in footer(app) and "n No" not in footer(app)
        assert "press v, y or w" in screen_text(app)
        await pilot.press("n")  # the old key does nothing now
        await settle(pilot)
        assert service_at(home, clock).read().state.entries == []
        await pilot.press("v")
        await settle(pilot)
        assert [e.outcome.value for e in service_at(home, clock).read().state.entries] == ["no"]


async def test_the_keys_each_screen_holds_are_the_ones_keymap_knows(make_app):
    """keymap.py's table is written out for `config`; it must be what the screens bind."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for mode, name in (("today", "Today"), ("journey", "Journey"), ("history", "History")):
            app.switch_mode(mode)
            await settle(pilot)
            nodes = [app.screen, *app.screen.query("*")]
            held = {
                key_name(key)
                for kind in {kind for node in nodes for kind in type(node).__mro__}
                if kind.__module__.startswith("rejection_therapy")
                for binding in kind.__dict__.get("BINDINGS", [])
                if binding.id not in MOVABLE  # a key a person moves: checked apart
                for key in binding.key.split(",")
            }
            assert held == SCREEN_KEYS[name], name


async def test_a_moved_key_acts_and_shows_in_the_footer_and_help(make_app, home):
    home.mkdir(exist_ok=True)
    (home / "device.json").write_text(json.dumps({"keymap": {"journey": "g", "help": "F1"}}))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "g Journey" in footer(app) and "j Journey" not in footer(app)
        assert footer(app).endswith("f1 Help q Quit")  # still last, where people look
        await pilot.press("j")
        await settle(pilot)
        assert app.current_mode == "today"  # j is no longer Journey
        await pilot.press("g")
        await settle(pilot)
        assert app.current_mode == "journey"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "t g b h p x switch · f1 help · q quit" in screen_text(app)
        assert "settings: ," in screen_text(app)


async def test_a_bad_keymap_in_the_file_is_said_and_the_defaults_kept(make_app, home):
    home.mkdir(exist_ok=True)
    (home / "device.json").write_text(json.dumps({"keymap": {"journey": "l"}}))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: notified(app, "device.json", "l is taken on Today"))
        assert "j Journey" in footer(app)
    assert json.loads((home / "device.json").read_text()) == {"keymap": {"journey": "l"}}


async def _open_settings(app, pilot) -> SettingsScreen:
    await settle(pilot)
    await pilot.press("comma")
    await settle(pilot)
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def _submit(pilot, field: Input, text: str) -> None:
    field.value = text
    field.focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_the_persons_settings_are_saved_through_the_service(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await _open_settings(app, pilot)
        hour = screen.query_one("#rollover_hour", Input)
        await _submit(pilot, hour, "25")
        assert await wait_until(pilot, lambda: notified(app, "a whole hour from 0 to 23"))
        assert service_at(home, clock).read().settings.rollover_hour == 4
        await _submit(pilot, hour, "6")
        assert await wait_until(pilot, lambda: notified(app, "rollover_hour = 6"))
        assert "a new day begins at 06:00" in screen_text(app)
        zone = screen.query_one("#timezone", Input)
        await _submit(pilot, zone, "Mars/[b]Olympus")
        assert await wait_until(pilot, lambda: notified(app, "unknown time zone 'Mars/[b]Olympus'"))
        await _submit(pilot, zone, "America/New_York")
        settings = service_at(home, clock).read().settings
        assert (settings.rollover_hour, settings.timezone) == (6, "America/New_York")
        assert not (home / "device.json").exists()  # nothing of the person's goes there
        screen.query_one("#situation").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfileDialog)
        await pilot.press("left")  # the goal: one left of "not set" is "general"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert await wait_until(pilot, lambda: "goal general" in screen_text(app))
    assert service_at(home, clock).read().settings.profile["goal"] == "general"


async def test_the_devices_settings_go_to_device_json(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await _open_settings(app, pilot)
        screen.query_one("#theme", Select).value = "ansi-dark"
        await settle(pilot)
        assert app.theme == "ansi-dark"
        screen.query_one("#mouse", Choice).value = False
        await settle(pilot)
        keymap = screen.query_one("#keymap", Input)
        await _submit(pilot, keymap, "journey=t")
        assert await wait_until(pilot, lambda: notified(app, "t is the today key already"))
        await _submit(pilot, keymap, "journey=g")
        assert await wait_until(pilot, lambda: "journey g" in screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        assert "g Journey" in footer(app)
    assert json.loads((home / "device.json").read_text()) == {
        "theme": "ansi-dark",
        "mouse": False,
        "keymap": {"journey": "g"},
    }
    assert service_at(home, clock).read().settings.theme == "dark"  # the data is untouched


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings_snapshot(snap_compare, make_app, size):
    app = make_app(demo_days=41, poll=3600)

    async def open_settings(pilot) -> None:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        assert await wait_until(pilot, lambda: pilot.app.screen.reminder_status is not None)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_settings)


async def test_the_reminder_is_installed_and_removed_from_settings(
    make_app, home, tmp_path, monkeypatch
):
    """Times typed in, Install: the same install as `remind install`; Remove undoes it."""
    from textual.widgets import Button

    user = tmp_path / "user"
    user.mkdir()
    monkeypatch.setenv("HOME", str(user))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no notifier, no crontab: nothing scheduled
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        screen = app.screen
        assert await wait_until(pilot, lambda: screen.reminder_status is not None)
        assert "off: a nudge at the times below" in screen_text(app)
        times = screen.query_one("#reminder-times", Input)
        times.value = "19:00 9:30pm"
        times.focus()
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "19:00, 21:30 via notify" in screen_text(app))
        assert json.loads((home / "device.json").read_text())["reminder"]["times"] == [
            "19:00",
            "21:30",
        ]
        assert json.loads((home / "remind.json").read_text())["installed"]["program"]
        screen.query_one("#reminder-remove", Button).press()
        assert await wait_until(pilot, lambda: "off: a nudge" in screen_text(app))
        assert notified(app, "Reminder removed")
    assert "reminder" not in json.loads((home / "device.json").read_text())
    assert not (home / "remind.json").exists()
    assert list(user.iterdir()) == []
