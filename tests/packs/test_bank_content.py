"""The built-in bank passes its content rules, and each rule catches a planted bad ask."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.packs import bank_rules as rules

ROOT = Path(__file__).resolve().parents[2]
ASKS, HEADERS = rules.read_bank(sorted((ROOT / "challenges").glob("*.yaml")))
OLD_IDS = (ROOT / "tests/fixtures/bank-1-ask-ids.txt").read_text().split()


def test_the_built_in_bank_breaks_no_content_rule():
    problems = rules.all_problems(ASKS, HEADERS, OLD_IDS)
    assert not problems, "\n".join(problems[:40])


def test_the_bank_is_big_enough():
    assert len(ASKS) >= 240


def test_every_situation_with_online_or_face_to_face_can_carry_a_run():
    for answers in rules.situations():
        sizes = rules.pool_sizes(ASKS, answers)
        assert min(sizes.values()) >= rules.MIN_PER_RUNG, (answers, sizes)


def good_ask() -> rules.Ask:
    return next(a for a in ASKS if a.after is None and not rules.needs_safety(a))


PLANTED = [
    ("vocabulary", {"needs": ("wings",)}),
    ("vocabulary", {"via": ()}),
    ("vocabulary", {"tags": ("by-message",)}),
    ("vocabulary", {"who": "everyone"}),
    ("needs", {"text": "Ask the florist whether you can buy one single tulip.", "needs": ()}),
    (
        "needs",
        {
            "text": "Ask the person behind you in the queue for a tip.",
            "needs": (),
            "via": ("in-person",),
        },
    ),
    ("needs", {"text": "Ask a colleague to swap desks for a day.", "needs": ()}),
    ("needs", {"text": "Ask the interviewer what worries them.", "needs": (), "after": None}),
    ("tip", {"tip": ""}),
    ("safety", {"who": "stranger", "safety": ""}),
    ("safety", {"via": ("phone",), "safety": ""}),
    ("push", {"category": "invitation", "push": True}),
    ("en-GB", {"text": "Ask a friend to name their favorite color."}),
]


@pytest.mark.parametrize(
    ("kind", "change"), PLANTED, ids=[f"{k}-{i}" for i, (k, _) in enumerate(PLANTED)]
)
def test_a_planted_bad_ask_is_caught(kind, change):
    planted = replace(good_ask(), id="planted", **change)
    # The per-ask rules, on the planted ask alone (the pool rules have their own test).
    found = [
        *rules.vocabulary([planted]),
        *rules.implied_needs([planted]),
        *rules.coaching_fields([planted]),
    ]
    assert any(p.startswith(f"{kind}: ") and "/planted" in p for p in found), found[:5]


def test_a_near_copy_is_caught():
    original = good_ask()
    copy = replace(original, id="planted", text=original.text.replace("Ask", "Please ask", 1))
    found = rules.near_duplicates([*ASKS, copy])
    assert any("/planted" in p for p in found)


def test_an_old_id_neither_kept_nor_mapped_is_caught():
    found = rules.headers_and_ids(HEADERS, [*OLD_IDS, "social/an-ask-that-vanished"])
    assert found == [
        "id map: social/an-ask-that-vanished: an old ask neither kept nor in its pack's id_map"
    ]


def test_a_pool_too_small_for_one_situation_is_caught():
    online = [a for a in ASKS if "online" in (a.via or ())]
    thinned = [a for a in ASKS if a not in online[: len(online) // 2 + 40]]
    assert rules.pools(thinned)
