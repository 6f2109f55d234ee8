"""`edit` of today's entry and `rest` from the status record: the same answers and data as the
full service, and every case the quick path must leave to it."""

from __future__ import annotations

import marshal
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from rejection_therapy.core.ids import ids_matching, prefix_index, with_id, without_id
from tests.fastpath.twins import Twin, counting_quick_paths

NOW = datetime.fromisoformat("2026-03-02T10:00:00+01:00")


@pytest.fixture
def twins(tmp_path: Path) -> tuple[Twin, Twin]:
    quick = Twin(tmp_path / "quick", full=False)
    assert quick.run(["today"], NOW, 10)[0] == 0
    assert quick.run(["log", "no", "--note", "first"], NOW, 20)[0] == 0
    shutil.copytree(quick.home, tmp_path / "full")
    return quick, Twin(tmp_path / "full", full=True)


def _both(twins: tuple[Twin, Twin], argv: list[str], now: datetime = NOW) -> tuple[tuple, int]:
    """The quick twin's answer (the same as the full twin's, checked) and how many times a
    quick edit or rest answered."""
    quick, full = twins
    with counting_quick_paths() as taken:
        got = quick.run(argv, now, 99)
    assert got == full.run(argv, now, 99), argv
    assert quick.tables() == full.tables(), argv
    return got, taken["edit"] + taken["rest"]


def _newest(twin: Twin, now: datetime = NOW) -> str:
    import json

    return json.loads(twin.run(["history", "--json"], now, 1)[1])[0]["id"]


def test_editing_today_s_entry_is_quick_and_the_service_s_edit(twins):
    entry = _newest(twins[0])[:8]
    (code, out, _err), quick = _both(twins, ["edit", entry, "--outcome", "why", "--note", "[b]x"])
    assert (code, quick) == (0, 1)
    assert "why — [b]x" in out and "Badge earned: Curious" in out
    (code, out, _err), quick = _both(twins, ["edit", entry, "--outcome=yes"])
    assert (code, quick) == (0, 1)
    assert _both(twins, ["streak", "--json"])[0][0] == 0


def test_an_older_entry_a_shared_prefix_or_a_bad_note_go_to_the_service(twins):
    quick, _full = twins
    yesterday = _newest(quick)[:8]
    later = NOW + timedelta(days=1)
    for twin in twins:
        assert twin.run(["log", "yes"], later, 30)[0] == 0
    (code, _out, _err), taken = _both(twins, ["edit", yesterday, "--note", "old"], later)
    assert (code, taken) == (0, 0)
    (code, _out, err), taken = _both(twins, ["edit", "zzzz", "--note", "x"], later)
    assert code == 2 and taken == 0 and "no entry" in err
    today = _newest(quick, later)[:8]
    (code, _out, err), taken = _both(twins, ["edit", today, "--note", "x" * 5000], later)
    assert code == 2 and taken == 0 and "note" in err


def test_a_prefix_two_entries_share_is_refused_as_the_service_refuses_it(twins):
    record_path = twins[0].home / "status.marshal"
    entry = _newest(twins[0])
    record = marshal.loads(record_path.read_bytes())
    # another entry whose first 8 characters are the same (as if it were in the history)
    record["entry_ids"] = with_id(record["entry_ids"], entry[:8] + "-0000-4000-8000-000000000000")
    record_path.write_bytes(marshal.dumps(record))
    with counting_quick_paths() as taken:
        code, _out, _err = twins[0].run(["edit", entry[:8], "--note", "x"], NOW, 99)
    assert taken["edit"] == 0 and code == 0  # the service found one entry, and edited it


def test_rest_days_are_declared_and_withdrawn_quickly(twins):
    for argv in (["rest", "tomorrow"], ["rest", "in 3 days"], ["rest", "--cancel", "tomorrow"]):
        (code, out, _err), quick = _both(twins, argv)
        assert (code, quick) == (0, 1), out
    assert "normal day again (1 of 4 rest days used)" in out


def test_rest_refusals_are_the_service_s(twins):
    for argv in (
        ["rest", "today"],  # today has an entry: a done day
        ["rest", "2026-03-01"],
        ["rest", "--cancel", "tomorrow"],
        ["rest", "someday"],
    ):
        (code, _out, err), quick = _both(twins, argv)
        assert (code, quick) == (2, 0), argv
        assert err.strip()
    for days in (1, 2, 3, 4):
        assert _both(twins, ["rest", f"in {days} days"])[0][0] == 0
    (code, _out, err), quick = _both(twins, ["rest", "in 5 days"])
    assert (code, quick) == (2, 0) and "already has its 4 rest days" in err


def test_the_prefix_index_tells_a_unique_prefix_from_a_shared_one():
    index = prefix_index(["abcdef12-x", "abcdef99-y", "12345678-z"])
    assert ids_matching(index, "abcd") == 2
    assert ids_matching(index, "abcdef12") == 1
    assert ids_matching(index, "abcdef12-x-longer") == 1  # (an upper bound past 8)
    assert ids_matching(index, "9999") == 0
    grown = with_id(index, "ABCDEF12-other")
    assert ids_matching(grown, "abcdef12") == 2
    assert without_id(grown, "abcdef12-other") == index
    with pytest.raises(ValueError):
        without_id(index, "00000000")


def test_with_every_streak_badge_earned_the_streak_is_not_walked_and_judging_agrees():
    from datetime import date

    from rejection_therapy.core.badges import BADGES, newly_reached
    from rejection_therapy.core.streaks import summarize_streak
    from rejection_therapy.core.tally import (
        STREAK_METRICS,
        EntryTally,
        badge_metrics,
        streak_badges_left,
    )

    streak_ids = {rule.id for rule in BADGES if rule.metric in STREAK_METRICS}
    assert streak_ids and streak_badges_left(set())
    assert not streak_badges_left(streak_ids)
    tally = EntryTally({"entries": 40, "nos": 30, "asked_why": 3, "notes": 12})
    today = date(2026, 3, 30)
    days = [date(2026, 3, day) for day in range(1, 31)]
    summary = summarize_streak(days[0], today, days, (), [(days[0], date(2026, 6, 8))])
    runs = [(days[0], date(2026, 6, 8), False)]
    for earned in (streak_ids, streak_ids | {"first-why"}):
        walked = badge_metrics(tally, summary, runs, today, 2, 1)
        skipped = badge_metrics(tally, None, runs, today, 2, 1)
        assert newly_reached(walked, earned) == newly_reached(skipped, earned)
        assert newly_reached(walked, earned)  # (a test that judges something)
