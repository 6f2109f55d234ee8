"""Pilot tests of the Today screen: each outcome, the note dialog, swap, own ask, undo."""

from __future__ import annotations

from textual.widgets import Input, RadioButton, RadioSet

from rejection_therapy.core.models import Outcome
from rejection_therapy.tui.dialogs import (
    NOTE_PLACEHOLDERS,
    ConfirmDialog,
    NoteDialog,
    OwnAskDialog,
)
from rejection_therapy.tui.screens.today import TodayScreen
from tests.tui.conftest import (
    close_reward,
    notified,
    rewarded,
    screen_text,
    service_at,
    settle,
    wait_until,
)


async def test_opens_on_today_with_the_ask_and_the_header(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(app)
        ask = service_at(home, clock).today().ask
        assert "Day 1/100" in text
        assert ask.text[:40] in text.replace("\n", " ")


async def test_each_outcome_is_saved_at_once_then_the_note_is_added(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, outcome, note in (
            ("n", "no", "she laughed"),
            ("y", "yes", ""),
            ("w", "why", "asked why"),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, NoteDialog)
            placeholder = app.screen.query_one("#note", Input).placeholder
            assert placeholder == NOTE_PLACEHOLDERS[outcome]  # a yes is not asked about a no
            stored = service_at(home, clock).read().state.entries
            assert stored[-1].outcome == Outcome(outcome)  # saved before the note
            if note:
                app.screen.query_one(Input).value = note
                await pilot.press("enter")
            else:
                await pilot.press("escape")
            await settle(pilot)
            await close_reward(pilot)
            assert isinstance(app.screen, TodayScreen)
        entries = service_at(home, clock).read().state.entries
        assert [(e.outcome.value, e.note) for e in entries] == [
            ("no", "she laughed"),
            ("yes", ""),
            ("why", "asked why"),
        ]
        text = screen_text(app)
        assert "she laughed" in text and "asked why" in text
        assert "✓ today done" in text


async def test_one_reward_panel_after_the_note_and_no_toasts(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert await wait_until(
            pilot,
            lambda: rewarded(app, "✦ NO · +10 XP", "chapter, not the conclusion", "First no"),
        )
        assert rewarded(app, "Level 1", "Streak: 1 day.")
        assert not app._notifications  # XP, badge and tip in one panel, not a stack of toasts
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_swap_replaces_the_ask_once(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        before = service_at(home, clock).today().ask
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # second thoughts: nothing swapped yet
        await pilot.press("n")
        await settle(pilot)
        assert service_at(home, clock).today().ask == before
        await pilot.press("s", "s")  # the same key again confirms
        await settle(pilot)
        after = service_at(home, clock).today().ask
        assert after.ask_id != before.ask_id
        assert after.text[:30] in screen_text(app).replace("\n", " ")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)  # refused at once, no question
        assert service_at(home, clock).today().ask == after
        assert await wait_until(pilot, lambda: notified(app, "already swapped", "press a"))


async def test_own_ask_dialog_logs_text_difficulty_and_outcome(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OwnAskDialog)
        for choices in app.screen.query(RadioSet):  # the highlight starts on the choice
            buttons = list(choices.query(RadioButton))
            highlighted = [b for b in buttons if b.has_class("-selected")]
            assert highlighted == [buttons[choices.pressed_index]]
        app.screen.query_one("#ask", Input).value = "Asked my landlord to [b]repaint[/b]"
        await pilot.click("#log")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("escape")
        await settle(pilot)
        await close_reward(pilot)
        entry = service_at(home, clock).read().state.entries[-1]
        assert (entry.ask_text, entry.own, entry.difficulty, entry.outcome) == (
            "Asked my landlord to [b]repaint[/b]",
            True,
            2,
            Outcome.NO,
        )
        assert "Asked my landlord to [b]repaint[/b]" in screen_text(app)


async def test_undo_removes_todays_last_entry_and_ctrl_r_brings_it_back(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await close_reward(pilot)
        logged = service_at(home, clock).read().state
        await pilot.press("u")
        await settle(pilot)
        assert service_at(home, clock).read().state.entries == []
        assert await wait_until(pilot, lambda: notified(app, "Undone", "ctrl+r"))
        assert not notified(app, "XP")  # the log's news went with the entry
        await pilot.press("ctrl+r")
        await settle(pilot)
        back = service_at(home, clock).read().state
        assert back.entries == logged.entries and back.badges == logged.badges
        await pilot.press("u")
        await settle(pilot)
        app.screen.forget_redo()  # the five seconds are over
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert service_at(home, clock).read().state.entries == []
        await pilot.press("u")
        await settle(pilot)
        assert await wait_until(pilot, lambda: notified(app, "nothing to undo"))


async def test_keys_pressed_while_a_log_is_saving_do_not_log_again(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "n", "y", "w")
        await settle(pilot)
        assert len(service_at(home, clock).read().state.entries) == 1
        assert isinstance(app.screen, NoteDialog)


async def test_a_corrupt_file_at_start_blocks_logging_until_it_is_fixed(make_app, home, clock):
    service_at(home, clock).read()
    data = home / "rejection-therapy.json"
    good = data.read_bytes()
    data.write_text("{broken")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: "not valid JSON" in screen_text(app))
        await pilot.press("n")
        await settle(pilot)
        assert data.read_text() == "{broken"
        data.write_bytes(good)
        assert await wait_until(pilot, lambda: "Day 1/100" in screen_text(app))
        await pilot.press("n")
        await settle(pilot)
        assert len(service_at(home, clock).read().state.entries) == 1
