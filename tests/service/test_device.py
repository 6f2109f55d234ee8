"""This device's settings (device.json): apart from the data, read as untrusted, checked,
written atomically, never written over when bad."""

from __future__ import annotations

import json
import os
import stat

import pytest

from rejection_therapy.device import DARK_THEME, LIGHT_THEME, peek
from rejection_therapy.paths import Paths
from rejection_therapy.service.device import (
    DeviceSettings,
    change_device,
    load_device,
    set_device_setting,
)
from rejection_therapy.service.errors import UserError


@pytest.fixture
def paths(home) -> Paths:
    return Paths(home)


def _fails_naming_the_file(paths: Paths, *words: str) -> str:
    with pytest.raises(UserError) as caught:
        load_device(paths)
    message = str(caught.value)
    assert "\n" not in message and str(paths.device_file) in message
    assert "delete it" in message
    for word in words:
        assert word in message, message
    return message


def test_a_home_without_the_file_has_the_defaults(paths):
    device = load_device(paths)
    assert device == DeviceSettings() and device.mouse and device.keymap == {}
    assert not paths.device_file.exists()  # reading never creates it


def test_a_change_is_saved_privately_and_atomically(paths):
    change_device(paths, theme="ansi-dark")
    set_device_setting(paths, "mouse", "OFF")
    assert json.loads(paths.device_file.read_text()) == {
        "theme": "ansi-dark",
        "mouse": False,
        "keymap": {},
    }
    assert stat.S_IMODE(paths.device_file.stat().st_mode) == 0o600
    assert sorted(os.listdir(paths.home)) == ["device.json"]  # no temp file left behind
    assert load_device(paths).theme == "ansi-dark" and not load_device(paths).mouse


@pytest.mark.parametrize(
    ("stored", "device_theme", "shown"),
    [("dark", None, DARK_THEME), ("light", None, LIGHT_THEME), ("light", "nord", "nord")],
)
def test_the_data_files_old_theme_is_used_until_the_device_names_one(stored, device_theme, shown):
    assert DeviceSettings(theme=device_theme).theme_or(stored) == shown


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{broken", ("is not valid JSON at line 1",)),
        (b"\xff\xfe", ("is not valid JSON",)),
        (b"[1, 2]", ("must hold a JSON object",)),
        (b'{"mouse": "yes"}', ("mouse:",)),
        (b'{"theme": "blue"}', ("unknown theme 'blue'",)),
        (b'{"colour": "red"}', ("colour: unknown setting",)),
        (b'{"keymap": {"today": 3}}', ("keymap.today:",)),
        (b" " * (65 * 1024), ("at most 64.0 KiB",)),
    ],
)
def test_a_bad_file_is_named_in_one_line_and_never_written_over(paths, content, words):
    paths.home.mkdir()
    paths.device_file.write_bytes(content)
    _fails_naming_the_file(paths, *words)
    with pytest.raises(UserError):
        change_device(paths, theme="nord")
    assert paths.device_file.read_bytes() == content
    assert peek(paths.device_file) == {}  # the first paint takes the defaults


def test_a_link_is_not_followed_nor_replaced(paths, tmp_path):
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"theme": "nord"}')
    paths.home.mkdir()
    paths.device_file.symlink_to(elsewhere)
    _fails_naming_the_file(paths, "symbolic link")
    with pytest.raises(UserError):
        change_device(paths, mouse=False)
    assert paths.device_file.is_symlink() and elsewhere.read_text() == '{"theme": "nord"}'


def test_a_pipe_in_its_place_is_refused_without_blocking(paths):
    paths.home.mkdir()
    os.mkfifo(paths.device_file)
    _fails_naming_the_file(paths, "not a regular file", "a pipe")


def test_peek_takes_only_values_of_the_right_kind(paths):
    paths.home.mkdir()
    paths.device_file.write_text(
        json.dumps({"theme": "not-a-theme", "mouse": False, "keymap": {"help": 3}})
    )
    assert peek(paths.device_file) == {"mouse": False}


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("mouse", "maybe", "mouse takes on or off, not 'maybe'"),
        ("theme", "x" * 300, "unknown theme"),
        ("colour", "red", "unknown device setting 'colour'"),
    ],
)
def test_a_bad_value_is_refused_in_the_apps_words(paths, key, value, said):
    with pytest.raises(UserError, match=said):
        set_device_setting(paths, key, value)
    assert not paths.device_file.exists()
