"""`doctor`: check every table of a home, and repair it without losing a saved entry."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rejection_therapy.service.base import ServiceBase
from rejection_therapy.service.errors import UserError
from rejection_therapy.storage import repair
from rejection_therapy.storage.backups import list_backups
from rejection_therapy.storage.checks import MODELS, Checked, check_tables
from rejection_therapy.storage.database import load_home
from rejection_therapy.storage.files import StorageError, UnreadableError
from rejection_therapy.storage.journal import salvage_journal
from rejection_therapy.storage.status_record import read_status

_JOURNAL_OP = re.compile(rb'"journal_op":(\d{1,15})')


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

    @property
    def healthy(self) -> bool:
        return (
            self.unreadable is None
            and not self.journal_damaged
            and self.uncovered is None
            and (self.checked is None or not self.checked.needs_repair)
        )


class DoctorMixin(ServiceBase):
    """Checking and repairing the data file, the journal, the backups and the derived records."""

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        try:
            journal = salvage_journal(self.database.journal_path)
        except Exception as error:  # noqa: BLE001 - a journal doctor cannot read is a finding
            report.unreadable = str(error)
            return report
        report.journal_damaged = journal.damaged
        try:
            loaded = load_home(self.paths, journal=not report.journal_damaged)
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
        report.uncovered = self._uncovered(loaded.last_op if first is None else first - 1)
        report.status_stale = read_status(str(self.paths.home)) is None
        return report

    def _uncovered(self, needed: int) -> str | None:
        """Whether some backup holds every change up to operation `needed` (the journal
        holds the rest); why not, when none does."""
        newest = None
        for backup in list_backups(self.paths):
            held = _journal_op_in(backup)
            if held is not None and held >= needed:
                return None
            newest = newest or backup
        where = f"the newest is {newest.name}" if newest else "there is none"
        return (
            f"no backup holds the changes up to journal operation {needed} ({where}); check "
            f"that {self.paths.backups_dir} can be written"
        )

    def repair(self) -> list[str]:
        """Repair what `doctor` found; one line for each thing done."""
        report = self.doctor()
        if not report.repairable:
            raise UserError(f"{report.unreadable}; doctor repairs nothing over that")
        done: list[str] = []
        salvaged = repair.salvage(self.database) if report.journal_damaged else None
        if salvaged is not None:
            lines = ", ".join(str(n) for n in salvaged.damaged)
            done.append(
                f"Kept {salvaged.kept} journal line(s); the journal with damaged line(s) "
                f"{lines} is kept as {salvaged.aside}."
            )
        if repair.missing_or_damaged(self.database):
            done.extend(self._restore())
        cleaned = repair.clean(self.database)
        if cleaned.written:
            done.append(f"Repaired {len(cleaned.written)} record(s): " + "; ".join(cleaned.written))
        if cleaned.set_aside_file is not None:
            done.append(f"Records that could not be read are kept in {cleaned.set_aside_file}.")
        if self.doctor().uncovered is not None:
            self.database.checkpoint_now()
            if self.doctor().uncovered is None:
                done.append("Wrote a backup that holds every change.")
        done.extend(self._rebuild_derived())
        return done

    def _restore(self) -> list[str]:
        restored = repair.restore(self.database)
        done = [
            f"Restored {restored.backup} and {restored.operations} later journal "
            f"operation(s)"
            + (f"; the unreadable file is kept as {restored.aside}." if restored.aside else ".")
        ]
        for path in restored.unreadable_backups:
            done.append(f"The newer backup {path} could not be read; it was passed over.")
        for first, last in restored.lost:
            done.append(
                f"Journal operations {first}-{last} were in no backup or readable line; "
                "those changes could not be recovered."
            )
        return done

    def _rebuild_derived(self) -> list[str]:
        """The status record and the parsed packs are derived: made anew from the data."""
        with contextlib.suppress(OSError):
            self.paths.packs_cache_file.unlink(missing_ok=True)
        self.forget_packs()
        with contextlib.suppress(UserError):
            self.pack_set()  # parsed again, and kept
        with self.database.locked(), contextlib.suppress(OSError):
            self.paths.status_file.unlink(missing_ok=True)
        self.rebuild_status()
        return ["Rebuilt the status record and the parsed packs."]


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

    try:  # written before meta came last, or by an earlier release: read it whole
        loaded = load_data_file(backup, journal=False)
    except StorageError:
        return None
    return journal_op_of(loaded.data) if loaded is not None else None
