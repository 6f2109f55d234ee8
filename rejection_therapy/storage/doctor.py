"""Health checks of the data file: parse, schema, record shapes, ids, dates, references."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from rejection_therapy.core.models import (
    CheckIn,
    DailyAsk,
    EarnedBadge,
    Entry,
    FollowUp,
    Intention,
    Run,
)
from rejection_therapy.storage import records as tables

MODELS: dict[str, type[BaseModel]] = {
    tables.RUNS: Run,
    tables.ENTRIES: Entry,
    tables.DAILY_ASKS: DailyAsk,
    tables.BADGES: EarnedBadge,
    tables.FOLLOWUPS: FollowUp,
    tables.CHECKINS: CheckIn,
    tables.INTENTIONS: Intention,
}


@dataclass(frozen=True)
class Finding:
    """One thing the doctor noticed; `broken` ones can be dropped by --repair."""

    table: str
    doc_id: str
    message: str
    broken: bool = True

    def __str__(self) -> str:
        return f"{self.table} #{self.doc_id}: {self.message}"


@dataclass
class Checkup:
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.broken]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if not f.broken]


def examine(data: dict[str, Any]) -> Checkup:
    """Check every record of parsed data; nothing is changed."""
    checkup = Checkup()
    valid: dict[str, dict[str, Any]] = {}
    for table, model in MODELS.items():
        documents = data.get(table, {})
        checkup.counts[table] = len(documents)
        valid[table] = {}
        for doc_id, document in documents.items():
            try:
                valid[table][doc_id] = model.model_validate(document)
            except ValidationError as error:
                problem = error.errors()[0]
                where = ".".join(str(p) for p in problem["loc"])
                checkup.findings.append(
                    Finding(table, doc_id, f"invalid {where}: {problem['msg']}")
                )
    _check_ids(valid, checkup)
    _check_references(valid, checkup)
    return checkup


def _check_ids(valid: dict[str, dict[str, Any]], checkup: Checkup) -> None:
    seen: dict[str, str] = {}
    for doc_id, entry in valid[tables.ENTRIES].items():
        if entry.id in seen:
            checkup.findings.append(
                Finding(tables.ENTRIES, doc_id, f"duplicate id {entry.id} (also #{seen[entry.id]})")
            )
        seen[entry.id] = doc_id
        try:
            uuid.UUID(entry.id)
        except ValueError:
            checkup.findings.append(
                Finding(tables.ENTRIES, doc_id, f"id {entry.id!r} is not a UUID", broken=False)
            )


def _check_references(valid: dict[str, dict[str, Any]], checkup: Checkup) -> None:
    runs = {run.id: run for run in valid[tables.RUNS].values()}
    entries = {entry.id for entry in valid[tables.ENTRIES].values()}
    for doc_id, entry in valid[tables.ENTRIES].items():
        run = runs.get(entry.run_id)
        if run is None:
            checkup.findings.append(
                Finding(
                    tables.ENTRIES, doc_id, f"belongs to a run that does not exist ({entry.run_id})"
                )
            )
        elif not run.covers(entry.date):
            checkup.findings.append(
                Finding(
                    tables.ENTRIES,
                    doc_id,
                    f"dated {entry.date} outside run {run.number}",
                    broken=False,
                )
            )
    for table, key in ((tables.FOLLOWUPS, "entry_id"), (tables.BADGES, "entry_id")):
        for doc_id, record in valid[table].items():
            target = getattr(record, key)
            if target is not None and target not in entries:
                broken = (
                    table == tables.FOLLOWUPS
                )  # a badge outlives the entry's record only if undone
                checkup.findings.append(
                    Finding(table, doc_id, f"points at a missing entry ({target})", broken=broken)
                )
    for table in (tables.DAILY_ASKS, tables.CHECKINS, tables.INTENTIONS):
        for doc_id, record in valid[table].items():
            if record.run_id not in runs:
                checkup.findings.append(
                    Finding(table, doc_id, f"points at a missing run ({record.run_id})")
                )
