"""The status record: what `streak` needs, kept beside the data file and stamped with it.

It is rewritten under the data file's lock after every change. The stamp (inode,
modification time and size of the data file it was derived from) lets a reader detect a
stale record without opening the data file; a stale record is simply rebuilt.
"""

from __future__ import annotations

import json
from typing import Any

from rejection_therapy.paths import Paths
from rejection_therapy.storage.database import data_file_stamp
from rejection_therapy.storage.files import atomic_write
from rejection_therapy.storage.records import State

STATUS_VERSION = 1


def build_status(state: State, stamp: list[int] | None) -> dict[str, Any]:
    """The fields of the status record for a state saved as the file with `stamp`."""
    return {
        "version": STATUS_VERSION,
        "stamp": stamp,
        "timezone": state.settings.timezone,
        "rollover_hour": state.settings.rollover_hour,
        "done_dates": sorted({entry.date.isoformat() for entry in state.entries}),
        "rest_dates": sorted(day.isoformat() for day in state.rest_dates),
        "runs": [
            {
                "number": run.number,
                "start": run.start.isoformat(),
                "last": run.last_date.isoformat(),
                "length": run.days,
            }
            for run in sorted(state.runs, key=lambda run: run.number)
        ],
    }


def write_status(paths: Paths, state: State) -> None:
    """Rewrite the status record for the data file as it is now (call under the lock)."""
    record = build_status(state, data_file_stamp(paths.data_file))
    atomic_write(paths.status_file, json.dumps(record, separators=(",", ":")).encode("utf-8"))
