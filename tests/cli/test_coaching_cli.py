"""Coaching through the console script, as the issue's new user would try it."""

from __future__ import annotations


def test_no_with_fear_and_lesson_then_a_thank_you_follow_up_due_next_day(cli):
    logged = cli(
        "log",
        "no",
        "--fear-before",
        "7",
        "--fear-after",
        "3",
        "--learned",
        "it was policy",
        "--json",
    ).json()
    assert (logged["fear_before"], logged["fear_after"], logged["learned"]) == (
        7,
        3,
        "it was policy",
    )
    assert logged["tip"]
    assert cli("today", "--json").json()["tip"] == logged["tip"]
    added = cli(
        "followups", "add", logged["id"][:8], "send a thank-you note", "--due", "+1d", "--json"
    ).json()
    assert added["due"] == "2026-03-03"
    assert cli("followups", "--json").json() == {"due": [], "upcoming": [added]}
    tomorrow = cli("followups", "--json", now="2026-03-03").json()
    assert [f["text"] for f in tomorrow["due"]] == ["send a thank-you note"]
    assert [f["id"] for f in cli("today", "--json", now="2026-03-03").json()["followups_due"]] == [
        added["id"]
    ]
    assert cli("followups", "done", added["id"][:8], now="2026-03-03").code == 0
    everything = cli("followups", "--all", "--json", now="2026-03-03").json()
    assert everything["due"] == [] and everything["done"][0]["done"] is True


def test_pending_application_resolved_later(cli):
    pending = cli(
        "log", "pending", "--ask", "Applied to Acme", "--difficulty", "4", "--json"
    ).json()
    assert pending["outcome"] == "pending"
    assert cli("streak", "--check").code == 0
    resolved = cli("resolve", pending["id"][:8], "why", now="2026-03-09")
    assert resolved.code == 0, resolved.err
    assert cli("history", "--json", now="2026-03-09").json()[0]["outcome"] == "why"
    assert cli("resolve", pending["id"][:8], "no").code == 2


def test_weekly_checkin_gap_and_fear_trend_in_json(cli):
    cli("log", "no", "--fear-before", "8", "--fear-after", "4")
    no_terminal = cli("checkin", now="2026-03-08")
    assert no_terminal.code == 2 and "--worked" in no_terminal.err
    done = cli(
        "checkin",
        "--worked",
        "asking why",
        "--didnt",
        "phone",
        "--gap",
        "eye contact",
        "--json",
        now="2026-03-08",
    )
    assert done.json()["gap"] == "eye contact"
    stats = cli("stats", "--json", now="2026-03-08").json()
    assert stats["gap"] == "eye contact"
    assert stats["fear_trend"] == [{"week": 1, "before": 8.0, "after": 4.0}]
    assert [c["gap"] for c in cli("checkin", "--list", "--json", now="2026-03-09").json()] == [
        "eye contact"
    ]


def test_rest_day_commands(cli):
    assert cli("rest", "tomorrow").code == 0
    assert cli("streak", "--check", now="2026-03-03").code == 0
    assert cli("rest", "2026-03-01").code == 2
    assert cli("rest", "--cancel", "2026-03-03").code == 0
    assert cli("streak", "--check", now="2026-03-03").code == 1


def test_intention_and_review(cli):
    assert "No intention yet" in cli("intention").out
    assert cli("intention", "If I ask daily, then it gets easier").code == 0
    assert "If I ask daily" in cli("intention").out
    cli("log", "no", "--learned", "they were kind")
    review = cli("review", "--json").json()
    assert review["intention"].startswith("If I ask daily") and review["lessons"] == [
        "they were kind"
    ]
