"""Comparing a status record kept up by quick writes with one rebuilt from the data."""

from __future__ import annotations

from typing import Any


def assert_kept_matches_rebuilt(kept: dict[str, Any], rebuilt: dict[str, Any]) -> None:
    """Equal but for the plans, the undo point and the streak walk's state (a quick write
    may keep one of an earlier day: it must be the state the data gives for that day). Quick writes only ever use plans up (a
    committed day, or a later day's plans dropped after an entry they depend on), so every
    plan the kept record still holds must be one the rebuild makes, word for word. The undo
    point is the quick log's alone (a rebuild has none); the property test checks what
    an undo from it does."""
    differ = sorted(k for k in kept.keys() | rebuilt.keys() if kept.get(k) != rebuilt.get(k))
    allowed = {"plans", "undo", "streak_since"}
    assert set(differ) <= allowed, {k: (kept.get(k), rebuilt.get(k)) for k in differ}
    since = kept["streak_since"]
    if since is not None:  # a walk's state from an earlier day: still the walk's, for that day
        from datetime import date

        from rejection_therapy.views import streak_since_of

        assert since == streak_since_of(rebuilt, date.fromisoformat(since[0]))
    assert rebuilt["undo"] is None
    for plan in kept["plans"]:
        assert plan in rebuilt["plans"], (plan["kind"], plan["date"])
