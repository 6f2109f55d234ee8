"""Your data: doctor, export, import (merge by UUID with tombstones)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rejection_therapy.service.base import ServiceBase
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.merge import MergeReport, merge_tables
from rejection_therapy.storage import records as tables
from rejection_therapy.storage.backups import list_backups
from rejection_therapy.storage.database import load_data_file
from rejection_therapy.storage.doctor import Checkup, examine
from rejection_therapy.storage.files import StorageError, atomic_write
from rejection_therapy.storage.journal import journal_path_for
from rejection_therapy.storage.migrations import SCHEMA_VERSION

EXPORT_VERSION = 1
EXPORTED_TABLES = (
    tables.RUNS,
    tables.ENTRIES,
    tables.DAILY_ASKS,
    tables.BADGES,
    tables.SETTINGS,
    tables.REST_DAYS,
    tables.TOMBSTONES,
    tables.FOLLOWUPS,
    tables.CHECKINS,
    tables.INTENTIONS,
)
CSV_COLUMNS = (
    "id",
    "date",
    "run_id",
    "outcome",
    "ask_text",
    "pack",
    "ask_id",
    "difficulty",
    "category",
    "own",
    "asked_why",
    "late",
    "note",
    "learned",
    "next_time",
    "fear_before",
    "fear_after",
    "created_at",
    "updated_at",
)


@dataclass
class DoctorReport:
    """What the doctor found, and what it did."""

    checkup: Checkup | None = None
    unreadable: str | None = None
    journal_damaged: bool = False
    """The data file reads; lines of the journal beside it do not."""
    repaired: list[str] = field(default_factory=list)


class DataMixin(ServiceBase):
    """Checking, exporting and merging the data file."""

    # -- doctor -------------------------------------------------------------------
    def doctor(self) -> DoctorReport:
        try:
            loaded = load_data_file(self.paths.data_file)
        except StorageError as error:
            try:
                load_data_file(self.paths.data_file, journal=False)
            except StorageError:
                return DoctorReport(unreadable=str(error))
            return DoctorReport(unreadable=str(error), journal_damaged=True)
        if loaded is None:
            return DoctorReport(checkup=Checkup())
        return DoctorReport(checkup=examine(loaded.data))

    def salvage_journal(self) -> tuple[int, list[int], Path] | None:
        """Keep every readable journal line when some are damaged (see Database)."""
        salvaged = self.database.fold_salvaged_journal()
        if salvaged is not None:
            self.rebuild_status()
        return salvaged

    def restore_newest_backup(self) -> tuple[Path, Path | None]:
        """Rename the data file aside (never overwrite it) and copy back the newest backup that loads."""
        for backup in list_backups(self.paths):
            try:
                loaded = load_data_file(backup)
            except StorageError:
                continue
            if loaded is None or examine(loaded.data).problems:
                continue
            with self.database.locked():
                aside = self._set_aside()
                atomic_write(self.paths.data_file, backup.read_bytes())
            self.rebuild_status()
            return backup, aside
        raise UserError(
            f"no usable backup in {self.paths.backups_dir}; the data file was left as it is"
        )

    def _set_aside(self) -> Path | None:
        """Rename the data file (and its journal, which belongs to it) out of the way."""
        data = self.paths.data_file
        if not data.exists():
            return None
        aside = data.with_name(f"{data.name}.corrupt-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}")
        journal = Path(journal_path_for(str(data)))
        if journal.exists():
            journal.rename(aside.with_name(aside.name + ".journal"))
        data.rename(aside)
        return aside

    def drop_broken_records(self) -> list[str]:
        """Remove only the records the doctor calls broken; everything else stays."""
        with self.database.transaction(
            after_commit=lambda db: self._write_status(db, SCHEMA_VERSION)
        ) as db:
            checkup = examine(db.storage.read() or {})
            dropped = []
            for finding in checkup.problems:
                db.table(finding.table).remove(doc_ids=[int(finding.doc_id)])
                dropped.append(str(finding))
            return dropped

    # -- export ---------------------------------------------------------------------
    def export_data(self, fmt: str) -> str:
        loaded = load_data_file(self.paths.data_file)
        data = loaded.data if loaded else {}
        if fmt == "json":
            document = {
                "export_version": EXPORT_VERSION,
                "schema_version": SCHEMA_VERSION,
                "exported_at": datetime.now(UTC).isoformat(),
                "tables": {name: list(data.get(name, {}).values()) for name in EXPORTED_TABLES},
            }
            return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(
                buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n"
            )
            writer.writeheader()
            for entry in sorted(
                data.get(tables.ENTRIES, {}).values(),
                key=lambda e: (e.get("date", ""), e.get("created_at", "")),
            ):
                writer.writerow({key: entry.get(key, "") for key in CSV_COLUMNS})
            return buffer.getvalue()
        raise UserError(f"unknown export format {fmt!r}; use json or csv")

    # -- import -------------------------------------------------------------------------
    def import_data(self, path: Path, dry_run: bool = False) -> MergeReport:
        incoming = _read_export(path)
        with self.database.transaction(
            after_commit=lambda db: self._write_status(db, SCHEMA_VERSION)
        ) as db:
            current = {name: [dict(d) for d in db.table(name).all()] for name in EXPORTED_TABLES}
            merged, report = merge_tables(current, incoming)
            if dry_run:
                return report
            for name in EXPORTED_TABLES:
                table = db.table(name)
                table.truncate()
                if merged[name]:
                    table.insert_multiple(merged[name])
            return report


def _read_export(path: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"{path} is not a rejection-therapy export (not JSON: {error})") from error
    if not isinstance(document, dict) or document.get("export_version") != EXPORT_VERSION:
        raise UserError(
            f"{path} is not a rejection-therapy export (export_version {EXPORT_VERSION} expected)"
        )
    if document.get("schema_version", 0) > SCHEMA_VERSION:
        raise UserError(f"{path} comes from a newer rejection-therapy; upgrade before importing it")
    found = document.get("tables")
    if not isinstance(found, dict) or not all(isinstance(v, list) for v in found.values()):
        raise UserError(f"{path} is not a rejection-therapy export (no tables)")
    return {
        name: [dict(d) for d in found.get(name, []) if isinstance(d, dict)]
        for name in EXPORTED_TABLES
    }
