"""`sync`, `sync setup FOLDER [--git] [--encrypt]`, `sync status`, `sync passphrase`,
`sync leave`."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from rejection_therapy.cli.output import Output, counted, safe
from rejection_therapy.service import sync, sync_setup
from rejection_therapy.service.errors import UserError

if TYPE_CHECKING:
    import argparse

    from rejection_therapy.service import Service


def cmd_sync(service: Service, args: argparse.Namespace, out: Output) -> int:
    action = args.sync_command
    if action == "setup":
        from rejection_therapy.service.sync_encryption import folder_encrypted

        secret = _passphrase(not folder_encrypted(args.folder)) if args.encrypt else None
        report = sync_setup.setup(
            service, args.folder, args.device, bool(args.device), args.git, secret
        )
        state = sync.status(service).state
        if state is not None:
            how = f"the git remote {safe(state.remote)} of" if state.transport == "git" else ""
            sealed = ", every line sealed" if state.key else ""
            out.line(
                f"This home syncs as {safe(state.name)} through {how} {safe(state.folder)}"
                f"{sealed}.".replace("  ", " ")
            )
        return _report(report, False, out)
    if action == "status":
        return _status(service, args.json, out)
    if action == "passphrase":
        out.line(
            safe(
                sync_setup.change_passphrase(
                    service, _passphrase(sync_setup.passphrase_changes(service))
                )
            )
        )
        return 0
    if action == "leave":
        out.line(safe(sync.leave(service)))
        return 0
    transport = not args.background or args.git
    return _report(sync.sync(service, args.background, transport), args.json, out)


PASSPHRASE_VARIABLE = "REJECTION_THERAPY_SYNC_PASSPHRASE"


def _passphrase(new: bool) -> str:
    """Asked once, here (twice for a new one); scripts give it in the environment."""
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise UserError(
            f"the passphrase is asked in a terminal; in a script set {PASSPHRASE_VARIABLE}"
        )
    import getpass

    first = getpass.getpass("New passphrase for the sync folder: " if new else "Passphrase: ")
    if new and getpass.getpass("The same again: ") != first:
        raise UserError("the two passphrases differ; nothing was changed")
    return first


def _report(report: sync.SyncReport, as_json: bool, out: Output) -> int:
    if as_json:
        out.json(
            {
                "sent": report.sent,
                "received": report.received,
                "devices": report.devices,
                "problems": report.problems,
                "unreachable": report.unreachable,
                "transport_problem": report.transport_problem,
            }
        )
        return 2 if report.unreachable or report.transport_problem else 0
    if report.unreachable:
        sys.stderr.write(f"rejection-therapy: error: {safe(report.unreachable)}\n")
        return 2
    out.line(
        f"Synced: {counted(report.sent, 'change')} out, {counted(report.received, 'record')} "
        f"changed here · {counted(len(report.devices), 'device')}"
    )
    for problem in report.problems:
        sys.stderr.write(f"rejection-therapy: warning: {safe(problem)}\n")
    if report.transport_problem:
        sys.stderr.write(f"rejection-therapy: error: {safe(report.transport_problem)}\n")
        return 2
    return 0


def _moment(iso: str) -> str:
    return iso[:16].replace("T", " ") + " UTC" if iso else "never"


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
                "transport": state.transport,
                "remote": state.remote or None,
                "remote_url": sync_setup.remote_url(service),
                "last_pull": state.last_pull or None,
                "last_push": state.last_push or None,
                "transport_problem": state.transport_problem or None,
                "encrypted": bool(state.key),
                "key_kept": state.key_store or None,
            }
        )
        return 0
    out.line(f"Folder: {safe(state.folder)}{'' if found.reachable else ' (cannot be reached now)'}")
    out.line(f"This device: {safe(state.name)} ({state.device[:8]})")
    out.line(f"Last sync: {_moment(state.last_sync)}")
    if state.transport == "git":
        where = sync_setup.remote_url(service)
        out.line(
            f"Transport: git, remote {safe(state.remote)}" + (f" ({safe(where)})" if where else "")
        )
        out.line(f"  Last pull {_moment(state.last_pull)} · last push {_moment(state.last_push)}")
        if state.transport_problem:
            out.line(f"  The last round failed: {safe(state.transport_problem)}")
    else:
        out.line("Transport: the folder (a syncer or a share carries it)")
    kept = "the OS keyring" if state.key_store == "keyring" else "a file in this home"
    out.line(f"Encryption: on, key {state.key} kept in {kept}" if state.key else "Encryption: off")
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
