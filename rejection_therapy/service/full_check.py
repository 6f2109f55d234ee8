"""One full check of a home: the data file and its journal read and every record checked
once (storage/checks.py). `doctor`, `export` and `history --json` share it; a clean one is
kept as the checked copy (storage/checked_copy.py), which the next of them answers from
while both files stay byte for byte the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from rejection_therapy.core.ledger import Ledger
from rejection_therapy.exports import tables_json
from rejection_therapy.paths import Paths
from rejection_therapy.storage import records as tables
from rejection_therapy.storage.backups import uncovered
from rejection_therapy.storage.checked_copy import home_key, write_copy
from rejection_therapy.storage.checks import MODELS, Checked, check_tables
from rejection_therapy.storage.database import load_home
from rejection_therapy.storage.documents import to_document
from rejection_therapy.storage.files import StorageError, UnreadableError
from rejection_therapy.storage.journal import salvage_journal
from rejection_therapy.storage.migrations import SCHEMA_VERSION
from rejection_therapy.views import entry_shape

if TYPE_CHECKING:
    from rejection_therapy.shapes import EntryView


@dataclass
class DoctorReport:
    """What the doctor found."""

    checked: Checked | None = None
    counts: dict[str, int] = field(default_factory=dict)
    unreadable: str | None = None
    """Why the data file cannot be read, when it cannot."""
    repairable: bool = True
    """False when the person must fix the cause (permission, a newer release, a missing
    drive): doctor never repairs over it."""
    journal_damaged: list[int] = field(default_factory=list)
    uncovered: str | None = None
    """Changes no backup holds (a repair writes one)."""
    status_stale: bool = False
    needed_op: int = 0
    """The last journal operation a backup must hold (the journal holds those after it)."""

    @property
    def healthy(self) -> bool:
        return (
            self.unreadable is None
            and not self.journal_damaged
            and self.uncovered is None
            and (self.checked is None or not self.checked.needs_repair)
        )

    @property
    def clean(self) -> bool:
        """Every record read as it is, without a single note: the check a copy may stand
        for (whether a backup holds the journal's changes is asked again each time)."""
        checked = self.checked
        return (
            self.unreadable is None
            and not self.journal_damaged
            and checked is not None
            and not checked.findings
            and not checked.set_aside
        )


def full_check(paths: Paths) -> DoctorReport:
    """The journal salvaged, the data file read with it (without it when it is damaged),
    every record checked, and whether a backup holds what the journal does not."""
    report = DoctorReport()
    try:
        journal = salvage_journal(str(paths.journal_file))
    except Exception as error:  # noqa: BLE001 - a journal doctor cannot read is a finding
        report.unreadable = str(error)
        return report
    report.journal_damaged = journal.damaged
    try:
        loaded = load_home(paths, journal=not report.journal_damaged)
    except UnreadableError as error:
        report.unreadable, report.repairable = str(error), error.repairable
        return report
    except StorageError as error:
        report.unreadable = str(error)
        return report
    if loaded is None:
        return report
    report.checked = check_tables(loaded.data)
    report.counts = {
        table: len(loaded.data.get(table) or {}) for table in MODELS if loaded.data.get(table)
    }
    first = journal.operations[0]["op"] if journal.operations else None
    report.needed_op = loaded.last_op if first is None else first - 1
    report.uncovered = uncovered(paths, report.needed_op)
    return report


def checked_home(
    paths: Paths, *, documents_too: bool = False, rows_too: bool = False
) -> tuple[DoctorReport, dict[str, list[dict[str, Any]]], list[EntryView]]:
    """The full check, with every table as stored documents (`documents_too`, for
    `export`) or every entry as `history` shows it (`rows_too`). A clean check whose files
    did not change while it ran is kept as the checked copy, with what was made for it:
    the doctor's counts, the encoded tables, the rows."""
    home = str(paths.home)
    key = home_key(home)
    report = full_check(paths)
    if report.checked is None:
        return report, documents(None), []
    found = documents(report.checked) if documents_too else {}
    rows = history_rows(report.checked) if rows_too else []
    if key is not None and report.clean and home_key(home) == key:
        write_copy(
            home,
            key,
            report.counts,
            SCHEMA_VERSION,
            report.needed_op,
            rows if rows_too else None,
            tables_json(found) if documents_too else None,
        )
    return report, found, rows


def documents(checked: Checked | None) -> dict[str, list[dict[str, Any]]]:
    """Every record as readers see it (checked and in order), as stored documents; every
    table empty for a new home."""
    if checked is None:
        return {table: [] for table in (*MODELS, tables.SETTINGS)}
    found = {
        table: [to_document(item.record) for item in checked.items.get(table, [])]
        for table in MODELS
    }
    found[tables.RUNS] += [to_document(item.record) for item in checked.joined_runs]
    found[tables.SETTINGS] = [to_document(checked.settings)] if checked.settings else []
    return found


def history_rows(checked: Checked) -> list[EntryView]:
    """Every entry as `history --json` shows it, oldest first (the ledger's order)."""
    ledger = Ledger(date.today(), checked.records(tables.RUNS), checked.records(tables.ENTRIES))
    runs = {run.id: run for run in reversed(ledger.runs)}  # the first of a number wins
    xp = ledger.xp_by_entry
    rows = []
    for entry in ledger.entries:
        run = runs.get(entry.run_id)
        number, start = (run.number, run.start) if run else (None, None)
        rows.append(entry_shape(entry, number, start, xp.get(entry.id, 0)))
    return rows
