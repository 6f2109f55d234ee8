"""Pilot tests of navigation, Journey, Badges, History, Help, theme, live refresh, rollover."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input, RadioButton, RadioSet

from rejection_therapy.core.badges import BADGES
from rejection_therapy.core.models import Outcome
from rejection_therapy.tui.dialogs import ENTRY_OUTCOMES, ConfirmDialog, EntryDialog
from rejection_therapy.tui.screens.badges import BadgesScreen
from rejection_therapy.tui.screens.help import HelpScreen
from rejection_therapy.tui.screens.history import HistoryScreen
from rejection_therapy.tui.screens.journey import JourneyGrid, JourneyScreen
from rejection_therapy.tui.screens.today import TodayScreen
from tests.tui.conftest import notified, screen_text, service_at, settle, wait_until


async def test_keys_move_between_screens_and_q_quits(make_app):
    app = make_app(demo_days=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, screen in (
            ("j", JourneyScreen),
            ("b", BadgesScreen),
            ("h", HistoryScreen),
            ("t", TodayScreen),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 0


async def test_journey_grid_marks_days_and_shows_a_days_entries(make_app, home, clock):
    app = make_app(demo_days=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        grid = app.screen.query_one(JourneyGrid)
        ledger = service_at(home, clock).read().ledger
        assert [mark for _, _, mark in grid.marks] == [
            m for _, _, m in ledger.day_marks(ledger.current.run)
        ]
        assert grid.marks[grid.cursor][2] == "today"
        await pilot.press("left")
        await settle(pilot)
        day, on, _mark = grid.marks[grid.cursor]
        detail = str(app.screen.query_one("#day-detail").visual)
        assert f"Day {day}" in detail
        for entry in ledger.entries_on(on):
            assert entry.ask_text[:20] in detail.replace("\n", " ")
        legend = str(app.screen.query_one("#legend").visual)
        for word in (
            "✦ no",
            "? why",
            "✓ yes",
            "… pending",
            "❄ frozen",
            "☾ rest",
            "○ missed",
            "◇ today",
            "· to come",
        ):
            assert word in legend


async def test_badges_screen_lists_earned_with_dates_and_locked_with_progress(
    make_app, home, clock
):
    app = make_app(demo_days=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        text = screen_text(app)
        earned = service_at(home, clock).read().state.badges
        assert f"Earned · {len(earned)} of {len(BADGES)}" in text
        assert "Opening move" in text and "░" in text


async def test_history_edit_and_delete_with_confirmation(make_app, home, clock):
    app = make_app(demo_days=5)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        newest = service_at(home, clock).read().ledger.entries[-1]
        assert table.row_count == len(service_at(home, clock).read().state.entries)
        detail = str(app.screen.query_one("#history-detail").visual)
        assert newest.ask_text in detail.replace("\n", " ") and " logged " in detail
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryDialog) and app.screen.entry.id == newest.id
        dialog = app.screen
        assert dialog.query_one("#outcome", RadioSet).pressed_index == ENTRY_OUTCOMES.index(
            newest.outcome
        )
        other = next(o for o in ENTRY_OUTCOMES if o not in (newest.outcome, Outcome.WHY))
        dialog.query_one("#outcome", RadioSet).query(RadioButton)[
            ENTRY_OUTCOMES.index(other)
        ].value = True
        for field, value in (
            ("#note", "fixed note"),
            ("#learned", "a no is information"),
            ("#next", "ask the manager"),
            ("#fear-before", "7"),
            ("#fear-after", "2"),
        ):
            dialog.query_one(field, Input).value = value
        await pilot.click("#save")
        await settle(pilot)
        edited = service_at(home, clock).read().state.entry(newest.id)
        assert (
            edited.outcome,
            edited.note,
            edited.learned,
            edited.next_time,
            edited.fear_before,
            edited.fear_after,
        ) == (other, "fixed note", "a no is information", "ask the manager", 7, 2)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert service_at(home, clock).read().state.entry(newest.id) is not None
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert service_at(home, clock).read().state.entry(newest.id) is None


async def test_history_filter_by_outcome(make_app, home, clock):
    app = make_app(demo_days=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        nos = [e for e in service_at(home, clock).read().state.entries if e.outcome is Outcome.NO]
        assert [e.id for e in screen.entries] == [
            e.id for e in reversed(sorted(nos, key=lambda e: (e.date, e.created_at, e.seq)))
        ]
        assert screen.query_one(DataTable).row_count == len(nos)


async def test_an_external_log_shows_up_without_a_restart(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        service_at(home, clock).log(Outcome.WHY, ask_text="asked from an SSH shell")
        for _ in range(40):  # polls every 0.05 s; give it up to two seconds
            await pilot.pause(0.05)
            await settle(pilot)
            if "asked from an SSH shell" in screen_text(app):
                break
        assert "asked from an SSH shell" in screen_text(app)


async def test_left_open_across_the_rollover_it_moves_to_the_new_day(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Day 1/100" in screen_text(app)
        clock.set("2026-03-03T03:59:00+01:00")
        await pilot.pause(0.2)
        await settle(pilot)
        assert "Day 1/100" in screen_text(app)
        clock.set("2026-03-03T04:00:01+01:00")
        for _ in range(40):
            await pilot.pause(0.05)
            await settle(pilot)
            if "Day 2/100" in screen_text(app):
                break
        assert "Day 2/100" in screen_text(app)


async def test_theme_choice_is_remembered(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.theme == "rejection-therapy-light"
    # remembered for this device, apart from the data a sync would carry
    assert json.loads((home / "device.json").read_text()) == {
        "theme": "rejection-therapy-light",
        "mouse": True,
        "keymap": {},
    }
    assert service_at(home, clock).read().settings.theme == "dark"
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "rejection-therapy-light"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert again.theme == "textual-dark"
    assert json.loads((home / "device.json").read_text())["theme"] == "textual-dark"


async def test_a_file_damaged_while_the_app_is_open_is_said_never_a_crash(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        (home / "rejection-therapy.json").write_text("{broken")
        await pilot.press("n")
        await settle(pilot)
        assert await wait_until(pilot, lambda: "not valid JSON" in screen_text(app))
        assert "Press r to repair" in screen_text(app)
    assert (home / "rejection-therapy.json").read_text() == "{broken"


async def test_packs_screen_toggles_a_pack_and_shows_its_asks(make_app, home, clock):
    from rejection_therapy.tui.screens.packs import PacksScreen

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PacksScreen)
        assert [info.id for info in app.screen.infos] == ["bold", "career", "everyday", "social"]
        assert "Bold and creative" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert service_at(home, clock).read().settings.disabled_packs == ["bold"]
        assert not app.screen.infos[0].enabled
        await pilot.press("r")
        await settle(pilot)
        assert await wait_until(pilot, lambda: notified(app, "cannot be removed"))
        await pilot.press("space")
        await settle(pilot)
        assert service_at(home, clock).read().settings.disabled_packs == []


async def test_share_screen_previews_the_card_and_saves_dated_files(make_app, tmp_path):
    from rejection_therapy.tui.screens.share import ShareScreen

    app = make_app(demo_days=20)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ShareScreen)
        app.screen.folder = tmp_path
        assert "🟥" in screen_text(app) or "🟩" in screen_text(app)
        await pilot.press("3")
        await settle(pilot)
        saved = tmp_path / "rejection-therapy-2026-03-02.svg"
        assert saved.read_text().startswith("<svg")
        assert await wait_until(pilot, lambda: notified(app, str(saved)))
        saved.write_text("an older card")  # saving again asks before replacing it
        await pilot.press("3")
        await settle(pilot)
        assert await wait_until(pilot, lambda: "Replace it?" in screen_text(app))
        await pilot.press("n")
        await settle(pilot)
        assert saved.read_text() == "an older card"
        await pilot.press("3")
        await settle(pilot)
        assert await wait_until(pilot, lambda: "Replace it?" in screen_text(app))
        await pilot.press("y")
        await settle(pilot)
        assert await wait_until(pilot, lambda: saved.read_text().startswith("<svg"))


async def test_a_complete_run_shows_the_look_back_and_offers_the_next_run(make_app, home, clock):
    from rejection_therapy.core.models import Outcome as _Outcome

    service = service_at(home, clock)
    service.start(days=3, force=True)
    service.set_intention("If I ask, then it gets easier")
    for day in (2, 3, 4):
        clock.set(f"2026-03-0{day}T10:00:00+01:00")
        service_at(home, clock).log(
            _Outcome.NO, ask_text=f"hard ask {day}", difficulty=5, learned=f"lesson {day}"
        )
    clock.set("2026-03-05T10:00:00+01:00")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        text = screen_text(app)
        assert "Look back" in text and "hard ask" in text and "lesson 4" in text
        await pilot.press("N")
        await settle(pilot)
        runs = service_at(home, clock).read().state.runs
        assert [r.number for r in runs] == [1, 2]


async def test_hovering_a_day_on_the_grid_shows_its_entries(make_app, home, clock):
    app = make_app(demo_days=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        grid = app.screen.query_one(JourneyGrid)
        await pilot.hover(JourneyGrid, offset=(2 * 7 + 1, 1))  # row 2, column 3: day 13
        await settle(pilot)
        assert grid.cursor == 12
        assert "Day 13 ·" in str(app.screen.query_one("#day-detail").visual)


async def test_the_key_bar_shows_each_screens_keys_and_a_click_presses_one(make_app):
    from rejection_therapy.tui.widgets import KeyBar

    app = make_app(demo_days=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        today_keys = str(bar.render())
        assert today_keys.startswith("n No y Yes w Why s Swap")
        assert today_keys.endswith("? Help q Quit") and len(today_keys) <= 80
        assert "Later" not in today_keys  # a key the screen does not show
        start = today_keys.index("j Journey")
        await pilot.click(KeyBar, offset=(start + 3, 0))
        await settle(pilot)
        assert isinstance(app.screen, JourneyScreen)
        journey_keys = str(app.screen.query_one(KeyBar).render())
        assert journey_keys != today_keys and "t Today" in journey_keys
        start = journey_keys.index("? Help")
        await pilot.click(KeyBar, offset=(start, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
