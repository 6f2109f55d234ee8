"""Schema versions of the data file and the steps that upgrade an older file.

Each step takes the whole parsed file of version N and returns version N+1. A file is
upgraded in place only inside a locked transaction, after a copy of the old bytes is
kept in backups/ (see backups.py); readers upgrade their in-memory copy only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 3
META = "meta"

Data = dict[str, Any]


def schema_version_of(data: Data) -> int | None:
    """The file's version; a file from before versions were recorded is version 1."""
    meta = data.get(META, {}).get("1", {})
    if not isinstance(meta, dict):
        return None
    version = meta.get("schema_version", 1)
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _v1_to_v2(data: Data) -> Data:
    """Version 2 orders entries explicitly (`seq`) and ties rest days to their run."""
    entries = data.get("entries", {})
    ordered = sorted(
        entries.items(), key=lambda item: (str(item[1].get("created_at", "")), item[0])
    )
    for seq, (_doc_id, entry) in enumerate(ordered, start=1):
        entry.setdefault("seq", seq)
        entry.setdefault("category", "")
    for rest in data.get("rest_days", {}).values():
        rest.setdefault("run_id", None)
    data.setdefault("tombstones", {})
    return data


def _v2_to_v3(data: Data) -> Data:
    """Version 3 keeps every change in the journal until a backup holds it (journal.py):
    the file records the last journal operation folded into it. A release that reads
    version 2 would misread the new journal, so it must refuse the file instead."""
    meta = data.setdefault(META, {}).setdefault("1", {})
    meta.setdefault("journal_op", 0)
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: Data, version: int) -> Data:
    """Upgrade parsed data from `version` to the current schema, step by step."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    data.setdefault(META, {}).setdefault("1", {})["schema_version"] = SCHEMA_VERSION
    return data
