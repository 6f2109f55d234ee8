"""`stats`, `badges` and `share` as the Ledger computes them from every entry: the oracle
the answers from the status record (fastpath/progress.py) are checked against."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from rejection_therapy.cli.streak import answer_from_record
from rejection_therapy.fastpath.progress import badge_rows, share_snapshot, stats_json
from rejection_therapy.paths import Paths
from rejection_therapy.service import Service
from rejection_therapy.service.coaching import current_gap
from rejection_therapy.share.snapshot import build_snapshot
from rejection_therapy.views import level_json, streak_json


def ledger_stats(service: Service) -> dict[str, Any]:
    """What `stats --json` answered when it read every entry (before the status record)."""
    snapshot = service.read()
    ledger = snapshot.ledger
    run = ledger.current_run
    return {
        "counts": ledger.counts(),
        "entries": len(ledger.entries),
        "days_done": len(ledger.done_dates),
        "runs": len(ledger.runs),
        "badges_earned": len(snapshot.state.badges),
        "xp": ledger.level.xp,
        **level_json(ledger),
        "streak": streak_json(ledger),
        "fear_trend": ledger.fear_trend(run) if run else [],
        "gap": current_gap(snapshot) or None,
    }


def assert_progress_matches_ledger(home: Path, now: datetime, environ: dict[str, str]) -> None:
    """The record's stats, badges and every run's private snapshot equal the Ledger's."""
    environ = {**environ, "REJECTION_THERAPY_NOW": now.isoformat()}
    service = Service(Paths(home), environ=environ)
    record, today = answer_from_record(str(home), environ, lambda record, on: on)
    snapshot = service.read()
    ledger = snapshot.ledger
    assert today == ledger.today
    assert stats_json(record, today) == ledger_stats(service)
    earned = {badge.badge_id: badge.date.isoformat() for badge in snapshot.state.badges}
    expected_rows = [(item, earned.get(item.rule.id)) for item in ledger.badge_progress()]
    assert badge_rows(record, today) == expected_rows
    spans = {span["number"]: span for span in record["runs"]}
    assert sorted(spans) == [run.number for run in ledger.runs]
    for run in ledger.runs:
        expected = build_snapshot(ledger, snapshot.state.badges, run)
        assert share_snapshot(record, today, spans[run.number]) == expected, run.number
