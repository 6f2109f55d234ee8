"""Start-up: Today is painted from the status record before the history loads, and the
loaded history paints exactly the same screen."""

from __future__ import annotations

import threading

import pytest

from rejection_therapy.core.models import Outcome
from rejection_therapy.paths import Paths
from rejection_therapy.tui import state
from rejection_therapy.tui.app import RejectionTherapyApp
from tests.tui.conftest import notified, screen_text, service_at, settle, wait_until

NOW = "2026-03-02T10:00:00+01:00"


@pytest.fixture
def ready_home(home, clock, monkeypatch):
    monkeypatch.setenv("REJECTION_THERAPY_HOME", str(home))
    monkeypatch.setenv("REJECTION_THERAPY_NOW", NOW)
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.delenv("REJECTION_THERAPY_FULL_PATH", raising=False)
    service = service_at(home, clock)
    service.demo(days=20, seed=3)
    service.log(Outcome.NO, note="asked before opening the app")
    return home, service.today().ask.text


async def test_today_is_painted_from_the_record_then_the_same_from_the_history(
    ready_home, monkeypatch
):
    release = threading.Event()
    real_load = state.load

    def held_load(service):
        release.wait(10)
        return real_load(service)

    monkeypatch.setattr(state, "load", held_load)
    home, ask = ready_home
    app = RejectionTherapyApp(paths=Paths(home), poll_seconds=60, steady=True)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_until(pilot, lambda: ask[:30] in screen_text(app))
        assert app.loaded is None and app.quick is not None  # still the record's picture
        assert "Day 21/100" in screen_text(app)
        assert "asked before opening the app" in screen_text(app)
        quick = app.export_screenshot()
        release.set()
        await settle(pilot)
        assert app.loaded is not None
        assert app.export_screenshot() == quick


async def test_without_a_current_record_the_app_waits_for_the_history(ready_home):
    home, ask = ready_home
    (home / "status.marshal").unlink()
    app = RejectionTherapyApp(paths=Paths(home), poll_seconds=60, steady=True)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.quick is None
        await settle(pilot)
        assert ask[:30] in screen_text(app) and "Day 21/100" in screen_text(app)


async def test_a_key_before_the_history_loads_is_saved_at_once(ready_home, clock, monkeypatch):
    """`n` at the first paint is logged by the quick log while the history still loads
    (held here until the end): saved, painted on Today, and kept by the reading that was
    under way when it was saved (that reading is stale, and a new one follows)."""
    release = threading.Event()
    real_load = state.load
    loads = []

    def held_load(service):
        loads.append(1)
        release.wait(10)
        return real_load(service)

    monkeypatch.setattr(state, "load", held_load)
    home, ask = ready_home
    app = RejectionTherapyApp(paths=Paths(home), poll_seconds=60, steady=True, ask_situation=True)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert await wait_until(pilot, lambda: ask[:30] in screen_text(app))
        await pilot.press("n")
        assert await wait_until(pilot, lambda: "NO saved" in screen_text(app), seconds=10)
        assert app.loaded is None  # the history has not loaded: the quick log saved it
        stored = service_at(home, clock).read().ledger
        assert [e.outcome.value for e in stored.entries_on(stored.today)] == ["no", "no"]
        await pilot.pause()
        await pilot.press("escape")  # no note
        assert await wait_until(pilot, lambda: notified(app, "+20 XP", "chapter, not the"))
        assert screen_text(app).count("✗ no") == 2  # Today shows the new entry already
        release.set()
        assert await wait_until(pilot, lambda: app.loaded is not None, seconds=20)
        await settle(pilot)
        assert len(loads) == 2  # the reading begun before the save was read again, once
        day = app.loaded.view.snapshot.ledger
        assert [e.outcome.value for e in day.entries_on(day.today)] == ["no", "no"]
        # a person busy logging is not asked the situation questions over it
        assert not app.loaded.view.snapshot.settings.profile_asked
        assert "Your situation" not in screen_text(app)
