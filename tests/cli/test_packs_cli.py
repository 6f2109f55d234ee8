"""Custom packs through the real console script: the author's and the installer's path."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from rejection_therapy.service import UserError
from tests.conftest import SCRIPT

PACK = """\
pack: sales
title: "Sales courage"
version: "1.0.0"
author: "Team"
description: "Asks that build the nerve to sell."
language: "en"
license: "CC-BY-4.0"
challenges:
{items}
"""


def write_pack(folder: Path, name: str = "sales", count: int = 12, pack_id: str = "sales") -> Path:
    items = "\n".join(
        f'  - id: {pack_id}-{i}\n    ask: "Ask prospect number {i} for a meeting."\n'
        f'    difficulty: {1 + i % 5}\n    category: "sales"\n    tags: ["phone"]'
        for i in range(count)
    )
    path = folder / f"{name}.yaml"
    path.write_text(PACK.replace("pack: sales", f"pack: {pack_id}").format(items=items))
    return path


def test_new_validate_fix_add_draw_disable_remove(cli, tmp_path, home):
    folder = tmp_path / "work"
    folder.mkdir()
    created = cli("packs", "new", "sales", "--output", str(folder / "sales.yaml"))
    assert created.code == 0, created.err
    template = folder / "sales.yaml"
    assert cli("packs", "validate", str(template)).code == 0
    # The author breaks it: an unquoted NO, a difficulty of 7 and a typo in a key.
    text = template.read_text().replace("difficulty: 2 ", "difficulty: 7 ")
    text = text.replace('category: "feedback"', "category: NO\n    dificulty: 3")
    template.write_text(text)
    checked = cli("packs", "validate", str(template))
    assert checked.code == 2
    lines = checked.err.strip().splitlines()
    assert any(
        ":15:" in line and "challenges[0].difficulty" in line and "out of range" in line
        for line in lines
    ), lines
    assert any("challenges[0].category" in line and "quotes" in line for line in lines), lines
    assert any("did you mean `difficulty`" in line for line in lines), lines
    assert "Traceback" not in checked.err
    # Fixed, then added: it shows in the list, enabled, and feeds later days.
    path = write_pack(folder)
    added = cli("packs", "add", str(path))
    assert added.code == 0, added.err
    listed = {p["id"]: p for p in cli("packs", "list", "--json").json()}
    assert (
        listed["sales"]["enabled"]
        and listed["sales"]["source"] == "user"
        and listed["sales"]["count"] == 12
    )
    for pack in ("everyday", "social", "career", "bold"):
        assert cli("packs", "disable", pack).code == 0
    refused = cli("packs", "disable", "sales")
    assert refused.code == 2 and "every pack" in refused.err
    ask = cli("today", "--json", now="2026-03-03").json()["ask"]
    assert ask["pack"] == "sales"
    for pack in ("everyday", "social", "career", "bold"):
        cli("packs", "enable", pack)
    assert cli("packs", "disable", "sales").code == 0
    asks = [
        cli("today", "--json", now=f"2026-03-{d:02d}").json()["ask"]["pack"] for d in range(4, 9)
    ]
    assert "sales" not in asks
    assert (
        cli("today", "--json", now="2026-03-03").json()["ask"]["pack"] == "sales"
    )  # a stored day never changes
    assert cli("packs", "remove", "sales").code == 0
    assert "sales" not in {p["id"] for p in cli("packs", "list", "--json").json()}
    assert not (home / "packs" / "sales.yaml").exists()


def test_add_refuses_an_invalid_pack_and_an_id_clash_without_force(cli, tmp_path, home):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: x\nchallenges: []\n")
    result = cli("packs", "add", str(bad))
    assert result.code == 2 and "bad.yaml:" in result.err
    assert not (home / "packs").exists() or not list((home / "packs").iterdir())
    first = write_pack(tmp_path, "one")
    second = write_pack(tmp_path, "two")
    assert cli("packs", "add", str(first)).code == 0
    clash = cli("packs", "add", str(second))
    assert clash.code == 2 and "--force" in clash.err
    assert cli("packs", "add", str(second), "--force").code == 0


def test_a_user_pack_with_a_builtin_id_shadows_it(cli, tmp_path):
    shadow = write_pack(tmp_path, "career", pack_id="career")
    assert cli("packs", "add", str(shadow)).code == 2
    assert cli("packs", "add", str(shadow), "--force").code == 0
    listed = {p["id"]: p for p in cli("packs", "list", "--json").json()}
    assert listed["career"]["source"] == "user" and listed["career"]["shadows_builtin"]
    assert "shadows the built-in pack" in cli("packs", "list").out


def test_never_retires_an_ask_and_replaces_todays_without_using_the_swap(cli):
    ask = cli("today", "--json").json()["ask"]
    result = cli("never", ask["id"])
    assert result.code == 0 and "retired" in result.out
    today = cli("today", "--json").json()
    assert today["ask"]["id"] != ask["id"] and today["swapped"] is False
    assert cli("today", "--swap").code == 0  # the swap is still there
    assert cli("never", "--undo", ask["id"]).code == 0
    assert cli("never", "no-such-ask").code == 2


def test_excluded_tags_keep_asks_out_of_the_draw(cli, home):
    assert cli("config", "excluded_tags", "in-person,costs-money").code == 0
    assert cli("config", "excluded_tags").out.strip() == "in-person,costs-money"
    from rejection_therapy.packs.registry import load_packs

    tagged = {c.id: set(c.tags) for p in load_packs().packs for c in p.pack.challenges}
    for day in range(2, 12):
        ask = cli("today", "--json", now=f"2026-03-{day:02d}").json()["ask"]
        assert not tagged[ask["id"]] & {"in-person", "costs-money"}


def test_show_prints_pack_text_literally(cli, tmp_path):
    path = write_pack(tmp_path)
    text = path.read_text().replace("Ask prospect number 0 for a meeting.", "[bold red]Ask[/] now")
    path.write_text(text)
    assert cli("packs", "add", str(path)).code == 0
    shown = cli("packs", "show", "sales").out
    assert "[bold red]Ask[/] now" in shown


def test_schema_is_json_schema_for_the_format(cli):
    schema = cli("packs", "schema").json()
    assert schema["title"] == "rejection-therapy challenge pack"
    assert set(schema["required"]) >= {"pack", "title", "challenges"}
    version = schema["properties"]["version"]
    assert {"type": "integer"} in version["anyOf"] and "quote" in version["description"].lower()
    assert "con" in schema["properties"]["pack"]["not"]["enum"]


def run_script(home: Path, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """The console script with a short timeout: a read that never ends fails the test."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("REJECTION_THERAPY")}
    environ.update({"REJECTION_THERAPY_HOME": str(home), "REJECTION_THERAPY_NOW": "2026-03-02"})
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_validate_refuses_a_device_and_a_pipe_at_once(tmp_path, home):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    checked = run_script(home, "packs", "validate", "/dev/zero", str(fifo))
    assert checked.returncode == 2, checked.stderr
    assert "/dev/zero:1:1: the file is not a regular file (a device)" in checked.stderr
    assert f"{fifo}:1:1: the file is not a regular file (a pipe)" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_add_refuses_a_device_at_once(home):
    added = run_script(home, "packs", "add", "/dev/zero")
    assert added.returncode == 2
    assert "/dev/zero:1:1: the file is not a regular file (a device)" in added.stderr


def test_new_refuses_a_windows_device_name(home):
    from argparse import Namespace

    from rejection_therapy.cli.packs import cmd_packs
    from tests.conftest import make_service

    service = make_service(home, "2026-03-02T10:00:00+01:00")
    with pytest.raises(UserError, match="device name on Windows"):
        cmd_packs(service, Namespace(packs_command="new", pack_id="com1", output=None), None)


def test_a_broken_user_pack_is_set_aside_with_a_warning(cli, tmp_path, home):
    path = write_pack(tmp_path)
    cli("packs", "add", str(path))
    (home / "packs" / "sales.yaml").write_text("pack: [unclosed\n")
    listed = cli("packs", "list")
    assert listed.code == 0 and "sales.yaml is set aside" in listed.err
    assert cli("today").code == 0


def test_recursive_deep_linked_and_piped_packs_are_set_aside(cli, tmp_path, home):
    packs = home / "packs"
    packs.mkdir(parents=True)
    (packs / "recursive.yaml").write_text("x: &x [*x]\n")
    (packs / "deep.yaml").write_text("[" * 50_000 + "\n")
    (packs / "linked.yaml").symlink_to(write_pack(tmp_path))
    os.mkfifo(packs / "pipe.yaml")
    today = cli("today")
    assert today.code == 0, today.err
    assert "Traceback" not in today.err and "unexpected error" not in today.err
    listed = cli("packs", "list")
    assert listed.code == 0, listed.err
    warnings = listed.err.splitlines()
    for name, says in [
        ("deep.yaml", "nested more than 20 levels"),
        ("linked.yaml", "symbolic link"),
        ("pipe.yaml", "not a regular file (a pipe)"),
        ("recursive.yaml", "alias *x"),
    ]:
        assert any(f"{packs / name} is set aside" in w and says in w for w in warnings), warnings
    assert "sales" not in listed.out  # the linked pack is never followed


def test_builtin_packs_carry_asks_for_people_who_cannot_go_out():
    root = Path(__file__).resolve().parents[2] / "challenges"
    remote = 0
    for path in root.glob("*.yaml"):
        for challenge in yaml.safe_load(path.read_text())["challenges"]:
            ways = set(challenge["via"])
            if ways & {"online", "phone"} and "out" not in challenge["needs"]:
                remote += 1
    assert remote >= 30
