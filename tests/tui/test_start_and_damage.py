"""The first seconds of a session: a key pressed as soon as Today shows is kept, and a home
that cannot be read gets a screen that says so and repairs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rejection_therapy.core.models import Outcome
from rejection_therapy.paths import Paths
from rejection_therapy.tui.app import RejectionTherapyApp
from tests.tui.conftest import notified, screen_text, service_at, settle, wait_until

NOW = "2026-03-02T10:00:00+01:00"
SCRIPT = Path(sys.executable).with_name("rejection-therapy")


@pytest.fixture(scope="session")
def ten_year_home(tmp_path_factory) -> Path:
    """A ten-year demo history (made once: it takes a few seconds), with today's record."""
    home = tmp_path_factory.mktemp("ten-years") / "home"
    environ = {
        "REJECTION_THERAPY_HOME": str(home),
        "REJECTION_THERAPY_NOW": NOW,
        "TZ": "Europe/Berlin",
    }
    for argv in (["demo", "--days", "3650", "--seed", "3"], ["today"]):
        subprocess.run([str(SCRIPT), *argv], env=environ, check=True, capture_output=True)
    return home


def _app_on(home: Path, monkeypatch) -> RejectionTherapyApp:
    monkeypatch.setenv("REJECTION_THERAPY_HOME", str(home))
    monkeypatch.setenv("REJECTION_THERAPY_NOW", NOW)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.delenv("REJECTION_THERAPY_FULL_PATH", raising=False)
    app = RejectionTherapyApp(paths=Paths(home), poll_seconds=60, steady=True)
    app.animation_level = "none"
    return app


def _entries_today(home: Path, clock) -> list[str]:
    snapshot = service_at(home, clock).read()
    return [e.outcome.value for e in snapshot.ledger.entries_on(snapshot.today)]


@pytest.mark.parametrize("history", ["fresh", "ten years"])
async def test_n_pressed_at_the_first_paint_is_logged(
    history, home, tmp_path, clock, monkeypatch, ten_year_home
):
    if history == "ten years":
        home = tmp_path / "copy"
        shutil.copytree(ten_year_home, home)
        service_at(home, clock).rebuild_status()  # a copy has new inodes: the record is stale
    before = _entries_today(home, clock) if history != "fresh" else []
    app = _app_on(home, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        if history == "ten years":
            assert app.quick is not None  # painted from the status record
            assert app.loaded is None  # the history is still loading
        # (A fresh home may finish loading before the first key on a quiet machine, or
        # not on a busy one: either way the key pressed now must be logged.)
        await pilot.press("n")
        assert await wait_until(pilot, lambda: "NO saved" in screen_text(app), seconds=20)
        await pilot.press("escape")  # no note
        await settle(pilot)
    assert _entries_today(home, clock) == [*before, "no"]


async def test_a_damaged_data_file_offers_the_repair_and_keeps_every_saved_entry(
    home, clock, monkeypatch
):
    service = service_at(home, clock)
    service.log(Outcome.NO, note="in the backup")
    service.log(Outcome.YES, ask_text="only in the journal")
    data = Paths(home).data_file
    data.write_text('{"entries": {"1": ')  # cut short
    app = _app_on(home, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_until(pilot, lambda: "cannot be read" in screen_text(app), seconds=5)
        assert "is not valid JSON" in screen_text(app)
        assert "Press r to repair" in screen_text(app)
        await pilot.press("n")  # nothing is logged on data that cannot be read
        await pilot.press("r")
        assert await wait_until(pilot, lambda: app.loaded is not None, seconds=10)
        await settle(pilot)
        assert "only in the journal" in screen_text(app)
    assert sorted(_entries_today(home, clock)) == ["no", "yes"]
    assert list(home.glob("rejection-therapy.json.corrupt-*"))


async def test_a_data_file_without_read_permission_is_not_offered_a_repair(
    home, clock, monkeypatch
):
    from rejection_therapy.storage import database

    service_at(home, clock).log(Outcome.NO)
    real = database.read_bounded

    def denied(path, *args, **kwargs):
        if Path(path) == Paths(home).data_file:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(database, "read_bounded", denied)  # root reads anything: simulate it
    app = _app_on(home, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_until(pilot, lambda: "permission denied" in screen_text(app), seconds=5)
        assert "chmod u+rw" in screen_text(app)
        assert "Press r" not in screen_text(app)


async def test_an_unknown_tz_at_first_run_is_said_in_the_app(home, clock):
    from rejection_therapy.paths import Paths
    from rejection_therapy.service import Service
    from rejection_therapy.service.zone import take_fallback
    from rejection_therapy.tui.app import RejectionTherapyApp

    take_fallback()  # another test's first run in this process must not answer for this one
    service = Service(Paths(home), environ={"TZ": "Mars/Olympus"}, clock=clock)
    app = RejectionTherapyApp(service, poll_seconds=3600, steady=True)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert await wait_until(
            pilot, lambda: notified(app, "TZ='Mars/Olympus'", "config timezone")
        )
    assert take_fallback() is None  # said once: the shell does not say it again on exit
