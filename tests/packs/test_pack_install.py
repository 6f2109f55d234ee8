"""`packs add` installs exactly the bytes it validated, atomically, never through a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from rejection_therapy.packs import loader
from rejection_therapy.packs.models import Pack
from rejection_therapy.service import UserError
from tests.conftest import make_service

VALID = (Path(__file__).parent / "valid_minimal.yaml").read_bytes()
INSTANT = "2026-03-02T10:00:00+01:00"


def test_the_installed_bytes_are_the_validated_bytes(home, tmp_path, monkeypatch) -> None:
    source = tmp_path / "mine.yaml"
    source.write_bytes(VALID)
    swapped_in = VALID.replace(b"Ask for a discount", b"\x1b]0;pwned\x07 Ask")
    validated: list[bytes] = []
    real_parse_pack = loader.parse_pack

    def parse_then_swap(raw: bytes, name: str) -> Pack:
        pack = real_parse_pack(raw, name)
        if name == str(source):
            validated.append(raw)
            source.write_bytes(swapped_in)  # the file changes once it has been checked
        return pack

    monkeypatch.setattr(loader, "parse_pack", parse_then_swap)
    service = make_service(home, INSTANT)
    loaded = service.add_pack(source)
    assert validated == [VALID]
    assert loaded.path.read_bytes() == VALID
    assert loaded.path.stat().st_mode & 0o777 == 0o600


def test_force_replaces_a_link_in_the_packs_folder_instead_of_writing_through_it(
    home, tmp_path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"someone else's file\n")
    service = make_service(home, INSTANT)
    service.paths.packs_dir.mkdir(parents=True)
    link = service.paths.packs_dir / "valid-minimal.yaml"
    link.symlink_to(victim)
    source = tmp_path / "mine.yaml"
    source.write_bytes(VALID)
    loaded = service.add_pack(source, force=True)
    assert victim.read_bytes() == b"someone else's file\n"
    assert loaded.path == link and not link.is_symlink()
    assert link.read_bytes() == VALID


def test_a_link_set_aside_in_the_packs_folder_can_be_removed(home, tmp_path) -> None:
    service = make_service(home, INSTANT)
    service.paths.packs_dir.mkdir(parents=True)
    link = service.paths.packs_dir / "gone.yaml"
    (tmp_path / "elsewhere.yaml").write_bytes(VALID)
    link.symlink_to(tmp_path / "elsewhere.yaml")
    assert [path for path, _ in service.broken_packs()] == [link]
    assert service.remove_pack("gone") == link
    assert not link.is_symlink()


def test_add_refuses_an_escape_with_its_location(home, tmp_path) -> None:
    source = tmp_path / "escape.yaml"
    source.write_bytes(VALID.replace(b"Ask for a discount", b"\\u001b]0;TITLE\\u0007 Ask"))
    with pytest.raises(UserError) as caught:
        make_service(home, INSTANT).add_pack(source)
    assert str(caught.value).startswith(
        f"{source}:11:10: challenges[0].ask: holds control character U+001B "
        "(written as an escape in the file); delete it (1 problem(s)"
    )
    assert not (home / "packs" / "valid-minimal.yaml").exists()


@pytest.mark.parametrize("pack_id", ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"])
def test_a_windows_device_name_is_never_a_pack_id(home, tmp_path, pack_id: str) -> None:
    source = tmp_path / "device.yaml"
    source.write_bytes(VALID.replace(b"pack: valid-minimal", f"pack: {pack_id}".encode()))
    with pytest.raises(UserError, match="device name on Windows"):
        make_service(home, INSTANT).add_pack(source)
    assert not (home / "packs" / f"{pack_id}.yaml").exists()


@pytest.mark.parametrize("pack_id", ["console", "com10", "lpt", "nul-tips", "aux2"])
def test_names_that_only_look_like_devices_are_fine(pack_id: str) -> None:
    text = VALID.replace(b"pack: valid-minimal", f"pack: {pack_id}".encode())
    assert loader.parse_pack(text, "fine.yaml").pack == pack_id
