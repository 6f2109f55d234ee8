"""The Ledger: everything derived from runs and entries at one moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from rejection_therapy.core.badges import BADGES
from rejection_therapy.core.ledger import FUTURE, TODAY, Ledger
from rejection_therapy.core.models import Entry, Outcome, Run

START = date(2026, 3, 1)


def day(k: int) -> date:
    return START + timedelta(days=k - 1)


def make_run(
    number: int = 1, start: date = START, length: int = 10, ended_on: date | None = None
) -> Run:
    return Run(
        id=f"run-{number}",
        number=number,
        start=start,
        length=length,
        created_at=datetime.combine(start, time(8), tzinfo=UTC),
        ended_on=ended_on,
    )


_counter = iter(range(1_000_000))


def make_entry(
    on: date,
    outcome: str = "no",
    *,
    id: str | None = None,
    run: str = "run-1",
    created: datetime | None = None,
    seq: int = 0,
    **fields,
) -> Entry:
    created = created or datetime.combine(on, time(12), tzinfo=UTC)
    return Entry(
        id=id or f"e{next(_counter)}",
        run_id=run,
        date=on,
        outcome=Outcome(outcome),
        ask_text="Ask for a discount",
        created_at=created,
        updated_at=created,
        seq=seq,
        **fields,
    )


def done_days(first: int, last: int, outcome: str = "no", run: str = "run-1") -> list[Entry]:
    return [make_entry(day(k), outcome, run=run) for k in range(first, last + 1)]


def marks_by_day(ledger: Ledger, run: Run) -> dict[int, str]:
    return {number: mark for number, _, mark in ledger.day_marks(run)}


# --- counts and XP -----------------------------------------------------------------------


def test_counts_by_outcome():
    entries = [
        make_entry(day(1), "no"),
        make_entry(day(1), "no"),
        make_entry(day(2), "yes"),
        make_entry(day(3), "why"),
    ]
    ledger = Ledger(day(3), [make_run()], entries)
    assert ledger.counts() == {"no": 2, "yes": 1, "why": 1, "pending": 0}
    assert ledger.counts(entries[2:]) == {"no": 0, "yes": 1, "why": 1, "pending": 0}
    assert ledger.counts([]) == {"no": 0, "yes": 0, "why": 0, "pending": 0}


def test_xp_diminishes_in_order_of_creation_not_list_order():
    at = lambda hour: datetime.combine(day(1), time(hour), tzinfo=UTC)  # noqa: E731
    entries = [
        make_entry(day(1), "no", id="first-listed", created=at(9)),
        make_entry(day(1), "no", id="second-listed", created=at(10)),
        make_entry(day(1), "no", id="third-listed", created=at(11)),
        make_entry(day(1), "why", id="made-first", created=at(8), difficulty=5),
        make_entry(day(2), "no", id="next-day", created=at(7) + timedelta(days=1)),
    ]
    ledger = Ledger(day(2), [make_run()], entries)
    assert ledger.xp_by_entry == {
        "made-first": 75,
        "first-listed": 20,
        "second-listed": 20,
        "third-listed": 10,  # the 4th of the day: half
        "next-day": 20,
    }
    assert ledger.total_xp == 145
    assert ledger.level.level == 2


def test_xp_order_within_one_instant_follows_seq():
    same = datetime(2026, 3, 1, 12, tzinfo=UTC)
    entries = [
        make_entry(day(1), "why", id="a", created=same, seq=3, difficulty=5),
        make_entry(day(1), "no", id="b", created=same, seq=2),
        make_entry(day(1), "no", id="c", created=same, seq=1),
        make_entry(day(1), "no", id="d", created=same, seq=0),
    ]
    ledger = Ledger(day(1), [make_run()], entries)
    assert ledger.xp_by_entry["a"] == 37  # made 4th: 75 halved
    assert [ledger.xp_by_entry[k] for k in "dcb"] == [20, 20, 20]


def test_fifth_entry_of_a_day_earns_a_quarter():
    entries = [
        make_entry(
            day(1), "no", created=datetime(2026, 3, 1, 9, k, tzinfo=UTC), id=f"n{k}", difficulty=4
        )
        for k in range(5)
    ]
    ledger = Ledger(day(1), [make_run()], entries)
    assert [ledger.xp_by_entry[f"n{k}"] for k in range(5)] == [40, 40, 40, 20, 10]


# --- day marks ---------------------------------------------------------------------------


def test_day_marks_show_the_best_outcome_and_how_empty_days_counted():
    run = make_run(length=10)
    entries = [
        make_entry(day(1), "yes"),
        make_entry(day(1), "why"),
        make_entry(day(1), "no"),
        make_entry(day(2), "yes"),
        make_entry(day(2), "no"),
        make_entry(day(3), "yes"),
    ]
    ledger = Ledger(day(6), [run], entries, rest_dates={day(5)})
    marks = ledger.day_marks(run)
    assert [(number, on) for number, on, _ in marks] == [(k, day(k)) for k in range(1, 11)]
    assert [mark for _, _, mark in marks] == [
        "why",
        "no",
        "yes",
        "missed",
        "rest",
        TODAY,
        FUTURE,
        FUTURE,
        FUTURE,
        FUTURE,
    ]


def test_day_marks_show_a_frozen_day():
    run = make_run(length=10)
    ledger = Ledger(day(9), [run], done_days(1, 7) + [make_entry(day(9), "why")])
    marks = marks_by_day(ledger, run)
    assert marks[8] == "frozen"
    assert marks[9] == "why"
    assert marks[10] == FUTURE


def test_today_is_marked_by_its_entry_or_its_rest():
    run = make_run(length=10)
    done = Ledger(day(3), [run], done_days(1, 3, "yes"))
    assert marks_by_day(done, run)[3] == "yes"
    resting = Ledger(day(3), [run], done_days(1, 2), rest_dates={day(3)})
    assert marks_by_day(resting, run)[3] == "rest"


def test_day_marks_of_an_ended_run_stop_at_its_end():
    run = make_run(length=10, ended_on=day(4))
    ledger = Ledger(day(8), [run], done_days(1, 4))
    assert marks_by_day(ledger, run) == {1: "no", 2: "no", 3: "no", 4: "no"}


# --- the current run ---------------------------------------------------------------------


def test_no_runs_no_current_run():
    ledger = Ledger(day(1), [], [])
    assert ledger.current_run is None
    assert ledger.current is None
    assert ledger.streak.current == 0


def test_the_latest_started_run_is_current():
    first = make_run(1, START, 100, ended_on=day(9))
    second = make_run(2, day(10), 100)
    assert Ledger(day(9), [second, first], []).current_run == first
    assert Ledger(day(10), [second, first], []).current_run == second
    assert Ledger(day(40), [second, first], []).current_run == second


def test_a_run_starting_tomorrow_is_not_current_yet():
    first = make_run(1, START, 10)
    second = make_run(2, day(12), 10)
    ledger = Ledger(day(11), [first, second], [])
    assert ledger.current_run == first
    assert ledger.current.complete


def test_before_any_run_starts_the_next_one_is_shown_at_day_zero():
    upcoming = make_run(1, day(2), 10)
    ledger = Ledger(day(1), [upcoming], [])
    assert ledger.current_run == upcoming
    assert ledger.current.day == 0
    assert not ledger.current.started
    assert not ledger.current.complete


@pytest.mark.parametrize(
    ("today", "number", "complete"),
    [
        (date(2026, 3, 1), 1, False),
        (date(2026, 3, 2), 2, False),
        (date(2026, 6, 8), 100, False),  # the last day
        (date(2026, 6, 9), 100, True),  # the day after: kept at 100
        (date(2026, 9, 1), 100, True),
    ],
)
def test_run_progress_day_and_complete(today, number, complete):
    progress = Ledger(today, [make_run(1, START, 100)], []).current
    assert progress.length == 100
    assert progress.day == number
    assert progress.complete == complete
    assert progress.started


def test_run_progress_of_an_ended_run():
    progress = Ledger(day(15), [make_run(1, START, 100, ended_on=day(10))], []).current
    assert progress.length == 10
    assert progress.day == 10
    assert progress.complete


def test_run_containing_and_entries_by_date_and_run():
    first = make_run(1, START, 100, ended_on=day(9))
    second = make_run(2, day(10), 100)
    a = make_entry(day(3), run="run-1")
    b = make_entry(day(12), run="run-2")
    c = make_entry(day(12), "yes", run="run-2")
    ledger = Ledger(day(12), [first, second], [c, a, b])
    assert ledger.run_containing(day(3)) == first
    assert ledger.run_containing(day(9)) == first
    assert ledger.run_containing(day(10)) == second
    assert ledger.run_containing(START - timedelta(days=1)) is None
    assert {e.id for e in ledger.entries_on(day(12))} == {b.id, c.id}
    assert ledger.entries_on(day(4)) == []
    assert [e.id for e in ledger.entries_of_run(first)] == [a.id]


# --- metrics -----------------------------------------------------------------------------


def test_every_badge_is_measured_by_a_ledger_metric():
    metrics = Ledger(day(1), [make_run()], []).metrics()
    assert {rule.metric for rule in BADGES} <= set(metrics)


def test_metrics_count_entries_by_kind():
    entries = [
        make_entry(day(1), "no", note="she laughed", pack="bold", difficulty=4),
        make_entry(day(1), "no", asked_why=True, note="   ", pack="bold", difficulty=5),
        make_entry(day(2), "why", pack="social", difficulty=3),
        make_entry(day(3), "yes", own=True, difficulty=1),
        make_entry(day(3), "yes", own=True, note="free coffee", pack="career"),
    ]
    metrics = Ledger(day(3), [make_run()], entries).metrics()
    assert metrics["entries"] == 5
    assert (metrics["nos"], metrics["yes"], metrics["whys"]) == (2, 2, 1)
    assert metrics["asked_why"] == 2  # the why outcome and the no asked why
    assert metrics["notes"] == 2  # a blank note does not count
    assert metrics["hard_asks"] == 2
    assert metrics["packs_used"] == 3
    assert metrics["own_asks"] == 2
    assert metrics["best_streak"] == 3


def test_metrics_comebacks_follow_missed_days_only():
    # 1-2 done, 3 missed, 4 done (comeback), 5-6 missed, 7 done (comeback).
    entries = done_days(1, 2) + [make_entry(day(4)), make_entry(day(7))]
    assert Ledger(day(7), [make_run()], entries).metrics()["comebacks"] == 2
    # A frozen day before a done day is no comeback.
    frozen = done_days(1, 7) + [make_entry(day(9))]
    ledger = Ledger(day(9), [make_run()], frozen)
    assert ledger.streak.marks[day(8)] == "frozen"
    assert ledger.metrics()["comebacks"] == 0
    assert ledger.metrics()["freezes_used"] == 1


def test_covered_days_count_done_frozen_and_rest_days_and_finish_a_run():
    run = make_run(length=10)
    entries = done_days(1, 7) + [make_entry(day(10))]  # 8 frozen, 9 rest
    ledger = Ledger(day(11), [run], entries, rest_dates={day(9)})
    assert ledger.covered_days(run) == 10
    metrics = ledger.metrics()
    assert metrics["covered_days"] == 10
    assert metrics["runs_finished"] == 1


def test_a_missed_day_leaves_a_run_unfinished():
    run = make_run(length=10)
    entries = done_days(1, 7) + [make_entry(day(10))]  # 8 frozen, 9 missed
    ledger = Ledger(day(11), [run], entries)
    assert ledger.covered_days(run) == 9
    assert ledger.metrics()["runs_finished"] == 0


def test_covered_days_do_not_count_the_future():
    run = make_run(length=10)
    ledger = Ledger(day(4), [run], done_days(1, 4))
    assert ledger.covered_days(run) == 4
    assert ledger.metrics()["runs_finished"] == 0


def test_an_ended_run_is_not_finished():
    first = make_run(1, START, 10, ended_on=day(5))
    second = make_run(2, day(6), 10)
    entries = done_days(1, 5) + done_days(6, 8, run="run-2")
    ledger = Ledger(day(8), [first, second], entries)
    assert ledger.covered_days(first) == 5
    assert ledger.covered_days(second) == 3
    metrics = ledger.metrics()
    assert metrics["covered_days"] == 5
    assert metrics["runs_finished"] == 0
    assert metrics["best_streak"] == 8  # the streak runs across runs


def test_badge_progress_from_the_ledger():
    ledger = Ledger(day(3), [make_run()], done_days(1, 3))
    reached = {p.rule.id for p in ledger.badge_progress() if p.reached}
    assert reached == {"first-ask", "first-no", "streak-3"}
