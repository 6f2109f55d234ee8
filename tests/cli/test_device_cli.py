"""`config` for this device's settings (theme, mouse) and `--no-mouse` on the app's launch."""

from __future__ import annotations

import json

from rejection_therapy import tui
from rejection_therapy.paths import Paths


def test_a_theme_is_kept_for_this_device_apart_from_the_data(cli, home):
    cli("today")
    data_before = (home / "rejection-therapy.json").read_bytes()
    done = cli("config", "theme", "ansi-dark")
    assert done.code == 0 and done.out.startswith("theme = ansi-dark\n")
    assert json.loads((home / "device.json").read_text())["theme"] == "ansi-dark"
    assert (home / "rejection-therapy.json").read_bytes() == data_before  # nothing to sync
    assert cli("config", "theme").out.strip() == "ansi-dark"
    shown = cli("config", "--json").json()
    assert shown["theme"] == "ansi-dark" and shown["mouse"] is True and shown["keymap"] == {}
    assert shown["timezone"] == "Europe/Berlin"  # the person's settings beside them
    assert cli("config", "theme", "light").out.startswith("theme = rejection-therapy-light\n")


def test_the_old_light_theme_shows_as_the_apps_light_theme(cli, home):
    from tests.conftest import make_service

    make_service(home, "2026-03-02T10:00:00+01:00").set_setting("theme", "light")
    assert cli("config", "theme").out.strip() == "rejection-therapy-light"


def test_mouse_off_is_said_with_what_it_is_for(cli, home):
    done = cli("config", "mouse", "off")
    assert done.code == 0 and "select-to-copy" in done.out
    assert cli("config").out.count("mouse = off") == 1
    assert cli("config", "mouse", "on").out.startswith("mouse = on\n")


def test_a_bad_device_file_is_one_line_exit_2_and_kept(cli, home):
    cli("today")
    (home / "device.json").write_text('{"mouse": "sometimes"}')
    for args in (("config",), ("config", "theme", "nord")):
        done = cli(*args)
        assert done.code == 2 and done.out == ""
        assert done.err.count("\n") == 1 and "Traceback" not in done.err
        assert str(home / "device.json") in done.err and "delete it" in done.err
    assert (home / "device.json").read_text() == '{"mouse": "sometimes"}'


def test_no_mouse_is_taken_by_the_launch(cli):
    done = cli("--no-mouse")  # not on a terminal: today's status, as without the flag
    assert done.code == 0 and "Day 1/100" in done.out
    assert "--no-mouse" in cli("--help").out


def test_the_app_starts_with_the_mouse_this_device_chose(home, monkeypatch):
    """Textual takes the mouse when it starts: the choice is read before `run`."""
    started = []
    monkeypatch.setattr(
        "rejection_therapy.tui.app.RejectionTherapyApp.run",
        lambda app, **options: started.append(options["mouse"]),
    )
    tui.run_app(Paths(home))
    home.mkdir(exist_ok=True)
    (home / "device.json").write_text('{"mouse": false}')
    tui.run_app(Paths(home))
    (home / "device.json").write_text('{"mouse": true}')
    tui.run_app(Paths(home), mouse=False)  # --no-mouse wins over the file
    assert started == [True, False, False]


def test_config_keymap_moves_a_key_checks_it_and_puts_it_back(cli, home):
    done = cli("config", "keymap", "journey=g")
    assert done.code == 0 and done.out.startswith("keymap = journey=g\n")
    assert cli("config", "keymap", "help=?").out.startswith("keymap = help=question_mark,journey=g")
    for typed, said in (
        ("journey=l", "l is taken on Today; choose another key for journey"),
        ("journey=n", "n is the log_no key already; move log_no first"),
        ("badges=g", "g is the journey key already; move journey first"),
        ("jurney=k", "unknown action 'jurney'; actions: today, journey"),
        ("journey=ctrl+", "is not a key name; use a letter or sign"),
        ("journey", "write ACTION=KEY, such as journey=g"),
    ):
        refused = cli("config", "keymap", typed)
        assert refused.code == 2 and said in refused.err, (typed, refused.err)
        assert refused.err.count("\n") == 1 and "Traceback" not in refused.err
    assert json.loads((home / "device.json").read_text())["keymap"] == {
        "journey": "g",
        "help": "question_mark",
    }
    assert cli("config", "keymap", "journey=").out.startswith("keymap = help=question_mark\n")
    assert cli("config", "keymap", "help=").out.startswith("keymap = (the default keys")
