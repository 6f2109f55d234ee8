"""Comparing a status record kept up by quick writes with one rebuilt from the data."""

from __future__ import annotations

from typing import Any


def assert_kept_matches_rebuilt(kept: dict[str, Any], rebuilt: dict[str, Any]) -> None:
    """Equal but for the plans and the undo point. Quick writes only ever use plans up (a
    committed day, or a later day's plans dropped after an entry they depend on), so every
    plan the kept record still holds must be one the rebuild makes, word for word. The undo
    point is the quick log's alone (a rebuild has none); the property test checks what
    an undo from it does."""
    differ = sorted(k for k in kept.keys() | rebuilt.keys() if kept.get(k) != rebuilt.get(k))
    assert set(differ) <= {"plans", "undo"}, {k: (kept.get(k), rebuilt.get(k)) for k in differ}
    assert rebuilt["undo"] is None
    for plan in kept["plans"]:
        assert plan in rebuilt["plans"], (plan["kind"], plan["date"])
