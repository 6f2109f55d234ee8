"""`rejection-therapy share`: a snapshot to post, private unless the person opts in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rejection_therapy.cli.output import Output
from rejection_therapy.service import Service, UserError
from rejection_therapy.share import render


def cmd_share(service: Service, args: argparse.Namespace, out: Output) -> int:
    snapshot = service.snapshot(args.run, args.include_asks, args.include_notes)
    text = render(snapshot, args.format, plain=args.plain)
    if args.output:
        target = Path(args.output)
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UserError(f"could not write {target}: {error.strerror}") from error
        sys.stderr.write(f"Wrote {target}\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if args.include_asks or args.include_notes:
        sys.stderr.write(
            "Note: this snapshot includes your own words; read it before you post it.\n"
        )
    return 0
