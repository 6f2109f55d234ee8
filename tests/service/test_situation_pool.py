"""The pool a person is drawn from, for every situation that can make an ask at all."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest

from rejection_therapy.core.ladder import carries, targets_left
from rejection_therapy.core.models import Settings
from rejection_therapy.core.situation import HAVES, VIA_HAVE, Situation
from rejection_therapy.packs.registry import challenges_of, load_packs
from rejection_therapy.service.pool import eligible, fit_of_item, openers, pool_problem
from tests.conftest import make_service

PACKS = load_packs().packs
EVERY_ASK = challenges_of(PACKS, None)
SITUATIONS = [
    dict(zip(HAVES, values, strict=True))
    for values in itertools.product([True, False], repeat=len(HAVES))
    if values[HAVES.index("online")] or values[HAVES.index("face-to-face")]
]


def fits(answers: dict[str, bool], item) -> bool:
    fit = fit_of_item(item)
    return all(answers[need] for need in fit.needs) and any(
        answers[VIA_HAVE[way]] for way in fit.via
    )


def test_there_are_192_situations_with_online_or_face_to_face():
    assert len(SITUATIONS) == 192


@pytest.mark.parametrize(
    "answers", SITUATIONS, ids=lambda a: "".join("yn"[not v] for v in a.values())
)
def test_the_pool_is_exactly_the_daily_asks_the_person_can_make(answers):
    settings = Settings(profile=answers)
    pool = eligible(PACKS, settings, None, settings.situation)
    expected = [
        item for item in EVERY_ASK if fit_of_item(item).after is None and fits(answers, item)
    ]
    assert pool == expected
    assert all(fit_of_item(item).after is None for item in pool)  # event asks: never daily
    unused = [item.challenge.difficulty for item in pool]
    if carries(unused, targets_left(1, 100)):
        return
    run = make_run()
    message = pool_problem(PACKS, settings, run, pool, len(unused))
    assert message.startswith(f"The {len(unused)} asks left cannot carry the rest of run 1")
    choices = openers(PACKS, settings, run, len(pool))
    if not choices:
        assert "packs new" in message
        return
    # The message names the change that adds most, and it adds what it says.
    assert choices[0][1] in message
    key = re.search(r"profile set ([a-z-]+)=yes", choices[0][1])
    if key:
        opened = Settings(profile={**answers, key.group(1): True})
        assert len(eligible(PACKS, opened, None, opened.situation)) - len(pool) == choices[0][0]


def make_run():
    from rejection_therapy.core.models import Run

    return Run(
        id="r1", number=1, start=date(2026, 1, 1), length=100, created_at="2026-01-01T00:00:00Z"
    )


def test_a_pool_with_nothing_in_it_names_what_would_open_one():
    settings = Settings(profile={"face-to-face": False, "online": False, "phone": False})
    pool = eligible(PACKS, settings, None, settings.situation)
    assert pool == []
    message = pool_problem(PACKS, settings, make_run(), pool, None)
    assert message.startswith(
        "No ask of the enabled packs fits your situation and settings: allow "
    )
    assert "`rejection-therapy profile set " in message


def test_the_draw_follows_the_situation_and_never_hands_out_an_event_ask(home):
    service = make_service(home, "2026-01-01T10:00:00+00:00")
    service.set_profile({"out": False, "money": False, "phone": False, "job": False})
    situation = Situation.from_profile(service.read().settings.profile)
    start = date(2026, 1, 1)
    for offset in range(0, 100, 7):
        on = start + timedelta(offset)
        ask = make_service(home, f"{on.isoformat()}T10:00:00+00:00").today().ask
        item = next(i for i in EVERY_ASK if i.pack == ask.pack and i.challenge.id == ask.ask_id)
        fit = fit_of_item(item)
        assert fit.after is None
        assert situation.allows(fit), (ask.pack, ask.ask_id, fit)
        assert ask.needs == list(fit.needs) and ask.via == list(fit.via)


TWO_WAYS = """pack: ways
title: "Two ways"
version: "1"
author: "Test"
description: "One ask in person, one online."
language: "en"
license: "CC0-1.0"
challenges:
  - id: ways-in-person
    ask: "Ask someone at home to teach you a card game."
    difficulty: 1
    category: "test"
    needs: []
    via: ["in-person"]
  - id: ways-online
    ask: "Ask a friend by message for a film to watch tonight."
    difficulty: 1
    category: "test"
    needs: []
    via: ["online"]
"""


def test_changing_the_profile_redraws_todays_ask_only_when_it_no_longer_fits(home):
    service = make_service(home, "2026-01-01T10:00:00+00:00")
    service.paths.packs_dir.mkdir(parents=True, exist_ok=True)
    (service.paths.packs_dir / "ways.yaml").write_text(TWO_WAYS)
    for pack in ("bold", "career", "everyday", "social"):
        service.disable_pack(pack)
    first = service.today().ask
    assert service.set_profile({"goal": "social"}) is None  # still fits: kept
    assert service.today().ask == first
    closed = "face-to-face" if first.ask_id == "ways-in-person" else "online"
    replacement = service.set_profile({closed: False})
    assert replacement is not None and replacement.ask_id != first.ask_id
    assert service.today().ask == replacement
    assert not replacement.swapped_away  # the day's swap is still there
