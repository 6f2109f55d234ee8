"""Snapshot tests of every screen at 60x20, 80x24 and 120x40, fixed clock, seeded demo history.

Update with `uv run pytest tests/tui/test_snapshots.py --snapshot-update`, and only after
looking at the report (snapshot_report.html) to check each picture is right.
"""

from __future__ import annotations

import pytest

from rejection_therapy.core import ids
from tests.tui.conftest import settle

SIZES = [(60, 20), (80, 24), (120, 40)]
SCREENS = {
    "today": "",
    "journey": "j",
    "badges": "b",
    "history": "h",
    "packs": "p",
    "share": "x",
    "help": "question_mark",
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot(snap_compare, make_app, screen, size):
    app = make_app(demo_days=41, poll=3600)

    async def open_screen(pilot) -> None:
        await settle(pilot)
        if SCREENS[screen]:
            await pilot.press(SCREENS[screen])
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_screen)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_reward_panel_snapshot(snap_compare, make_app, size, monkeypatch):
    """The panel after a no on the demo's day 42 (XP, level bar, streak, reframe, tip)."""
    app = make_app(demo_days=41, poll=3600)
    # the toolbox tip is drawn with the new entry's id as its seed: fix the ids to come
    numbers = iter(range(1, 1000))
    monkeypatch.setattr(ids, "new_id", lambda: f"00000000-0000-4000-8000-{next(numbers):012d}")

    async def log_a_no(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")  # no note
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=log_a_no)
