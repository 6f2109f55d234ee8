"""Pilot tests of coaching in the TUI: reflection and fear, check-in, follow-ups, rest days."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from rejection_therapy.core.models import Outcome
from rejection_therapy.tui.dialogs import CheckInDialog, ConfirmDialog, NoteDialog
from rejection_therapy.tui.screens.journey import JourneyGrid
from tests.tui.conftest import rewarded, screen_text, service_at, settle, wait_until


async def test_note_dialog_takes_reflection_and_fear_ratings(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        values = {
            "#note": "she said policy",
            "#learned": "policy is not personal",
            "#next": "ask for the manager",
            "#fear-before": "8",
            "#fear-after": "3",
        }
        for selector, value in values.items():
            dialog.query_one(selector, Input).value = value
        dialog.query_one("#fear-after", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        entry = service_at(home, clock).read().state.entries[-1]
        assert (
            entry.note,
            entry.learned,
            entry.next_time,
            entry.fear_before,
            entry.fear_after,
        ) == (
            "she said policy",
            "policy is not personal",
            "ask for the manager",
            8,
            3,
        )
        assert await wait_until(pilot, lambda: rewarded(app, "Toolbox:"))


async def test_pending_then_no_answer_counts_as_a_no(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert service_at(home, clock).read().state.entries[-1].outcome is Outcome.PENDING
    clock.set("2026-03-20T10:00:00+01:00")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No answer yet" in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        assert service_at(home, clock).read().state.entries[-1].outcome is Outcome.NO


async def test_checkin_day_offers_the_three_questions_and_shows_the_gap(make_app, home, clock):
    clock.set("2026-03-02T10:00:00+01:00")
    service_at(home, clock).read()
    clock.set("2026-03-08T10:00:00+01:00")  # day 7
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Check-in day" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CheckInDialog)
        for key, value in (
            ("#worked", "asking why"),
            ("#didnt", "phone asks"),
            ("#gap", "eye contact"),
        ):
            app.screen.query_one(key, Input).value = value
        await pilot.press("enter")
        await settle(pilot)
        assert [c.gap for c in service_at(home, clock).read().state.checkins] == ["eye contact"]
        assert "Gap this week: eye contact" in screen_text(app)
        assert "Check-in day" not in screen_text(app)


async def test_due_follow_up_shows_on_today_and_d_completes_it(make_app, home, clock):
    service = service_at(home, clock)
    entry = service.log(Outcome.NO).entry
    service.add_followup(entry.id, "send a thank-you note", "+1d")
    clock.set("2026-03-03T09:00:00+01:00")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Due today: send a thank-you note" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        assert service_at(home, clock).read().state.followups[0].done_at is not None


async def test_rest_day_declared_on_the_journey_grid(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("right")
        await settle(pilot)
        grid = app.screen.query_one(JourneyGrid)
        assert grid.marks[grid.cursor][1] == date(2026, 3, 3)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # asked first
        assert service_at(home, clock).read().state.rest_dates == set()
        await pilot.press("r")  # the same key again confirms
        await settle(pilot)
        assert service_at(home, clock).read().state.rest_dates == {date(2026, 3, 3)}
        assert grid.marks[grid.cursor][2] == "rest"
        await pilot.press("r", "y")
        await settle(pilot)
        assert service_at(home, clock).read().state.rest_dates == set()
