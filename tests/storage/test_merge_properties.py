"""Properties of the merge: A into B equals B into A, and merging again changes nothing.

Two homes are drawn from a small world of shared ids (so the same run or entry often
stands on both sides, changed or not), with runs that overlap, equal instants, deletions
and rest days; the merge must not care which side is which, nor how often it runs.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.storage.checks import check_tables
from rejection_therapy.storage.merge import merge_tables

DAY0 = date(2026, 3, 1)
RUN_IDS = ["run-a", "run-b", "run-c"]
ENTRY_IDS = [f"entry-{n}" for n in range(6)]
INSTANTS = ["2026-03-01T09:00:00Z", "2026-03-02T09:00:00Z", "2026-03-05T09:00:00Z"]


def _day(offset: int) -> str:
    return (DAY0 + timedelta(days=offset)).isoformat()


RUN_STARTS = {"run-a": 0, "run-b": 0, "run-c": 3}
"""A run is born with its start and never moves (two runs may start the same day); what
changes is how long it is and whether it was ended early."""

runs = st.builds(
    lambda run_id, length, ended, changed: {
        "id": run_id,
        "number": 1,
        "start": _day(RUN_STARTS[run_id]),
        "length": length,
        "created_at": INSTANTS[0],
        **(
            {"ended_on": _day(RUN_STARTS[run_id] + ended), "updated_at": changed}
            if ended is not None
            else {}
        ),
    },
    st.sampled_from(RUN_IDS),
    st.integers(1, 15),
    st.none() | st.integers(0, 5),
    st.sampled_from(INSTANTS),
)
entries = st.builds(
    lambda entry_id, run_id, offset, outcome, note, updated, seq: {
        "id": entry_id,
        "run_id": run_id,
        "date": _day(offset),
        "outcome": outcome,
        "ask_text": "an ask",
        "note": note,
        "created_at": INSTANTS[0],
        "updated_at": updated,
        "seq": seq,
    },
    st.sampled_from(ENTRY_IDS),
    st.sampled_from(RUN_IDS),
    st.integers(0, 20),
    st.sampled_from(["no", "yes", "why"]),
    st.sampled_from(["", "a", "b"]),
    st.sampled_from(INSTANTS),
    st.integers(0, 9),
)
rest_days = st.builds(
    lambda offset, run_id: {"date": _day(offset), "run_id": run_id},
    st.integers(0, 20),
    st.sampled_from(RUN_IDS),
)
daily_asks = st.builds(
    lambda run_id, offset, ask: {
        "run_id": run_id,
        "date": _day(offset),
        "ask_id": ask,
        "text": f"ask {ask}",
        "pack": "everyday",
        "difficulty": 1,
    },
    st.sampled_from(RUN_IDS),
    st.integers(0, 20),
    st.sampled_from(["ask-1", "ask-2"]),
)
tombstones = st.builds(
    lambda entry_id, at: {"id": entry_id, "deleted_at": at},
    st.sampled_from(ENTRY_IDS),
    st.sampled_from(INSTANTS),
)


@st.composite
def homes(draw: st.DrawFn) -> dict[str, dict[str, dict[str, Any]]]:
    def table(strategy: st.SearchStrategy[dict[str, Any]], most: int) -> dict[str, dict[str, Any]]:
        found = draw(st.lists(strategy, max_size=most))
        return {str(n): doc for n, doc in enumerate(found, start=1)}

    return {
        "runs": table(runs, 3),
        "entries": table(entries, 5),
        "rest_days": table(rest_days, 2),
        "daily_asks": table(daily_asks, 3),
        "tombstones": table(tombstones, 1),
    }


def _content(tables: dict[str, dict[str, dict[str, Any]]]) -> dict[str, list[str]]:
    """The records, whatever their document ids (settings belong to each home)."""
    return {
        name: sorted(json.dumps(doc, sort_keys=True) for doc in docs.values())
        for name, docs in tables.items()
        if name != "settings"
    }


@settings(max_examples=150, deadline=None, derandomize=True)
@given(one=homes(), other=homes())
def test_a_merge_is_the_same_from_either_side_and_again(one, other):
    one_into_other, _ = merge_tables(other, one)
    other_into_one, _ = merge_tables(one, other)
    assert _content(one_into_other) == _content(other_into_one)
    again, _ = merge_tables(one_into_other, one)
    assert _content(again) == _content(one_into_other)
    again, _ = merge_tables(one_into_other, other)
    assert _content(again) == _content(one_into_other)
    checked = check_tables(one_into_other)
    assert not checked.problems, checked.problems
    kept = checked.records("runs")
    assert all(a.last_date < b.start for a, b in zip(kept, kept[1:], strict=False))
