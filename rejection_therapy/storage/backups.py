"""Backups in the home's backups/ folder: a copy after the first write of each day (7 daily
and 4 weekly kept), and a copy of the old file before every schema migration."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rejection_therapy.filenames import daily_backup_name
from rejection_therapy.paths import Paths
from rejection_therapy.storage.files import atomic_write, ensure_private_dir

KEEP_DAILY = 7
KEEP_WEEKLY = 4
DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.json$")
WEEKLY = re.compile(r"^weekly-(\d{4}-W\d{2})\.json$")


def backup_after_write(paths: Paths, payload: bytes, today: date) -> Path | None:
    """Keep the day's first successful write as that day's backup; rotate old ones."""
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
    _rotate(folder, DAILY, KEEP_DAILY)
    _rotate(folder, WEEKLY, KEEP_WEEKLY)
    return daily


def backup_before_migration(paths: Paths, raw: bytes, version: int, stamp: str) -> Path:
    """The untouched bytes of a file about to be upgraded from `version`."""
    ensure_private_dir(paths.backups_dir)
    target = paths.backups_dir / f"pre-migration-v{version}-{stamp}.json"
    atomic_write(target, raw)
    return target


def _rotate(folder: Path, pattern: re.Pattern[str], keep: int) -> None:
    dated = sorted((p for p in folder.iterdir() if pattern.match(p.name)), key=lambda p: p.name)
    for old in dated[:-keep]:
        old.unlink()


def list_backups(paths: Paths) -> list[Path]:
    """Every backup, newest first (by modification time)."""
    folder = paths.backups_dir
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.suffix == ".json"),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
