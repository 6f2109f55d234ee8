"""`rejection-therapy packs ...` and `never`: thin adapters over the service."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rejection_therapy.cli.output import Output, safe
from rejection_therapy.service import Service, UserError
from rejection_therapy.service.errors import TargetExists
from rejection_therapy.service.packs import new_pack, pack_schema, validate_files


def cmd_packs(service: Service, args: argparse.Namespace, out: Output) -> int:
    handler = {
        "list": _list,
        "show": _show,
        "validate": _validate,
        "add": _add,
        "remove": _remove,
        "enable": _enable,
        "disable": _disable,
        "new": _new,
        "schema": _schema,
    }[args.packs_command]
    return handler(service, args, out)


def _asks(count: int) -> str:
    return f"{count} ask" if count == 1 else f"{count} asks"


def _warn_broken(service: Service) -> None:
    for path, error in service.broken_packs():
        sys.stderr.write(f"rejection-therapy: warning: {path} is set aside: {error.problems[0]}\n")


def _list(service: Service, args: argparse.Namespace, out: Output) -> int:
    infos = service.list_packs()
    _warn_broken(service)
    if args.json:
        out.json(
            [
                {
                    "id": info.id,
                    "title": info.pack.title,
                    "version": info.pack.version,
                    "count": len(info.pack.challenges),
                    "enabled": info.enabled,
                    "weight": info.weight,
                    "source": info.loaded.source,
                    "shadows_builtin": info.shadows_builtin,
                    "path": str(info.loaded.path),
                }
                for info in infos
            ]
        )
        return 0
    for info in infos:
        state = out.symbol("● on ", "on  ") if info.enabled else out.symbol("○ off", "off ")
        weight = f" ×{info.weight:g}" if info.weight != 1.0 else ""
        shadow = " (shadows the built-in pack)" if info.shadows_builtin else ""
        out.parts(
            (f"{state} ", "green" if info.enabled else "dim"),
            (f"{safe(info.id):<16}", "bold"),
            (f"{_asks(len(info.pack.challenges)):>9}  ", None),
            (safe(info.pack.title), None),
            (f"  [{info.loaded.source}{weight}]{shadow}", "dim"),
        )
    return 0


def _show(service: Service, args: argparse.Namespace, out: Output) -> int:
    loaded = service.pack(args.pack_id)
    pack = loaded.pack
    out.parts(
        (safe(pack.title), "bold"),
        (f"  {safe(pack.pack)} v{safe(pack.version)} by {safe(pack.author)}", "dim"),
    )
    out.parts((safe(pack.description), None))
    out.parts(
        (
            f"language {safe(pack.language)} · license {safe(pack.license)} · {loaded.source} · {loaded.path}",
            "dim",
        )
    )
    for challenge in pack.challenges:
        out.line()
        tags = f"  [{', '.join(safe(t) for t in challenge.tags)}]" if challenge.tags else ""
        out.parts(
            (f"{challenge.difficulty}/5 ", "yellow"),
            (safe(challenge.id), "bold"),
            (f"  {safe(challenge.category)}{tags}", "dim"),
        )
        out.parts(("  ", None), (safe(challenge.ask), None))
        for label, text in (
            ("tip", challenge.tip),
            ("if refused", challenge.why_prompt),
            ("safety", challenge.safety),
        ):
            if text:
                out.parts((f"  {label}: ", "dim"), (safe(text), None))
    return 0


def _validate(service: Service, args: argparse.Namespace, out: Output) -> int:
    results = validate_files([Path(f) for f in args.files])
    invalid = 0
    for result in results:
        if result.pack is not None:
            out.line(
                f"{result.path}: valid: {_asks(len(result.pack.challenges))} in pack "
                f"{safe(result.pack.pack)!r}",
                "green",
            )
            continue
        invalid += 1
        for problem in result.problems:
            sys.stderr.write(safe(str(problem)) + "\n")
    if invalid:
        sys.stderr.write(
            f"{invalid} of {len(results)} {'file' if len(results) == 1 else 'files'} invalid; "
            "fix the lines above and run validate again\n"
        )
        return 2
    return 0


def _add(service: Service, args: argparse.Namespace, out: Output) -> int:
    loaded = service.add_pack(Path(args.file), force=args.force)
    out.line(
        f"Added pack {loaded.id!r} ({_asks(len(loaded.pack.challenges))}) to {loaded.path}; "
        "enabled.",
        "bold green",
    )
    out.line("It feeds the daily ask from the next new day (today's ask stays as it is).", "dim")
    return 0


def _remove(service: Service, args: argparse.Namespace, out: Output) -> int:
    path = service.remove_pack(args.pack_id)
    out.line(f"Removed pack {args.pack_id!r} ({path}). Entries logged from it keep their text.")
    return 0


def _enable(service: Service, args: argparse.Namespace, out: Output) -> int:
    service.enable_pack(args.pack_id, args.weight)
    weight = f" with weight {args.weight:g}" if args.weight is not None else ""  # 20, not 20.0
    out.line(
        f"Pack {args.pack_id!r} enabled{weight}; it feeds the daily ask from the next new day."
    )
    return 0


def _disable(service: Service, args: argparse.Namespace, out: Output) -> int:
    service.disable_pack(args.pack_id)
    out.line(
        f"Pack {args.pack_id!r} disabled; today's ask stays, tomorrow's comes from the others."
    )
    return 0


def _new(service: Service, args: argparse.Namespace, out: Output) -> int:
    text = new_pack(args.pack_id)
    target = Path(args.output or f"{args.pack_id}.yaml")
    try:
        service.write_output(target, text, private=False, replace=False)
    except TargetExists:
        raise UserError(f"{target} already exists; pick another id or --output") from None
    out.line(f"Wrote {safe(str(target))}. Edit it, then: rejection-therapy packs validate {target}")
    return 0


def _schema(service: Service, args: argparse.Namespace, out: Output) -> int:
    sys.stdout.write(json.dumps(pack_schema(), indent=2) + "\n")
    return 0


def cmd_never(service: Service, args: argparse.Namespace, out: Output) -> int:
    key, replaced = service.never(args.ask_id, undo=args.undo)
    if args.undo:
        out.line(f"{key} can be drawn again.")
        return 0
    out.line(f"{key} is retired: it will not be drawn again (undo with `never --undo {key}`).")
    if replaced:
        out.line("It was today's ask, so today has a new one (your swap is still there).", "dim")
    return 0
