"""The packs shipped in `challenges/` all load and together make a usable catalogue."""

from __future__ import annotations

from collections import Counter

import pytest

from rejection_therapy.packs.registry import BUILTIN, builtin_packs_dir, load_packs, pack_files


@pytest.fixture(scope="module")
def packs():
    return load_packs().packs


def test_builtin_folder_is_found_and_holds_pack_files() -> None:
    files = pack_files(builtin_packs_dir())
    assert len(files) >= 4, f"expected at least 4 pack files in {builtin_packs_dir()}"


def test_every_builtin_file_becomes_its_own_pack(packs) -> None:
    # load_packs() keys packs by id, so two files sharing an id would silently shadow each other.
    files = pack_files(builtin_packs_dir())
    assert sorted(p.path for p in packs) == sorted(files)
    assert all(p.source == BUILTIN for p in packs)
    ids = [p.id for p in packs]
    assert len(ids) == len(set(ids)) >= 4


def test_builtin_packs_offer_at_least_150_asks(packs) -> None:
    assert sum(len(p.pack.challenges) for p in packs) >= 150


def test_challenge_ids_are_unique_across_all_packs(packs) -> None:
    counts = Counter(c.id for p in packs for c in p.pack.challenges)
    duplicated = sorted(cid for cid, n in counts.items() if n > 1)
    assert duplicated == []


@pytest.mark.parametrize("difficulty", [1, 2, 3, 4, 5])
def test_every_pack_has_every_difficulty(packs, difficulty: int) -> None:
    missing = [
        p.id for p in packs if not any(c.difficulty == difficulty for c in p.pack.challenges)
    ]
    assert missing == [], f"packs with no difficulty-{difficulty} ask: {missing}"


def test_the_quick_reader_of_built_in_packs_gives_what_the_checking_reader_gives():
    from rejection_therapy.packs.loader import load_pack
    from rejection_therapy.packs.registry import _shipped_pack, builtin_packs_dir, pack_files

    files = pack_files(builtin_packs_dir())
    assert files
    for path in files:
        quick = _shipped_pack(path)
        assert quick is not None and quick == load_pack(path), path
