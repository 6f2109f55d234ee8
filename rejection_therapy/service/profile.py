"""The person's situation: read it, change it, and keep today's ask one they can make."""

from __future__ import annotations

from dataclasses import replace

from rejection_therapy.core.models import DailyAsk
from rejection_therapy.core.situation import HAVES, fit_of
from rejection_therapy.packs.registry import challenges_of
from rejection_therapy.service.asks import draw, replace_daily_ask
from rejection_therapy.service.context import Context
from rejection_therapy.service.pool import fit_of_item
from rejection_therapy.service.snapshot import Snapshot
from rejection_therapy.storage.records import save_settings
from rejection_therapy.storage.transaction import Transaction


def set_profile(
    ctx: Context, changes: dict[str, str | bool | None], *, asked: bool = True
) -> DailyAsk | None:
    """Apply answers (None forgets one) and note that the questions were put. Returns
    today's new ask when the old one is no longer one the person can make."""
    with ctx.change() as (transaction, snapshot):
        profile = dict(snapshot.settings.profile)
        for key, value in changes.items():
            if value is None:
                profile.pop(key, None)
            else:
                profile[key] = value
        ordered = {k: profile[k] for k in ("goal", *HAVES) if k in profile}
        ordered.update({k: v for k, v in profile.items() if k not in ordered})
        settings = replace(
            snapshot.settings,
            profile=ordered,
            profile_asked=asked or snapshot.settings.profile_asked,
        )
        save_settings(transaction, settings)
        return _refit_today(ctx, transaction, snapshot)


def _refit_today(ctx: Context, transaction: Transaction, snapshot: Snapshot) -> DailyAsk | None:
    """Today's ask, drawn again when the new answers rule it out and nothing has been
    logged for it yet (this is not the day's swap)."""
    progress = snapshot.ledger.current
    if progress is None or not progress.started or progress.complete:
        return None
    run = progress.run
    ask = snapshot.state.daily_ask(run.id, snapshot.today)
    if ask is None or snapshot.ledger.entries_on(snapshot.today):
        return None
    item = next(
        (i for i in challenges_of(ctx.packs(), [ask.pack]) if i.challenge.id == ask.ask_id),
        None,
    )
    fit = fit_of_item(item) if item else fit_of(ask.tags, ask.needs or None, ask.via or None)
    if snapshot.settings.situation.allows(fit):
        return None
    replacement = draw(ctx, snapshot, run, snapshot.today, swapped_away=ask.swapped_away)
    replace_daily_ask(ctx, transaction, snapshot, replacement)
    return replacement
