"""The default home the quick commands work out by hand is the one platformdirs names."""

from __future__ import annotations

import sys

import pytest

from rejection_therapy.filenames import plain_default_home
from rejection_therapy.paths import resolve_home


@pytest.mark.parametrize(
    "environ",
    [
        {"HOME": "/home/ada"},
        {"HOME": "/home/ada/"},
        {"HOME": "/root", "XDG_DATA_HOME": ""},
        {"HOME": "/home/ada", "XDG_DATA_HOME": "/srv/data"},
        {"HOME": "/home/ada", "XDG_DATA_HOME": "relative/data"},
        {"HOME": "relative"},
        {"HOME": ""},
    ],
)
def test_the_plain_default_home_is_platformdirs_own_or_none(environ, monkeypatch):
    for name in ("HOME", "XDG_DATA_HOME", "REJECTION_THERAPY_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    plain = plain_default_home()
    if plain is not None:
        assert plain == str(resolve_home({}))
    elif sys.platform == "linux" and environ["HOME"].startswith("/"):
        assert environ.get("XDG_DATA_HOME")  # only an XDG folder is left to platformdirs


def test_on_linux_the_usual_case_is_worked_out_by_hand(monkeypatch):
    if sys.platform != "linux":
        pytest.skip("the hand-made path is Linux's")
    monkeypatch.setenv("HOME", "/home/ada")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert plain_default_home() == "/home/ada/.local/share/rejection-therapy"
