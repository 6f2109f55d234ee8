"""`doctor`: check every table of a home, and repair it without losing a saved entry."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from rejection_therapy.service.base import ServiceBase
from rejection_therapy.service.errors import UserError
from rejection_therapy.storage import repair
from rejection_therapy.storage.checks import MODELS, Checked, check_tables
from rejection_therapy.storage.database import UnreadableError, load_data_file
from rejection_therapy.storage.files import StorageError
from rejection_therapy.storage.journal import salvage_journal
from rejection_therapy.storage.status_record import read_status


@dataclass
class DoctorReport:
    """What the doctor found."""

    checked: Checked | None = None
    counts: dict[str, int] = field(default_factory=dict)
    unreadable: str | None = None
    """Why the data file cannot be read, when it cannot."""
    permission: bool = False
    """It cannot be read for lack of permission: a person's fix, not a repair."""
    journal_damaged: list[int] = field(default_factory=list)
    status_stale: bool = False

    @property
    def healthy(self) -> bool:
        return (
            self.unreadable is None
            and not self.journal_damaged
            and (self.checked is None or not self.checked.needs_repair)
        )


class DoctorMixin(ServiceBase):
    """Checking and repairing the data file, the journal and the derived records."""

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        try:
            report.journal_damaged = salvage_journal(self.database.journal_path).damaged
        except Exception as error:  # noqa: BLE001 - a journal doctor cannot read is a finding
            report.unreadable = str(error)
            return report
        try:
            loaded = load_data_file(self.paths.data_file, journal=not report.journal_damaged)
        except UnreadableError as error:
            report.unreadable, report.permission = str(error), error.permission
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
        report.status_stale = read_status(str(self.paths.home)) is None
        return report

    def repair(self) -> list[str]:
        """Repair what `doctor` found; one line for each thing done."""
        report = self.doctor()
        if report.permission:
            raise UserError(f"{report.unreadable}; doctor does not change a file it may not read")
        done: list[str] = []
        salvaged = repair.salvage(self.database) if report.journal_damaged else None
        if salvaged is not None:
            lines = ", ".join(str(n) for n in salvaged.damaged)
            done.append(
                f"Kept {salvaged.kept} journal line(s); the journal with damaged line(s) "
                f"{lines} is kept as {salvaged.aside}."
            )
        if self._unreadable_now():
            restored = repair.restore(self.database)
            done.append(
                f"Restored {restored.backup} and {restored.operations} later journal "
                f"operation(s); the unreadable file is kept as {restored.aside}."
            )
            if restored.lost_between:
                first, last = restored.lost_between
                done.append(
                    f"Journal operations {first}-{last} were in no backup that reads; "
                    "those changes could not be recovered."
                )
        cleaned = repair.clean(self.database)
        if cleaned.written:
            done.append(f"Repaired {len(cleaned.written)} record(s): " + "; ".join(cleaned.written))
        if cleaned.set_aside_file is not None:
            done.append(f"Records that could not be read are kept in {cleaned.set_aside_file}.")
        done.extend(self._rebuild_derived())
        return done

    def _unreadable_now(self) -> bool:
        try:
            load_data_file(self.paths.data_file)
        except UnreadableError as error:
            if error.permission:
                raise UserError(str(error)) from error
            return True
        return False

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
