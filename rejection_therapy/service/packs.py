"""Custom packs: list, show, validate, add, remove, enable, disable, retire asks."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from rejection_therapy.core.bounds import MAX_WEIGHT, MIN_WEIGHT
from rejection_therapy.fileio import PRIVATE_FILE, atomic_write
from rejection_therapy.packs.registry import BUILTIN, LoadedPack
from rejection_therapy.service.asks import ask_key, draw, replace_daily_ask
from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.storage.files import StorageError, ensure_private_dir
from rejection_therapy.storage.records import save_settings

SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$|^[a-z0-9]$")  # as packs.models.ID_PATTERN

TYPE_CHECKING = False  # YAML and the pack models load only when a pack command runs
if TYPE_CHECKING:
    from rejection_therapy.packs.loader import PackError, PackProblem
    from rejection_therapy.packs.models import Pack


@dataclass(frozen=True)
class PackInfo:
    """One pack as `packs list` shows it."""

    loaded: LoadedPack
    enabled: bool
    weight: float
    shadows_builtin: bool

    @property
    def id(self) -> str:
        return self.loaded.id

    @property
    def pack(self) -> Pack:
        return self.loaded.pack


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one file: a pack, or every problem found."""

    path: Path
    pack: Pack | None
    problems: list[PackProblem]


def list_packs(ctx: Context) -> list[PackInfo]:
    settings = ctx.read().settings
    found = ctx.pack_set()
    plan_for_these_packs(ctx)  # a pack file dropped in by hand joins the plans here
    return [
        PackInfo(
            loaded,
            loaded.id not in settings.disabled_packs,
            settings.pack_weights.get(loaded.id, 1.0),
            loaded.id in found.shadowed,
        )
        for loaded in sorted(found.packs, key=lambda p: (p.source != BUILTIN, p.id))
    ]


def broken_packs(ctx: Context) -> list[tuple[Path, PackError]]:
    """User packs that no longer load (e.g. edited by hand after `packs add`)."""
    return ctx.pack_set().broken


def pack(ctx: Context, pack_id: str) -> LoadedPack:
    found = ctx.pack_set().get(pack_id)
    if found is None:
        known = ", ".join(sorted(p.id for p in ctx.packs()))
        raise UserError(f"no pack {pack_id!r}; installed packs: {known}")
    return found


def validate_files(paths: list[Path]) -> list[Validation]:
    from rejection_therapy.packs.loader import PackError, load_pack

    results = []
    for path in paths:
        try:
            results.append(Validation(path, load_pack(path), []))
        except PackError as error:
            results.append(Validation(path, None, error.problems))
    return results


def add_pack(ctx: Context, path: Path, force: bool = False) -> LoadedPack:
    """Validate a pack file and install those very bytes as packs/ID.yaml, enabled.

    The file is read once: what is checked is what is installed, even if the file
    changes meanwhile. The copy replaces packs/ID.yaml atomically, and replaces a link
    found there rather than writing through it.
    """
    from rejection_therapy.packs.loader import PackError, parse_pack, read_pack

    try:
        raw = read_pack(path)
        parsed = parse_pack(raw, str(path))
    except PackError as error:
        raise UserError(
            f"{error.problems[0]} ({len(error.problems)} problem(s); run `packs validate` to see all)"
        ) from None
    if not SAFE_ID.match(parsed.pack):
        raise UserError(f"pack id {parsed.pack!r} cannot be used as a file name")
    existing = ctx.pack_set().get(parsed.pack)
    if existing is not None and not force:
        where = "a built-in pack" if existing.source == BUILTIN else f"the pack at {existing.path}"
        raise UserError(
            f"pack id {parsed.pack!r} is already used by {where}; add --force to replace it"
        )
    ensure_private_dir(ctx.paths.packs_dir)
    target = ctx.paths.packs_dir / f"{parsed.pack}.yaml"
    try:
        atomic_write(target, raw, mode=PRIVATE_FILE)
    except OSError as error:
        raise UserError(
            f"cannot write {target}: {error.strerror or error}; check the packs folder"
        ) from None
    ctx.forget_packs()
    enable_pack(ctx, parsed.pack)
    plan_for_these_packs(ctx)
    return pack(ctx, parsed.pack)


def remove_pack(ctx: Context, pack_id: str) -> Path:
    broken = ctx.paths.packs_dir / f"{pack_id}.yaml"
    if SAFE_ID.match(pack_id) and ctx.pack_set().get(pack_id) is None and _is_entry(broken):
        broken.unlink()  # a pack that no longer loads (or a link) is removed by its name
        ctx.forget_packs()
        return broken
    loaded = pack(ctx, pack_id)
    if loaded.source == BUILTIN:
        raise UserError(
            f"{pack_id!r} is built in and cannot be removed; disable it with `packs disable {pack_id}`"
        )
    loaded.path.unlink()
    ctx.forget_packs()
    with ctx.change() as (transaction, snapshot):
        settings = snapshot.settings
        if pack_id in settings.disabled_packs and ctx.pack_set().get(pack_id) is None:
            kept = [p for p in settings.disabled_packs if p != pack_id]
            save_settings(transaction, replace(settings, disabled_packs=kept))
    plan_for_these_packs(ctx)
    return loaded.path


def plan_for_these_packs(ctx: Context) -> None:
    """The status record made anew when the pack files changed since its plans were
    drawn (a pack added, edited or removed, here or by hand): the next new day's
    `today` then takes its plan (fastpath/plans.py) instead of drawing in full."""
    from rejection_therapy.storage.status_record import read_status

    record = read_status(str(ctx.paths.home))
    if record is None or record["packs_stamp"] == ctx.packs_stamp():
        return
    try:
        ctx.rebuild_status()
    except (StorageError, UserError):
        return  # only a quicker next day is lost: that day's `today` draws in full


def enable_pack(ctx: Context, pack_id: str, weight: float | None = None) -> None:
    pack(ctx, pack_id)
    if weight is not None and not MIN_WEIGHT <= weight <= MAX_WEIGHT:
        raise UserError(f"--weight {weight} is out of range; use {MIN_WEIGHT} to {MAX_WEIGHT:g}")
    with ctx.change() as (transaction, snapshot):
        settings = snapshot.settings
        weights = dict(settings.pack_weights)
        if weight is not None:
            weights[pack_id] = weight
        disabled = [p for p in settings.disabled_packs if p != pack_id]
        save_settings(
            transaction,
            replace(settings, disabled_packs=disabled, pack_weights=weights),
        )


def disable_pack(ctx: Context, pack_id: str) -> None:
    pack(ctx, pack_id)
    with ctx.change() as (transaction, snapshot):
        settings = snapshot.settings
        disabled = sorted({*settings.disabled_packs, pack_id})
        if all(p.id in disabled for p in ctx.packs()):
            raise UserError("that would disable every pack, and the daily ask needs at least one")
        save_settings(transaction, replace(settings, disabled_packs=disabled))


def never(ctx: Context, ask_ref: str, undo: bool = False) -> tuple[str, bool]:
    """Retire an ask for good (or bring it back); today's ask is redrawn without using the swap."""
    key = _ask_key_for(ctx, ask_ref)
    with ctx.change() as (transaction, snapshot):
        settings = snapshot.settings
        retired = set(settings.retired_asks)
        if undo:
            retired.discard(key)
        else:
            retired.add(key)
        save_settings(transaction, replace(settings, retired_asks=sorted(retired)))
        progress = snapshot.ledger.current
        replaced = False
        if not undo and progress is not None and progress.started and not progress.complete:
            todays = snapshot.state.daily_ask(progress.run.id, snapshot.today)
            if todays is not None and ask_key(todays.pack, todays.ask_id) == key:
                redrawn = draw(
                    ctx, snapshot, progress.run, snapshot.today, list(todays.swapped_away)
                )
                replace_daily_ask(ctx, transaction, snapshot, redrawn)
                replaced = True
        return key, replaced


def _ask_key_for(ctx: Context, ask_ref: str) -> str:
    """Accept `ask-id` or `pack/ask-id`; the ask must exist in an installed pack."""
    wanted = ask_ref.strip()
    matches = [
        ask_key(p.id, c.id)
        for p in ctx.packs()
        for c in p.pack.challenges
        if wanted in (c.id, ask_key(p.id, c.id))
    ]
    if not matches:
        raise UserError(
            f"no ask {ask_ref!r} in the installed packs; see ids with `packs show PACK`"
        )
    if len(matches) > 1:
        raise UserError(
            f"ask id {ask_ref!r} is in several packs; write it as pack/ask-id: {', '.join(matches)}"
        )
    return matches[0]


def _is_entry(path: Path) -> bool:
    """Something other than a folder is at `path` (a link counts, whatever it points at)."""
    try:
        return not stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def new_pack(pack_id: str) -> str:
    """The commented template of a new pack, for an id that can be a file name anywhere."""
    from rejection_therapy.packs.models import RESERVED_IDS
    from rejection_therapy.packs.models import SAFE_ID as PACK_ID

    if not PACK_ID.match(pack_id):
        raise UserError(
            f"{pack_id!r} is not a valid pack id: use lowercase letters, digits and dashes"
        )
    if pack_id in RESERVED_IDS:
        raise UserError(
            f"{pack_id!r} is a device name on Windows and cannot be a file name there; pick another id"
        )
    return template(pack_id)


def pack_schema() -> dict[str, object]:
    """The JSON Schema of the pack format, for editors."""
    from rejection_therapy.packs.models import Pack

    schema = Pack.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "rejection-therapy challenge pack"
    return schema


def builtin_packs_folder() -> Path:
    """Where the built-in packs are (inside the installed wheel, or the checkout)."""
    from rejection_therapy.packs.registry import builtin_packs_dir

    return builtin_packs_dir()


def template(pack_id: str) -> str:
    """A commented pack to start from."""
    return f"""# A rejection-therapy challenge pack. Check it with: rejection-therapy packs validate {pack_id}.yaml
# Install it with: rejection-therapy packs add {pack_id}.yaml
# Asks must be ethical (no lying, nothing that harms or embarrasses others), legal and
# physically possible: outside your comfort zone, never unsafe for the other person.
pack: {pack_id}            # the id: lowercase letters, digits and dashes
title: "My pack"
version: "1.0.0"
author: "Your name"
description: "One sentence on what these asks train."
language: "en"             # a language code such as en, de, pt-BR
license: "CC-BY-4.0"
challenges:
  - id: {pack_id}-first-ask           # unique inside the pack
    ask: "Ask a colleague for honest feedback on your last presentation."
    difficulty: 2                      # 1 (easy) to 5 (bold): the rung of the ladder
    category: "feedback"
    tip: "Ask for one thing to keep and one thing to change."                      # optional
    why_prompt: "Ask: \\"What would have made it a yes?\\""                          # optional
    tags: ["workplace"]                # optional; people can exclude tags they cannot do
    needs: ["job"]                     # all of: job, student, out, money, community ([] = nothing)
    via: ["in-person", "online"]       # any of: in-person, phone, online (every way that works)
    safety: ""                         # optional: anything to keep in mind
  - id: {pack_id}-after-interview
    ask: "At the end of an interview, ask: 'What concerns do you have about my fit for this role?'"
    difficulty: 4
    category: "feedback"
    needs: []
    via: ["in-person", "phone", "online"]
    after: "interview"                 # optional: rejection, interview or offer. Such asks are
                                       # offered when that event is noted, never drawn daily
# id_map:                              # when you rename or remove an ask in a new version:
#   {pack_id}-old-id: {pack_id}-first-ask   # old id -> the ask that replaced it
#   {pack_id}-gone: null                    # old id -> null: removed (never reuse an id)
"""
