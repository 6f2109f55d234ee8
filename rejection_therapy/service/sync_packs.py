"""The person's own packs in `sync`: each pack file travels as one record (its id and its
YAML), checked on arrival as `packs add` checks a file, and written into this home's
packs folder atomically. Built-in packs never travel: every device ships them.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any

from rejection_therapy.fileio import PRIVATE_FILE, atomic_write
from rejection_therapy.service.packs import SAFE_ID

if TYPE_CHECKING:
    from rejection_therapy.service.context import Context
    from rejection_therapy.sync.devicelog import Change

PACKS = "packs"
Records = dict[str, tuple[str, str, dict[str, Any]]]
"""table/key -> (table, key, document): a home's records (and packs) by what names them."""


def pack_records(ctx: Context) -> Records:
    """This home's pack files as records (a file that cannot be read as a pack stays
    here: `packs list` names it)."""
    from rejection_therapy.packs.loader import PackError, read_pack
    from rejection_therapy.untrusted import UntrustedFileError

    folder = ctx.paths.packs_dir
    found: Records = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.yaml")):
        if not SAFE_ID.match(path.stem):
            continue
        try:
            text = read_pack(path, follow_symlinks=False).decode("utf-8")
        except (PackError, OSError, UntrustedFileError, UnicodeDecodeError):
            continue
        found[f"{PACKS}/{path.stem}"] = (PACKS, path.stem, {"id": path.stem, "yaml": text})
    return found


def packs_crc(ctx: Context) -> int:
    """A number that changes when a pack file here is added, edited or removed."""
    return zlib.crc32(repr(ctx.packs_stamp()).encode("utf-8"))


def pack_problem(change: Change) -> str | None:
    """Why a pack from another device cannot be taken (as `packs add` would refuse it)."""
    from rejection_therapy.packs.loader import MAX_FILE_BYTES, PackError, parse_pack

    doc = change.doc
    if doc is None:
        return None
    text = doc.get("yaml")
    if set(doc) != {"id", "yaml"} or doc.get("id") != change.key or not isinstance(text, str):
        return "not a pack record (id and yaml)"
    if not SAFE_ID.match(change.key):
        return f"pack id {change.key[:40]!r} cannot be a file name"
    raw = text.encode("utf-8")
    if len(raw) > MAX_FILE_BYTES:
        return f"the pack is over {MAX_FILE_BYTES:,} bytes"
    try:
        parsed = parse_pack(raw, f"{change.key}.yaml")
    except PackError as error:
        return f"pack {change.key}: {error.problems[0]}"
    if parsed.pack != change.key:
        return f"the pack's id {parsed.pack!r} is not {change.key!r}"
    return None


def apply_packs(ctx: Context, wanted: dict[str, str], mine: Records) -> None:
    """Make the packs folder hold `wanted` (id -> YAML) of the packs that sync: write the
    new and changed ones, remove the ones removed elsewhere."""
    from rejection_therapy.storage.files import ensure_private_dir

    here = {key: doc["yaml"] for (table, key, doc) in mine.values() if table == PACKS}
    if here == wanted:
        return
    folder = ctx.paths.packs_dir
    ensure_private_dir(folder)
    for pack_id, text in wanted.items():
        if here.get(pack_id) != text:
            atomic_write(folder / f"{pack_id}.yaml", text.encode("utf-8"), mode=PRIVATE_FILE)
    for pack_id in set(here) - set(wanted):
        (folder / f"{pack_id}.yaml").unlink(missing_ok=True)
    ctx.forget_packs()
