"""Snapshots of progress to share, and saving them as dated files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.share import EXTENSIONS, render
from rejection_therapy.share.snapshot import build_snapshot


def snapshot(
    ctx: Context,
    run_number: int | None = None,
    include_asks: bool = False,
    include_notes: bool = False,
) -> dict[str, Any]:
    state = ctx.read()
    ledger = state.ledger
    run = None
    if run_number is not None:
        run = next((r for r in ledger.runs if r.number == run_number), None)
        if run is None:
            known = ", ".join(str(r.number) for r in ledger.runs)
            raise UserError(f"no run {run_number}; runs: {known}")
    if not ledger.runs:
        raise UserError("there is no run to share (run `rejection-therapy doctor` if you had one)")
    return build_snapshot(ledger, state.state.badges, run, include_asks, include_notes)


def save_snapshot(
    ctx: Context,
    snapshot: dict[str, Any],
    fmt: str,
    folder: Path,
    plain: bool = False,
    replace: bool = False,
) -> Path:
    """Write one format as rejection-therapy-DATE.EXT in `folder`; returns the path.
    Raises TargetExists when that file exists and `replace` is not given."""
    if not folder.is_dir():
        raise UserError(f"{folder} is not a folder; create it or pick another")
    target = folder / f"rejection-therapy-{snapshot['date']}.{EXTENSIONS[fmt]}"
    text = render(snapshot, fmt, plain)
    return ctx.write_output(target, text, private=False, replace=replace)
