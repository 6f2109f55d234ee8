"""Events (a rejection, an interview, an offer) and the asks offered because of them.

Asks marked `after:` in a pack are never the daily ask: they need a live event, so they
are offered beside the daily ask from the day the event is logged until a week after it.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from rejection_therapy.core.models import Entry, Event
from rejection_therapy.core.situation import AFTERS
from rejection_therapy.packs.registry import PackedChallenge
from rejection_therapy.service.context import Context
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.pool import ask_key, eligible, fit_of_item
from rejection_therapy.service.snapshot import Snapshot, new_id
from rejection_therapy.storage.records import EVENTS, to_document
from rejection_therapy.storage.transaction import Transaction

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rejection_therapy.shapes import OfferView

OFFER_DAYS = 7
"""An event's asks are offered until this many days after its date."""
OFFERS_PER_EVENT = 3
MAX_ACTIVE_EVENTS = 12
"""The newest events whose asks are offered (more would crowd the day anyway)."""
EARLIEST_EVENT_DAYS = 60
LATEST_EVENT_DAYS = 365


def active(event: Event, today: date) -> bool:
    return today <= event.date + timedelta(days=OFFER_DAYS)


def log_event(ctx: Context, kind: str, on: date | None = None) -> tuple[Event, list[OfferView]]:
    if kind not in AFTERS:
        raise UserError(f"unknown event {kind!r}; use one of {', '.join(AFTERS)}")
    with ctx.change() as (transaction, snapshot):
        when = on or snapshot.today
        if when < snapshot.today - timedelta(days=EARLIEST_EVENT_DAYS):
            raise UserError(
                f"{when.isoformat()} is more than {EARLIEST_EVENT_DAYS} days ago; "
                "log events from the last two months"
            )
        if when > snapshot.today + timedelta(days=LATEST_EVENT_DAYS):
            raise UserError(f"{when.isoformat()} is more than a year ahead; check the date")
        event = add_event(ctx, transaction, snapshot, kind, when, None)
    after = ctx.read()
    return event, [o for o in offers(ctx, after) if o["event_date"] == when.isoformat()]


def add_event(
    ctx: Context,
    transaction: Transaction,
    snapshot: Snapshot,
    kind: str,
    on: date,
    entry_id: str | None,
) -> Event:
    event = Event(
        id=new_id(),
        kind=kind,  # type: ignore[arg-type]  # checked when stored (to_document)
        date=on,
        created_at=snapshot.now,
        entry_id=entry_id,
    )
    transaction.insert(EVENTS, to_document(event))
    return event


def offers(ctx: Context, snapshot: Snapshot) -> list[OfferView]:
    """The asks offered today because of events, a few per event, the same all week."""
    progress = snapshot.ledger.current
    run = progress.run if progress else None
    offered: list[OfferView] = []
    seen: set[str] = set()
    events = sorted(
        (e for e in snapshot.state.events if active(e, snapshot.today)),
        key=lambda e: (e.date, e.created_at),
    )[-MAX_ACTIVE_EVENTS:]  # a file with thousands of events must not slow `today`
    pools: dict[str, list[PackedChallenge]] = {}
    for event in events:
        done = _logged_since(snapshot.ledger.entries, event)
        if event.kind not in pools:
            pools[event.kind] = eligible(
                ctx.packs(),
                snapshot.settings,
                run,
                snapshot.settings.situation,
                after=event.kind,
            )
        pool = pools[event.kind]
        keys = sorted(ask_key(item.pack, item.challenge.id) for item in pool)
        by_key = {ask_key(item.pack, item.challenge.id): item for item in pool}
        picked = random.Random(event.id).sample(keys, min(OFFERS_PER_EVENT, len(keys)))
        for key in picked:
            if key in seen or key in done:
                continue
            seen.add(key)
            item = by_key[key]
            challenge, fit = item.challenge, fit_of_item(item)
            offered.append(
                {
                    "key": key,
                    "id": challenge.id,
                    "text": challenge.ask,
                    "pack": item.pack,
                    "difficulty": challenge.difficulty,
                    "category": challenge.category,
                    "tip": challenge.tip,
                    "why_prompt": challenge.why_prompt,
                    "safety": challenge.safety,
                    "needs": list(fit.needs),
                    "via": list(fit.via),
                    "tags": list(fit.tags),
                    "who": challenge.who,
                    "push": challenge.push,
                    "after": event.kind,
                    "event_date": event.date.isoformat(),
                }
            )
    return offered


def find_offer(ctx: Context, snapshot: Snapshot, ref: str) -> OfferView:
    """An offer by its number in `today` (1, 2, ...) or its key (pack/ask-id)."""
    open_offers = offers(ctx, snapshot)
    text = ref.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= len(open_offers):
        return open_offers[int(text) - 1]
    found = next((offer for offer in open_offers if offer["key"] == text), None)
    if found is not None:
        return found
    if not open_offers and any(active(e, snapshot.today) for e in snapshot.state.events):
        raise UserError(
            "no ask is offered today: every ask that follows your events is logged, or "
            "none fits your situation (`rejection-therapy profile`)"
        )
    if not open_offers:
        raise UserError(
            "no ask is offered today; note an event first "
            "(`rejection-therapy event interview --on friday`)"
        )
    listed = ", ".join(f"{n} = {o['key']}" for n, o in enumerate(open_offers, 1))
    raise UserError(f"--offer {ref!r} is not offered today; use one of: {listed}")


def _logged_since(entries: list[Entry], event: Event) -> set[str]:
    return {
        ask_key(entry.pack, entry.ask_id)
        for entry in entries
        if entry.pack and entry.ask_id and entry.created_at >= event.created_at
    }
