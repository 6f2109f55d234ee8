"""`sync`, `sync setup FOLDER`, `sync status`, `sync leave`."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

from rejection_therapy.cli.output import Output, counted, safe
from rejection_therapy.service import sync

if TYPE_CHECKING:
    import argparse

    from rejection_therapy.service import Service


def cmd_sync(service: Service, args: argparse.Namespace, out: Output) -> int:
    action = args.sync_command
    if action == "setup":
        report = sync.setup(service, args.folder, args.device, new_device=bool(args.device))
        state = sync.status(service).state
        if state is not None:
            out.line(f"This home syncs as {safe(state.name)} through {safe(state.folder)}.")
        return _report(report, False, out)
    if action == "status":
        return _status(service, args.json, out)
    if action == "leave":
        out.line(safe(sync.leave(service)))
        return 0
    return _report(sync.sync(service, background=args.background), args.json, out)


def _report(report: sync.SyncReport, as_json: bool, out: Output) -> int:
    if as_json:
        out.json(
            {
                "sent": report.sent,
                "received": report.received,
                "devices": report.devices,
                "problems": report.problems,
                "unreachable": report.unreachable,
            }
        )
        return 2 if report.unreachable else 0
    if report.unreachable:
        sys.stderr.write(f"rejection-therapy: error: {safe(report.unreachable)}\n")
        return 2
    out.line(
        f"Synced: {counted(report.sent, 'change')} out, {counted(report.received, 'record')} "
        f"changed here · {counted(len(report.devices), 'device')}"
    )
    for problem in report.problems:
        sys.stderr.write(f"rejection-therapy: warning: {safe(problem)}\n")
    return 0


def _when(stamp: str) -> str | None:
    moment = sync.stamp_time(stamp)
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def _ago(stamp: str, now: datetime) -> str:
    moment = sync.stamp_time(stamp)
    if moment is None:
        return "nothing yet"
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // 1440} days ago"


def _status(service: Service, as_json: bool, out: Output) -> int:
    found = sync.status(service)
    state = found.state
    if state is None:
        if as_json:
            out.json({"folder": None})
        else:
            out.line("This home does not sync. Start: rejection-therapy sync setup FOLDER")
        return 0
    now = sync.now(service)
    if as_json:
        out.json(
            {
                "folder": state.folder,
                "device": state.device,
                "name": state.name,
                "reachable": found.reachable,
                "last_sync": state.last_sync or None,
                "waiting": found.pending,
                "unread": found.unread,
                "devices": {
                    device: {
                        "name": seen.get("name", ""),
                        "last_change": _when(str(seen.get("newest", ""))),
                    }
                    for device, seen in state.seen.items()
                },
                "set_aside": state.problems,
            }
        )
        return 0
    out.line(f"Folder: {safe(state.folder)}{'' if found.reachable else ' (cannot be reached now)'}")
    out.line(f"This device: {safe(state.name)} ({state.device[:8]})")
    last = state.last_sync[:16].replace("T", " ") + " UTC" if state.last_sync else "never"
    out.line(f"Last sync: {last}")
    if found.pending:
        out.line(
            f"Waiting here: {counted(found.pending, 'change')} not in the folder yet "
            "(`streak` and the other devices see them after the next sync)"
        )
    for device, seen in sorted(state.seen.items()):
        if device == state.device:
            continue
        name = safe(str(seen.get("name", ""))) or device[:8]
        newest = str(seen.get("newest", ""))
        unread = " · new lines not read here yet" if device in found.unread else ""
        out.line(f"  {name}: last change {_ago(newest, now)}{unread}")
    if found.unread:
        out.line(
            f"This home is a sync behind ({counted(len(found.unread), 'device')} wrote since): "
            "`streak` here does not count that yet; run `rejection-therapy sync`"
        )
    if state.problems:
        out.line(f"Lines set aside by earlier syncs ({len(state.problems)}), the latest:")
        out.line(f"  {safe(state.problems[-1])}")
    return 0
