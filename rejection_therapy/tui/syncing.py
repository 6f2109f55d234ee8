"""The TUI's side of `sync`: a sync in the background when the app opens and after each
change, its state in the header, and a notification when it cannot run.

It never holds up a key: the sync runs in a thread, one change at a time with the app's
own writes, and a folder that cannot be reached only says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from rejection_therapy.service.sync import SyncReport
    from rejection_therapy.tui.app import RejectionTherapyApp


@dataclass
class SyncShown:
    """What the header says of the sync: when it last ran, with how many devices."""

    at: datetime | None = None
    devices: int = 0
    problem: str | None = None
    running: bool = False

    def said(self, now: datetime, wide: bool) -> str:
        if self.problem:
            return "⇅ not synced"
        if self.running and self.at is None:
            return "⇅ syncing"
        if self.at is None:
            return ""
        minutes = int((now - self.at).total_seconds() // 60)
        ago = "now" if minutes < 1 else f"{minutes}m" if minutes < 120 else f"{minutes // 60}h"
        devices = f"{self.devices} devices, " if wide else ""
        return f"⇅ {devices}{ago}"


def sync_in_background(app: RejectionTherapyApp, after: Callable[[], None] | None = None) -> None:
    """Sync now in a thread when this home syncs (the newest request wins); `after` runs
    on the app's thread once it is done."""
    from rejection_therapy.service import sync

    if not sync.syncing(app.service):
        if after is not None:
            after()
        return
    app.sync_shown.running = True
    app.run_worker(
        lambda: _sync(app, after), thread=True, exclusive=True, group="sync", exit_on_error=False
    )


def _sync(app: RejectionTherapyApp, after: Callable[[], None] | None) -> None:
    from rejection_therapy.service import sync
    from rejection_therapy.tui.app import EXPECTED_ERRORS

    try:
        with app.write_lock:  # one change at a time, the app's own and the sync's
            report = sync.sync(app.service)
    except EXPECTED_ERRORS as error:
        app.call_from_thread(_failed, app, str(error))
    else:
        app.call_from_thread(_done, app, report)
    if after is not None:
        app.call_from_thread(after)


def _done(app: RejectionTherapyApp, report: SyncReport) -> None:
    shown = app.sync_shown
    shown.running = False
    if report.unreachable:
        _failed(app, report.unreachable)
        return
    first_problem = report.problems[0] if report.problems else None
    if first_problem and first_problem != shown.problem:
        more = f" (and {len(report.problems) - 1} more: `rejection-therapy sync`)"
        app.notify(
            first_problem + (more if len(report.problems) > 1 else ""),
            title="Sync",
            severity="warning",
        )
    shown.at, shown.devices, shown.problem = datetime.now(UTC), len(report.devices), None
    if report.received:
        app.request_reload()
    app.redraw_headers()


def _failed(app: RejectionTherapyApp, message: str) -> None:
    shown = app.sync_shown
    shown.running = False
    if message != shown.problem:  # said once, not at every change
        app.notify(message, title="Sync", severity="warning")
    shown.problem = message
    app.redraw_headers()
