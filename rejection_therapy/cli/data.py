"""Your data from the shell: doctor, export, import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rejection_therapy.cli.output import Output, counted, safe, write_file
from rejection_therapy.exports import EXPORT_WARNING
from rejection_therapy.fastpath.full_loads import table_count
from rejection_therapy.service import Service, UserError


def cmd_doctor(service: Service, args: argparse.Namespace, out: Output) -> int:
    """Exit 0 when healthy (notes allowed), 1 when problems were found, 2 when it could not run."""
    report = service.doctor()
    path = service.paths.data_file
    if report.unreadable is not None:
        out.line(f"The data cannot be read: {safe(report.unreadable)}", "bold red")
        if not report.repairable:
            return 2
    elif report.journal_damaged:
        lines = ", ".join(str(n) for n in report.journal_damaged)
        label = "damaged line" if len(report.journal_damaged) == 1 else "damaged lines"
        out.line(f"{service.database.journal_path}: {label} {lines}", "bold red")
    else:
        counts = ", ".join(table_count(n, t) for t, n in report.counts.items() if n)
        out.line(f"{path}: readable, schema current ({counts or 'empty'})")
    checked = report.checked
    for finding in checked.findings if checked else []:
        if finding.action == "note":
            out.line(f"  note: {safe(str(finding))}", "dim")
        else:
            out.line(f"  problem: {safe(str(finding))} ({finding.action} when read)", "yellow")
    if report.uncovered is not None:
        out.line(f"  problem: {safe(report.uncovered)}", "yellow")
    if report.healthy:
        if report.status_stale:
            out.line("  note: the status record is stale; the next command rebuilds it", "dim")
        out.line("Healthy.", "bold green")
        return 0
    if not args.repair:
        out.line(
            "Run `rejection-therapy doctor --repair` to repair it: nothing saved is lost "
            "(an unreadable file is restored from the newest good backup plus the journal)."
        )
        return 1
    if not _confirm(args, "Repair it now? Every file replaced is kept beside it."):
        return 1
    for line in service.repair():
        out.line(safe(line), "bold green")
    after = service.doctor()
    if not after.healthy:
        out.line("Some problems remain; run `rejection-therapy doctor` to see them.", "yellow")
        return 1
    out.line("Healthy.", "bold green")
    return 0


def _confirm(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UserError("no terminal to confirm on: add --yes to repair")
    return input(f"{question} [y/N] ").strip().lower() in {"y", "yes"}


def cmd_export(service: Service, args: argparse.Namespace, out: Output) -> int:
    text = service.export_data(args.format)
    if args.output:
        write_file(service, args.output, text, private=True, force=args.force)
    else:
        out.text(text)
    sys.stderr.write(EXPORT_WARNING)
    return 0


def cmd_import(service: Service, args: argparse.Namespace, out: Output) -> int:
    changed = service.import_log(Path(args.file), dry_run=args.dry_run)
    if changed is not None:
        verb = "Would change" if args.dry_run else "Merged as a sync merges it:"
        out.line(f"{verb} {counted(changed, 'record')} here.")
        if args.dry_run:
            out.line("Dry run: nothing was changed.", "dim")
        return 0
    report = service.import_data(Path(args.file), dry_run=args.dry_run)
    added = ", ".join(table_count(n, t) for t, n in sorted(report.added.items())) or "nothing new"
    verb = "Would add" if args.dry_run else "Added"
    out.line(f"{verb} {added}; {report.updated} updated, {report.removed} removed by deletions.")
    if report.set_aside_file is not None:
        out.line(f"This home's records that could not be read are kept in {report.set_aside_file}.")
    for line in report.join_lines():
        out.line(("Would join: " if args.dry_run else "Joined: ") + line, "dim")
    if args.dry_run:
        out.line("Dry run: nothing was changed.", "dim")
    return 0
