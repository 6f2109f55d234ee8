"""`doctor`: check every table of a home, and repair it without losing a saved entry."""

from __future__ import annotations

import contextlib

from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.full_check import DoctorReport, checked_home
from rejection_therapy.storage import repair as stored
from rejection_therapy.storage.status_record import read_status


def doctor(ctx: Context) -> DoctorReport:
    report, _, _ = checked_home(ctx.paths)
    if report.checked is not None:
        report.status_stale = read_status(str(ctx.paths.home)) is None
    return report


def repair(ctx: Context) -> list[str]:
    """Repair what `doctor` found; one line for each thing done."""
    report = doctor(ctx)
    if not report.repairable:
        raise UserError(f"{report.unreadable}; doctor repairs nothing over that")
    done: list[str] = []
    salvaged = stored.salvage(ctx.database) if report.journal_damaged else None
    if salvaged is not None:
        lines = ", ".join(str(n) for n in salvaged.damaged)
        done.append(
            f"Kept {salvaged.kept} journal line(s); the journal with damaged line(s) "
            f"{lines} is kept as {salvaged.aside}."
        )
    if stored.missing_or_damaged(ctx.database):
        done.extend(_restore(ctx))
    cleaned = stored.clean(ctx.database)
    if cleaned.written:
        done.append(f"Repaired {len(cleaned.written)} record(s): " + "; ".join(cleaned.written))
    if cleaned.set_aside_file is not None:
        done.append(f"Records that could not be read are kept in {cleaned.set_aside_file}.")
    if doctor(ctx).uncovered is not None:
        ctx.database.checkpoint_now()
        if doctor(ctx).uncovered is None:
            done.append("Wrote a backup that holds every change.")
    done.extend(_rebuild_derived(ctx))
    return done


def _restore(ctx: Context) -> list[str]:
    restored = stored.restore(ctx.database)
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


def _rebuild_derived(ctx: Context) -> list[str]:
    """The status record and the parsed packs are derived: made anew from the data."""
    with contextlib.suppress(OSError):
        ctx.paths.packs_cache_file.unlink(missing_ok=True)
    ctx.forget_packs()
    with contextlib.suppress(UserError):
        ctx.pack_set()  # parsed again, and kept
    with ctx.database.locked(), contextlib.suppress(OSError):
        ctx.paths.status_file.unlink(missing_ok=True)
    ctx.rebuild_status()
    return ["Rebuilt the status record and the parsed packs."]
