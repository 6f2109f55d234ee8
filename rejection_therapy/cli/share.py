"""`rejection-therapy share`: a snapshot to post, private unless the person opts in.

A private snapshot is made from the status record (fastpath/progress.py), on the quick path
(cli/fast.py) and here alike; one with the person's asks or notes reads the entries."""

from __future__ import annotations

import sys

from rejection_therapy.cli.output import Output, write_file
from rejection_therapy.cli.progress import from_record
from rejection_therapy.fastpath.progress import (
    rendered,
    run_numbered,
    run_to_share,
    share_snapshot,
)
from rejection_therapy.service.errors import UserError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from datetime import date
    from typing import Any

    from rejection_therapy.service import Service
    from rejection_therapy.shapes import StatusRecord


def cmd_share(service: Service, args: argparse.Namespace, out: Output) -> int:
    snapshot: dict[str, Any] | None
    if args.include_asks or args.include_notes:
        snapshot = service.snapshot(args.run, args.include_asks, args.include_notes)
    else:
        snapshot = from_record(service, lambda record, on: _if_run(record, on, args.run))
        if snapshot is None:
            service.read()  # a home without a run: readied, as every full read readies it
            snapshot = from_record(
                service, lambda record, on: private_snapshot(record, on, args.run)
            )
    text = rendered(snapshot, args.format, args.plain)
    if args.output:
        write_file(service, args.output, text, force=args.force)
    else:
        out.text(text)
    if args.include_asks or args.include_notes:
        sys.stderr.write(
            "Note: this snapshot includes your own words; read it before you post it.\n"
        )
    return 0


def _if_run(record: StatusRecord, today: date, number: int | None) -> dict[str, Any] | None:
    return private_snapshot(record, today, number) if record["runs"] else None


def private_snapshot(record: StatusRecord, today: date, number: int | None) -> dict[str, Any]:
    """The snapshot of run `number` (None: the run a person means, `run_to_share`) without
    asks or notes."""
    if not record["runs"]:
        raise UserError("there is no run to share (run `rejection-therapy doctor` if you had one)")
    run = run_to_share(record, today) if number is None else run_numbered(record, number)
    if run is None:
        known = ", ".join(str(r["number"]) for r in record["runs"])
        raise UserError(f"no run {number}; runs: {known}")
    return share_snapshot(record, today, run)
