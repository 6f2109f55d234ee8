"""Service rules that span days: swaps, the ladder, run completion, time-zone changes."""

from __future__ import annotations

from datetime import date

import pytest

from rejection_therapy.core.models import Outcome
from rejection_therapy.service import UserError
from tests.conftest import make_service


def test_swap_once_a_day_and_swapped_ask_counts_as_used(home):
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    first = service.today().ask
    swapped = service.today(swap=True).ask
    assert swapped.ask_id != first.ask_id
    assert swapped.swapped_away == [f"{first.pack}/{first.ask_id}"]
    with pytest.raises(UserError, match="already swapped"):
        service.today(swap=True)
    assert service.today().ask == swapped
    seen = {first.ask_id, swapped.ask_id}
    for day in range(3, 28):
        ask = make_service(home, f"2026-03-{day:02d}T10:00:00+01:00").today().ask
        assert ask.ask_id not in seen
        seen.add(ask.ask_id)


def test_ladder_rises_over_a_run(home):
    difficulties = []
    for offset in range(100):
        on = date(2026, 1, 1).toordinal() + offset
        day = date.fromordinal(on)
        service = make_service(home, f"{day.isoformat()}T10:00:00+01:00")
        difficulties.append(service.today().ask.difficulty)
    assert difficulties[:10] == [1] * 10
    assert difficulties[-5:] == [5] * 5
    assert sum(difficulties[:50]) < sum(difficulties[50:])


def test_run_completes_then_start_begins_the_next_and_streak_carries(home):
    service = make_service(home, "2026-03-01T10:00:00+01:00")
    service.start(days=3, force=True)
    for day in (1, 2, 3):
        make_service(home, f"2026-03-0{day}T10:00:00+01:00").log(Outcome.NO)
    after = make_service(home, "2026-03-04T10:00:00+01:00")
    progress = after.read().ledger.current
    assert progress.complete and progress.day == 3
    with pytest.raises(UserError, match="complete"):
        after.log(Outcome.NO)
    run = after.start()
    assert run.number == 2
    result = after.log(Outcome.NO)
    assert result.ledger.streak.current == 4
    assert [r.number for r in result.ledger.runs] == [1, 2]


def test_start_refuses_to_end_a_run_in_progress_without_force(home):
    service = make_service(home, "2026-03-05T10:00:00+01:00")
    service.log(Outcome.NO)
    with pytest.raises(UserError, match="--force"):
        service.start()
    with pytest.raises(UserError, match="past"):
        service.start(begin=date(2026, 3, 1), force=True)
    tomorrow = service.start(begin=date(2026, 3, 6), force=True)
    ledger = service.read().ledger
    assert ledger.current.run.number == 1  # the new run has not begun yet
    ended = ledger.current.run
    assert ended.ended_on == date(2026, 3, 5)
    assert (
        make_service(home, "2026-03-06T10:00:00+01:00").read().ledger.current.run.id == tomorrow.id
    )


def test_time_zone_change_never_moves_past_entries(home):
    berlin = make_service(home, "2026-03-02T23:30:00+01:00")
    entry = berlin.log(Outcome.NO).entry
    assert entry.date == date(2026, 3, 2)
    berlin.set_setting("timezone", "America/Los_Angeles")
    # 23:30 Berlin is 14:30 in Los Angeles on the same date; a day later, the old entry stays put.
    la = make_service(home, "2026-03-03T14:00:00-08:00")
    ledger = la.read().ledger
    assert [e.date for e in ledger.entries] == [date(2026, 3, 2)]
    assert ledger.today == date(2026, 3, 3)
    assert ledger.streak.current == 1 and ledger.streak.at_risk


def test_entry_at_0130_counts_for_the_day_before_across_dst(home):
    # Berlin springs forward on 2026-03-29 at 02:00; 01:30 is still before the 04:00 rollover.
    make_service(home, "2026-03-28T10:00:00+01:00").log(Outcome.NO)
    night = make_service(home, "2026-03-29T01:30:00+01:00").log(Outcome.NO, ask_text="late ask")
    assert night.entry.date == date(2026, 3, 28)
    morning = make_service(home, "2026-03-29T03:30:00+02:00").log(Outcome.NO, ask_text="3:30")
    assert morning.entry.date == date(2026, 3, 28)
    after = make_service(home, "2026-03-29T04:00:00+02:00").log(Outcome.NO, ask_text="4:00")
    assert after.entry.date == date(2026, 3, 29)


def test_settings_are_validated(home):
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    with pytest.raises(UserError, match="unknown time zone"):
        service.set_setting("timezone", "Europe/Atlantis")
    with pytest.raises(UserError, match="rollover_hour"):
        service.set_setting("rollover_hour", "25")
    with pytest.raises(UserError, match="unknown setting"):
        service.set_setting("volume", "11")
    assert service.set_setting("rollover_hour", "2").rollover_hour == 2


def test_demo_is_reproducible_and_refuses_a_home_with_data(tmp_path):
    first = make_service(tmp_path / "a", "2026-03-02T10:00:00+01:00")
    second = make_service(tmp_path / "b", "2026-03-02T10:00:00+01:00")
    a, b = first.demo(days=40, seed=7), second.demo(days=40, seed=7)
    assert a == b and a.entries >= 40
    ledger_a, ledger_b = first.read().ledger, second.read().ledger
    assert [e.id for e in ledger_a.entries] == [e.id for e in ledger_b.entries]
    assert ledger_a.streak.best >= 3
    with pytest.raises(UserError, match="already holds"):
        first.demo(days=5)


def test_a_gap_between_runs_neither_breaks_nor_grows_the_streak(home):
    service = make_service(home, "2026-03-01T10:00:00+01:00")
    service.start(days=3, force=True)
    for day in (1, 2, 3):
        make_service(home, f"2026-03-0{day}T10:00:00+01:00").log(Outcome.NO)
    after = make_service(home, "2026-03-04T10:00:00+01:00")
    after.start(begin=date(2026, 3, 6))
    gap_day = after.read().ledger
    assert gap_day.streak.current == 3 and not gap_day.streak.at_risk
    assert gap_day.next_run is not None and gap_day.next_run.start == date(2026, 3, 6)
    first_day = make_service(home, "2026-03-06T10:00:00+01:00").log(Outcome.NO)
    assert first_day.ledger.streak.current == 4
    assert "comeback" not in {
        b.badge_id for b in make_service(home, "2026-03-06T10:00:00+01:00").read().state.badges
    }


def test_editing_why_to_yes_takes_back_the_why_credit(home):
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    entry = service.log(Outcome.WHY, ask_text="asked", difficulty=2).entry
    edited = service.edit(entry.id, Outcome.YES, None)
    assert edited.asked_why is False
    assert service.read().ledger.xp_by_entry[entry.id] == 8
