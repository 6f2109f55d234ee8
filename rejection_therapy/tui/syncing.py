"""The TUI's side of `sync`: a sync in the background when the app opens and after each
change, its state in the header, and a notification when it cannot run.

It never holds up a key: the sync runs as a process of its own, which takes the home's
lock only to store what it merged, and a folder that cannot be reached only says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
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
    unpushed: str | None = None
    """Merged here, but the git remote could not be reached: why (told once)."""

    def said(self, now: datetime, wide: bool) -> str:
        if self.problem:
            return "⇅ not synced"
        if self.unpushed:
            return "⇅ not pushed"
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


SYNC_SECONDS = 600
"""A sync that has not ended by then is stuck (a hung network drive): it is stopped."""


def _sync(app: RejectionTherapyApp, after: Callable[[], None] | None) -> None:
    """`rejection-therapy sync --json` in a process of its own: its memory is never the
    app's, and it holds the home's lock only to store what it merged, so a key pressed
    meanwhile is saved at once."""
    from rejection_therapy.service.sync import SyncReport

    env = {**app.service.environ, "REJECTION_THERAPY_HOME": str(app.paths.home)}
    # --git: the app pulls and pushes a git folder (a quick `log` never does)
    # -P: never the working folder first on the path (it may be the sync folder)
    command = [sys.executable, "-P", "-m", "rejection_therapy", "sync", "--json"]
    command += ["--background", "--git"]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=SYNC_SECONDS, check=False
        )
        answer = json.loads(done.stdout) if done.stdout.strip().startswith("{") else None
    except (OSError, subprocess.TimeoutExpired, ValueError) as error:
        done, answer = None, None
        app.call_from_thread(_failed, app, f"the sync could not run ({error})")
    if done is not None and isinstance(answer, dict):
        report = SyncReport(
            sent=int(answer.get("sent") or 0),
            received=int(answer.get("received") or 0),
            devices=dict(answer.get("devices") or {}),
            problems=[str(p) for p in answer.get("problems") or []],
            unreachable=answer.get("unreachable"),
            transport_problem=answer.get("transport_problem"),
        )
        app.call_from_thread(_done, app, report)
    elif done is not None:
        said = (done.stderr.strip().splitlines() or ["the sync failed"])[-1]
        app.call_from_thread(_failed, app, said.removeprefix("rejection-therapy: error: "))
    if after is not None:
        app.call_from_thread(after)


def _done(app: RejectionTherapyApp, report: SyncReport) -> None:
    shown = app.sync_shown
    shown.running = False
    if report.unreachable:
        _failed(app, report.unreachable)
        return
    unpushed = report.transport_problem
    told = [unpushed] if unpushed and unpushed != shown.unpushed else []
    shown.unpushed = unpushed
    problems = [*report.problems, *told]
    first_problem = problems[0] if problems else None
    if first_problem and first_problem != shown.problem:
        more = f" (and {len(problems) - 1} more: `rejection-therapy sync`)"
        app.notify(
            first_problem + (more if len(problems) > 1 else ""),
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
