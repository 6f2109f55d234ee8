"""Your data as files: export (JSON to import elsewhere, CSV for a spreadsheet) and import."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rejection_therapy.core.bounds import MAX_EXPORT_BYTES
from rejection_therapy.exports import EXPORT_VERSION, export_json, tables_json
from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.full_check import checked_home
from rejection_therapy.storage import records as tables
from rejection_therapy.storage.checks import MODELS, ImportProblem, check_tables
from rejection_therapy.storage.database import load_home
from rejection_therapy.storage.files import StorageError
from rejection_therapy.storage.merge import MergeReport, merge_tables
from rejection_therapy.storage.migrations import SCHEMA_VERSION
from rejection_therapy.storage.repair import keep_set_aside
from rejection_therapy.storage.transaction import Transaction
from rejection_therapy.untrusted import UntrustedFileError, read_bounded

EXPORTED_TABLES = (*MODELS, tables.SETTINGS)
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

if TYPE_CHECKING:
    from rejection_therapy.shapes import EntryView


def export_data(ctx: Context, fmt: str) -> str:
    """Every record as readers see it (checked and in order), as stored documents."""
    if fmt not in ("json", "csv", "log"):
        raise UserError(f"unknown export format {fmt!r}; use json, csv or log")
    if fmt == "log":
        from rejection_therapy.service.log_files import export_log

        return export_log(ctx)
    report, found, _ = checked_home(ctx.paths, documents_too=True)
    if report.unreadable is not None or report.journal_damaged:
        load_home(ctx.paths)  # raises what stops every reader, as it says it
    if fmt == "json":
        return export_json(tables_json(found), SCHEMA_VERSION, datetime.now(UTC).isoformat())
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for entry in sorted(
        found[tables.ENTRIES], key=lambda e: (e.get("date", ""), e.get("created_at", ""))
    ):
        writer.writerow({key: entry.get(key, "") for key in CSV_COLUMNS})
    return buffer.getvalue()


def history_rows(ctx: Context) -> list[EntryView]:
    """Every entry as `history --json` shows it, oldest first, from one full check."""
    report, _, rows = checked_home(ctx.paths, rows_too=True)
    if report.unreadable is not None or report.journal_damaged:
        load_home(ctx.paths)  # raises what stops every reader, as it says it
    ctx.damaged = len(report.checked.problems) if report.checked else 0
    return rows


def import_data(ctx: Context, path: Path, dry_run: bool = False) -> MergeReport:
    """Merge an export into this home: checked whole first; on any problem nothing is
    written. The merge is the same from either side (storage/merge.py)."""
    incoming = read_export(path)
    with ctx.database.transaction(
        after_commit=lambda saved: _status_after_import(ctx, saved)
    ) as transaction:
        current = transaction.tables()
        try:
            merged, report = merge_tables(current, incoming)
        except ImportProblem as problem:
            raise UserError(
                f"{path}: {problem}; nothing was imported (fix that value, or export again)"
            ) from None
        leftover = check_tables(merged)
        if leftover.needs_repair:
            raise StorageError(
                f"merging {path} would store {leftover.findings[0]}; nothing was imported"
            )
        if dry_run:
            return report
        if report.unreadable is not None:  # never dropped by a merge: kept in a file
            report.set_aside_file = keep_set_aside(ctx.database, report.unreadable)
        transaction.replace_tables({**current, **merged})
        return report


def import_log(ctx: Context, path: Path, dry_run: bool = False) -> int | None:
    """Merge a device log (`export --format log`) as `sync` merges one: the count of
    records that changed here, or None when the file is no log (import_data reads it).
    service/log_files.py is loaded only for a log."""
    from rejection_therapy.service.log_files import import_log as merge_log
    from rejection_therapy.service.log_files import is_log

    return merge_log(ctx, path, dry_run) if is_log(path) else None


def _status_after_import(ctx: Context, saved: Transaction) -> None:
    with contextlib.suppress(OSError):  # stale, so rebuilt by the next read
        ctx.save_status(saved.tables(), SCHEMA_VERSION, saved.last_op + 1)


def read_export(path: Path) -> dict[str, dict[str, Any]]:
    """An export file's tables as {table: {index: document}}, or a UserError that says what
    is wrong with it. Only a regular file of bounded size is read."""
    try:
        raw = read_bounded(path, MAX_EXPORT_BYTES, what="rejection-therapy export")
    except FileNotFoundError:
        raise UserError(f"there is no file {path}") from None
    except UntrustedFileError as error:
        raise UserError(f"{error}; nothing was imported") from None
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise UserError(f"{path} is not a rejection-therapy export (not UTF-8 text)") from None
    except RecursionError:
        raise UserError(f"{path} is not a rejection-therapy export (nested too deeply)") from None
    except ValueError as error:
        raise UserError(f"{path} is not a rejection-therapy export (not JSON: {error})") from None
    if not isinstance(document, dict) or document.get("export_version") != EXPORT_VERSION:
        raise UserError(
            f"{path} is not a rejection-therapy export (export_version {EXPORT_VERSION} expected)"
        )
    version = document.get("schema_version")
    if type(version) is not int or version < 1:
        raise UserError(
            f"{path}: schema_version {version!r} is not a schema version (a whole number); "
            "nothing was imported"
        )
    if version > SCHEMA_VERSION:
        raise UserError(f"{path} comes from a newer rejection-therapy; upgrade before importing it")
    found = document.get("tables")
    if not isinstance(found, dict):
        raise UserError(f"{path} is not a rejection-therapy export (no tables)")
    result: dict[str, dict[str, Any]] = {}
    for name in EXPORTED_TABLES:
        documents = found.get(name, [])
        if not isinstance(documents, list):
            raise UserError(f"{path}: tables.{name} is not a list; nothing was imported")
        result[name] = {str(index): doc for index, doc in enumerate(documents)}
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")
