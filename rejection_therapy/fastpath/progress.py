"""`stats`, `badges` and a private `share` snapshot, answered from the status record.

They need totals, streaks, the grid and the badges, never an entry's words, so the record
(service/status.py) holds all they read: the tally, each run's fold (core/run_folds.py),
the earned badges with their dates and the last check-in's gap. The full service's part is
only to rebuild a stale record; the answer is computed here either way, and
tests/fastpath/test_progress.py checks it against the Ledger's own figures. Standard
library only.
"""

from __future__ import annotations

from datetime import date, timedelta

from rejection_therapy.core.badges import BADGES_BY_ID, BadgeProgress, badge_progress
from rejection_therapy.core.run_folds import (
    NO_ENTRY,
    OUTCOME_OF_MARK,
    empty_fold,
    fear_trend,
    outcome_counts,
)
from rejection_therapy.core.scoring import level_for
from rejection_therapy.core.streaks import FROZEN, FUTURE, MISSED, REST, TODAY
from rejection_therapy.core.tally import EntryTally, badge_metrics
from rejection_therapy.views import facts_today, level_json_for, record_summary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from rejection_therapy.core.streaks import StreakSummary
    from rejection_therapy.shapes import RunFold, RunSpan, StatusRecord

SNAPSHOT_VERSION = 1


def stats_json(record: StatusRecord, today: date) -> dict[str, Any]:
    """`stats --json`: lifetime counts, level, the streak, this run's fear trend, the gap."""
    tally = record["tally"]
    counts = {
        "no": tally["nos"],
        "yes": tally["yes"],
        "why": tally["whys"],
        "pending": tally["entries"] - tally["nos"] - tally["yes"] - tally["whys"],  # type: ignore[operator]
    }
    run = current_run(record, today)
    # the days are counted, not walked: each must be a date (else ValueError: rebuilt)
    for day in (*record["done_dates"], *record["rest_dates"]):
        date.fromisoformat(day)
    return {
        "counts": counts,
        "entries": tally["entries"],
        "days_done": len(record["done_dates"]),
        "runs": len(record["runs"]),
        "badges_earned": len(record["badges"]),
        "xp": level_for(record["total_xp"]).xp,
        **level_json_for(record["total_xp"]),
        "streak": facts_today(record, today),
        "fear_trend": fear_trend(fold_of(record, run)) if run else [],
        "gap": record["gap"] or None,
    }


def badge_rows(record: StatusRecord, today: date) -> list[tuple[BadgeProgress, str | None]]:
    """Every badge in display order with its progress and the date it was earned (None:
    still locked)."""
    earned = {badge_id: on for badge_id, on in record["badges"]}  # (an id's last record wins)
    runs = [
        (date.fromisoformat(r["start"]), date.fromisoformat(r["last"]), r["ended_early"])
        for r in record["runs"]
    ]
    metrics = badge_metrics(
        EntryTally(record["tally"]),
        _walked(record, today),
        runs,
        today,
        record["checkins"],
        record["followups_done"],
    )
    return [(item, earned.get(item.rule.id)) for item in badge_progress(metrics)]


def share_snapshot(record: StatusRecord, today: date, run: RunSpan) -> dict[str, Any]:
    """The private snapshot of one run (share/snapshot.py names what it may hold)."""
    start, last = date.fromisoformat(run["start"]), date.fromisoformat(run["last"])
    length = run["length"]
    facts = facts_today(record, today)
    level = level_for(record["total_xp"])
    fold = fold_of(record, run)
    return {
        "snapshot_version": SNAPSHOT_VERSION,
        "date": today.isoformat(),
        "run": {
            "number": run["number"],
            "start": run["start"],
            "length": length,
            "day": min(max((today - start).days + 1, 0), length),
            "complete": run_complete(today, start, last, fold),
        },
        "streak": {"current": facts["current"], "best": facts["best"], "freezes": facts["freezes"]},
        "counts": outcome_counts(fold),
        "level": {"level": level.level, "xp": level.xp},
        "grid": _grid(record, today, start, fold),
        "badges": [
            {
                "id": badge_id,
                "name": BADGES_BY_ID[badge_id].name,
                "icon": BADGES_BY_ID[badge_id].icon,
                "earned_on": on,
            }
            for badge_id, on in sorted(record["badges"], key=lambda pair: (pair[1], pair[0]))
            if badge_id in BADGES_BY_ID
        ],
        "includes": {"asks": False, "notes": False},
    }


def rendered(snapshot: dict[str, Any], fmt: str, plain: bool) -> str:
    """A snapshot in one of share/'s formats: txt, md, svg, html or json."""
    from rejection_therapy.share import render

    return render(snapshot, fmt, plain)


def current_run(record: StatusRecord, today: date) -> RunSpan | None:
    """The latest run that has started, else the next one to start (Ledger.current_run)."""
    iso = today.isoformat()
    started = [run for run in record["runs"] if run["start"] <= iso]
    if started:
        return started[-1]
    return record["runs"][0] if record["runs"] else None


def run_to_share(record: StatusRecord, today: date) -> RunSpan | None:
    """The run `share` shows unless told (share/snapshot.py `run_to_share`): the current
    one, or the run just finished while the current one has no entry."""
    current = current_run(record, today)
    if current is None or any(fold_of(record, current)["counts"]):
        return current
    iso = today.isoformat()
    finished = [
        run for run in record["runs"] if run["number"] < current["number"] and run["last"] < iso
    ]
    return finished[-1] if finished else current


def run_complete(today: date, start: date, last: date, fold: RunFold) -> bool:
    """Every day of the run is behind the person, or it is the last day and it is done
    (share/snapshot.py `run_complete`)."""
    if today > last:
        return True
    offset = (last - start).days
    return today == last and 0 <= offset < len(fold["marks"]) and fold["marks"][offset] != NO_ENTRY


def run_numbered(record: StatusRecord, number: int) -> RunSpan | None:
    return next((run for run in record["runs"] if run["number"] == number), None)


def fold_of(record: StatusRecord, run: RunSpan) -> RunFold:
    """The run's fold; a run without an entry has none stored."""
    return record["run_folds"].get(run["id"]) or empty_fold(run["length"])  # type: ignore[return-value]


def _walked(record: StatusRecord, today: date) -> StreakSummary:
    """The streak with every day's mark (badges and the grid count them)."""
    return record_summary(record, today, marks=True)


def _grid(record: StatusRecord, today: date, start: date, fold: RunFold) -> list[str]:
    """Each day of the run as it counted (Ledger.day_marks): its best outcome, else rest,
    future, today, frozen or missed."""
    rest = set(record["rest_dates"])
    marks: dict[date, str] | None = None
    grid = []
    for offset, mark in enumerate(fold["marks"]):
        if mark != NO_ENTRY:
            grid.append(OUTCOME_OF_MARK[mark])
            continue
        on = start + timedelta(days=offset)
        if on.isoformat() in rest:
            grid.append(REST)
        elif on > today:
            grid.append(FUTURE)
        else:
            if marks is None:
                marks = _walked(record, today).marks
            streak_mark = marks.get(on)
            if on == today:
                grid.append(REST if streak_mark == REST else TODAY)
            else:
                grid.append(streak_mark if streak_mark in (FROZEN, REST) else MISSED)
    return grid
