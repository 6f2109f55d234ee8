"""What the journal says changed since a sync (service/sync_local.py)."""

from __future__ import annotations

import json

from rejection_therapy.service.sync_local import journal_mark, touched_since


def write_journal(path, lines):
    path.write_text(
        '{"journal":2}\n'
        + "".join(json.dumps(line, separators=(",", ":")) + "\n" for line in lines)
    )


def rest(op, doc_id, day, **more):
    return {
        "op": op,
        "table": "rest_days",
        "doc_id": doc_id,
        "id": day,
        "doc": {"date": day},
    } | more


def test_a_record_removed_or_replaced_in_its_document_is_gone_and_the_newcomer_present(tmp_path):
    data = tmp_path / "rejection-therapy.json"
    journal = tmp_path / "rejection-therapy.journal"
    write_journal(journal, [rest(1, "1", "2026-03-05")])
    mark = journal_mark(str(data), 1)
    write_journal(
        journal,
        [
            rest(1, "1", "2026-03-05"),
            {"op": 2, "table": "rest_days", "doc_id": "1", "id": "2026-03-05", "remove": True},
            rest(3, "1", "2026-03-06", insert=True),
            rest(4, "2", "2026-03-08", was="2026-03-07"),
        ],
    )
    touched, last, _mark = touched_since(str(data), 1, mark)
    assert last == 4
    assert touched == {
        "rest_days/2026-03-05": None,
        "rest_days/2026-03-07": None,
        "rest_days/2026-03-06": {"date": "2026-03-06"},
        "rest_days/2026-03-08": {"date": "2026-03-08"},
    }


def test_a_journal_numbered_again_after_a_restore_is_not_trusted(tmp_path):
    data = tmp_path / "rejection-therapy.json"
    journal = tmp_path / "rejection-therapy.journal"
    write_journal(journal, [rest(1, "1", "2026-03-05"), rest(2, "2", "2026-03-06")])
    mark = journal_mark(str(data), 2)
    assert touched_since(str(data), 2, mark) == ({}, 2, mark)
    # restored to operation 1, then two new operations: 2 is another line now
    write_journal(
        journal,
        [rest(1, "1", "2026-03-05"), rest(2, "2", "2026-03-09"), rest(3, "3", "2026-03-10")],
    )
    assert touched_since(str(data), 2, mark) is None
    journal.unlink()  # folded away since
    assert touched_since(str(data), 2, mark) is None
