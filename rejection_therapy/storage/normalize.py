"""Putting validated records in order together: one record per id, runs that never
overlap, and every record tied to a run that exists.

The same rules serve a home that is read (storage/checks.py) and two homes that are
merged (storage/merge.py), so a merge is just both homes' records put in order at once.
Every rule chooses by the records' content, never by which side or document came first,
so merging A into B gives what merging B into A gives, and merging twice changes nothing:

- runs with one id: the one changed last (ended early, or lengthened by a join), and at
  the same moment the one that reaches further;
- overlapping runs with different ids join the one that started first (tie: the smaller
  id). The run joined reaches as far as the runs that joined it did, up to the next run
  (so a short finished run never cuts off a longer one in progress). A joined run stays
  stored, marked with the run it joined, so every later merge joins it the same way.
  Records of a joined or missing run move to the run their date belongs to (the one that
  covers it, else the latest that began before it); an intention, to the run it joined.
  Runs are then numbered by start date;
- entries with one id: the latest `updated_at` (tie: the larger content); a tombstone
  keeps a deleted entry deleted;
- a day's ask: the one an entry was logged against, else the smaller content;
- badges: the earliest earned; rest days: the earliest declared; intentions: the latest.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, NamedTuple

from rejection_therapy.core.bounds import MAX_RUN_DAYS
from rejection_therapy.core.models import Run
from rejection_therapy.storage import records as tables
from rejection_therapy.storage.documents import stored_text


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
    """(joined run, the run it joined), for the runs joined by this pass."""
    joined: list[Item] = field(default_factory=list)
    """Runs joined into others (now or by an earlier merge): stored, never read as runs."""


def normalize(items: dict[str, list[Item]]) -> Normalized:
    """Records of every table put in order (see the module docstring)."""
    result = Normalized({table: list(found) for table, found in items.items()})
    runs = _unique_runs(result)
    kept, joined_into = _join_overlapping(runs, result)
    result.items[tables.RUNS] = _numbered(kept, result)
    kept = [item.record for item in result.items[tables.RUNS]]
    by_id = {run.id: run for run in kept}  # numbered and lengthened: what records move to
    _rekey(result, kept, {joined: by_id[target.id] for joined, target in joined_into.items()})
    _unique(result, tables.ENTRIES, lambda e: e.id, _entry_preference)
    _unique(result, tables.TOMBSTONES, lambda t: t.id, lambda t: (t.deleted_at, _content(t)))
    _drop_tombstoned(result)
    _unique_daily_asks(result)
    _unique(result, tables.REST_DAYS, lambda r: r.date, _rest_preference)
    _unique(result, tables.CHECKINS, lambda c: c.id, _content)
    _unique(result, tables.EVENTS, lambda e: e.id, _content)
    _unique(result, tables.FOLLOWUPS, lambda f: f.id, _followup_preference)
    _unique(
        result, tables.BADGES, lambda b: b.badge_id, lambda b: (b.date, b.earned_at, _content(b))
    )
    _unique(result, tables.INTENTIONS, lambda i: i.run_id, lambda i: (_desc(i.set_at), _content(i)))
    _check_references(result)
    return result


# -- choosing one record per key -----------------------------------------------------


def _content(record: Any, exclude: frozenset[str] = frozenset()) -> str:
    """A record's stored text: the last tie-break, the same on every machine."""
    return stored_text(record, exclude)


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
    # Changed last; at the same moment, the copy that reaches further (it knows of a join).
    return (_desc(run.changed_at), _desc(run.last_date), _content(run, frozenset({"number"})))


def _entry_preference(entry: Any) -> tuple[Any, ...]:
    # seq is left out: a merge gives it anew
    return (_desc(entry.updated_at), _desc(_content(entry, frozenset({"seq"}))))


def _rest_preference(rest: Any) -> tuple[Any, ...]:
    declared = rest.declared_at
    return (declared is None, declared.isoformat() if declared else "", _content(rest))


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


def _unique_runs(result: Normalized) -> list[Run]:
    """One run per id: the preferred copy, joined if any copy was (a join is never undone)."""
    groups: dict[str, list[Run]] = {}
    for item in result.items.get(tables.RUNS, []):
        groups.setdefault(item.record.id, []).append(item.record)
    runs = _unique(result, tables.RUNS, lambda run: run.id, _run_preference)
    merged = []
    for run in runs:
        targets = sorted({r.joined_into for r in groups[run.id] if r.joined_into})
        if targets and run.joined_into != targets[0]:
            run = replace(run, joined_into=targets[0])
        merged.append(run)
    return merged


def _join_overlapping(runs: list[Run], result: Normalized) -> tuple[list[Run], dict[str, Run]]:
    """The runs kept (by start date, none overlapping), and for each joined run the run it
    joined. Runs an earlier merge joined stay joined; the others are swept by start date:
    the runs kept so far do not overlap, so their last days grow with their starts and the
    first one still running when a new run starts is the earliest-started one it overlaps."""
    present = {run.id: run for run in runs}
    earlier = {run.id: run for run in runs if _resolve(run.id, present) is not None}
    kept: list[Run] = []
    lasts: list[date] = []
    swept_into: dict[str, Run] = {}
    for run in sorted((r for r in runs if r.id not in earlier), key=lambda r: (r.start, r.id)):
        index = bisect_left(lasts, run.start)
        if index == len(kept):
            kept.append(run)
            lasts.append(run.last_date)
            continue
        swept_into[run.id] = kept[index]
        result.joins.append((run, kept[index]))
    doc_ids = {item.record.id: item.doc_id for item in result.items.get(tables.RUNS, [])}
    joined_into = dict(swept_into)
    for run_id in earlier:
        final = _resolve(run_id, present)
        assert final is not None
        joined_into[run_id] = swept_into.get(final, present[final])
    members: dict[str, list[Run]] = {}
    for run_id, target in joined_into.items():
        members.setdefault(target.id, []).append(present[run_id])
        _mark_joined(result, present[run_id], target, doc_ids)
    return _extended(kept, members, result, doc_ids), joined_into


def _resolve(run_id: str, present: dict[str, Run]) -> str | None:
    """The run a run was joined into by an earlier merge, through any chain of joins; None
    when it was not joined, or its target is not here (then it counts as a run again)."""
    seen = {run_id}
    target = present[run_id].joined_into
    while target is not None and target in present and target not in seen:
        seen.add(target)
        if present[target].joined_into is None:
            return target
        target = present[target].joined_into
    return None


def _mark_joined(result: Normalized, run: Run, target: Run, doc_ids: dict[str, str]) -> None:
    """A joined run is stored with the run it joined, and never read as a run again."""
    doc_id = doc_ids.get(run.id, "")
    marked = run if run.joined_into == target.id else replace(run, joined_into=target.id)
    if run.joined_into != target.id:
        result.updates.append(
            (
                tables.RUNS,
                doc_id,
                f"run {run.number} ({run.start.isoformat()}) overlaps run {target.number} "
                f"({target.start.isoformat()}): joined into it",
                {"joined_into": target.id},
            )
        )
    result.joined.append(Item(doc_id, marked))


def _extended(
    kept: list[Run], members: dict[str, list[Run]], result: Normalized, doc_ids: dict[str, str]
) -> list[Run]:
    """Each run that others joined reaches as far as they did, up to the day before the
    next run (and the longest a run may be)."""
    extended = []
    for index, run in enumerate(kept):
        reach = max((m.last_date for m in members.get(run.id, [])), default=run.last_date)
        limit = kept[index + 1].start - timedelta(days=1) if index + 1 < len(kept) else date.max
        longest = run.start + timedelta(days=MAX_RUN_DAYS - 1)
        last = min(reach, limit, longest)
        if last > run.last_date:
            length = (last - run.start).days + 1
            # Dated by what it learned from, not by a clock: the same on every machine.
            changed = max(m.changed_at for m in (run, *members[run.id]))
            updates = {"length": length, "ended_on": None, "updated_at": changed}
            result.updates.append(
                (
                    tables.RUNS,
                    doc_ids.get(run.id, ""),
                    f"now {length} days long, as far as the run that joined it went",
                    {**updates, "updated_at": changed.isoformat().replace("+00:00", "Z")},
                )
            )
            run = replace(run, length=length, ended_on=None, updated_at=changed)
        extended.append(run)
    return extended


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
            run = replace(run, number=number)
        numbered.append(Item(doc_id, run))
    return numbered


def _rekey(result: Normalized, kept: list[Run], joined_into: dict[str, Run]) -> None:
    """Records of joined or missing runs move to the run their date belongs to: the one
    that covers it, else the latest that began before it, else the first. That depends on
    the runs alone, not on which run a record came from, so a record reached by a join
    today and one whose run is missing tomorrow land in the same place."""
    kept_ids = {run.id for run in kept}
    starts = [run.start for run in kept]
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
            target = _home_run(kept, starts, on) if on is not None else None
            target = target or joined_into.get(record.run_id)
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
            moved.append(Item(item.doc_id, replace(record, run_id=target.id)))
        result.items[table] = moved


def _home_run(runs: list[Run], starts: list[date], on: date) -> Run | None:
    """The run a date belongs to: the latest that began on or before it (the one that
    covers it, when one does; runs are by start date and do not overlap), else the first."""
    index = bisect_right(starts, on) - 1
    return runs[max(index, 0)] if runs else None


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
