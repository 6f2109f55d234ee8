"""Your data from the shell: doctor, export, import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rejection_therapy.cli.output import Output, write_file
from rejection_therapy.service import Service, UserError


def cmd_doctor(service: Service, args: argparse.Namespace, out: Output) -> int:
    """Exit 0 when healthy (notes allowed), 1 when problems were found, 2 when it could not run."""
    report = service.doctor()
    path = service.paths.data_file
    if report.unreadable is not None and report.journal_damaged:
        out.line(f"{path}: {report.unreadable}", "bold red")
        if not args.repair:
            out.line(
                "Run `rejection-therapy doctor --repair` to keep every readable line of the "
                "journal and set the damaged file aside."
            )
            return 1
        if not _confirm(args, "Keep the readable journal lines and set the journal aside?"):
            return 1
        salvaged = service.salvage_journal()
        if salvaged is not None:
            kept, damaged, journal_aside = salvaged
            lines = ", ".join(str(n) for n in damaged)
            out.line(
                f"Kept {kept} journal line(s) in {path}; the journal with damaged line(s) "
                f"{lines} is kept as {journal_aside}.",
                "bold green",
            )
        return cmd_doctor(service, argparse.Namespace(repair=False, yes=args.yes), out)
    if report.unreadable is not None:
        out.line(f"{path}: cannot be read: {report.unreadable}", "bold red")
        if not args.repair:
            out.line(
                "Run `rejection-therapy doctor --repair` to set it aside and restore the newest good backup."
            )
            return 1
        if not _confirm(args, "Set the file aside and restore the newest good backup?"):
            return 1
        backup, aside = service.restore_newest_backup()
        out.line(f"Restored {backup}; the unreadable file is kept as {aside}.", "bold green")
        return 0
    checkup = report.checkup
    assert checkup is not None
    counts = ", ".join(f"{n} {t}" for t, n in checkup.counts.items() if n)
    out.line(f"{path}: readable, schema current ({counts or 'empty'})")
    for note in checkup.notes:
        out.line(f"  note: {note}", "dim")
    if not checkup.problems:
        out.line("Healthy.", "bold green")
        return 0
    for problem in checkup.problems:
        out.line(f"  problem: {problem}", "yellow")
    if not args.repair:
        out.line(
            "Run `rejection-therapy doctor --repair` to drop only these records (a backup is kept)."
        )
        return 1
    if not _confirm(args, f"Drop these {len(checkup.problems)} record(s)?"):
        return 1
    dropped = service.drop_broken_records()
    out.line(
        f"Dropped {len(dropped)} broken record(s); everything else is as it was.", "bold green"
    )
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
        write_file(args.output, text, private=True)
    else:
        sys.stdout.write(text)
    sys.stderr.write("Warning: an export holds your notes and asks; keep it private.\n")
    return 0


def cmd_import(service: Service, args: argparse.Namespace, out: Output) -> int:
    report = service.import_data(Path(args.file), dry_run=args.dry_run)
    added = ", ".join(f"{n} {t}" for t, n in sorted(report.added.items())) or "nothing new"
    verb = "Would add" if args.dry_run else "Added"
    out.line(f"{verb} {added}; {report.updated} updated, {report.removed} removed by deletions.")
    if report.took_over_run:
        out.line("This home was empty, so it joins the imported run.", "dim")
    if args.dry_run:
        out.line("Dry run: nothing was changed.", "dim")
    return 0
