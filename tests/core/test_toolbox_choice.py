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


def _chosen(facts: AskFacts, samples: int = 300) -> set[str]:
    tips = load_toolbox()
    return {choose_tip(tips, facts, None, seed=str(n)).id for n in range(samples)}


def _kinds(ids: set[str]) -> set[str]:
    return {tip.kind for tip in load_toolbox() if tip.id in ids}


def test_a_no_to_an_invitation_is_accepted_not_pushed():
    pushed = {t.id for t in load_toolbox() if t.pushes}
    assert pushed  # ask-why and smaller-ask tips are marked
    invitation = AskFacts(category="invitation", pack="social", push=False, who="someone-you-know")
    assert not _chosen(invitation) & pushed
    assert _chosen(AskFacts(category="invitation", push=True)) & pushed


def test_a_thank_you_needs_someone_to_thank():
    thanks = {t.id for t in load_toolbox() if t.kind == "thank-you"}
    assert not _chosen(AskFacts(category="strangers", who="stranger")) & thanks
    assert not _chosen(AskFacts(category="strangers")) & thanks  # an own ask: nobody known
    assert _chosen(AskFacts(category="advice", who="someone-you-know")) & thanks


def test_interview_tips_only_follow_job_search_asks():
    interview = {"feedback-five-minutes", "feedback-concerns"}
    colleague_lunch = AskFacts(category="workplace", pack="career", difficulty=2, who="employer")
    assert not _chosen(colleague_lunch) & interview
    job_search = AskFacts(category="job-search", pack="career", difficulty=3, who="employer")
    assert _chosen(job_search) & interview


def test_silence_gets_its_own_tip_and_only_silence():
    assert "silence" in _kinds(_chosen(AskFacts(category="advice", silent=True)))
    assert "silence" not in _kinds(_chosen(AskFacts(category="advice", silent=False)))


def test_no_tip_repeats_the_reframe_line_or_assumes_walking():
    from rejection_therapy.core.outcomes import REFRAME

    for tip in load_toolbox():
        assert "chapter" not in tip.text.lower() or "chapter" not in REFRAME.lower()
        assert "walk" not in tip.text.lower()
