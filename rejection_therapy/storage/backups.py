"""Backups in the home's backups/ folder.

- a copy after the first write of each day, by the app's date (7 daily and 4 weekly kept);
- a checkpoint whenever the journal must start afresh (an upgrade from an earlier release,
  a repair): the newest 3 are kept;
- a copy of the old file before every schema migration.

Each backup is a data file: it records the last journal operation it holds
(`meta.journal_op`), so a repair takes the backup that holds the most and applies the
journal's operations after it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rejection_therapy.fileio import atomic_write
from rejection_therapy.filenames import daily_backup_name
from rejection_therapy.paths import Paths
from rejection_therapy.storage.files import ensure_private_dir

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_CHECKPOINTS = 3
DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.json$")
WEEKLY = re.compile(r"^weekly-(\d{4}-W\d{2})\.json$")
_JOURNAL_OP = re.compile(rb'"journal_op":(\d{1,15})')
CHECKPOINT = re.compile(r"^checkpoint-(\d{8}T\d{6}(?:-\d+)?)\.json$")


def backup_after_write(paths: Paths, payload: bytes, today: date) -> Path | None:
    """Keep the day's first successful write as that day's backup; rotate old ones.

    Returns the backup written, None when the day had one already. The backup just
    written is never rotated away (a clock set back would otherwise sort it first).
    """
    folder = paths.backups_dir
    daily = folder / daily_backup_name(today.isoformat())
    if daily.exists():
        return None
    ensure_private_dir(folder)
    atomic_write(daily, payload)
    year, week, _ = today.isocalendar()
    weekly = folder / f"weekly-{year}-W{week:02d}.json"
    if not weekly.exists():
        atomic_write(weekly, payload)
    _rotate(folder, DAILY, KEEP_DAILY, keep=daily)
    _rotate(folder, WEEKLY, KEEP_WEEKLY, keep=weekly)
    return daily


def write_checkpoint(paths: Paths, payload: bytes, stamp: str) -> Path:
    """A backup of the data as it is now, so the journal can start afresh."""
    folder = paths.backups_dir
    ensure_private_dir(folder)
    target = folder / f"checkpoint-{stamp}.json"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"checkpoint-{stamp}-{number}.json"
    atomic_write(target, payload)
    _rotate(folder, CHECKPOINT, KEEP_CHECKPOINTS, keep=target)
    return target


def backup_before_migration(paths: Paths, raw: bytes, version: int, stamp: str) -> Path:
    """The untouched bytes of a file about to be upgraded from `version`."""
    ensure_private_dir(paths.backups_dir)
    target = paths.backups_dir / f"pre-migration-v{version}-{stamp}.json"
    atomic_write(target, raw)
    return target


def _rotate(folder: Path, pattern: re.Pattern[str], keep_count: int, keep: Path) -> None:
    dated = sorted(
        (p for p in folder.iterdir() if pattern.match(p.name) and p != keep), key=lambda p: p.name
    )
    for old in dated[: max(0, len(dated) - (keep_count - 1))]:
        old.unlink()


def list_backups(paths: Paths) -> list[Path]:
    """Every backup (newest first by modification time; a repair orders them by content)."""
    folder = paths.backups_dir
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.suffix == ".json" and p.is_file() and not p.is_symlink()),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )


def uncovered(paths: Paths, needed: int) -> str | None:
    """Whether some backup holds every change up to operation `needed` (the journal holds
    the rest); why not, when none does."""
    newest = None
    for backup in list_backups(paths):
        held = _journal_op_in(backup)
        if held is not None and held >= needed:
            return None
        newest = newest or backup
    where = f"the newest is {newest.name}" if newest else "there is none"
    return (
        f"no backup holds the changes up to journal operation {needed} ({where}); check "
        f"that {paths.backups_dir} can be written"
    )


def _journal_op_in(backup: Path) -> int | None:
    """The last journal operation a backup holds, read from its end (meta is written last)."""
    try:
        with backup.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 256))
            tail = handle.read()
    except OSError:
        return None
    found = _JOURNAL_OP.findall(tail)
    if found:
        return int(found[-1])
    from rejection_therapy.storage.database import journal_op_of, load_data_file
    from rejection_therapy.storage.files import StorageError

    try:  # written before meta came last, or by an earlier release: read it whole
        loaded = load_data_file(backup, journal=False)
    except StorageError:
        return None
    return journal_op_of(loaded.data) if loaded is not None else None
