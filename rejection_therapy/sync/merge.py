"""All devices' logs into one set of tables: the same on every device that read them.

Per record (table and key), the change with the latest clock stamp wins, a removal
included, so a deletion stays deleted. A stamp more than a day ahead of this machine's
clock is set aside with a message. The winners then go through the import merge
(storage/merge.py: one id per record, overlapping runs joined, tombstones honoured), so
`sync` and `import` never disagree. Two choices go beyond the latest stamp:

- a day's ask that an entry was logged against is never replaced by another device's
  draw or swap for that day (each device's latest version of it that an entry names goes
  to the merge beside the winner, and the merge keeps the one with an entry);
- a badge earned on two devices keeps its earliest date (likewise).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rejection_therapy.storage.checks import ImportProblem, check_documents
from rejection_therapy.storage.merge import merge_tables
from rejection_therapy.sync import hlc
from rejection_therapy.sync.devicelog import Change, DeviceLog

DAY_MS = 24 * 3600 * 1000
EVERY_VERSION = ("daily_asks", "badges")
"""Tables whose every device's latest version goes to the merge (see the docstring)."""
DEVICE_ONLY_SETTINGS = ("theme",)
"""Settings that stay on the device (the theme moved to device.json long ago)."""


@dataclass
class Merged:
    tables: dict[str, dict[str, dict[str, Any]]]
    settings: dict[str, Any] | None
    problems: list[str] = field(default_factory=list)
    newest: str = ""
    """The newest stamp read: this device's clock moves past it."""


def checked_change(change: Change, where: str) -> str | None:
    """Why a record from another device cannot be taken (its values out of bounds)."""
    if change.doc is None or change.table == "settings":
        return None
    try:
        check_documents({change.table: {"1": change.doc}}, strict=True)
    except ImportProblem as problem:
        return f"{where} line {change.line}: {problem}; that line is set aside"
    return None


def merge_logs(logs: list[DeviceLog], now_ms: int) -> Merged:
    """The tables every device that has read these logs holds."""
    problems: list[str] = []
    latest: dict[tuple[str, str], Change] = {}
    per_device: dict[tuple[str, str], dict[str, Change]] = {}
    newest = ""
    for log in logs:
        for change in log.changes:
            if hlc.wall_ms(change.stamp) > now_ms + DAY_MS:
                problems.append(
                    f"{log.device}.log line {change.line}: stamped more than a day ahead of "
                    "this machine's clock (check both clocks); set aside"
                )
                continue
            newest = max(newest, change.stamp)
            where = (change.table, change.key)
            if where not in latest or change.stamp > latest[where].stamp:
                latest[where] = change
            if change.table in EVERY_VERSION:
                mine = per_device.setdefault(where, {})
                if log.device not in mine or change.stamp > mine[log.device].stamp:
                    mine[log.device] = change
    logged = {
        (c.doc.get("run_id"), c.doc.get("date"), c.doc.get("ask_id"))
        for (table, _key), c in latest.items()
        if table == "entries" and c.doc is not None
    }
    incoming: dict[str, dict[str, Any]] = {}
    settings = None
    for where, change in sorted(latest.items()):
        if change.doc is None:
            continue  # removed: the latest word on it
        if change.table == "settings":
            settings = {k: v for k, v in change.doc.items() if k not in DEVICE_ONLY_SETTINGS}
            continue
        versions = [change]
        if change.table == "badges":
            versions = list(per_device[where].values())
        elif change.table == "daily_asks":
            versions += [
                other
                for other in per_device[where].values()
                if other is not change
                and other.doc is not None
                and (other.doc.get("run_id"), other.doc.get("date"), other.doc.get("ask_id"))
                in logged
            ]
        kept = incoming.setdefault(change.table, {})
        for version in sorted(versions, key=lambda c: c.stamp):
            if version.doc is not None:
                kept[f"{version.stamp}/{len(kept)}"] = version.doc
    tables, _report = merge_tables({}, incoming)
    tables.pop("settings", None)
    return Merged(tables, settings, problems, newest)
