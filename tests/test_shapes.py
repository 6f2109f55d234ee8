"""The shapes in shapes.py are the ones the code builds, and SHAPES_HASH names them.

The status record is a cache the fast paths trust only when its `shapes` equals
SHAPES_HASH: a release that changes a shape must change the hash too, or every home's
record written by the previous release would be misread (a crash in every `today`).
"""

from __future__ import annotations

import hashlib
import marshal

from rejection_therapy import shapes
from rejection_therapy.core.models import Outcome
from rejection_therapy.paths import Paths
from rejection_therapy.storage.status_record import SHAPES_HASH, sound
from rejection_therapy.views import streak_json
from tests.conftest import make_service


def shapes_digest() -> str:
    parts = [
        f"{shape.__name__}:"
        + ",".join(f"{name}={kind}" for name, kind in shape.__annotations__.items())
        for shape in shapes.RECORD_SHAPES
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def test_shapes_hash_names_the_shapes_as_they_are():
    assert shapes_digest() == SHAPES_HASH, (
        "a shape in shapes.py changed: set SHAPES_HASH in storage/status_record.py to "
        f"{shapes_digest()!r} so records written by other code are rebuilt"
    )


def _keys(shape: type) -> set[str]:
    return set(shape.__annotations__)


def test_the_records_the_code_builds_have_exactly_these_shapes(home):
    service = make_service(home, "2026-03-02T10:00:00+01:00")
    entry = service.log(Outcome.NO, note="n").entry
    service.add_followup(entry.id, "thank them", "2026-03-02")
    service.today()
    record = marshal.loads(Paths(home).status_file.read_bytes())
    assert sound(record)
    assert set(record) == _keys(shapes.StatusRecord)
    assert all(set(run) == _keys(shapes.RunSpan) for run in record["runs"])
    day = record["day"]
    assert set(day) == _keys(shapes.DayView)
    assert set(day["ask"]) == _keys(shapes.AskView)
    assert [set(e) for e in day["entries"]] == [_keys(shapes.EntryView)]
    assert [set(f) for f in day["followups_due"]] == [_keys(shapes.FollowUpView)]
    assert set(streak_json(service.read().ledger)) == _keys(shapes.StreakFacts)


def test_the_bounds_table_in_the_docs_is_the_one_the_code_enforces():
    from pathlib import Path

    from rejection_therapy.core.bounds import BOUNDS_TABLE

    text = (Path(__file__).parent.parent / "docs" / "data.md").read_text()
    table = text.split("<!-- bounds:start -->")[1].split("<!-- bounds:end -->")[0]
    rows = [
        tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
        for line in table.strip().splitlines()[2:]
    ]
    assert rows == list(BOUNDS_TABLE)


def test_the_record_check_knows_the_keys_of_the_shapes():
    from rejection_therapy.storage import status_record

    assert _keys(shapes.EntryView) == status_record._ENTRY_KEYS
    assert _keys(shapes.FollowUpView) == status_record._FOLLOWUP_KEYS
    assert _keys(shapes.StreakFacts) == status_record._FACT_KEYS
    assert _keys(shapes.RunFold) == set(status_record._FOLD_FIELDS)


def test_the_record_check_knows_the_folds_marks_and_the_tally_counters():
    from rejection_therapy.core.run_folds import MARK_OF, NO_ENTRY
    from rejection_therapy.core.tally import EntryTally
    from rejection_therapy.storage import status_record

    assert set(status_record._FOLD_MARKS) == {NO_ENTRY, *MARK_OF.values()}
    assert status_record.TALLY_COUNTERS == EntryTally.COUNTERS
