"""`profile`, `event`, offers and the ladder's notes, as a person uses them."""

from __future__ import annotations

from pathlib import Path

PACK = (Path(__file__).resolve().parents[1] / "fixtures" / "interviews.yaml").read_text()


def add_pack(cli, tmp_path: Path) -> None:
    """The test pack, alone among the packs with event asks (the built-in career pack has
    its own: turned off so the offers are known)."""
    path = tmp_path / "interviews.yaml"
    path.write_text(PACK)
    assert cli("packs", "add", str(path)).code == 0
    assert cli("packs", "disable", "career").code == 0


def test_profile_set_show_and_json(cli):
    assert cli("profile", "set", "goal=job-search", "job=no", "out=yes").code == 0
    shown = cli("profile")
    assert "goal: job-search" in shown.out and "job: no" in shown.out
    assert "phone: not answered (counts as yes)" in shown.out
    answer = cli("profile", "--json").json()
    assert answer["goal"] == "job-search" and answer["asked"] is True
    assert answer["answers"]["job"] is False and answer["answers"]["phone"] is None
    assert cli("profile", "set", "job=").code == 0  # an empty value forgets the answer
    assert cli("profile", "--json").json()["answers"]["job"] is None


def test_a_bad_answer_is_one_line_exit_2_and_nothing_is_saved(cli):
    cli("profile", "set", "goal=social")
    for words, named in [
        (["money=no", "wings=yes"], "'wings=yes'"),
        (["goal=fame"], "'fame'"),
        (["out=perhaps"], "'perhaps'"),
    ]:
        bad = cli("profile", "set", *words)
        assert bad.code == 2 and named in bad.err and len(bad.err.strip().splitlines()) == 1
        assert "Traceback" not in bad.err
    assert cli("profile", "--json").json()["goal"] == "social"
    assert cli("profile", "--json").json()["answers"]["money"] is None  # the good word too


def test_scripts_are_never_asked_and_today_never_prompts(cli):
    setup = cli("profile", "setup")
    assert setup.code == 2 and "profile set" in setup.err
    today = cli("today")
    assert today.code == 0 and "profile setup" not in today.out  # the hint is for terminals
    assert cli("today", "--json").json()["ask"]["via"]


def test_an_interview_opens_offers_that_are_logged_and_then_leave(cli, tmp_path):
    add_pack(cli, tmp_path)
    assert cli("today", "--json").json()["offers"] == []
    noted = cli("event", "interview", "--on", "friday")  # 2026-03-02 is a Monday
    assert noted.code == 0 and "2026-03-06" in noted.out
    offers = cli("today", "--json").json()["offers"]
    assert {o["key"] for o in offers} == {
        "interviews/interviews-fit",
        "interviews/interviews-next-steps",
    }
    assert all(o["after"] == "interview" and o["event_date"] == "2026-03-06" for o in offers)
    assert "Offered after an event" in cli("today").out
    logged = cli("log", "no", "--offer", offers[0]["key"], "--json").json()
    assert (logged["pack"], logged["ask_id"]) == ("interviews", offers[0]["id"])
    assert logged["own"] is False
    left = cli("today", "--json").json()["offers"]
    assert [o["key"] for o in left] == [offers[1]["key"]]
    assert cli("today", "--json", now="2026-03-14").json()["offers"] == []  # a week after
    wrong = cli("log", "no", "--offer", "9")
    assert wrong.code == 2 and "not offered today" in wrong.err


def test_a_pending_application_answered_no_is_a_rejection_event(cli, tmp_path):
    add_pack(cli, tmp_path)
    pending = cli("log", "pending", "--ask", "Applied to Acme", "--kind", "application", "--json")
    assert pending.code == 0
    assert cli("today", "--json").json()["offers"] == []
    assert cli("resolve", pending.json()["id"][:8], "no", now="2026-03-04").code == 0
    offers = cli("today", "--json", now="2026-03-04").json()["offers"]
    assert [o["key"] for o in offers] == ["interviews/interviews-feedback"]
    assert cli("log", "no", "--kind", "offerletter").code == 2


def test_event_dates_are_checked(cli):
    bad = cli("event", "interview", "--on", "fryday")
    assert bad.code == 2 and "'fryday' is not a date" in bad.err
    old = cli("event", "rejection", "--on", "2025-01-01")
    assert old.code == 2 and "more than 60 days ago" in old.err
    assert cli("event", "party").code == 2


def test_three_calm_asks_at_a_rung_make_the_next_asks_bolder(cli):
    cli("start", "--days", "100", "--force")
    for day in ("2026-03-02", "2026-03-03", "2026-03-04"):
        assert cli("log", "no", "--fear-before", "2", now=day).code == 0
    day4 = cli("today", "--json", now="2026-03-05").json()
    assert day4["rung_shift"] == 1 and "bolder" in day4["ladder_note"]
    assert day4["ask"]["difficulty"] == 2  # rung 1 moved up one
    assert "bolder" in cli("today", now="2026-03-05").out
    day5 = cli("today", "--json", now="2026-03-06").json()
    assert day5["rung_shift"] == 1 and day5["ladder_note"] == ""  # said once, lasts 3 days


def test_a_pool_too_small_for_the_run_says_what_would_open_more(cli, tmp_path):
    add_pack(cli, tmp_path)
    for pack in ("bold", "career", "everyday", "social"):
        cli("packs", "disable", pack)
    today = cli("today", "--json").json()
    assert today["ask"]["id"] == "interviews-daily"
    assert today["pool_note"].startswith("The 1 ask left cannot carry the rest of run 1")
    assert "enable the" in today["pool_note"] and "packs enable" in today["pool_note"]


def test_the_situation_never_appears_in_a_share_snapshot(cli, tmp_path):
    cli("profile", "set", "goal=job-search", "job=no", "money=no")
    cli("log", "no")
    for fmt in ("txt", "md", "svg", "html", "json"):
        out = tmp_path / f"card.{fmt}"
        assert cli("share", "--format", fmt, "-o", str(out)).code == 0
        text = out.read_text()
        assert "job-search" not in text and "profile" not in text.lower()


def test_excluding_a_tag_that_needs_and_via_imply_works_without_a_false_warning(cli):
    excluded = cli("config", "excluded_tags", "in-person,costs-money")
    assert excluded.code == 0 and "warning" not in excluded.err
    ask = cli("today", "--json").json()["ask"]
    assert ask["via"] != ["in-person"] and "money" not in ask["needs"]
