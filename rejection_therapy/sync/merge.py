"""All devices' logs into one set of tables: the same on every device that read them.

Per record (table and key), the change with the latest clock stamp wins, a removal
included, so a deletion stays deleted. A stamp more than a day ahead of this machine's
clock is set aside with a message. The winners then go through the import merge
(storage/merge.py: one id per record, overlapping runs joined, tombstones honoured), so
`sync` and `import` never disagree. Two choices go beyond the latest stamp:

- a day's ask drawn on two devices before they synced: the first draw stands, and a swap
  made on top of it follows it (each version carries when its draw was made: see
  _first_draw_first); an ask that an entry was
  logged against is never replaced (each device's latest version of it that an entry
  names goes to the merge beside the standing one, and the merge keeps the one with an
  entry);
- a badge earned on two devices keeps its earliest date (likewise).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from rejection_therapy.core.models import Settings
from rejection_therapy.storage.checks import (
    ImportProblem,
    check_documents,
    check_settings_strictly,
)
from rejection_therapy.storage.merge import merge_tables
from rejection_therapy.sync import hlc
from rejection_therapy.sync.devicelog import Change, DeviceLog
from rejection_therapy.sync.state import record_key

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
    stamps: dict[str, str] = field(default_factory=dict)
    """table/key -> the stamp of the version that won (a removal's too)."""
    packs: dict[str, str] = field(default_factory=dict)
    """The person's own packs: id -> YAML."""
    deferred: set[str] = field(default_factory=set)
    """Devices with a line set aside for now (stamped ahead): read again next time."""
    drawn: dict[str, str] = field(default_factory=dict)
    """daily_asks/key -> when the draw of the standing version was made."""
    changes: bool = True
    """False when nothing read changes what this home holds (the tables are then only
    what it holds, unmerged)."""


SETTINGS_FIELDS = frozenset(f.name for f in fields(Settings)) - set(DEVICE_ONLY_SETTINGS)


def checked_change(change: Change, where: str) -> str | None:
    """Why a record from another device cannot be taken: a value out of bounds, a setting
    the app does not know, or a key that is not its record's own."""
    if change.doc is None or change.table == "packs":  # a pack: checked by its loader
        return None
    try:
        if change.table == "settings":
            unknown = sorted(set(change.doc) - SETTINGS_FIELDS)
            if unknown:
                raise ImportProblem(f"settings.{unknown[0][:40]}: not a setting")
            check_settings_strictly(change.doc)
        else:
            check_documents({change.table: {"1": change.doc}}, strict=True)
            if record_key(change.table, change.doc) != change.key:
                raise ImportProblem(f"its key {change.key[:40]!r} is not its record's")
    except ImportProblem as problem:
        return f"{where} line {change.line}: {problem}; that line is set aside"
    return None


def merge_logs(
    logs: list[DeviceLog], now_ms: int, here: str, held: list[Change] | None = None
) -> Merged:
    """The tables every device that has read these logs holds.

    `here` is this device (its own lines are never set aside); `held` the records this
    home holds, stamped as they were when it took them. They take part like one more
    log, so a record is removed only by a newer removal, never because the line that
    brought it went missing (a log rolled back, moved away, or cut at a damaged line).
    """
    problems: list[str] = []
    latest: dict[tuple[str, str], Change] = {}
    per_device: dict[tuple[str, str], dict[str, Change]] = {}
    newest = ""
    deferred: set[str] = set()
    standing: dict[tuple[str, str], Change] = {}
    sources = [*logs, DeviceLog("", changes=list(held or []))]
    for log in sources:
        for change in log.changes:
            if log.device not in (here, "") and hlc.wall_ms(change.stamp) > now_ms + DAY_MS:
                problems.append(
                    f"{log.device}.log line {change.line}: stamped more than a day ahead of "
                    "this machine's clock (check both clocks); set aside"
                )
                deferred.add(log.device)
                continue
            if log.device:
                newest = max(newest, change.stamp)
            where = (change.table, change.key)
            if where not in latest or change.stamp > latest[where].stamp:
                latest[where] = change
            if change.table == "daily_asks" and change.doc is not None:
                held_now = standing.get(where)
                if held_now is None or _first_draw_first(change, held_now):
                    standing[where] = change
            if change.table in EVERY_VERSION:
                mine = per_device.setdefault(where, {})
                if log.device not in mine or change.stamp > mine[log.device].stamp:
                    mine[log.device] = change
    for where, change in latest.items():
        if where[0] == "daily_asks" and change.doc is not None:
            latest[where] = standing[where]
    drawn = {
        f"{t}/{k}": c.drawn or c.stamp
        for (t, k), c in latest.items()
        if t == "daily_asks" and (c.drawn or c.stamp)
    }
    stamps = {f"{t}/{k}": change.stamp for (t, k), change in latest.items() if change.stamp}
    if held is not None and not _changes_anything(logs, latest, held):
        return Merged({}, None, problems, newest, stamps, {}, deferred, drawn, changes=False)
    logged = {
        (c.doc.get("run_id"), c.doc.get("date"), c.doc.get("ask_id"))
        for (table, _key), c in latest.items()
        if table == "entries" and c.doc is not None
    }
    incoming: dict[str, dict[str, Any]] = {}
    settings = None
    packs: dict[str, str] = {}
    for where, change in sorted(latest.items()):
        if change.doc is None:
            continue  # removed: the latest word on it
        if change.table == "settings":
            settings = {k: v for k, v in change.doc.items() if k not in DEVICE_ONLY_SETTINGS}
            continue
        if change.table == "packs":
            packs[change.key] = str(change.doc["yaml"])
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
    return Merged(tables, settings, problems, newest, stamps, packs, deferred, drawn)


def _first_draw_first(change: Change, other: Change) -> bool:
    """Whether `change` stands before `other` as a day's ask: the earlier draw stands (the
    ask a person saw first stays theirs), and within one draw's line of versions (a swap
    made on top of it, a note added), the latest."""
    mine, theirs = change.drawn or change.stamp, other.drawn or other.stamp
    if not mine or not theirs:  # unstamped: held here, never synced, so never first
        return not theirs and change.stamp > other.stamp
    return mine < theirs or (mine == theirs and change.stamp > other.stamp)


def _changes_anything(
    logs: list[DeviceLog], latest: dict[tuple[str, str], Change], held: list[Change]
) -> bool:
    """Whether a line read wins with something this home does not hold already (a badge
    or a day's ask read always counts: an older version of those can still matter)."""
    holding = {(c.table, c.key): c.doc for c in held}
    for log in logs:
        for change in log.changes:
            where = (change.table, change.key)
            if change.table in EVERY_VERSION:
                if holding.get(where) != change.doc:
                    return True
            elif latest.get(where) is change and holding.get(where) != change.doc:
                return True
    return False
