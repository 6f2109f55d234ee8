"""`rejection-therapy rest DATE [--cancel]` from the status record.

The rules are the service's (core/rest.py) and the record holds all they read: the rest
dates, the runs, the done dates and the number of rest days a run allows. A quick rest
appends the document the service inserts (or the removal it makes), and drops the planned
days from the rest day on, so the full service plans them again. A date the rules refuse
is the full service's, which words the refusal (tests/fastpath compares the two).
"""

from __future__ import annotations

from datetime import date

from rejection_therapy.core.now import ClockError
from rejection_therapy.core.rest import RestProblem, rest_days_used
from rejection_therapy.core.when import DayError, parse_day
from rejection_therapy.fastpath.clock import record_now
from rejection_therapy.fastpath.write import append, save_record, under_lock, writable
from rejection_therapy.storage.transaction import operation
from rejection_therapy.views import keep_facts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime
    from typing import Any

    from rejection_therapy.shapes import StatusRecord

REST_DAYS = "rest_days"  # storage/records.py's table name (importing it costs pydantic)


def quick_rest(
    home: str, typed: str, cancel: bool, environ: Mapping[str, str]
) -> tuple[str, bool, int, int] | None:
    """Declare (or withdraw) a rest day: (date, cancel, used, allowed); None: the service."""

    def commit(record: StatusRecord) -> tuple[str, bool, int, int] | None:
        try:
            now, today = record_now(record, environ)
            on = parse_day(typed, today)
            return _rest(home, record, on, cancel, now, today)
        except (ClockError, DayError, RestProblem):
            return None  # a refusal the service words
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None  # a record this code cannot use: the full service rebuilds it

    return under_lock(home, commit)


def _rest(
    home: str, record: StatusRecord, on: date, cancel: bool, now: datetime, today: date
) -> tuple[str, bool, int, int] | None:
    if not writable(home, record, today):
        return None
    iso = on.isoformat()
    run = _run_of(record, iso)
    rest_dates = {date.fromisoformat(day) for day in record["rest_dates"]}
    allowed = record["rest_days_allowed"]
    used = rest_days_used(
        on,
        today,
        cancel=cancel,
        run=(run["number"], date.fromisoformat(run["start"]), date.fromisoformat(run["last"]))
        if run
        else None,
        rest_dates=rest_dates,
        has_entries=iso in record["done_dates"],
        allowed=allowed,
    )
    lines = _operations(record, iso, cancel, run, now)
    append(home, record, lines)
    docs = record["rest_docs"]
    if cancel:
        record["rest_dates"].remove(iso)
        del docs[iso]
    else:
        record["rest_dates"] = sorted([*record["rest_dates"], iso])
        docs[iso] = [[int(lines[0]["doc_id"]), lines[0]["doc"]]]
    # TinyDB's next id: one more than the largest in use (a removal can lower it)
    in_use = [pair[0] for pairs in docs.values() for pair in pairs]
    record["next_doc_ids"][REST_DAYS] = max(in_use, default=0) + 1  # type: ignore[type-var, operator]
    keep_facts(record, today)  # a rest day today changes them
    record["plans"] = [plan for plan in record["plans"] if plan["date"] < iso]
    record["undo"] = None  # an undo point is good only right after its log
    save_record(home, record)
    return iso, cancel, used, allowed


def _run_of(record: StatusRecord, iso: str) -> Any:
    """The latest started run that covers the date (core/ledger.py `run_containing`)."""
    return next((r for r in reversed(record["runs"]) if r["start"] <= iso <= r["last"]), None)


def _operations(
    record: StatusRecord, iso: str, cancel: bool, run: Any, now: datetime
) -> list[dict[str, Any]]:
    """The service's change: every document of the date removed, or one inserted."""
    if cancel:
        return [
            operation(REST_DAYS, str(doc_id), document, remove=True)  # type: ignore[arg-type]
            for doc_id, document in record["rest_docs"][iso]
        ]
    document = {"date": iso, "run_id": run["id"], "declared_at": now.isoformat()}
    return [operation(REST_DAYS, str(record["next_doc_ids"][REST_DAYS]), document, insert=True)]
