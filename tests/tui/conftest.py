"""TUI test helpers: an app on an isolated home with a clock the test can move."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table
from textual.worker import WorkerCancelled

from rejection_therapy.paths import Paths
from rejection_therapy.service import Service
from rejection_therapy.tui.app import RejectionTherapyApp


@dataclass
class MovableClock:
    """A clock the test sets; the app reads it on every poll."""

    instant: datetime

    def now(self) -> datetime:
        return self.instant.astimezone(UTC)

    def set(self, iso: str) -> None:
        self.instant = datetime.fromisoformat(iso)


def service_at(home: Path, clock: MovableClock) -> Service:
    return Service(Paths(home), environ={"TZ": "Europe/Berlin"}, clock=clock)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(datetime.fromisoformat("2026-03-02T10:00:00+01:00"))


@pytest.fixture
def make_app(home: Path, clock: MovableClock):
    def build(demo_days: int | None = None, poll: float = 0.05) -> RejectionTherapyApp:
        service = service_at(home, clock)
        if demo_days:
            service.demo(days=demo_days, seed=3)
        app = RejectionTherapyApp(service, poll_seconds=poll, steady=True)
        app.animation_level = "none"
        return app

    return build


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up (no fixed sleeps).

    A reload may be cancelled by a newer one (they are exclusive); waiting on it then
    raises WorkerCancelled, which only means the newer reload is the one to wait for.
    """
    for _ in range(3):
        for _attempt in range(10):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                continue
        await pilot.pause()


async def wait_until(pilot, condition, seconds: float = 3.0) -> bool:
    """Poll a condition the app reaches through its own message queue (e.g. notifications)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


def notified(app, *texts: str) -> bool:
    """Whether one notification shows all of `texts`."""
    return any(all(text in str(n.message) for text in texts) for n in app._notifications)


def rewarded(app: RejectionTherapyApp, *texts: str) -> bool:
    """Whether the reward panel is up and shows all of `texts` (its title included)."""
    from rejection_therapy.tui.reward import RewardPanel

    if not isinstance(app.screen, RewardPanel):
        return False
    title = str(app.screen.query_one(".reward").border_title)
    shown = title + "\n" + screen_text(app)
    return all(text in shown for text in texts)


async def close_reward(pilot) -> None:
    """Dismiss the reward panel a log brings, back to the screen below."""
    from rejection_therapy.tui.reward import RewardPanel

    assert await wait_until(pilot, lambda: isinstance(pilot.app.screen, RewardPanel))
    await pilot.press("enter")
    await settle(pilot)


def screen_text(app: RejectionTherapyApp) -> str:
    """Everything the current screen shows, as plain text."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query(Static):
        content = widget.content
        if isinstance(content, Table):  # a grid of columns (Help, Badges, Packs' asks)
            console = Console(width=200, file=io.StringIO(), color_system=None)
            console.print(content)
            parts.append(console.file.getvalue())  # type: ignore[attr-defined]
        else:
            visual = widget.visual
            parts.append(str(getattr(visual, "plain", visual)))
    return "\n".join(parts)
