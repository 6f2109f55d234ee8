"""A realistic, reproducible history for demos, screenshots and benchmarks."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from rejection_therapy.core.badges import BADGES
from rejection_therapy.core.days import day_number
from rejection_therapy.core.ledger import Ledger
from rejection_therapy.core.models import DailyAsk, EarnedBadge, Entry, Outcome, Run
from rejection_therapy.core.scheduler import Candidate, choose_ask, draw_seed
from rejection_therapy.packs.registry import PackedChallenge
from rejection_therapy.service.asks import ask_key, ask_pool, daily_ask_record
from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.snapshot import Snapshot
from rejection_therapy.storage.records import BADGES as BADGE_TABLE
from rejection_therapy.storage.records import DAILY_ASKS, ENTRIES, RUNS, to_document

DEFAULT_DEMO_DAYS = 42
MINUTES_IN_DAY = 24 * 60
NOTES = (
    "Voice shook for the first sentence, then it was fine.",
    "They laughed, kindly. I laughed too.",
    "Asked why: it was policy, not me.",
    "Smaller ask worked after the first no.",
    "Waited ten minutes before I dared; the ask took ten seconds.",
    "They said no and offered something else instead.",
    "Felt silly, but nobody else even noticed.",
    "Got a yes: next time ask bigger.",
)
OUTCOME_WEIGHTS = ((Outcome.NO, 55), (Outcome.YES, 30), (Outcome.WHY, 15))
EXTRA_ENTRY_WEIGHTS = ((0, 70), (1, 22), (2, 6), (3, 2))


@dataclass
class DemoSummary:
    days: int
    runs: int
    entries: int
    badges: int


def demo(
    ctx: Context, days: int | None = None, seed: int = 0, extra_per_day: int = 0
) -> DemoSummary:
    days = DEFAULT_DEMO_DAYS if days is None else days
    if not 1 <= days <= 40_000:
        raise UserError(f"--days {days} is out of range; use 1 to 40000")
    if not 0 <= extra_per_day <= 100:
        raise UserError(f"--extra-per-day {extra_per_day} is out of range; use 0 to 100")
    with ctx.change() as (transaction, snapshot):
        if snapshot.state.entries:
            raise UserError(
                f"{ctx.paths.home} already holds a history; demo only fills an empty home "
                "(set REJECTION_THERAPY_HOME to a new folder to try it)"
            )
        transaction.remove(RUNS, lambda _run: True)
        transaction.remove(DAILY_ASKS, lambda _ask: True)
        rng = random.Random(seed)
        runs = _demo_runs(ctx, snapshot, days, rng)
        pool = ask_pool(ctx, snapshot.settings, runs[-1])
        entries, asks = _demo_days(rng, snapshot, runs, pool, extra_per_day)
        transaction.insert_many(RUNS, [to_document(run) for run in runs])
        transaction.insert_many(DAILY_ASKS, [to_document(ask) for ask in asks])
        transaction.insert_many(ENTRIES, [to_document(entry) for entry in entries])
        badges = _demo_badges(snapshot, runs, entries)
        transaction.insert_many(BADGE_TABLE, [to_document(badge) for badge in badges])
        return DemoSummary(days, len(runs), len(entries), len(badges))


def _demo_runs(ctx: Context, snapshot: Snapshot, days: int, rng: random.Random) -> list[Run]:
    length = snapshot.settings.run_length
    first = snapshot.today - timedelta(days=days)
    runs = []
    start = first
    number = 1
    while start <= snapshot.today:
        created = datetime.combine(start, time(9), tzinfo=snapshot.settings.zone)
        runs.append(
            Run(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                number=number,
                start=start,
                length=length,
                created_at=created.astimezone(UTC),
            )
        )
        start += timedelta(days=length)
        number += 1
    return runs


def _weighted(rng: random.Random, weights: tuple[tuple[object, int], ...]) -> object:
    return rng.choices([value for value, _ in weights], [weight for _, weight in weights])[0]


def _demo_days(
    rng: random.Random,
    snapshot: Snapshot,
    runs: list[Run],
    pool: list[PackedChallenge],
    extra_per_day: int = 0,
) -> tuple[list[Entry], list[DailyAsk]]:
    by_key = {ask_key(item.pack, item.challenge.id): item for item in pool}
    candidates = [Candidate(key, item.challenge.difficulty) for key, item in by_key.items()]
    entries: list[Entry] = []
    asks: list[DailyAsk] = []
    zone = snapshot.settings.zone
    for run in runs:
        used: set[str] = set()
        on = run.start
        while on <= run.last_date and on < snapshot.today:
            chosen = choose_ask(
                candidates, used, day_number(run.start, on), run.length, draw_seed(run.id, on, 0)
            )
            used.add(chosen.key)
            item = by_key[chosen.key]
            asks.append(daily_ask_record(run, on, item, []))
            if rng.random() >= 0.07:
                entries.extend(
                    _day_entries(rng, run, on, item, pool, zone, len(entries) + 1, extra_per_day)
                )
            on += timedelta(days=1)
    return entries, asks


def _day_entries(
    rng: random.Random,
    run: Run,
    on: date,
    daily: PackedChallenge,
    pool: list[PackedChallenge],
    zone: object,
    seq: int,
    extra_per_day: int = 0,
) -> list[Entry]:
    count = 1 + int(_weighted(rng, EXTRA_ENTRY_WEIGHTS)) + extra_per_day  # type: ignore[call-overload]
    result = []
    minute = rng.randrange(8 * 60, 21 * 60)
    for index in range(count):
        item = daily if index == 0 else rng.choice(pool)
        outcome = _weighted(rng, OUTCOME_WEIGHTS)
        # Every entry stays inside its own day, however many there are (stress histories).
        within_day = min(minute, MINUTES_IN_DAY - (count - index))
        local = datetime.combine(on, time(0), tzinfo=zone) + timedelta(minutes=within_day)  # type: ignore[arg-type]
        instant = local.astimezone(UTC)
        result.append(
            Entry(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                run_id=run.id,
                date=on,
                outcome=outcome,  # type: ignore[arg-type]
                ask_text=item.challenge.ask,
                ask_id=item.challenge.id if index == 0 else None,
                pack=item.pack if index == 0 else None,
                difficulty=item.challenge.difficulty,
                own=index > 0,
                note=rng.choice(NOTES) if rng.random() < 0.4 else "",
                asked_why=outcome is Outcome.WHY or (outcome is Outcome.NO and rng.random() < 0.2),
                created_at=instant,
                updated_at=instant,
                seq=seq + index,
            )
        )
        minute += rng.randrange(10, 90)
    return result


def _demo_badges(snapshot: Snapshot, runs: list[Run], entries: list[Entry]) -> list[EarnedBadge]:
    """Each badge earned on the first day its goal was reached (metrics only grow)."""
    dates = sorted({entry.date for entry in entries})
    if not dates:
        return []

    def metrics_on(day: date) -> dict[str, int]:
        prefix = [e for e in entries if e.date <= day]
        return Ledger(day, runs, prefix, snapshot.state.rest_dates).metrics()

    final = metrics_on(dates[-1])
    earned = []
    for rule in BADGES:
        if final.get(rule.metric, 0) < rule.goal:
            continue
        low, high = 0, len(dates) - 1
        while low < high:
            middle = (low + high) // 2
            if metrics_on(dates[middle]).get(rule.metric, 0) >= rule.goal:
                high = middle
            else:
                low = middle + 1
        day = dates[low]
        last_entry = max((e for e in entries if e.date == day), key=lambda e: e.created_at)
        earned.append(
            EarnedBadge(
                badge_id=rule.id, earned_at=last_entry.created_at, date=day, entry_id=last_entry.id
            )
        )
    return earned
