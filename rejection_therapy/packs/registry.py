"""Where packs come from: the built-in folder shipped in the wheel and the user's folder."""

from __future__ import annotations

import contextlib
import marshal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    package = Path(__file__).resolve().parent.parent
    shipped = package / "challenges"
    if shipped.is_dir():
        return shipped
    return package.parent / "challenges"


def pack_files(folder: Path) -> list[Path]:
    """The pack files directly in a folder (sub-folders such as `coaching/` are not packs)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


@dataclass
class PackSet:
    """The packs in use, the built-ins that user packs shadow, and user packs that are broken."""

    packs: list[LoadedPack] = field(default_factory=list)
    shadowed: dict[str, LoadedPack] = field(default_factory=dict)
    broken: list[tuple[Path, PackError]] = field(default_factory=list)

    def get(self, pack_id: str) -> LoadedPack | None:
        return next((p for p in self.packs if p.id == pack_id), None)


_parsed: dict[tuple[str, int, int], Pack] = {}


class ParsedPacks:
    """Packs already parsed and validated, by file and version (modification time, size).

    Parsing YAML with the line numbers that error messages need is most of the cost of
    drawing a new day's ask, so valid packs are kept for the process and, when a
    `cache_file` is given, in a private marshal file beside the data (a derived cache:
    a version that does not match, or a file that does not load, is parsed again).
    """

    def __init__(self, cache_file: Path | None) -> None:
        self.cache_file = cache_file
        self.stored: dict[str, list[Any]] = {}
        self.changed = False
        if cache_file is not None:
            try:
                loaded = marshal.loads(cache_file.read_bytes())
                if isinstance(loaded, dict):
                    self.stored = loaded
            except (OSError, ValueError, EOFError, TypeError):
                pass

    def load(self, path: Path) -> Pack:
        from rejection_therapy.packs.loader import load_pack
        from rejection_therapy.packs.models import Pack

        info = path.stat()
        version = [info.st_mtime_ns, info.st_size]
        key = (str(path), info.st_mtime_ns, info.st_size)
        kept = self.stored.get(str(path))
        current = kept is not None and kept[:2] == version
        pack = _parsed.get(key)
        if pack is None and current:
            with contextlib.suppress(ValueError):  # a pydantic ValidationError is one
                pack = Pack.model_validate(kept[2])  # type: ignore[index]
        if pack is None:
            pack = load_pack(path)
        if not current:
            self.stored[str(path)] = [*version, pack.model_dump()]
            self.changed = True
        _parsed[key] = pack
        return pack

    def save(self) -> None:
        if self.cache_file is None or not self.changed:
            return
        from rejection_therapy.storage.files import atomic_write

        with contextlib.suppress(OSError, ValueError):
            atomic_write(self.cache_file, marshal.dumps(self.stored))


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
        loaded = LoadedPack(parsed.load(path), path, BUILTIN)
        by_id[loaded.id] = loaded
    if user_dir is not None:
        for path in pack_files(user_dir):
            try:
                loaded = LoadedPack(parsed.load(path), path, USER)
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
