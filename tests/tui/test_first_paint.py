"""Start-up: Today is painted from the status record before the history loads, and the
loaded history paints exactly the same screen."""

from __future__ import annotations

import threading

import pytest

from rejection_therapy.core.models import Outcome
from rejection_therapy.paths import Paths
from rejection_therapy.tui import state
from rejection_therapy.tui.app import RejectionTherapyApp
from tests.tui.conftest import notified, rewarded, screen_text, service_at, settle, wait_until

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
        assert await wait_until(pilot, lambda: rewarded(app, "+20 XP", "chapter, not the"))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: screen_text(app).count("✦ no") == 2)
        release.set()
        assert await wait_until(pilot, lambda: app.loaded is not None, seconds=20)
        await settle(pilot)
        assert len(loads) == 2  # the reading begun before the save was read again, once
        day = app.loaded.view.snapshot.ledger
        assert [e.outcome.value for e in day.entries_on(day.today)] == ["no", "no"]
        # a person busy logging is not asked the situation questions over it
        assert not app.loaded.view.snapshot.settings.profile_asked
        assert "Your situation" not in screen_text(app)


def _held(monkeypatch, release, fail=None):
    real_load = state.load

    def held_load(service):
        release.wait(10)
        if fail is not None and fail["on"]:
            from rejection_therapy.service.errors import StorageError

            raise StorageError("the home is locked by another process")
        return real_load(service)

    monkeypatch.setattr(state, "load", held_load)


def _notes_today(home, clock) -> list[str]:
    stored = service_at(home, clock).read().ledger
    return [e.note for e in stored.entries_on(stored.today)]


async def test_keys_before_the_history_loads_act_in_the_order_pressed(
    ready_home, clock, monkeypatch
):
    """`u` waits for the history; the `n` after it must wait too, or the undo would take
    back the new no instead of the entry that was there."""
    release = threading.Event()
    _held(monkeypatch, release)
    home, ask = ready_home
    app = RejectionTherapyApp(paths=Paths(home), poll_seconds=60, steady=True)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_until(pilot, lambda: ask[:30] in screen_text(app))
        await pilot.press("u")
        await pilot.press("n")
        await pilot.pause()
        assert _notes_today(home, clock) == ["asked before opening the app"]  # both wait
        release.set()
        assert await wait_until(pilot, lambda: "NO saved" in screen_text(app), seconds=20)
        await pilot.press("escape")
        await settle(pilot)
    assert _notes_today(home, clock) == [""]  # the old entry undone, then the new no


async def test_a_key_handed_back_after_the_load_failed_is_not_kept_for_later(
    ready_home, clock, monkeypatch
):
    import rejection_therapy.fastpath.log as fast

    release_load, release_log = threading.Event(), threading.Event()
    fail = {"on": True}
    _held(monkeypatch, release_load, fail)

    def handed_back(home, request, environ):
        release_log.wait(10)
        return None  # not the plain case: the full service would take it

    monkeypatch.setattr(fast, "fast_log", handed_back)
    home, ask = ready_home
    app = RejectionTherapyApp(paths=Paths(home), poll_seconds=60, steady=True)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert await wait_until(pilot, lambda: ask[:30] in screen_text(app))
        await pilot.press("n")
        release_load.set()
        assert await wait_until(pilot, lambda: app.load_error is not None, seconds=10)
        release_log.set()
        assert await wait_until(pilot, lambda: notified(app, "nothing was changed"), seconds=10)
        assert not app.keys_waiting
        fail["on"] = False
        app.reload()
        assert await wait_until(pilot, lambda: app.loaded is not None, seconds=20)
        await settle(pilot)
    assert _notes_today(home, clock) == ["asked before opening the app"]
