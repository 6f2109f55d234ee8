"""Where packs come from: the built-in folder shipped in the wheel and the user's folder."""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rejection_therapy.filenames import builtin_packs_folder, pack_file_names

TYPE_CHECKING = False  # YAML and the pack models load only when packs are read
if TYPE_CHECKING:
    from rejection_therapy.packs.loader import PackError
    from rejection_therapy.packs.models import Challenge, Pack

BUILTIN = "built-in"
USER = "user"


@dataclass(frozen=True)
class LoadedPack:
    """A validated pack and where it was found."""

    pack: Pack
    path: Path
    source: str

    @property
    def id(self) -> str:
        return self.pack.pack


def builtin_packs_dir() -> Path:
    """The built-in packs: inside the installed wheel, or the checkout's `challenges/`."""
    return Path(builtin_packs_folder())


def pack_files(folder: Path) -> list[Path]:
    """The pack files directly in a folder (filenames.py says which count)."""
    return [Path(name) for name in pack_file_names(str(folder))]


@dataclass
class PackSet:
    """The packs in use, the built-ins that user packs shadow, and user packs that are broken."""

    packs: list[LoadedPack] = field(default_factory=list)
    shadowed: dict[str, LoadedPack] = field(default_factory=dict)
    broken: list[tuple[Path, PackError]] = field(default_factory=list)

    def get(self, pack_id: str) -> LoadedPack | None:
        return next((p for p in self.packs if p.id == pack_id), None)


_parsed: dict[tuple[str, int, int], Pack] = {}

PACKS_CACHE_KEY = "d38c5fefb41d"
"""Names the code that wrote the cache: the first 12 hex digits of the SHA-256 of the pack
schema and the loader's RULES_REVISION (tests/packs/test_parsed_packs_cache.py recomputes
it and says when it must change). Computed by a test, not at run time: it guards the fast path."""


class ParsedPacks:
    """Packs already parsed and validated, by file and version (modification time, size).

    Parsing YAML with the line numbers that error messages need is most of the cost of
    drawing a new day's ask, so valid packs are kept for the process and, when a
    `cache_file` is given, in a private marshal file beside the data. That file is a
    derived cache and is trusted for nothing: read within a size limit, never through a
    link, written by this version of the code (PACKS_CACHE_KEY), and every pack in it is
    validated again; anything wrong with it means the YAML is parsed again.
    """

    def __init__(self, cache_file: Path | None) -> None:
        self.cache_file = cache_file
        self.stored: dict[str, list[Any]] = {}
        self.changed = False
        if cache_file is not None:
            self.stored = _read_cache(cache_file)

    def load(self, path: Path, *, follow_symlinks: bool = True, shipped: bool = False) -> Pack:
        """The pack in `path`, from this process, the cache or the file; PackError if broken."""
        from rejection_therapy.packs.loader import PackError, PackProblem, load_pack

        try:
            info = os.stat(path, follow_symlinks=follow_symlinks)
        except OSError as error:
            reason = error.strerror or str(error)
            raise PackError(
                [PackProblem(str(path), 1, 1, "", f"cannot read file: {reason}; check the path")]
            ) from None
        if not stat.S_ISREG(info.st_mode):
            return load_pack(path, follow_symlinks=follow_symlinks)  # raises, saying what it is
        version = [info.st_mtime_ns, info.st_size]
        key = (str(path), info.st_mtime_ns, info.st_size)
        kept = self.stored.get(str(path))
        cached = (
            kept[2] if isinstance(kept, list) and len(kept) == 3 and kept[:2] == version else None
        )
        pack = _parsed.get(key)
        if pack is None and cached is not None:
            pack = _validated(cached)
            if pack is None:
                cached = None
        if pack is None and shipped:
            pack = _shipped_pack(path)
        if pack is None:
            pack = load_pack(path, follow_symlinks=follow_symlinks)
        if cached is None:
            self.stored[str(path)] = [*version, pack.model_dump()]
            self.changed = True
        _parsed[key] = pack
        return pack

    def save(self) -> None:
        if self.cache_file is None or not self.changed:
            return
        from rejection_therapy.fileio import atomic_write

        payload = {"key": PACKS_CACHE_KEY, "packs": self.stored}
        with contextlib.suppress(OSError, ValueError):
            atomic_write(self.cache_file, marshal.dumps(payload))


def _read_cache(cache_file: Path) -> dict[str, list[Any]]:
    """The cached packs by path, or nothing when the cache is missing, foreign or damaged."""
    from rejection_therapy.core.bounds import MAX_CACHE_BYTES
    from rejection_therapy.untrusted import read_bounded

    try:
        loaded = marshal.loads(
            read_bounded(cache_file, MAX_CACHE_BYTES, follow_symlinks=False, what="cache")
        )
    except Exception:  # any failure at all (marshal can raise many kinds): parse the YAML again
        return {}
    if not isinstance(loaded, dict) or loaded.get("key") != PACKS_CACHE_KEY:
        return {}
    packs = loaded.get("packs")
    return packs if isinstance(packs, dict) else {}


def _shipped_pack(path: Path) -> Pack | None:
    """A built-in pack read by libyaml, ten times faster than the checking reader a pack
    from outside goes through. Built-in packs are ours: the test suite reads each with the
    checking reader and requires the same pack (tests/packs/test_builtin_packs.py). Any
    surprise (no libyaml, a parse or model error) returns None: the checking reader decides."""
    import yaml

    from rejection_therapy.packs.models import Pack

    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None
    try:
        return Pack.model_validate(yaml.load(path.read_bytes(), Loader=loader))  # noqa: S506
    except Exception:  # noqa: BLE001 - the checking reader then says what is wrong
        return None


def _validated(dumped: object) -> Pack | None:
    """A cached pack checked by the same models as a pack file, or None to parse it again."""
    from rejection_therapy.packs.models import Pack

    try:
        return Pack.model_validate(dumped)
    except Exception:  # a ValidationError, or a shape pydantic chokes on: the file decides
        return None


def load_packs(user_dir: Path | None = None, cache_file: Path | None = None) -> PackSet:
    """Every pack, built-in first; a user pack with a built-in's id shadows it.

    A broken built-in pack is our bug and raises; a broken user pack is set aside
    (listed in `broken`) so one bad file never stops the daily ask.
    """
    from rejection_therapy.packs.loader import PackError

    parsed = ParsedPacks(cache_file)
    result = PackSet()
    by_id: dict[str, LoadedPack] = {}
    for path in pack_files(builtin_packs_dir()):
        loaded = LoadedPack(parsed.load(path, shipped=True), path, BUILTIN)
        by_id[loaded.id] = loaded
    if user_dir is not None:
        for path in pack_files(user_dir):
            try:  # a link in the home is never one `packs add` made: set it aside
                loaded = LoadedPack(parsed.load(path, follow_symlinks=False), path, USER)
            except PackError as error:
                result.broken.append((path, error))
                continue
            if loaded.id in by_id and by_id[loaded.id].source == BUILTIN:
                result.shadowed[loaded.id] = by_id[loaded.id]
            by_id[loaded.id] = loaded
    result.packs = list(by_id.values())
    parsed.save()
    return result


@dataclass(frozen=True)
class PackedChallenge:
    """A challenge together with the id of the pack it came from."""

    pack: str
    challenge: Challenge


def challenges_of(packs: list[LoadedPack], enabled: list[str] | None) -> list[PackedChallenge]:
    """Every challenge of the enabled packs (all packs when `enabled` is None)."""
    chosen = [p for p in packs if enabled is None or p.id in enabled]
    return [PackedChallenge(p.id, c) for p in chosen for c in p.pack.challenges]
