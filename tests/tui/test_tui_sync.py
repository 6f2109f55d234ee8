"""The app syncs in the background: what another device logged arrives when it opens,
its own changes go out after each key, and the header says when it last synced."""

from __future__ import annotations

from rejection_therapy.core.models import Outcome
from rejection_therapy.service import sync, sync_setup
from tests.tui.conftest import screen_text, service_at, settle, wait_until


def _entries(service) -> set[str]:
    return {entry.note for entry in service.read().state.entries}


async def test_the_app_brings_in_the_other_devices_day_and_sends_its_own(
    make_app, home, clock, tmp_path, monkeypatch
):
    monkeypatch.setattr("rejection_therapy.tui.app.OPENING_SYNC_SECONDS", 0.1)
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = service_at(tmp_path / "laptop", clock)
    sync_setup.setup(laptop, str(folder), "laptop", new_device=True)
    laptop.log(Outcome.NO, note="from the laptop")
    sync.sync(laptop)
    desktop = service_at(home, clock)
    sync_setup.setup(desktop, str(folder), "desktop", new_device=True)
    laptop.log(Outcome.NO, note="after the desktop joined")
    sync.sync(laptop)

    app = make_app()
    # The sync runs as a process of its own: it reads the one clock from the environment.
    app.service.environ["REJECTION_THERAPY_NOW"] = clock.now().isoformat()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: "after the desktop joined" in screen_text(app))
        assert await wait_until(pilot, lambda: "⇅ 2 devices, now" in screen_text(app))
        opened = app.sync_shown.at
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: app.sync_shown.at != opened)
        await settle(pilot)
    sync.sync(laptop)
    assert len(_entries(laptop)) == 3


def test_the_header_says_not_pushed_when_the_git_remote_was_out_of_reach():
    from datetime import UTC, datetime

    from rejection_therapy.tui.syncing import SyncShown

    now = datetime(2026, 3, 2, tzinfo=UTC)
    shown = SyncShown(at=now, devices=2, unpushed="cannot reach origin")
    assert shown.said(now, wide=True) == "⇅ not pushed"
    shown.unpushed = None
    assert shown.said(now, wide=True) == "⇅ 2 devices, now"
