"""The one validator of stored data: every table, every value, within core/bounds.py.

Every reader of a home (the service, `doctor`, `import`, later a sync) checks the data
through `check_tables`. Each document is read by storage/documents.py's plain checks; one
they do not accept is validated by its pydantic schema (storage/schemas.py), imported only
then. What fails is handled by the caller's mode:

- lenient (reading a home): a value out of bounds that has one sensible repair (a text
  too long, a control character, a difficulty of 9, a run of 10**15 days) is repaired in
  memory; a document that cannot be read at all (an id that is a list, a date `nope`) is
  set aside, kept on disk untouched; both are reported for `doctor` to write or move
  aside. A home is therefore never made unreadable by one bad record.
- strict (an import): any problem is an error and nothing is written.

Then the records of all tables are put in order together (storage/normalize.py):
duplicates, overlapping runs, references to runs that were joined or are missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from rejection_therapy.core.models import (
    CheckIn,
    DailyAsk,
    EarnedBadge,
    Entry,
    Event,
    FollowUp,
    Intention,
    RestDay,
    Run,
    Settings,
    Tombstone,
)
from rejection_therapy.storage import records as tables
from rejection_therapy.storage.documents import read_plainly, read_settings_plainly
from rejection_therapy.storage.normalize import Item, Normalized, normalize

MODELS: dict[str, type[Any]] = {
    tables.RUNS: Run,
    tables.ENTRIES: Entry,
    tables.DAILY_ASKS: DailyAsk,
    tables.BADGES: EarnedBadge,
    tables.REST_DAYS: RestDay,
    tables.TOMBSTONES: Tombstone,
    tables.FOLLOWUPS: FollowUp,
    tables.CHECKINS: CheckIn,
    tables.INTENTIONS: Intention,
    tables.EVENTS: Event,
}
"""Every table of records; `settings` and `meta` are checked on their own."""

SET_ASIDE = "set aside"
REPAIRED = "repaired"
NOTE = "note"
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MAX_REPAIR_ROUNDS = 4


@dataclass(frozen=True)
class Finding:
    """One thing the check noticed, and what reading does about it."""

    table: str
    doc_id: str
    message: str
    action: str = SET_ASIDE
    """SET_ASIDE: the document is left out; REPAIRED: read with the value repaired;
    NOTE: read as it is (worth knowing, nothing to repair)."""

    def __str__(self) -> str:
        where = f"{self.table} #{self.doc_id}" if self.doc_id else self.table
        return f"{where}: {self.message}"


@dataclass
class Checked:
    """A home's data as readers see it, and what was done to get there."""

    items: dict[str, list[Item]]
    settings: Settings | None
    findings: list[Finding] = field(default_factory=list)
    changed: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Documents whose stored form differs from what is read (repaired or re-keyed)."""
    set_aside: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Documents left out, by table and document id, as they are stored."""
    joined_runs: list[Item] = field(default_factory=list)
    """Runs a merge joined into others: stored (so every later merge agrees), not read."""

    @property
    def problems(self) -> list[Finding]:
        """The findings `doctor --repair` acts on (everything but notes)."""
        return [f for f in self.findings if f.action != NOTE]

    @property
    def needs_repair(self) -> bool:
        return bool(self.problems)

    def records(self, table: str) -> list[Any]:
        return [item.record for item in self.items.get(table, [])]


class ImportProblem(ValueError):
    """Strict mode: the data holds a value it must not; the message locates it."""


def check_tables(data: dict[str, Any], *, strict: bool = False) -> Checked:
    """Check parsed data (table name -> {document id: document}); see the module docstring."""
    checked = check_documents(data, strict=strict)
    normalized = normalize(checked.items)
    _apply(normalized, checked, data, strict)
    checked.items = normalized.items
    checked.joined_runs = normalized.joined
    return checked


def check_documents(data: dict[str, Any], *, strict: bool = False) -> Checked:
    """Every document checked on its own (its values within bounds), not yet put in order
    with the others: a merge puts both homes' records in order at once."""
    checked = Checked({}, None)
    for table, model in MODELS.items():
        documents = data.get(table) or {}
        kept: list[Item] = []
        for doc_id, document in documents.items():
            record, repaired, problems = _validated(model, document)
            if problems and strict:
                raise ImportProblem(f"tables.{table}[{doc_id}].{problems[0]}")
            if record is None:
                checked.findings.append(Finding(table, doc_id, "; ".join(problems)))
                checked.set_aside.setdefault(table, {})[doc_id] = document
                continue
            if problems:
                checked.findings.append(Finding(table, doc_id, "; ".join(problems), REPAIRED))
                checked.changed.setdefault(table, {})[doc_id] = repaired
            kept.append(Item(doc_id, record))
        checked.items[table] = kept
    checked.settings = _settings(
        data.get(tables.SETTINGS) or {}, checked.findings, checked.changed, strict
    )
    return checked


def check_settings_strictly(document: object) -> None:
    """ImportProblem when a settings document from elsewhere holds a value out of bounds."""
    _settings({"1": document}, [], {}, strict=True)


def check_settings(data: dict[str, Any]) -> Settings | None:
    """The stored settings alone, read leniently (a wrong value reads as its default)."""
    return _settings(data.get(tables.SETTINGS) or {}, [], {}, strict=False)


def _validated(kind: type[Any], document: object) -> tuple[Any | None, dict[str, Any], list[str]]:
    """The record, the document it was read from (repaired if it had to be), and the
    problems found; the record is None when no repair makes the document readable."""
    if not isinstance(document, dict):
        return None, {}, ["record: not an object"]
    record = read_plainly(kind, document)
    if record is not None:
        return record, document, []
    from pydantic import ValidationError

    from rejection_therapy.storage.schemas import SCHEMAS, as_record

    model = SCHEMAS[kind]
    current = document
    problems: list[str] = []
    for _ in range(_MAX_REPAIR_ROUNDS):
        try:
            return as_record(kind, model.model_validate(current)), current, problems
        except ValidationError as error:
            errors = error.errors(include_url=False)
            repaired = _repair(model, current, errors)
            problems.extend(_describe(item) for item in errors)
            if repaired is None or repaired == current:
                return None, current, problems
            current = repaired
    return None, current, problems


def _describe(item: Any) -> str:
    where = ".".join(str(part) for part in item["loc"]) or "record"
    value = item.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{where} {shown}: {item['msg']}"


def _repair(model: Any, document: dict[str, Any], errors: list[Any]) -> dict[str, Any] | None:
    """The document with every failing value repaired, or None if one cannot be."""
    repaired = dict(document)
    for item in errors:
        location = item["loc"]
        if not location or not isinstance(location[0], str):
            return None
        name = location[0]
        info = model.model_fields.get(name)
        if info is None:
            return None
        if len(location) == 2 and isinstance(location[1], int):
            values = repaired.get(name)
            if isinstance(values, list):  # one bad item of a list: leave the item out
                repaired[name] = [v for i, v in enumerate(values) if i != location[1]]
                continue
            return None
        fixed = _repaired_value(item, info.metadata)
        if fixed is not _NO_FIX:
            repaired[name] = fixed
        elif not info.is_required():
            repaired.pop(name, None)  # an optional value that is wrong: its default
        else:
            return None
    return repaired


_NO_FIX = object()


def _repaired_value(item: Any, metadata: list[Any]) -> Any:
    """One value brought within its bound, when there is one obvious way to."""
    kind, value = item["type"], item.get("input")
    context = item.get("ctx") or {}
    if kind == "string_too_long" and isinstance(value, str):
        return value[: context["max_length"]]
    if (
        kind == "string_pattern_mismatch"
        and isinstance(value, str)
        and "\\x00" in str(context.get("pattern", ""))
    ):
        return _CONTROLS.sub("", value)
    if kind == "too_long" and isinstance(value, list | dict):
        limit = context.get("max_length", 0)
        return value[:limit] if isinstance(value, list) else dict(list(value.items())[:limit])
    if kind in {"greater_than_equal", "less_than_equal"} and isinstance(value, int):
        low = next((m.ge for m in metadata if getattr(m, "ge", None) is not None), None)
        high = next((m.le for m in metadata if getattr(m, "le", None) is not None), None)
        if isinstance(low, int) and isinstance(high, int):
            return min(max(value, low), high)
    if kind == "timezone_aware" and isinstance(value, str):
        try:
            return datetime.fromisoformat(value).replace(tzinfo=UTC).isoformat()
        except ValueError:
            return _NO_FIX
    return _NO_FIX


def _settings(
    documents: dict[str, Any],
    findings: list[Finding],
    changed: dict[str, dict[str, dict[str, Any]]],
    strict: bool,
) -> Settings | None:
    """The first settings document; a value that is wrong goes back to its default."""
    if not documents:
        return None
    doc_id = min(documents, key=lambda key: int(key) if key.isdigit() else 0)
    document = documents[doc_id]
    if not isinstance(document, dict):
        if strict:
            raise ImportProblem("tables.settings[0]: not a record (expected an object)")
        findings.append(
            Finding(tables.SETTINGS, doc_id, "not a record; defaults are used", REPAIRED)
        )
        changed.setdefault(tables.SETTINGS, {})[doc_id] = {}
        return Settings()
    plain = read_settings_plainly(document)
    if plain is not None:
        return plain
    from pydantic import ValidationError

    from rejection_therapy.storage.schemas import SCHEMAS, as_record

    current = dict(document)
    for _ in range(_MAX_REPAIR_ROUNDS):
        try:
            settings = as_record(Settings, SCHEMAS[Settings].model_validate(current))
        except ValidationError as error:
            for item in error.errors(include_url=False):
                if strict:
                    raise ImportProblem(f"tables.settings[0].{_describe(item)}") from None
                name = item["loc"][0] if item["loc"] else None
                findings.append(
                    Finding(
                        tables.SETTINGS,
                        doc_id,
                        f"{_describe(item)}; the default is used",
                        REPAIRED,
                    )
                )
                current.pop(name, None)
            continue
        if current != document:
            changed.setdefault(tables.SETTINGS, {})[doc_id] = current
        return settings
    return Settings()


def _apply(normalized: Normalized, checked: Checked, data: dict[str, Any], strict: bool) -> None:
    """Record what putting the tables in order did, as findings and changed documents."""
    findings, changed, set_aside = checked.findings, checked.changed, checked.set_aside
    for table, doc_id, message in normalized.left_out:
        if strict:
            continue  # an import resolves duplicates and references by merging
        findings.append(Finding(table, doc_id, message))
        set_aside.setdefault(table, {})[doc_id] = data.get(table, {}).get(doc_id)
    for table, doc_id, message, updates in normalized.updates:
        if strict:
            continue
        findings.append(Finding(table, doc_id, message, REPAIRED))
        stored = changed.get(table, {}).get(doc_id) or data.get(table, {}).get(doc_id) or {}
        changed.setdefault(table, {})[doc_id] = {**stored, **updates}
    for table, doc_id, message in normalized.notes:
        findings.append(Finding(table, doc_id, message, NOTE))
