"""Toolbox tip choice: fits the ask, never the same tip twice in a row."""

from __future__ import annotations

from rejection_therapy.core.coaching import AskFacts, ToolboxTip, choose_tip, fits
from rejection_therapy.packs.coaching import load_toolbox

TIPS = (
    ToolboxTip("why", "why", "ask why", unless_asked_why=True),
    ToolboxTip("feedback", "feedback", "ask for feedback", categories=("interview",)),
    ToolboxTip("walk", "coping", "take a walk", min_difficulty=4),
    ToolboxTip("switch", "switch", "try someone else"),
)


def test_fits_respects_category_difficulty_and_asked_why():
    assert fits(TIPS[1], AskFacts(category="interview"))
    assert fits(TIPS[1], AskFacts(pack="interview"))
    assert not fits(TIPS[1], AskFacts(category="food"))
    assert not fits(TIPS[2], AskFacts(difficulty=3)) and fits(TIPS[2], AskFacts(difficulty=4))
    assert not fits(TIPS[0], AskFacts(asked_why=True)) and fits(TIPS[0], AskFacts())


def test_never_the_same_tip_twice_in_a_row():
    previous = None
    for index in range(200):
        tip = choose_tip(
            load_toolbox(),
            AskFacts(category="food", difficulty=1 + index % 5),
            previous,
            seed=str(index),
        )
        assert tip is not None and tip.id != previous
        previous = tip.id


def test_chosen_tips_fit_the_ask():
    for index in range(100):
        facts = AskFacts(category="food", difficulty=1, asked_why=True)
        tip = choose_tip(TIPS, facts, None, seed=str(index))
        assert tip is not None and tip.id == "switch"


def test_choice_is_reproducible_for_a_seed():
    facts = AskFacts(category="networking", pack="career", difficulty=3)
    first = choose_tip(load_toolbox(), facts, None, "entry-1")
    assert first == choose_tip(load_toolbox(), facts, None, "entry-1")


def test_the_bank_has_every_kind_of_habit():
    kinds = {tip.kind for tip in load_toolbox()}
    assert kinds >= {"why", "retreat", "switch", "feedback", "thank-you", "coping"}
