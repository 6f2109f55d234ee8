"""Putting validated records in order together: one record per id, runs that never
overlap, and every record tied to a run that exists.

The same rules serve a home that is read (storage/checks.py) and two homes that are
merged (storage/merge.py), so a merge is just both homes' records put in order at once.
Every rule chooses by the records' content, never by which side or document came first,
so merging A into B gives what merging B into A gives, and merging twice changes nothing:

- runs with one id: the one ended earliest (an `ended_on` is a later decision);
- overlapping runs with different ids join the one that started first (tie: the smaller
  id); a run nothing refers to gives way to one that has entries. The joined run's
  entries, rest days, check-ins, daily asks and intention move to the run that covers
  their date, else to the run it joined. Runs are then numbered by start date;
- entries with one id: the latest `updated_at` (tie: the larger content); a tombstone
  keeps a deleted entry deleted;
- a day's ask: the one an entry was logged against, else the smaller content;
- badges: the earliest earned; rest days: the earliest declared; intentions: the latest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from rejection_therapy.core.models import Run
from rejection_therapy.storage import records as tables


class Item(NamedTuple):
    """A record and the document id it was stored under."""

    doc_id: str
    record: Any


@dataclass
class Normalized:
    items: dict[str, list[Item]]
    left_out: list[tuple[str, str, str]] = field(default_factory=list)
    """(table, document id, why) of records no longer read."""
    updates: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    """(table, document id, why, changed fields as stored) of records read changed."""
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    joins: list[tuple[Run, Run]] = field(default_factory=list)
    """(joined run, the run it joined)."""


def normalize(items: dict[str, list[Item]]) -> Normalized:
    """Records of every table put in order (see the module docstring)."""
    result = Normalized({table: list(found) for table, found in items.items()})
    runs = _unique(result, tables.RUNS, lambda run: run.id, _run_preference)
    used = _used_run_ids(result.items)
    kept, joined_into = _join_overlapping(runs, used, result)
    result.items[tables.RUNS] = _numbered(kept, result)
    _rekey(result, kept, joined_into)
    _unique(result, tables.ENTRIES, lambda e: e.id, _entry_preference)
    _unique(result, tables.TOMBSTONES, lambda t: t.id, lambda t: (t.deleted_at, _content(t)))
    _drop_tombstoned(result)
    _unique_daily_asks(result)
    _unique(result, tables.REST_DAYS, lambda r: r.date, _rest_preference)
    _unique(result, tables.CHECKINS, lambda c: c.id, _content)
    _unique(result, tables.FOLLOWUPS, lambda f: f.id, _followup_preference)
    _unique(
        result, tables.BADGES, lambda b: b.badge_id, lambda b: (b.date, b.earned_at, _content(b))
    )
    _unique(result, tables.INTENTIONS, lambda i: i.run_id, lambda i: (_desc(i.set_at), _content(i)))
    _check_references(result)
    return result


# -- choosing one record per key -----------------------------------------------------


def _content(record: Any, exclude: set[str] | None = None) -> str:
    """A record's stored text: the last tie-break, the same on every machine."""
    return str(record.model_dump_json(exclude=exclude))


class _Desc:
    """Sorts its value from largest to smallest (for "the latest wins")."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Desc) -> bool:
        return bool(self.value > other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.value == other.value


def _desc(value: Any) -> _Desc:
    return _Desc(value)


def _run_preference(run: Run) -> tuple[Any, ...]:
    ended = run.ended_on
    return (ended is None, ended or date.max, _content(run))


def _entry_preference(entry: Any) -> tuple[Any, ...]:
    return (_desc(entry.updated_at), _desc(_content(entry, {"seq", "run_id"})))


def _rest_preference(rest: Any) -> tuple[Any, ...]:
    declared = rest.declared_at
    return (declared is None, declared.isoformat() if declared else "", _content(rest, {"run_id"}))


def _followup_preference(followup: Any) -> tuple[Any, ...]:
    return (followup.done_at is None, _content(followup))


def _unique(
    result: Normalized,
    table: str,
    key: Callable[[Any], Any],
    preference: Callable[[Any], Any],
) -> list[Any]:
    """One item per key (the preferred one); the others are left out."""
    groups: dict[Any, list[Item]] = {}
    for item in result.items.get(table, []):
        groups.setdefault(key(item.record), []).append(item)
    kept = []
    for group in groups.values():
        if len(group) == 1:  # nearly always: the preference (record dumps) is not needed
            kept.append(group[0])
            continue
        winner = min(group, key=lambda item: preference(item.record))
        kept.append(winner)
        for other in group:
            if other is not winner:
                result.left_out.append(
                    (table, other.doc_id, f"a second record with the id of #{winner.doc_id}")
                )
    order = {id(item): index for index, item in enumerate(result.items.get(table, []))}
    kept.sort(key=lambda item: order[id(item)])
    result.items[table] = kept
    return [item.record for item in kept]


def _unique_daily_asks(result: Normalized) -> None:
    logged = {
        (e.record.run_id, e.record.date, e.record.ask_id)
        for e in result.items.get(tables.ENTRIES, [])
        if e.record.ask_id
    }

    def preference(ask: Any) -> tuple[Any, ...]:
        return ((ask.run_id, ask.date, ask.ask_id) not in logged, _content(ask))

    _unique(result, tables.DAILY_ASKS, lambda a: (a.run_id, a.date), preference)


def _drop_tombstoned(result: Normalized) -> None:
    deleted = {item.record.id for item in result.items.get(tables.TOMBSTONES, [])}
    kept = []
    for item in result.items.get(tables.ENTRIES, []):
        if item.record.id in deleted:
            result.left_out.append(
                (tables.ENTRIES, item.doc_id, "was deleted (a tombstone says so)")
            )
        else:
            kept.append(item)
    result.items[tables.ENTRIES] = kept


# -- runs -----------------------------------------------------------------------------


def _used_run_ids(items: dict[str, list[Item]]) -> set[str]:
    used: set[str] = set()
    for table in (tables.ENTRIES, tables.REST_DAYS, tables.CHECKINS, tables.INTENTIONS):
        used.update(item.record.run_id for item in items.get(table, []) if item.record.run_id)
    return used


def _overlap(one: Run, other: Run) -> bool:
    return one.start <= other.last_date and other.start <= one.last_date


def _join_overlapping(
    runs: list[Run], used: set[str], result: Normalized
) -> tuple[list[Run], dict[str, Run]]:
    """The runs kept, and for each joined run the run it joined."""
    kept: list[Run] = []
    joined_into: dict[str, Run] = {}
    for run in sorted(runs, key=lambda r: (r.id not in used, r.start, r.id)):
        overlapping = [other for other in kept if _overlap(other, run)]
        if not overlapping:
            kept.append(run)
            continue
        target = min(overlapping, key=lambda r: (r.start, r.id))
        joined_into[run.id] = target
        result.joins.append((run, target))
    kept.sort(key=lambda r: (r.start, r.id))
    doc_ids = {item.record.id: item.doc_id for item in result.items.get(tables.RUNS, [])}
    for run, target in result.joins:
        result.left_out.append(
            (
                tables.RUNS,
                doc_ids.get(run.id, ""),
                f"run {run.number} ({run.start.isoformat()}) overlaps run {target.number} "
                f"({target.start.isoformat()}): joined into it",
            )
        )
    return kept, joined_into


def _numbered(kept: list[Run], result: Normalized) -> list[Item]:
    """Runs numbered 1, 2, ... by start date."""
    doc_ids = {item.record.id: item.doc_id for item in result.items.get(tables.RUNS, [])}
    numbered = []
    for number, run in enumerate(kept, start=1):
        doc_id = doc_ids[run.id]
        if run.number != number:
            result.updates.append(
                (
                    tables.RUNS,
                    doc_id,
                    f"numbered {number} (was {run.number}): runs count by start date",
                    {"number": number},
                )
            )
            run = run.model_copy(update={"number": number})
        numbered.append(Item(doc_id, run))
    return numbered


def _rekey(result: Normalized, kept: list[Run], joined_into: dict[str, Run]) -> None:
    """Records of joined or missing runs move to the run that covers their date."""
    kept_ids = {run.id for run in kept}
    for table in (
        tables.ENTRIES,
        tables.REST_DAYS,
        tables.CHECKINS,
        tables.DAILY_ASKS,
        tables.INTENTIONS,
    ):
        moved = []
        for item in result.items.get(table, []):
            record = item.record
            if record.run_id is None or record.run_id in kept_ids:
                moved.append(item)
                continue
            on = getattr(record, "date", None)
            covering = _covering(kept, on) if on is not None else None
            target = covering or joined_into.get(record.run_id)
            if target is None:
                if table in (tables.ENTRIES, tables.REST_DAYS):
                    result.notes.append(
                        (
                            table,
                            item.doc_id,
                            f"belongs to a run that does not exist ({record.run_id})",
                        )
                    )
                    moved.append(item)
                else:
                    result.left_out.append(
                        (table, item.doc_id, f"points at a missing run ({record.run_id})")
                    )
                continue
            why = "joined" if record.run_id in joined_into else "missing"
            result.updates.append(
                (
                    table,
                    item.doc_id,
                    f"moved to run {target.number} (its run was {why})",
                    {"run_id": target.id},
                )
            )
            moved.append(Item(item.doc_id, record.model_copy(update={"run_id": target.id})))
        result.items[table] = moved


def _covering(runs: Iterable[Run], on: date) -> Run | None:
    """The latest-starting run whose days include `on`."""
    found = [run for run in runs if run.covers(on)]
    return max(found, key=lambda run: (run.start, run.id)) if found else None


def _check_references(result: Normalized) -> None:
    runs = {item.record.id: item.record for item in result.items.get(tables.RUNS, [])}
    entries = {item.record.id for item in result.items.get(tables.ENTRIES, [])}
    for item in result.items.get(tables.ENTRIES, []):
        run = runs.get(item.record.run_id)
        if run is not None and not run.covers(item.record.date):
            result.notes.append(
                (tables.ENTRIES, item.doc_id, f"dated {item.record.date} outside run {run.number}")
            )
    kept = []
    for item in result.items.get(tables.FOLLOWUPS, []):
        if item.record.entry_id in entries:
            kept.append(item)
        else:
            result.left_out.append(
                (
                    tables.FOLLOWUPS,
                    item.doc_id,
                    f"points at a missing entry ({item.record.entry_id})",
                )
            )
    result.items[tables.FOLLOWUPS] = kept
    for item in result.items.get(tables.BADGES, []):
        if item.record.entry_id is not None and item.record.entry_id not in entries:
            result.notes.append(
                (tables.BADGES, item.doc_id, f"points at a missing entry ({item.record.entry_id})")
            )
