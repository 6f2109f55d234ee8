"""`rejection-therapy share`: a snapshot to post, private unless the person opts in."""

from __future__ import annotations

import argparse
import sys

from rejection_therapy.cli.output import Output, write_file
from rejection_therapy.service import Service


def cmd_share(service: Service, args: argparse.Namespace, out: Output) -> int:
    snapshot = service.snapshot(args.run, args.include_asks, args.include_notes)
    text = service.render_snapshot(snapshot, args.format, plain=args.plain)
    if args.output:
        write_file(service, args.output, text, force=args.force)
    else:
        out.text(text)
    if args.include_asks or args.include_notes:
        sys.stderr.write(
            "Note: this snapshot includes your own words; read it before you post it.\n"
        )
    return 0
