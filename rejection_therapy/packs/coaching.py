"""The coaching bank: `challenges/coaching/*.yaml`, read safely and validated."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rejection_therapy.core.coaching import ToolboxTip
from rejection_therapy.packs.registry import builtin_packs_dir


def coaching_dir() -> Path:
    return builtin_packs_dir() / "coaching"


@lru_cache(maxsize=1)
def load_toolbox() -> tuple[ToolboxTip, ...]:
    """Every toolbox tip (the bank ships with the app; a broken one is our bug)."""
    import yaml
    from pydantic import ValidationError

    from rejection_therapy.packs.coaching_models import Toolbox

    path = coaching_dir() / "toolbox.yaml"
    try:
        data = Toolbox.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise RuntimeError(f"the coaching bank {path} is broken: {error}") from error
    return tuple(
        ToolboxTip(
            id=tip.id,
            kind=tip.kind,
            text=tip.text,
            categories=tuple(tip.categories),
            min_difficulty=tip.min_difficulty,
            max_difficulty=tip.max_difficulty,
            unless_asked_why=tip.unless_asked_why,
            who=tuple(tip.who),
            silence=tip.silence,
            pushes=tip.pushes,
        )
        for tip in data.tips
    )


def tip_text(tip_id: str | None) -> str:
    if tip_id is None:
        return ""
    return next((t.text for t in load_toolbox() if t.id == tip_id), "")
