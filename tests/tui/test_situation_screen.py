"""Pilot tests of the situation form, events and offered asks on Today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.containers import Vertical
from textual.widgets import Input, Static

from rejection_therapy.core.models import Outcome
from rejection_therapy.core.situation import HAVES
from rejection_therapy.service.today import day_record
from rejection_therapy.tui.app import RejectionTherapyApp
from rejection_therapy.tui.dialogs import NoteDialog
from rejection_therapy.tui.offers import EventDialog, OfferDialog
from rejection_therapy.tui.screens.today import TodayScreen
from rejection_therapy.tui.situation import ProfileDialog
from rejection_therapy.tui.widgets import Choice
from tests.tui.conftest import notified, screen_text, service_at, settle, wait_until

MONDAY = date(2026, 3, 2)  # the conftest clock's challenge date

INTERVIEW_PACK = (Path(__file__).resolve().parents[1] / "fixtures" / "interviews.yaml").read_text()


@pytest.fixture
def situation_app(home, clock):
    """The app as the terminal session opens it: the questions put on a new home."""

    def build() -> RejectionTherapyApp:
        app = RejectionTherapyApp(
            service_at(home, clock), poll_seconds=0.05, steady=True, ask_situation=True
        )
        app.animation_level = "none"
        return app

    return build


@pytest.fixture
def interview_pack(home, clock, tmp_path):
    """A user pack with asks that follow an interview, the only one: the built-in career
    pack, which may gain such asks, is turned off so the offers are known."""
    path = tmp_path / "interviews.yaml"
    path.write_text(INTERVIEW_PACK)
    service = service_at(home, clock)
    service.add_pack(path)
    service.disable_pack("career")


def profile_of(home, clock):
    settings = service_at(home, clock).read().settings
    return settings.profile, settings.profile_asked


def fits_without_scrolling(app) -> bool:
    """The dialog sits inside the terminal and scrolls nothing out of sight."""
    box = app.screen.query_one(".dialog", Vertical)
    screen = app.screen.region
    return (
        box.max_scroll_y == 0
        and screen.contains_region(box.region)
        and all(box.region.contains_region(choice.region) for choice in box.query(Choice))
    )


# -- the situation form --------------------------------------------------------------------


async def test_the_questions_are_put_over_today_on_a_new_home(situation_app):
    app = situation_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProfileDialog)
        assert len(app.screen.query(Choice)) == 1 + len(HAVES)
        assert fits_without_scrolling(app)
        assert app.focused is app.screen.query_one("#goal", Choice)


async def test_a_home_that_was_asked_opens_on_today(situation_app, home, clock):
    service_at(home, clock).set_profile({}, asked=True)
    app = situation_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_a_home_with_answers_given_elsewhere_is_not_asked(situation_app, home, clock):
    service_at(home, clock).set_profile({"goal": "social"}, asked=False)
    app = situation_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_answers_are_saved_and_today_comes_back(situation_app, home, clock):
    app = situation_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        # goal: one left of "not set" is "general"; job no, student yes; out: from "–"
        # the arrows go left to "no", then to "yes"
        await pilot.press("left", "down", "n", "down", "y", "down", "left", "left")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        profile, asked = profile_of(home, clock)
        assert profile == {"goal": "general", "job": False, "student": True, "out": True}
        assert asked
        assert await wait_until(pilot, lambda: notified(app, "Saved"))


async def test_escape_skips_every_question_and_they_are_not_put_again(situation_app, home, clock):
    app = situation_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "n", "escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert profile_of(home, clock) == ({}, True)
        assert await wait_until(pilot, lambda: notified(app, "Skipped", "Press o"))
    app = situation_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_o_opens_the_form_with_the_answers_and_changes_them(situation_app, home, clock):
    service_at(home, clock).set_profile({"goal": "social", "out": False, "phone": True})
    app = situation_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ProfileDialog)
        shown = {choice.id: choice.value for choice in form.query(Choice)}
        assert shown["goal"] == "social"
        assert (shown["have-out"], shown["have-phone"], shown["have-job"]) == (False, True, None)
        await pilot.press("escape")  # a later edit: Escape keeps everything
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert profile_of(home, clock)[0] == {"goal": "social", "out": False, "phone": True}
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one("#have-out", Choice).focus()
        await pilot.press("minus")  # forget the answer
        app.screen.query_one("#have-money", Choice).focus()
        await pilot.press("n", "enter")
        await settle(pilot)
        assert profile_of(home, clock)[0] == {"goal": "social", "phone": True, "money": False}


async def test_an_answer_that_rules_out_todays_ask_draws_another_and_says_so(
    situation_app, home, clock
):
    from tests.service.test_situation_pool import TWO_WAYS

    service = service_at(home, clock)
    service.set_profile({}, asked=True)
    service.paths.packs_dir.mkdir(parents=True, exist_ok=True)
    (service.paths.packs_dir / "ways.yaml").write_text(TWO_WAYS)  # one ask a way: one can go
    for pack in ("bold", "career", "everyday", "social"):
        service.disable_pack(pack)
    ask = service.today().ask
    assert ask is not None
    ruled_out = ["face-to-face" if ask.ask_id == "ways-in-person" else "online"]
    app = situation_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        for key in ruled_out:
            app.screen.query_one(f"#have-{key}", Choice).value = False
        await pilot.press("enter")
        await settle(pilot)
        new_ask = service_at(home, clock).today().ask
        assert new_ask is not None and new_ask.ask_id != ask.ask_id
        assert await wait_until(pilot, lambda: notified(app, "Today's ask no longer fit"))
        assert new_ask.text[:30] in screen_text(app).replace("\n", " ")


# -- events ------------------------------------------------------------------------------


async def test_e_notes_an_event_on_the_day_typed(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EventDialog)
        assert fits_without_scrolling(app)
        await pilot.press("left")  # interview → rejection
        dialog.query_one("#day", Input).value = "friday"
        await pilot.pause()
        assert "Friday 06 March 2026" in str(dialog.query_one("#day-shown", Static).visual)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        events = service_at(home, clock).read().state.events
        assert [(e.kind, e.date) for e in events] == [("rejection", date(2026, 3, 6))]
        assert await wait_until(pilot, lambda: notified(app, "Noted: a rejection on 2026-03-06"))


async def test_the_event_dialog_defaults_to_an_interview_today(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e", "enter")
        await settle(pilot)
        events = service_at(home, clock).read().state.events
        assert [(e.kind, e.date) for e in events] == [("interview", MONDAY)]


async def test_a_bad_date_is_said_in_the_dialog_and_nothing_is_saved(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#day", Input).value = "fryday"
        app.screen.query_one("#day", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventDialog)
        said = str(app.screen.query_one("#day-shown", Static).visual)
        assert "'fryday' is not a date" in said and "\n" not in said
        assert service_at(home, clock).read().state.events == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert service_at(home, clock).read().state.events == []


async def test_a_date_the_service_refuses_reopens_the_dialog_with_why(make_app, home, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#day", Input).value = "2025-01-01"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventDialog)
        assert app.screen.query_one("#day", Input).value == "2025-01-01"
        assert "more than 60 days ago" in str(app.screen.query_one("#day-shown", Static).visual)
        assert service_at(home, clock).read().state.events == []


# -- offered asks --------------------------------------------------------------------------


async def test_an_interview_puts_its_asks_on_today_and_f_logs_one(
    make_app, home, clock, interview_pack
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#offers", Static).display
        await pilot.press("e", "enter")  # an interview today
        await settle(pilot)
        offers = service_at(home, clock).today().offers
        assert {o["key"] for o in offers} == {
            "interviews/interviews-fit",
            "interviews/interviews-next-steps",
        }
        box = app.screen.query_one("#offers", Static)
        shown = str(box.visual)
        assert box.display and "Offered after an interview on Mon 02 Mar" in shown
        for number, offer in enumerate(offers, 1):
            assert f" {number} " in shown and offer["text"][:30] in shown
        assert "[b]concerns[/b]" in shown  # pack text is never read as markup
        assert box.region.bottom <= 23  # on screen, above the footer

        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, OfferDialog)
        assert fits_without_scrolling(app)
        await pilot.press(str(len(offers)), "y")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("escape")
        await settle(pilot)
        entry = service_at(home, clock).read().state.entries[-1]
        picked = offers[-1]
        assert (entry.pack, entry.ask_id, entry.outcome) == (
            picked["pack"],
            picked["id"],
            Outcome.YES,
        )
        left = service_at(home, clock).today().offers
        assert picked["key"] not in {o["key"] for o in left}


async def test_f_without_offers_says_how_to_get_them(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert await wait_until(pilot, lambda: notified(app, "No ask is offered", "e notes it"))


async def test_the_pool_note_is_one_line_on_today_and_whole_in_the_form(situation_app, home, clock):
    from tests.service.test_situation_pool import TWO_WAYS

    service = service_at(home, clock)
    service.set_profile({"out": False, "money": False})
    service.paths.packs_dir.mkdir(parents=True, exist_ok=True)
    (service.paths.packs_dir / "ways.yaml").write_text(TWO_WAYS)  # two asks: a run cannot last
    for pack in ("bold", "career", "everyday", "social"):
        service.disable_pack(pack)
    note = day_record(service.today())["pool_note"]
    assert note.startswith("The 2 asks left cannot carry")
    app = situation_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        coach = app.screen.query_one("#coach", Static)
        assert note[:40] in str(coach.visual)
        assert coach.region.height == str(coach.visual).count("\n") + 1  # no line wraps
        await pilot.press("o")
        await settle(pilot)
        assert note in str(app.screen.query_one("#pool-note", Static).visual)
        assert fits_without_scrolling(app)
