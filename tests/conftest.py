"""Shared fixtures: an isolated home, a fixed clock, and the real console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from rejection_therapy.core.clock import FixedClock
from rejection_therapy.paths import Paths
from rejection_therapy.service import Service

SCRIPT = Path(sys.executable).with_name("rejection-therapy")

# The suite starts the console script hundreds of times: let those processes keep the
# bytecode they compile, even on a machine that sets PYTHONDONTWRITEBYTECODE, so each
# start after the first reads it instead of compiling every module again.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture(autouse=True)
def _no_background_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    """A change from the command line starts a sync in the background when the home
    syncs; tests of sync run it themselves (tests/cli/test_sync_cli.py tries the
    background one on its own)."""
    monkeypatch.setenv("REJECTION_THERAPY_NO_AUTOSYNC", "1")


@pytest.fixture(autouse=True)
def _no_os_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """An encrypted sync keeps its key in the OS keyring where one works: never the
    keyring of the machine running the tests (tests/cli/test_sync_encrypt.py gives one of
    its own where the keyring is the point)."""
    monkeypatch.setenv("REJECTION_THERAPY_NO_KEYRING", "1")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def cli(home: Path):
    """Run the installed console script in a subprocess against an isolated home."""

    def run(
        *args: str, now: str | None = "2026-03-02", tz: str = "Europe/Berlin", **env: str
    ) -> CliResult:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("REJECTION_THERAPY")}
        environ.update({"REJECTION_THERAPY_HOME": str(home), "TZ": tz, "NO_COLOR": ""})
        environ.pop("NO_COLOR")
        if now is not None:
            environ["REJECTION_THERAPY_NOW"] = now
        environ.update(env)
        done = subprocess.run(
            [str(SCRIPT), *args],
            capture_output=True,
            text=True,
            env=environ,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        return CliResult(done.returncode, done.stdout, done.stderr)

    return run


def make_service(home: Path, instant: str, tz: str = "Europe/Berlin") -> Service:
    """A service on `home` stopped at `instant` (ISO-8601 with offset)."""
    return Service(
        Paths(home), environ={"TZ": tz}, clock=FixedClock(datetime.fromisoformat(instant))
    )
