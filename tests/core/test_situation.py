"""A person's situation, what an ask needs, and the tags read from either."""

from __future__ import annotations

import pytest

from rejection_therapy.core.situation import (
    HAVES,
    Situation,
    SituationError,
    fit_of,
    parse_answers,
)


def test_an_unanswered_question_counts_as_yes():
    nobody = Situation()
    assert all(nobody.has(key) for key in HAVES)
    assert nobody.allows(fit_of([], ["job", "money", "out"], ["phone"]))


def test_every_need_must_be_met_and_one_way_must_be_open():
    person = Situation.from_profile({"money": False, "phone": False, "face-to-face": True})
    assert not person.allows(fit_of([], ["money"], ["online"]))
    assert not person.allows(fit_of([], [], ["phone"]))
    assert person.allows(fit_of([], [], ["phone", "in-person"]))
    assert person.allows(fit_of([], ["out"], ["in-person"]))


def test_unknown_profile_values_are_not_read_as_answers():
    person = Situation.from_profile({"goal": "fame", "job": "maybe", "out": False})
    assert person.goal is None
    assert person.answers == (("out", False),)


@pytest.mark.parametrize(
    ("tags", "needs", "via"),
    [
        ([], ("out",), ("in-person",)),  # untagged: a walk-in ask
        (["in-person"], ("out",), ("in-person",)),
        (["costs-money", "in-person"], ("out", "money"), ("in-person",)),
        (["by-message"], (), ("online",)),
        (["online", "costs-money"], ("money",), ("online",)),
        (["phone"], (), ("phone",)),
        (["workplace"], ("job",), ("in-person",)),
        (["workplace", "by-message"], ("job",), ("online",)),
        (["outdoors", "online"], ("out",), ("in-person", "online")),
    ],
)
def test_a_pack_without_needs_or_via_has_them_read_from_its_tags(tags, needs, via):
    fit = fit_of(tags, None, None)
    assert (fit.needs, fit.via) == (needs, via)


def test_tags_implied_by_needs_and_via_are_added_so_excluded_tags_keep_working():
    fit = fit_of(["outdoors"], ["money", "job", "out"], ["in-person"])
    assert set(fit.tags) == {"outdoors", "costs-money", "workplace", "in-person"}
    assert "in-person" not in fit_of([], [], ["in-person", "online"]).tags


def test_answers_are_all_checked_before_any_is_used():
    assert parse_answers(["goal=Job-Search", "job=no", "out=YES", "phone="]) == {
        "goal": "job-search",
        "job": False,
        "out": True,
        "phone": None,
    }
    for bad, named in [
        (["job=no", "wings=yes"], "'wings=yes'"),
        (["goal=fame"], "'fame'"),
        (["out=perhaps"], "'perhaps'"),
        (["job"], "'job'"),
    ]:
        with pytest.raises(SituationError, match=named):
            parse_answers(bad)


def test_a_hostile_answer_is_echoed_without_control_sequences():
    with pytest.raises(SituationError) as raised:
        parse_answers(["out=\x1b[31mred\x1b[0m"])
    assert "\x1b" not in str(raised.value)
