"""Which asks a person can be handed, and, when too few are left, what would open more."""

from __future__ import annotations

from dataclasses import replace

from rejection_therapy.core.models import Run, Settings
from rejection_therapy.core.situation import AskFit, Situation, fit_of
from rejection_therapy.packs.registry import LoadedPack, PackedChallenge, challenges_of

OPENER_LABELS = {
    "out": "asks out of the house",
    "face-to-face": "face-to-face asks",
    "phone": "phone asks",
    "online": "online asks",
    "money": "asks that cost a little",
    "job": "asks that need a job",
    "student": "asks for students",
    "community": "asks that need a club or group",
}


def ask_key(pack: str, ask_id: str) -> str:
    return f"{pack}/{ask_id}"


def fit_of_item(item: PackedChallenge) -> AskFit:
    challenge = item.challenge
    return fit_of(challenge.tags, challenge.needs, challenge.via, challenge.after, challenge.goals)


def known_tags(packs: list[LoadedPack]) -> set[str]:
    """The tags the draw excludes by: the written ones and those needs and via imply."""
    return {tag for item in challenges_of(packs, None) for tag in fit_of_item(item).tags}


def id_map_of(packs: list[LoadedPack]) -> dict[str, str | None]:
    """Every pack's old ask ids, as `pack/old` → `pack/new` (None: the ask was removed)."""
    return {
        ask_key(loaded.id, old): ask_key(loaded.id, new) if new else None
        for loaded in packs
        for old, new in loaded.pack.id_map.items()
    }


def mapped(keys: set[str], id_map: dict[str, str | None]) -> set[str]:
    """Keys as they are now: an old id also names the ask that replaced it."""
    return keys | {new for key in keys if (new := id_map.get(key))}


def eligible(
    packs: list[LoadedPack],
    settings: Settings,
    run: Run | None,
    situation: Situation,
    *,
    after: str | None = None,
) -> list[PackedChallenge]:
    """The asks of the enabled packs the person can make, minus excluded tags and retired
    asks: the daily ones (after=None), or those that follow one kind of event."""
    enabled = [p.id for p in packs if p.id not in settings.disabled_packs]
    if run is not None and run.packs is not None:
        enabled = [pack for pack in enabled if pack in run.packs]
    excluded = set(settings.excluded_tags)
    retired = mapped(set(settings.retired_asks), id_map_of(packs))
    pool = []
    for item in challenges_of(packs, enabled):
        fit = fit_of_item(item)
        if (
            fit.after == after
            and situation.allows(fit)
            and not excluded.intersection(fit.tags)
            and ask_key(item.pack, item.challenge.id) not in retired
        ):
            pool.append(item)
    return pool


def openers(
    packs: list[LoadedPack], settings: Settings, run: Run | None, size: int
) -> list[tuple[int, str]]:
    """Each change that would add asks to a pool of `size`: (asks added, what to do)."""
    situation = settings.situation
    found: list[tuple[int, str]] = []

    def added(changed: Settings, answers: Situation) -> int:
        return len(eligible(packs, changed, run, answers)) - size

    for key in situation.answered_no:
        more = added(settings, situation.with_answer(key, True))
        if more > 0:
            found.append(
                (
                    more,
                    f"allow {OPENER_LABELS[key]} to add {more} asks "
                    f"(`rejection-therapy profile set {key}=yes`)",
                )
            )
    known = {p.id for p in packs}
    for pack in settings.disabled_packs:
        if pack not in known:
            continue
        changed = replace(
            settings, disabled_packs=[p for p in settings.disabled_packs if p != pack]
        )
        more = added(changed, situation)
        if more > 0:
            found.append(
                (
                    more,
                    f"enable the {pack} pack to add {more} asks (`rejection-therapy packs enable {pack}`)",
                )
            )
    for tag in settings.excluded_tags:
        kept = [t for t in settings.excluded_tags if t != tag]
        more = added(replace(settings, excluded_tags=kept), situation)
        if more > 0:
            value = ",".join(kept) or '""'
            found.append(
                (
                    more,
                    f"stop excluding {tag} to add {more} asks "
                    f"(`rejection-therapy config excluded_tags {value}`)",
                )
            )
    return sorted(found, key=lambda pair: -pair[0])


def pool_problem(
    packs: list[LoadedPack],
    settings: Settings,
    run: Run,
    pool: list[PackedChallenge],
    unused: int | None,
) -> str:
    """One line: why the asks do not carry the run, and the two changes that add most."""
    if unused is None:
        start = "No ask of the enabled packs fits your situation and settings"
    else:
        start = (
            f"The {unused} ask{'' if unused == 1 else 's'} left cannot carry the rest of run "
            f"{run.number} without a "
            "repeat or a jump of more than one rung"
        )
    choices = [text for _more, text in openers(packs, settings, run, len(pool))[:2]]
    if not choices:
        choices = ["add asks of your own (`rejection-therapy packs new NAME`)"]
    return f"{start}: {', or '.join(choices)}."
