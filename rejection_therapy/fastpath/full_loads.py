"""`history --json`, `export` and `doctor` answered from the checked copy
(storage/checked_copy.py) when the data file and its journal are byte for byte those the
last full check read; None hands the command to the full check, which keeps a new copy.
"""

from __future__ import annotations

from rejection_therapy.storage.checked_copy import CheckedCopy, home_key, read_copy

UNCHANGED_NOTE = (
    "  note: byte for byte as at its last full check; `doctor --full` checks every record again"
)


def copy_of(home: str) -> CheckedCopy | None:
    """The checked copy of the home's files as they are now, else None."""
    from rejection_therapy.storage.files import StorageError, check_home

    try:
        check_home(home)
    except StorageError:
        return None  # the full path says why
    key = home_key(home)
    return read_copy(home, key) if key is not None else None


def history_json(copy: CheckedCopy, limit: int) -> str | None:
    """`history --json`'s answer; None when the copy's entries cannot be read."""
    from rejection_therapy.exports import encode, lines_json, newest_first

    try:
        rows = newest_first(copy.rows(), limit)
        return lines_json(map(encode, rows))
    except (EOFError, KeyError, ValueError, TypeError, RecursionError):
        return None


def export_json(copy: CheckedCopy) -> str | None:
    """`export`'s document; None when the copy's tables cannot be read."""
    from datetime import UTC, datetime

    from rejection_therapy.exports import export_json as document

    try:
        return document(copy.tables(), copy.schema, datetime.now(UTC).isoformat())
    except (EOFError, KeyError, ValueError, TypeError, RecursionError):
        return None


def table_count(count: int, table: str) -> str:
    """`3 entries`, `1 entry`, `1 run`: a table's name agreeing with its count (the quick
    and the full `doctor` both say it so)."""
    if count != 1:
        return f"{count} {table}"
    return f"1 {'entry' if table == 'entries' else table.removesuffix('s')}"


def doctor(home: str, copy: CheckedCopy) -> list[tuple[str, str | None]] | None:
    """A healthy report's lines, each with its style; None for anything else (the full
    check runs then: its findings need it)."""
    from pathlib import Path

    from rejection_therapy.paths import Paths
    from rejection_therapy.storage.backups import uncovered
    from rejection_therapy.storage.status_record import read_status

    paths = Paths(Path(home))
    if uncovered(paths, copy.needed_op) is not None:
        return None
    counts = ", ".join(table_count(n, table) for table, n in copy.counts.items() if n)
    lines: list[tuple[str, str | None]] = [
        (f"{paths.data_file}: readable, schema current ({counts or 'empty'})", None),
        (UNCHANGED_NOTE, "dim"),
    ]
    if read_status(home) is None:
        lines.append(("  note: the status record is stale; the next command rebuilds it", "dim"))
    return [*lines, ("Healthy.", "bold green")]
