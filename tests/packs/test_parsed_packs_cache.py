"""Parsed packs are kept beside the data, and a changed or damaged entry is parsed again."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

from rejection_therapy.packs import loader, registry
from rejection_therapy.packs.registry import load_packs

HERE = Path(__file__).parent


def test_the_cache_serves_unchanged_packs_and_rereads_changed_ones(tmp_path, monkeypatch):
    user = tmp_path / "packs"
    user.mkdir()
    pack_file = user / "mine.yaml"
    shutil.copy(HERE / "valid_minimal.yaml", pack_file)
    cache = tmp_path / "packs.marshal"
    first = load_packs(user, cache)
    stored = marshal.loads(cache.read_bytes())
    assert str(pack_file) in stored

    monkeypatch.setattr(registry, "_parsed", {})  # a new process
    parsed: list[Path] = []
    real_load_pack = loader.load_pack

    def counting(path: Path):
        parsed.append(path)
        return real_load_pack(path)

    monkeypatch.setattr(loader, "load_pack", counting)
    again = load_packs(user, cache)
    assert parsed == []  # every pack came from the cache
    assert [p.pack for p in again.packs] == [p.pack for p in first.packs]

    text = pack_file.read_text().replace("title:", "title: Renamed #", 1)
    pack_file.write_text(text)
    monkeypatch.setattr(registry, "_parsed", {})
    changed = load_packs(user, cache)
    assert parsed == [pack_file]
    assert changed.get(changed.packs[-1].id).pack.title.startswith("Renamed")


def test_a_damaged_cache_is_ignored(tmp_path, monkeypatch):
    cache = tmp_path / "packs.marshal"
    cache.write_bytes(b"\x00not marshal")
    monkeypatch.setattr(registry, "_parsed", {})
    assert load_packs(None, cache).packs
    assert isinstance(marshal.loads(cache.read_bytes()), dict)  # rewritten whole
