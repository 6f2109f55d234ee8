"""The daily ask: drawn when a day's ask is first read, then stored for good.

The draw offers only asks the person can make (their situation, core/situation.py), on a
ladder that listens to their fear ratings and swaps (core/ladder.py), and says so when the
asks left cannot carry the rest of the run.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rejection_therapy.core.days import day_number
from rejection_therapy.core.ladder import (
    PastAsk,
    Shift,
    base_rung,
    carries,
    ladder_shift,
    shifted_target,
    targets_left,
)
from rejection_therapy.core.models import DailyAsk, Run, Settings
from rejection_therapy.core.scheduler import Candidate, choose_ask, draw_seed
from rejection_therapy.core.situation import GOAL_PACKS, GOAL_WEIGHT
from rejection_therapy.packs.registry import PackedChallenge
from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.pool import (
    ask_key,
    eligible,
    fit_of_item,
    id_map_of,
    mapped,
    pool_problem,
)
from rejection_therapy.service.snapshot import Snapshot
from rejection_therapy.storage.records import DAILY_ASKS, to_document
from rejection_therapy.storage.transaction import Transaction

__all__ = ["ask_key", "daily_ask_record"]  # ask_key: where other modules took it


def ensure_daily_ask(
    ctx: Context, transaction: Transaction, snapshot: Snapshot, run: Run, on: date
) -> DailyAsk:
    existing = snapshot.state.daily_ask(run.id, on)
    if existing is not None:
        return existing
    ask = draw(ctx, snapshot, run, on, swapped_away=[])
    transaction.insert(DAILY_ASKS, to_document(ask))
    return ask


def swap_daily_ask(
    ctx: Context, transaction: Transaction, snapshot: Snapshot, run: Run, on: date
) -> DailyAsk:
    """Replace the day's ask once; the swapped-away ask counts as used."""
    current = ensure_daily_ask(ctx, transaction, snapshot, run, on)
    if current.swapped_away:
        raise UserError(
            "today's ask was already swapped (one swap a day); "
            "make it, or log an ask of your own with --ask"
        )
    replacement = swap_draw(ctx, snapshot, run, current)
    replace_daily_ask(ctx, transaction, snapshot, replacement)
    return replacement


def swap_draw(ctx: Context, snapshot: Snapshot, run: Run, current: DailyAsk) -> DailyAsk:
    """The ask that replaces `current` (on the same rung shift; it counts as used)."""
    swapped = [ask_key(current.pack, current.ask_id)]
    shift = Shift(current.rung_shift, current.shift_since, current.ladder_note)
    return draw(ctx, snapshot, run, current.date, swapped_away=swapped, shift=shift)


def replace_daily_ask(
    ctx: Context, transaction: Transaction, snapshot: Snapshot, replacement: DailyAsk
) -> None:
    on = replacement.date.isoformat()
    transaction.remove(
        DAILY_ASKS,
        lambda ask: ask.get("run_id") == replacement.run_id and ask.get("date") == on,
    )
    transaction.insert(DAILY_ASKS, to_document(replacement))


def ask_pool(ctx: Context, settings: Settings, run: Run) -> list[PackedChallenge]:
    """The asks a run may draw for this person (a UserError names what would open some).
    Kept for the same packs, settings and run: planning a week draws fourteen times."""
    packs = ctx.packs()
    key = (run.id, tuple(run.packs or ()), repr(settings))
    memo = ctx.pool_memo
    kept = memo.get(key)
    if kept is not None and kept[0] is packs:
        return kept[1]
    pool = eligible(packs, settings, run, settings.situation)
    if not pool:
        raise UserError(pool_problem(packs, settings, run, pool, None))
    memo.clear()  # one pool at a time: settings or packs that change replace it
    memo[key] = (packs, pool)
    return pool


def used_asks(ctx: Context, snapshot: Snapshot, run: Run) -> set[str]:
    """The asks a run has drawn or swapped away, under their current ids."""
    used: set[str] = set()
    for ask in snapshot.state.daily_asks:
        if ask.run_id == run.id:
            used.add(ask_key(ask.pack, ask.ask_id))
            used.update(ask.swapped_away)
    return mapped(used, id_map_of(ctx.packs()))


def ladder_for(ctx: Context, snapshot: Snapshot, run: Run, on: date) -> Shift:
    rung = base_rung(day_number(run.start, on), run.length)
    fears = [
        entry.fear_before
        for entry in snapshot.ledger.entries
        if entry.run_id == run.id and entry.difficulty == rung and entry.date < on
    ]
    past = [
        PastAsk(ask.date, bool(ask.swapped_away), ask.rung_shift, ask.shift_since)
        for ask in snapshot.state.daily_asks
        if ask.run_id == run.id
    ]
    return ladder_shift(on, rung, fears, past)


def draw(
    ctx: Context,
    snapshot: Snapshot,
    run: Run,
    on: date,
    swapped_away: list[str],
    shift: Shift | None = None,
) -> DailyAsk:
    settings = snapshot.settings
    pool = ask_pool(ctx, settings, run)
    by_key = {ask_key(item.pack, item.challenge.id): item for item in pool}
    used = used_asks(ctx, snapshot, run) | set(swapped_away)
    shift = shift if shift is not None else ladder_for(ctx, snapshot, run, on)
    goal_pack = GOAL_PACKS.get(settings.situation.goal or "")
    candidates = [
        Candidate(
            key,
            item.challenge.difficulty,
            settings.pack_weights.get(item.pack, 1.0)
            * (GOAL_WEIGHT if item.pack == goal_pack else 1.0),
        )
        for key, item in by_key.items()
    ]
    day = day_number(run.start, on)
    chosen = choose_ask(
        candidates,
        used,
        day,
        run.length,
        draw_seed(run.id, on, len(swapped_away)),
        target=shifted_target(day, run.length, shift),
    )
    unused = [item.challenge.difficulty for key, item in by_key.items() if key not in used]
    note = ""
    if not carries(unused, targets_left(day, run.length)):
        note = pool_problem(ctx.packs(), settings, run, pool, len(unused))
    ask = daily_ask_record(run, on, by_key[chosen.key], swapped_away)
    return replace(
        ask,
        rung_shift=shift.rung,
        shift_since=shift.since,
        ladder_note="" if swapped_away else shift.note,
        pool_note=note,
    )


def daily_ask_record(
    run: Run, on: date, item: PackedChallenge, swapped_away: list[str]
) -> DailyAsk:
    challenge = item.challenge
    fit = fit_of_item(item)
    return DailyAsk(
        run_id=run.id,
        date=on,
        ask_id=challenge.id,
        text=challenge.ask,
        pack=item.pack,
        difficulty=challenge.difficulty,
        category=challenge.category,
        tip=challenge.tip,
        why_prompt=challenge.why_prompt,
        safety=challenge.safety,
        swapped_away=swapped_away,
        needs=list(fit.needs),
        via=list(fit.via),
        tags=list(fit.tags),
        who=challenge.who,
        push=challenge.push,
    )
