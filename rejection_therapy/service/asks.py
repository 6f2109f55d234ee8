"""The daily ask: drawn when a day's ask is first read, then stored for good."""

from __future__ import annotations

from datetime import date

from rejection_therapy.core.days import day_number
from rejection_therapy.core.models import DailyAsk, Run, Settings
from rejection_therapy.core.scheduler import Candidate, choose_ask, draw_seed
from rejection_therapy.packs.registry import PackedChallenge, challenges_of
from rejection_therapy.service.base import ServiceBase, Snapshot
from rejection_therapy.service.errors import UserError
from rejection_therapy.storage.records import DAILY_ASKS, to_document
from rejection_therapy.storage.transaction import Transaction


def ask_key(pack: str, ask_id: str) -> str:
    return f"{pack}/{ask_id}"


class AskMixin(ServiceBase):
    """Draws, stores and swaps daily asks."""

    def ensure_daily_ask(
        self, transaction: Transaction, snapshot: Snapshot, run: Run, on: date
    ) -> DailyAsk:
        existing = snapshot.state.daily_ask(run.id, on)
        if existing is not None:
            return existing
        ask = self._draw(snapshot, run, on, swapped_away=[])
        transaction.insert(DAILY_ASKS, to_document(ask))
        return ask

    def swap_daily_ask(
        self, transaction: Transaction, snapshot: Snapshot, run: Run, on: date
    ) -> DailyAsk:
        """Replace the day's ask once; the swapped-away ask counts as used."""
        current = self.ensure_daily_ask(transaction, snapshot, run, on)
        if current.swapped_away:
            raise UserError(
                "today's ask was already swapped (one swap a day); "
                "make it, or log an ask of your own with --ask"
            )
        swapped = [ask_key(current.pack, current.ask_id)]
        replacement = self._draw(snapshot, run, on, swapped_away=swapped)
        self._replace_daily_ask(transaction, snapshot, replacement)
        return replacement

    def _replace_daily_ask(
        self, transaction: Transaction, snapshot: Snapshot, replacement: DailyAsk
    ) -> None:
        on = replacement.date.isoformat()
        transaction.remove(
            DAILY_ASKS,
            lambda ask: ask.get("run_id") == replacement.run_id and ask.get("date") == on,
        )
        transaction.insert(DAILY_ASKS, to_document(replacement))

    def ask_pool(self, settings: Settings, run: Run) -> list[PackedChallenge]:
        """The asks a run may draw: enabled packs, minus excluded tags and retired asks."""
        enabled = [p.id for p in self.packs() if p.id not in settings.disabled_packs]
        if run.packs is not None:
            enabled = [pack for pack in enabled if pack in run.packs]
        if not enabled:
            raise UserError(
                "no enabled pack feeds this run; enable one with `rejection-therapy packs enable ID`"
            )
        excluded = set(settings.excluded_tags)
        retired = set(settings.retired_asks)
        pool = [
            item
            for item in challenges_of(self.packs(), enabled)
            if not excluded.intersection(item.challenge.tags)
            and ask_key(item.pack, item.challenge.id) not in retired
        ]
        if not pool:
            raise UserError(
                "every ask of the enabled packs is excluded by a tag or retired; "
                "change `config excluded_tags` or enable another pack"
            )
        return pool

    def _draw(self, snapshot: Snapshot, run: Run, on: date, swapped_away: list[str]) -> DailyAsk:
        pool = self.ask_pool(snapshot.settings, run)
        weights = snapshot.settings.pack_weights
        by_key = {ask_key(item.pack, item.challenge.id): item for item in pool}
        used = set(swapped_away)
        for ask in snapshot.state.daily_asks:
            if ask.run_id == run.id:
                used.add(ask_key(ask.pack, ask.ask_id))
                used.update(ask.swapped_away)
        candidates = [
            Candidate(key, item.challenge.difficulty, weights.get(item.pack, 1.0))
            for key, item in by_key.items()
        ]
        chosen = choose_ask(
            candidates,
            used,
            day_number(run.start, on),
            run.length,
            draw_seed(run.id, on, len(swapped_away)),
        )
        return daily_ask_record(run, on, by_key[chosen.key], swapped_away)


def daily_ask_record(
    run: Run, on: date, item: PackedChallenge, swapped_away: list[str]
) -> DailyAsk:
    challenge = item.challenge
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
    )
