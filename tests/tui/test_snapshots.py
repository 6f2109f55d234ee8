"""Snapshot tests of every screen at 60x20, 80x24 and 120x40, fixed clock, seeded demo history.

Update with `uv run pytest tests/tui/test_snapshots.py --snapshot-update`, and only after
looking at the report (snapshot_report.html) to check each picture is right.
"""

from __future__ import annotations

import pytest

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
def test_reward_panel_snapshot(snap_compare, make_app, size):
    """The panel after a no on the demo's day 42 (XP, level bar, streak, reframe, tip)."""
    app = make_app(demo_days=41, poll=3600)

    async def log_a_no(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")  # no note
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=log_a_no)
