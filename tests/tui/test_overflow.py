"""No screen cuts or overlaps what it shows, at 60x20, 80x24 and 120x40: every widget
outside a scrolling container lies inside its parent, visible siblings never overlap,
and one-line bars (the key bar, the header) fit their width."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.containers import ScrollableContainer
from textual.widget import Widget
from textual.widgets import DataTable

from rejection_therapy.tui.dialogs import EntryDialog, NoteDialog
from rejection_therapy.tui.reward import RewardPanel
from rejection_therapy.tui.screens.settings import SettingsScreen
from rejection_therapy.tui.widgets import DayHeader, KeyBar
from tests.tui.conftest import settle
from tests.tui.test_snapshots import SCREENS, SIZES


def _scroller(widget: Widget) -> Widget | None:
    """The nearest container that scrolls: what is in it may lie beyond its region."""
    return next(
        (a for a in widget.ancestors if isinstance(a, ScrollableContainer | DataTable)), None
    )


def _problems(screen: Widget) -> list[str]:
    found = []
    for widget in screen.walk_children(Widget):
        if not widget.display or widget.region.area == 0:
            continue
        scroller = _scroller(widget)
        if scroller is not None:
            # below the fold is fine; beyond the right edge of what only scrolls down is cut
            if scroller.styles.overflow_x == "hidden" and (
                widget.region.right > scroller.region.right
            ):
                found.append(f"{widget!r} {widget.region} cut by {scroller!r} {scroller.region}")
            continue
        parent = widget.parent
        if (
            isinstance(parent, Widget)
            and parent is not screen
            and not parent.region.contains_region(widget.region)
        ):
            found.append(f"{widget!r} {widget.region} outside {parent!r} {parent.region}")
        if not screen.region.contains_region(widget.region):
            found.append(f"{widget!r} {widget.region} off the screen {screen.region}")
        shown = [
            child
            for child in widget.children
            if isinstance(child, Widget)
            and child.display
            and child.region.area
            and not child.styles.dock
            and child.styles.overlay != "screen"
        ]
        for index, one in enumerate(shown):
            for other in shown[index + 1 :]:
                if one.region.overlaps(other.region):
                    found.append(f"{one!r} {one.region} overlaps {other!r} {other.region}")
    for bar in screen.query(KeyBar):
        drawn = bar.render().cell_length
        if drawn > bar.size.width:
            found.append(f"the key bar draws {drawn} cells in {bar.size.width}")
    for header in screen.query(DayHeader):
        for line in str(getattr(header.visual, "plain", "")).splitlines():
            if cell_len(line) > header.content_region.width:
                found.append(f"the header wraps: {line!r}")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_no_screen_cuts_or_overlaps_its_content(make_app, size):
    app = make_app(demo_days=41, poll=3600)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        problems = []
        for name, key in SCREENS.items():
            if key:
                await pilot.press(key)
            await settle(pilot)
            problems += [f"{name}: {problem}" for problem in _problems(app.screen)]
            if name == "help":
                await pilot.press("escape")
            await pilot.press("t")
            await settle(pilot)
        # the dialogs a day brings: the note after a log, the reward, an entry to edit
        for name, key, leave, shown in (
            ("note dialog", "n", "escape", NoteDialog),
            ("reward panel", None, "enter", RewardPanel),
            ("entry dialog", "h", None, EntryDialog),
            ("settings", "comma", "escape", SettingsScreen),
        ):
            if key:
                await pilot.press(key)
                await settle(pilot)
            if name == "entry dialog":
                await pilot.press("enter")
                await settle(pilot)
                leave = "escape"
            assert isinstance(app.screen, shown), (name, app.screen)
            problems += [f"{name}: {problem}" for problem in _problems(app.screen)]
            await pilot.press(leave)
            await settle(pilot)
        assert not problems, "\n".join(problems)
