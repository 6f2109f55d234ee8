"""The command line driven in-process on isolated homes (faster than a subprocess each)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rejection_therapy.cli import main

NOW = "2026-03-02T10:00:00+01:00"


class Home:
    """One home and the command line pointed at it."""

    def __init__(
        self, path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.path = path
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    @property
    def data(self) -> Path:
        return self.path / "rejection-therapy.json"

    @property
    def journal(self) -> Path:
        return self.path / "rejection-therapy.journal"

    def run(self, *argv: str, now: str = NOW) -> tuple[int, str, str]:
        self.monkeypatch.setenv("REJECTION_THERAPY_HOME", str(self.path))
        self.monkeypatch.setenv("REJECTION_THERAPY_NOW", now)
        self.capsys.readouterr()
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *argv: str, now: str = NOW) -> str:
        code, out, err = self.run(*argv, now=now)
        assert code == 0, (argv, out, err)
        return out

    def fold(self) -> None:
        """Write the journal's lines into the data file, as the next day's first write
        would (for tests that read or change the file itself)."""
        from rejection_therapy.paths import Paths
        from rejection_therapy.storage.database import Database

        Database(Paths(self.path)).fold()

    def history(self) -> list[dict[str, Any]]:
        return json.loads(self.ok("history", "--json", "--limit", "0"))

    def export(self) -> dict[str, Any]:
        return json.loads(self.ok("export"))


@pytest.fixture
def make_home(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.delenv("REJECTION_THERAPY_FULL_PATH", raising=False)
    return lambda name="home": Home(tmp_path / name, capsys, monkeypatch)


@pytest.fixture
def cli(home: Path, capsys: pytest.CaptureFixture[str]):
    """The root `cli` fixture's interface, run in this process: the command line's code is
    the same, without paying an interpreter start per call. (tests/storage and the packaging
    test keep real processes where the process is the point.)"""
    import os

    from tests.conftest import CliResult

    def run(
        *args: str, now: str | None = "2026-03-02", tz: str = "Europe/Berlin", **env: str
    ) -> CliResult:
        saved = dict(os.environ)
        for key in [k for k in os.environ if k.startswith("REJECTION_THERAPY")]:
            del os.environ[key]
        os.environ.update({"REJECTION_THERAPY_HOME": str(home), "TZ": tz, **env})
        os.environ.pop("NO_COLOR", None)
        if now is not None:
            os.environ["REJECTION_THERAPY_NOW"] = now
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's usage errors and --help
            code = exit_.code if isinstance(exit_.code, int) else 2
        finally:
            os.environ.clear()
            os.environ.update(saved)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run
