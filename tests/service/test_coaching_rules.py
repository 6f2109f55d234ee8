"""Coaching rules through the service: pending, rest days, follow-ups, check-ins, badges."""

from __future__ import annotations

from datetime import date

import pytest

from rejection_therapy.core.models import Outcome
from rejection_therapy.service import UserError
from tests.conftest import make_service


def at(home, instant):
    return make_service(home, instant)


def test_pending_counts_the_day_and_resolving_sets_the_outcome_and_xp(home):
    service = at(home, "2026-03-02T10:00:00+01:00")
    logged = service.log(Outcome.PENDING, ask_text="Applied to Acme", difficulty=3)
    assert logged.ledger.streak.today_done and logged.xp == 18
    assert service.read().ledger.day_marks(logged.ledger.current.run)[0][2] == "pending"
    entry, tip = at(home, "2026-03-05T10:00:00+01:00").resolve(logged.entry.id[:8], Outcome.NO)
    assert entry.outcome is Outcome.NO and entry.resolved_at is not None and tip
    ledger = service.read().ledger
    assert ledger.xp_by_entry[entry.id] == 30
    with pytest.raises(UserError, match="not pending"):
        service.resolve(entry.id, Outcome.YES)


def test_pending_asks_older_than_the_setting_are_offered_as_a_no(home):
    at(home, "2026-03-02T10:00:00+01:00").log(Outcome.PENDING, ask_text="Applied")
    assert at(home, "2026-03-15T10:00:00+01:00").today().stale_pending == []
    stale = at(home, "2026-03-16T10:00:00+01:00").today().stale_pending
    assert [e.ask_text for e in stale] == ["Applied"]


def test_rest_days_pause_the_streak_and_check_exits_zero(home):
    for day in (2, 3, 4):
        at(home, f"2026-03-0{day}T10:00:00+01:00").log(Outcome.NO)
    service = at(home, "2026-03-04T12:00:00+01:00")
    assert service.declare_rest(date(2026, 3, 5)) == (1, 4)
    rest_day = at(home, "2026-03-05T12:00:00+01:00").read().ledger.streak
    assert rest_day.today_rest and rest_day.current == 3 and not rest_day.at_risk
    after = at(home, "2026-03-06T12:00:00+01:00").log(Outcome.NO).ledger.streak
    assert after.current == 4 and after.marks[date(2026, 3, 5)] == "rest"


def test_rest_day_rules(home):
    service = at(home, "2026-03-04T12:00:00+01:00")
    with pytest.raises(UserError, match="past"):
        service.declare_rest(date(2026, 3, 3))
    for day in (5, 6, 7, 8):
        service.declare_rest(date(2026, 3, day))
    with pytest.raises(UserError, match="4 rest days"):
        service.declare_rest(date(2026, 3, 9))
    assert service.declare_rest(date(2026, 3, 8), cancel=True) == (3, 4)
    logged = at(home, "2026-03-05T12:00:00+01:00").log(Outcome.NO)
    assert logged.rest_day_returned
    assert date(2026, 3, 5) not in service.read().state.rest_dates


def test_follow_up_due_dates_follow_the_challenge_date_across_the_rollover(home):
    service = at(home, "2026-03-02T23:30:00+01:00")
    entry = service.log(Outcome.NO).entry
    followup = service.add_followup(entry.id, "send a thank-you note", "+1d")
    assert followup.due == date(2026, 3, 3)
    # 02:00 on the 3rd is still the 2nd's challenge day: not due yet.
    assert at(home, "2026-03-03T02:00:00+01:00").followups().due == []
    assert [f.text for f in at(home, "2026-03-03T04:00:00+01:00").followups().due] == [
        "send a thank-you note"
    ]
    with pytest.raises(UserError, match="past"):
        service.add_followup(entry.id, "too late", "2026-03-01")
    with pytest.raises(UserError, match="not a date"):
        service.add_followup(entry.id, "when", "tomorrowish")


def test_five_follow_ups_done_earn_a_badge(home):
    service = at(home, "2026-03-02T10:00:00+01:00")
    entry = service.log(Outcome.NO).entry
    for index in range(5):
        followup = service.add_followup(entry.id, f"step {index}", "+0d")
        service.complete_followup(followup.id[:8])
    assert "followups-5" in {b.badge_id for b in service.read().state.badges}
    listing = service.followups(include_done=True)
    assert listing.due == [] and len(listing.done) == 5


def test_checkin_due_every_seventh_day_and_gap_is_current(home):
    service = at(home, "2026-03-02T10:00:00+01:00")
    assert not service.today().checkin_due
    seventh = at(home, "2026-03-08T10:00:00+01:00")
    assert seventh.today().checkin_due
    seventh.checkin("asking why", "phone asks", "eye contact")
    view = seventh.today()
    assert not view.checkin_due and view.gap == "eye contact"
    with pytest.raises(UserError, match="--gap"):
        seventh.checkin("a", "b", " ")


def test_reflections_and_fear_drop_earn_badges(home):
    for day in range(2, 12):
        service = at(home, f"2026-03-{day:02d}T10:00:00+01:00")
        service.log(Outcome.NO, learned=f"lesson {day}", fear_before=max(0, 9 - day), fear_after=2)
    ledger = service.read()
    earned = {b.badge_id for b in ledger.state.badges}
    assert "reflections-10" in earned
    assert (
        ledger.ledger.fear_trend(ledger.ledger.current_run)[0]["before"] == 4.0
    )  # days 2..8: 7..1


def test_toolbox_tip_after_a_no_never_repeats_the_previous_one(home):
    service = at(home, "2026-03-02T10:00:00+01:00")
    tips = [service.log(Outcome.NO, ask_text=f"ask {i}").entry.toolbox_tip for i in range(12)]
    assert all(tips)
    assert all(a != b for a, b in zip(tips, tips[1:], strict=False))
    assert service.log(Outcome.YES, ask_text="yes").entry.toolbox_tip is None


def test_review_of_a_run(home):
    service = at(home, "2026-03-02T10:00:00+01:00")
    service.set_intention("If I ask daily, then it gets easier")
    service.log(Outcome.NO, ask_text="hard one", difficulty=5, learned="I survived")
    review = service.review()
    assert review.intention.text.startswith("If I ask daily")
    assert [e.ask_text for e in review.hardest] == ["hard one"]
    assert [e.learned for e in review.lessons] == ["I survived"]
    with pytest.raises(UserError, match="no run 9"):
        service.review(9)
