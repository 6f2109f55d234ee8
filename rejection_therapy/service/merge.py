"""Merging two histories (say a laptop's and an SSH box's) without duplicates or zombies.

Entries merge by UUID, the newer `updated_at` winning; a tombstone on either side keeps a
deleted entry deleted. Runs merge by id; a run this side lacks comes in whole. A home with
no entries takes over the imported current run, so a second machine joins the same run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Doc = dict[str, Any]
Tables = dict[str, list[Doc]]


def _by(key: str, docs: list[Doc]) -> dict[Any, Doc]:
    return {doc.get(key): doc for doc in docs if doc.get(key) is not None}


@dataclass
class MergeReport:
    """What an import added, updated and removed."""

    added: dict[str, int] = field(default_factory=dict)
    updated: int = 0
    removed: int = 0
    took_over_run: bool = False


def merge_tables(current: Tables, incoming: Tables) -> tuple[Tables, MergeReport]:
    report = MergeReport()
    merged: Tables = {name: [dict(d) for d in docs] for name, docs in current.items()}
    take_over = not current.get("entries") and bool(incoming.get("runs"))
    if take_over:
        # A fresh home's auto-started run gives way to the run being joined.
        merged["runs"], merged["daily_asks"] = [], []
        report.took_over_run = True

    tombstones = _by("id", merged.get("tombstones", [])) | _by("id", incoming.get("tombstones", []))
    merged["tombstones"] = list(tombstones.values())

    entries = _by("id", merged.get("entries", []))
    for entry_id, entry in _by("id", incoming.get("entries", [])).items():
        mine = entries.get(entry_id)
        if mine is None:
            entries[entry_id] = entry
            report.added["entries"] = report.added.get("entries", 0) + 1
        elif str(entry.get("updated_at", "")) > str(mine.get("updated_at", "")):
            entries[entry_id] = entry
            report.updated += 1
    for entry_id in tombstones:
        if entries.pop(entry_id, None) is not None and entry_id in _by(
            "id", current.get("entries", [])
        ):
            report.removed += 1
    merged["entries"] = _renumber(list(entries.values()))

    for name, key in (
        ("runs", "id"),
        ("followups", "id"),
        ("checkins", "id"),
        ("badges", "badge_id"),
    ):
        mine_by_key = _by(key, merged.get(name, []))
        for item_key, item in _by(key, incoming.get(name, [])).items():
            if item_key not in mine_by_key:
                mine_by_key[item_key] = item
                report.added[name] = report.added.get(name, 0) + 1
            elif (
                name == "followups"
                and item.get("done_at")
                and not mine_by_key[item_key].get("done_at")
            ):
                mine_by_key[item_key] = item
                report.updated += 1
        merged[name] = list(mine_by_key.values())

    asks = {(d.get("run_id"), d.get("date")): d for d in merged.get("daily_asks", [])}
    for doc in incoming.get("daily_asks", []):
        asks.setdefault((doc.get("run_id"), doc.get("date")), doc)
    merged["daily_asks"] = list(asks.values())
    rest = _by("date", merged.get("rest_days", [])) | {
        k: v
        for k, v in _by("date", incoming.get("rest_days", [])).items()
        if k not in _by("date", merged.get("rest_days", []))
    }
    merged["rest_days"] = list(rest.values())
    intentions = _by("run_id", incoming.get("intentions", [])) | _by(
        "run_id", merged.get("intentions", [])
    )
    merged["intentions"] = list(intentions.values())
    merged["settings"] = merged.get("settings") or incoming.get("settings", [])
    return merged, report


def _renumber(entries: list[Doc]) -> list[Doc]:
    """Creation order across both machines: by instant, then each side's own order."""
    ordered = sorted(
        entries, key=lambda e: (str(e.get("created_at", "")), e.get("seq", 0), e.get("id", ""))
    )
    for seq, entry in enumerate(ordered, start=1):
        entry["seq"] = seq
    return ordered
