"""A pack's id map: a reworded ask keeps its place in a run's used set and stays retired."""

from __future__ import annotations

from datetime import date, timedelta

from rejection_therapy.paths import Paths
from tests.conftest import make_service

HEADER = """pack: tiny
title: "Tiny"
version: "{version}"
author: "Test"
description: "Two asks."
language: "en"
license: "CC0-1.0"
"""
ASK = """  - id: {id}
    ask: "{text}"
    difficulty: 1
    category: "test"
    needs: []
    via: ["online"]
"""


def write_pack(home, version: str, asks: list[tuple[str, str]], id_map: str = "") -> None:
    folder = Paths(home).packs_dir
    folder.mkdir(parents=True, exist_ok=True)
    body = HEADER.format(version=version) + "challenges:\n"
    body += "".join(ASK.format(id=i, text=t) for i, t in asks) + id_map
    (folder / "tiny.yaml").write_text(body)


def only_tiny(service) -> None:
    for pack in ("bold", "career", "everyday", "social"):
        service.disable_pack(pack)


def test_a_reworded_ask_is_not_drawn_again_in_the_run(home):
    write_pack(home, "1", [("tiny-a", "Ask A."), ("tiny-b", "Ask B.")])
    service = make_service(home, "2026-01-01T10:00:00+00:00")
    only_tiny(service)
    first = service.today().ask
    # Version 2 rewords the drawn ask under a new id and maps the old id to it.
    kept = "tiny-b" if first.ask_id == "tiny-a" else "tiny-a"
    write_pack(
        home,
        "2",
        [("tiny-new", "Ask it, reworded."), (kept, "The other ask.")],
        f"id_map:\n  {first.ask_id}: tiny-new\n",
    )
    second = make_service(home, "2026-01-02T10:00:00+00:00").today().ask
    assert second.ask_id == kept  # the reworded ask counts as used: the other one is drawn
    assert second.pool_note  # and only a repeat is left after it: said, not silent


def test_a_retired_ask_stays_retired_under_its_new_id(home):
    write_pack(home, "1", [("tiny-a", "Ask A."), ("tiny-b", "Ask B.")])
    service = make_service(home, "2026-01-01T10:00:00+00:00")
    only_tiny(service)
    service.never("tiny/tiny-a")
    write_pack(
        home,
        "2",
        [("tiny-c", "Ask A, reworded."), ("tiny-b", "Ask B.")],
        "id_map:\n  tiny-a: tiny-c\n",
    )
    start = date(2026, 1, 2)
    drawn = {
        make_service(home, f"{(start + timedelta(n)).isoformat()}T10:00:00+00:00")
        .today()
        .ask.ask_id
        for n in range(4)
    }
    assert drawn == {"tiny-b"}
