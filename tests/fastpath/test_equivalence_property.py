"""Random sequences of changes, made twice: on one home the quick paths answer where they
can, on its twin only the full service does. After every step the answers of the step and
of `streak`, `today` and `log`-facing reads must match, the stored tables must match, and
the status record the quick log kept up step by step must equal one rebuilt from the data.
"""

from __future__ import annotations

import json
import marshal
import shutil
import tempfile
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rejection_therapy.paths import Paths
from rejection_therapy.storage.database import Database
from rejection_therapy.storage.status_record import read_status
from tests.fastpath.progress_oracle import assert_progress_matches_ledger
from tests.fastpath.records import assert_kept_matches_rebuilt
from tests.fastpath.twins import Twin, counting_quick_paths

START = datetime.fromisoformat("2026-03-02T10:00:00+01:00")

_text = st.sampled_from(["", "asked twice", "[bold]no[/bold]", "\x1b[31mred\x1b[0m"])
_fear = st.one_of(st.none(), st.integers(0, 10))


@st.composite
def _log(draw: st.DrawFn) -> list[str]:
    argv = ["log", draw(st.sampled_from(["no", "yes", "why", "pending", "N", "Yes", "w", "P"]))]
    if draw(st.booleans()):
        argv += ["--ask", draw(st.sampled_from(["Asked for a refill", "Asked a stranger"]))]
        if draw(st.booleans()):
            argv += ["--difficulty", str(draw(st.integers(1, 5)))]
    for flag in ("--note", "--learned", "--next"):
        value = draw(_text)
        if value:
            argv += [flag, value]
    for flag in ("--fear-before", "--fear-after"):
        rating = draw(_fear)
        if rating is not None:
            argv += [f"{flag}={rating}"]
    if draw(st.booleans()):
        argv.append("--asked-why")
    if draw(st.integers(0, 3)) == 0:  # now and then: a late one goes to the full service
        argv += ["--date", draw(st.sampled_from(["today", "Today", "yesterday", "1 day ago"]))]
    if draw(st.booleans()):
        argv.append("--json")
    return argv


STEP = st.one_of(
    _log(),
    _log(),
    st.just(["undo"]),
    st.just(["undo"]),
    st.just(["edit", "NEWEST", "--outcome", "why"]),
    st.just(["edit", "NEWEST", "--outcome", "yes", "--note", "[red]edited[/red]"]),
    st.just(["edit", "NEWEST", "--note", "edited"]),
    st.just(["edit", "OLDEST", "--outcome=no"]),
    st.just(["delete", "NEWEST", "--yes"]),
    st.just(["resolve", "PENDING", "no"]),
    st.just(["today", "--swap"]),
    st.just(["rest", "TOMORROW"]),
    st.just(["rest", "today"]),
    st.just(["rest", "--cancel", "today"]),
    st.just(["rest", "in 3 days"]),
    st.just(["rest", "--cancel", "TOMORROW"]),
    st.just(["rest", "next friday"]),
    st.just(["log", "y", "--date", "2 days ago"]),
    st.just(["log", "no", "--yesterday"]),
    st.just(["NEW DAY"]),
    st.just(["NEW DAY", "2"]),
    st.just(["FOLD"]),
)


def _resolved(argv: list[str], twin: Twin, now: datetime, today: date) -> list[str]:
    """Placeholders filled from the home's history (the same in both twins)."""
    if not any(word in argv for word in ("NEWEST", "OLDEST", "PENDING", "TOMORROW")):
        return argv
    _code, out, _err = twin.run(["history", "--json", "--limit", "0"], now, 1)
    entries = json.loads(out) if out.strip() else []
    newest = entries[0]["id"][:8] if entries else "00000000"
    pending = next((e["id"][:8] for e in entries if e["outcome"] == "pending"), "00000000")
    tomorrow = (today + timedelta(days=1)).isoformat()
    oldest = entries[-1]["id"][:8] if entries else "00000000"
    names = {"NEWEST": newest, "OLDEST": oldest, "PENDING": pending, "TOMORROW": tomorrow}
    return [names.get(word, word) for word in argv]


def _record_matches_a_rebuild(twin: Twin, now: datetime) -> None:
    """The status record as kept (step by step, by the quick log) equals one rebuilt."""
    kept = read_status(str(twin.home))
    if kept is None:
        return  # stale: the next command rebuilds it
    # Rebuilt in a copy, so the home goes on with the record its quick writes kept (and
    # its undo point): a run of quick writes is checked, not only the first of them.
    copy = twin.home.parent / f"{twin.home.name}-rebuilt"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(twin.home, copy, symlinks=True)
    status = copy / "status.marshal"
    status.unlink()
    Twin(copy, full=True).run(["streak", "--json"], now, 1)  # rebuilt from the data
    assert_kept_matches_rebuilt(kept, marshal.loads(status.read_bytes()))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(STEP, min_size=3, max_size=10))
def test_quick_and_full_paths_agree_after_every_step(steps):
    with tempfile.TemporaryDirectory() as root:
        quick = Twin(Path(root) / "quick", full=False)
        full = Twin(Path(root) / "full", full=True)
        now = START
        for twin in (quick, full):
            assert twin.run(["today"], now, 10)[0] == 0
        quickly: Counter[str] = Counter()
        for number, step in enumerate(steps):
            today = (now - timedelta(hours=4)).date()  # the default rollover hour is 4
            if step[0] == "NEW DAY":
                now += timedelta(days=int(step[1]) if len(step) > 1 else 1)
                continue
            if step == ["FOLD"]:
                for twin in (quick, full):
                    Database(Paths(twin.home)).fold()
                continue
            argv = _resolved(step, quick, now, today)
            seed = 1000 * (number + 1)
            with counting_quick_paths() as taken:
                got = quick.run(argv, now, seed)
                answered_log = taken["log"]
                expected = full.run(argv, now, seed)
                assert got == expected, argv
                for read in (["streak", "--json"], ["today", "--json"], ["today"]):
                    assert quick.run(read, now, 7) == full.run(read, now, 7), (argv, read)
                quickly.update({**taken, "log": answered_log})
            assert quick.tables() == full.tables(), argv
            _record_matches_a_rebuild(quick, now)
            # `stats`, `badges` and `share` from the record kept up by quick writes
            assert_progress_matches_ledger(quick.home, now, {"TZ": "Europe/Berlin"})
        answered_quickly, planned_quickly = quickly["log"], quickly["plan"]
        undone_quickly, edited_quickly = quickly["undo"], quickly["edit"] + quickly["rest"]
        event(
            f"logs the quick path answered: {min(answered_quickly, 3)}{'+' * (answered_quickly >= 3)}"
        )
        event(
            f"planned days or swaps committed: {min(planned_quickly, 3)}{'+' * (planned_quickly >= 3)}"
        )
        event(f"undos the quick path made: {min(undone_quickly, 2)}{'+' * (undone_quickly >= 2)}")
        event(
            f"edits and rest days made quickly: {min(edited_quickly, 2)}{'+' * (edited_quickly >= 2)}"
        )
