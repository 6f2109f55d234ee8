"""Parsed packs are kept beside the data, and the cache is trusted for nothing: a changed,
damaged, foreign or tampered entry means the YAML is parsed again."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
from pathlib import Path

import pytest

from rejection_therapy.packs import loader, registry
from rejection_therapy.packs.loader import RULES_REVISION
from rejection_therapy.packs.models import Pack
from rejection_therapy.packs.registry import PACKS_CACHE_KEY, load_packs

HERE = Path(__file__).parent


@pytest.fixture
def user(tmp_path: Path) -> Path:
    """A packs folder holding one valid pack, `mine.yaml`."""
    folder = tmp_path / "packs"
    folder.mkdir()
    shutil.copy(HERE / "valid_minimal.yaml", folder / "mine.yaml")
    return folder


def new_process(monkeypatch) -> None:
    """This process forgets the user packs it parsed (the built-ins stay: parsing them
    again only makes the tests slower)."""
    if not registry._parsed:
        load_packs()
    builtin = str(registry.builtin_packs_dir())
    kept = {key: pack for key, pack in registry._parsed.items() if key[0].startswith(builtin)}
    monkeypatch.setattr(registry, "_parsed", kept)


@pytest.fixture
def parsed(monkeypatch) -> list[Path]:
    """Every pack file parsed from now on, in a process that has parsed no user pack yet."""
    new_process(monkeypatch)
    seen: list[Path] = []
    real_load_pack = loader.load_pack

    def counting(path: Path, **options: bool) -> Pack:
        seen.append(path)
        return real_load_pack(path, **options)

    monkeypatch.setattr(loader, "load_pack", counting)
    return seen


def test_the_cache_key_names_the_code_that_writes_the_cache() -> None:
    schema = json.dumps([RULES_REVISION, Pack.model_json_schema()], sort_keys=True)
    expected = hashlib.sha256(schema.encode()).hexdigest()[:12]
    assert expected == PACKS_CACHE_KEY, (
        f"the pack models or loader rules changed: set PACKS_CACHE_KEY = {expected!r} in "
        "rejection_therapy/packs/registry.py, so caches written before are parsed again"
    )


def test_the_cache_serves_unchanged_packs_and_rereads_changed_ones(
    tmp_path, user, parsed, monkeypatch
) -> None:
    pack_file = user / "mine.yaml"
    cache = tmp_path / "packs.marshal"
    first = load_packs(user, cache)
    stored = marshal.loads(cache.read_bytes())
    assert stored["key"] == PACKS_CACHE_KEY and str(pack_file) in stored["packs"]

    new_process(monkeypatch)
    parsed.clear()
    again = load_packs(user, cache)
    assert parsed == []  # every pack came from the cache
    assert [p.pack for p in again.packs] == [p.pack for p in first.packs]

    pack_file.write_text(pack_file.read_text().replace("title:", "title: Renamed #", 1))
    new_process(monkeypatch)
    changed = load_packs(user, cache)
    assert parsed == [pack_file]
    assert changed.get("valid-minimal").pack.title.startswith("Renamed")


def test_a_damaged_cache_is_ignored(tmp_path, monkeypatch) -> None:
    cache = tmp_path / "packs.marshal"
    cache.write_bytes(b"\x00not marshal")
    new_process(monkeypatch)
    assert load_packs(None, cache).packs
    assert marshal.loads(cache.read_bytes())["key"] == PACKS_CACHE_KEY  # rewritten whole


def cache_with(user: Path, cache: Path, entry: object, key: str = PACKS_CACHE_KEY) -> None:
    """Write a cache whose entry for `mine.yaml` is `entry` (None: the file's true entry)."""
    pack_file = user / "mine.yaml"
    info = pack_file.stat()
    dumped = loader.load_pack(pack_file).model_dump()
    if entry is None:
        entry = [info.st_mtime_ns, info.st_size, dumped]
    elif callable(entry):
        entry = [info.st_mtime_ns, info.st_size, entry(dumped)]
    cache.write_bytes(marshal.dumps({"key": key, "packs": {str(pack_file): entry}}))


def tampered(dumped: dict) -> dict:
    dumped["challenges"][0]["ask"] = "\x1b]0;TITLE\x07"
    return dumped


def wrong_shape(dumped: dict) -> dict:
    return {"pack": ["not", "a", "pack"]}


@pytest.mark.parametrize(
    "entry",
    [tampered, wrong_shape, "junk", [1, 2], [None, None, None]],
    ids=["escape-in-text", "wrong-shape", "text", "short-list", "nones"],
)
def test_a_cache_entry_the_models_refuse_is_parsed_again(
    tmp_path, user, parsed, entry: object
) -> None:
    cache = tmp_path / "packs.marshal"
    cache_with(user, cache, entry)
    parsed.clear()
    found = load_packs(user, cache)
    assert parsed == [user / "mine.yaml"]
    assert found.get("valid-minimal").pack.challenges[0].ask == "Ask for a discount on your coffee."
    assert not found.broken


def test_a_cache_written_by_other_code_is_not_used(tmp_path, user, parsed) -> None:
    cache = tmp_path / "packs.marshal"
    cache_with(user, cache, tampered, key="not-this-code")
    parsed.clear()
    found = load_packs(user, cache)
    assert parsed == [user / "mine.yaml"]
    assert "\x1b" not in found.get("valid-minimal").pack.challenges[0].ask
    assert marshal.loads(cache.read_bytes())["key"] == PACKS_CACHE_KEY


def test_a_linked_cache_is_not_read_nor_written_through(tmp_path, user, parsed) -> None:
    elsewhere = tmp_path / "elsewhere.marshal"
    cache_with(user, elsewhere, None)
    before = elsewhere.read_bytes()
    cache = tmp_path / "packs.marshal"
    cache.symlink_to(elsewhere)
    parsed.clear()
    load_packs(user, cache)
    assert parsed == [user / "mine.yaml"]
    assert elsewhere.read_bytes() == before
    assert not cache.is_symlink()  # replaced by the file the loader wrote


def test_a_cache_over_its_size_limit_is_not_read(tmp_path, user, parsed) -> None:
    cache = tmp_path / "packs.marshal"
    cache_with(user, cache, None)
    with cache.open("r+b") as handle:
        handle.truncate(33 * 1024 * 1024)  # sparse: marshal would still read the start
    parsed.clear()
    load_packs(user, cache)
    assert parsed == [user / "mine.yaml"]


@pytest.mark.parametrize("error", [MemoryError, RecursionError, OverflowError, KeyError])
def test_any_failure_to_read_the_cache_means_parsing_again(
    tmp_path, user, parsed, monkeypatch, error: type[Exception]
) -> None:
    cache = tmp_path / "packs.marshal"
    cache_with(user, cache, None)

    def failing(data: bytes) -> object:
        raise error

    monkeypatch.setattr(registry.marshal, "loads", failing)
    parsed.clear()
    assert load_packs(user, cache).get("valid-minimal") is not None
    assert parsed == [user / "mine.yaml"]


def test_a_link_fifo_or_folder_in_the_packs_folder_is_set_aside_unfollowed(
    tmp_path, user, parsed, monkeypatch
) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    shutil.copy(HERE / "valid_minimal.yaml", elsewhere)
    elsewhere.write_text(elsewhere.read_text().replace("valid-minimal", "linked"))
    (user / "linked.yaml").symlink_to(elsewhere)
    os.mkfifo(user / "pipe.yaml")
    (user / "folder.yaml").mkdir()
    (user / ".#mine.yaml").symlink_to("root@host.1234:1700000000")  # an editor's lock
    files = registry.pack_files(user)
    assert [p.name for p in files] == ["linked.yaml", "mine.yaml", "pipe.yaml"]
    found = load_packs(user, tmp_path / "packs.marshal")
    assert found.get("linked") is None
    reasons = {path.name: error.problems[0].message for path, error in found.broken}
    assert "symbolic link" in reasons["linked.yaml"]
    assert "not a regular file (a pipe)" in reasons["pipe.yaml"]
    assert found.get("valid-minimal") is not None
