"""The coaching rules that only read a history (core/review.py)."""

from __future__ import annotations

from datetime import UTC, datetime, time

from rejection_therapy.core.ledger import Ledger, RunProgress
from rejection_therapy.core.models import CheckIn, FollowUp, Intention
from rejection_therapy.core.review import checkin_due, current_gap, review_of, stale_pending
from tests.core.test_ledger import day, make_entry, make_run


def _checkin(k: int, gap: str, hour: int = 9) -> CheckIn:
    on = day(k)
    return CheckIn(
        id=f"c{k}{hour}",
        run_id="run-1",
        date=on,
        worked="w",
        didnt="d",
        gap=gap,
        created_at=datetime.combine(on, time(hour), tzinfo=UTC),
    )


def test_pending_asks_go_stale_on_the_day_the_setting_names():
    pending = [make_entry(day(1), "pending"), make_entry(day(3), "pending")]
    assert stale_pending(pending, day(4), 3) == pending[:1]
    assert stale_pending(pending, day(6), 3) == pending
    assert stale_pending(pending, day(3), 3) == []


def test_a_checkin_falls_due_every_seventh_day_until_answered():
    run = make_run(length=30)
    due = [k for k in range(1, 31) if checkin_due(RunProgress(run, day(k)), [], day(k))]
    assert due == [7, 14, 21, 28]
    assert not checkin_due(RunProgress(run, day(14)), [_checkin(14, "ask sooner")], day(14))
    assert checkin_due(RunProgress(run, day(14)), [_checkin(7, "ask sooner")], day(14))
    assert not checkin_due(None, [], day(7))
    assert not checkin_due(RunProgress(make_run(length=7), day(8)), [], day(8))  # run over
    assert not checkin_due(RunProgress(run, day(0)), [], day(0))  # not started


def test_the_gap_is_the_latest_checkins():
    assert current_gap([]) == ""
    checkins = [_checkin(14, "second", hour=8), _checkin(7, "first"), _checkin(14, "last", 20)]
    assert current_gap(checkins) == "last"


def test_the_look_back_at_a_run():
    run = make_run(length=10)
    entries = [
        make_entry(day(1), "no", difficulty=2, learned="smile first"),
        make_entry(day(2), "why", difficulty=5),
        make_entry(day(3), "yes", difficulty=4),
        make_entry(day(4), "no", run="run-2"),
    ]
    ledger = Ledger(today=day(11), runs=[run, make_run(2, day(11))], entries=entries)
    done = FollowUp(
        id="f1",
        entry_id=entries[0].id,
        text="thank them",
        due=day(2),
        created_at=entries[0].created_at,
        done_at=entries[0].created_at,
    )
    intention = Intention(run_id="run-1", text="If I ask, I learn", set_at=entries[0].created_at)
    review = review_of(ledger, run, [done], intention)
    assert review.counts == {"no": 1, "yes": 1, "why": 1, "pending": 0}
    assert [e.outcome.value for e in review.hardest] == ["why", "no"]
    assert review.lessons == entries[:1]
    assert review.followups_done == 1 and review.intention is intention
    assert review.complete and review.covered_days == 4  # days with any entry count
