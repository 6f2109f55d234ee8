"""The console script end to end: today, log, undo, edit, delete, JSON shapes, exit codes."""

from __future__ import annotations

import stat


def test_first_command_starts_the_default_run_without_setup(cli, home):
    result = cli("today", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert (data["day"], data["length"], data["date"]) == (1, 100, "2026-03-02")
    assert set(data["ask"]) >= {"id", "text", "pack", "difficulty"}
    assert data["entries"] == []
    assert data["ask"]["difficulty"] == 1  # the ladder starts easy


def test_daily_ask_is_stable_across_processes(cli):
    first = cli("today", "--json").json()["ask"]
    again = cli("today", "--json", now="2026-03-02T21:00:00+01:00").json()["ask"]
    assert first == again


def test_day_rolls_over_at_four_not_midnight(cli):
    cli("today")
    late_night = cli("today", "--json", now="2026-03-03T01:30:00+01:00").json()
    assert late_night["date"] == "2026-03-02"
    morning = cli("today", "--json", now="2026-03-03T04:00:00+01:00").json()
    assert (morning["date"], morning["day"]) == ("2026-03-03", 2)


def test_log_each_outcome_and_see_xp_badges_and_streak(cli):
    no = cli("log", "no", "--note", "she laughed", "--json").json()
    assert no["outcome"] == "no" and no["xp"] == 10 and no["note"] == "she laughed"
    assert {b["id"] for b in no["badges_earned"]} == {"first-ask", "first-no"}
    yes = cli("log", "yes", "--ask", "asked for a window seat", "--json").json()
    assert yes["xp"] == 8 and yes["ask"] == "asked for a window seat" and yes["difficulty"] == 2
    why = cli("log", "why", "--ask", "asked for a discount", "--difficulty", "3", "--json").json()
    assert why["xp"] == 45
    assert [b["id"] for b in why["badges_earned"]] == ["first-why"]
    streak = cli("streak", "--json").json()
    assert streak == {
        "current": 1,
        "best": 1,
        "day": 1,
        "length": 100,
        "run": 1,
        "date": "2026-03-02",
        "today_done": True,
        "rest_today": False,
        "at_risk": False,
        "freezes": 0,
        "complete": False,
        "next_run_starts": None,
    }
    stats = cli("stats", "--json").json()
    assert stats["counts"] == {"no": 1, "yes": 1, "why": 1, "pending": 0}
    assert (stats["xp"], stats["level"]) == (63, 2)


def test_plain_output_when_piped_has_no_escape_bytes(cli):
    cli("log", "no", "--note", "fine")
    for command in (["today"], ["streak"], ["stats"], ["badges"], ["history"]):
        result = cli(*command)
        assert result.code == 0
        assert "\x1b" not in result.out
        assert "🔥" not in result.out


def test_streak_check_exit_codes(cli):
    assert cli("streak", "--check").code == 1
    cli("log", "no")
    check = cli("streak", "--check")
    assert (check.code, check.out) == (0, "")


def test_streak_format_template(cli):
    cli("log", "no")
    result = cli("streak", "--format", "{current}🔥 {day}/{length} {today}")
    assert result.out == "1🔥 1/100 done\n"
    bad = cli("streak", "--format", "{nope}")
    assert bad.code == 2 and "nope" in bad.err and "Traceback" not in bad.err


def test_undo_removes_newest_entry_with_its_xp_and_badges(cli):
    cli("log", "no")
    cli("log", "why", "--ask", "own ask")
    undone = cli("undo")
    assert undone.code == 0 and "own ask" in undone.out and "Curious" in undone.out
    history = cli("history", "--json").json()
    assert [e["outcome"] for e in history] == ["no"]
    badges = {b["id"]: b for b in cli("badges", "--json").json()}
    assert not badges["first-why"]["earned"] and badges["first-no"]["earned"]
    cli("undo")
    nothing = cli("undo")
    assert nothing.code == 1 and "nothing to undo" in nothing.err


def test_edit_and_delete_by_id_prefix(cli):
    entry = cli("log", "no", "--json").json()
    edited = cli("edit", entry["id"][:8], "--outcome", "why", "--note", "asked why after all")
    assert edited.code == 0, edited.err
    history = cli("history", "--json").json()
    assert (history[0]["outcome"], history[0]["note"], history[0]["asked_why"]) == (
        "why",
        "asked why after all",
        True,
    )
    assert cli("delete", entry["id"][:8]).code == 0
    assert cli("history", "--json").json() == []
    missing = cli("delete", "abcd1234")
    assert missing.code == 2 and "no entry" in missing.err


def test_history_is_newest_first_with_documented_fields(cli):
    cli("log", "no", now="2026-03-02")
    cli("log", "yes", now="2026-03-03")
    history = cli("history", "--json", now="2026-03-03").json()
    assert [e["date"] for e in history] == ["2026-03-03", "2026-03-02"]
    assert set(history[0]) >= {"id", "date", "day", "outcome", "ask", "note", "xp"}
    assert [e["day"] for e in history] == [2, 1]


def test_yesterday_counts_for_the_streak(cli):
    cli("log", "no", now="2026-03-02")
    late = cli("log", "no", "--yesterday", "--json", now="2026-03-04T09:00:00+01:00").json()
    assert late["date"] == "2026-03-03" and late["late"] is True
    streak = cli("streak", "--json", now="2026-03-04T09:00:00+01:00").json()
    assert (streak["current"], streak["at_risk"]) == (2, True)


def test_bad_inputs_are_one_line_errors_with_exit_two(cli, home):
    cases = [
        ("log", "maybe"),
        ("log", "no", "--difficulty", "3"),
        ("log", "no", "--ask", "x", "--difficulty", "9"),
        ("config", "timezone", "Mars/Olympus"),
        ("config", "colour", "red"),
        ("start", "--date", "yesterday-ish"),
        ("history", "--limit", "-1"),
    ]
    for args in cases:
        result = cli(*args)
        assert result.code == 2, (args, result)
        assert "Traceback" not in result.err
        assert len(result.err.strip().splitlines()) <= 2, result.err
    assert cli("today", now="not-a-date").code == 2


def test_corrupt_data_file_is_named_and_left_untouched(cli, home):
    cli("log", "no")
    data = home / "rejection-therapy.json"
    data.write_bytes(b'{"runs": {"1": {"id": ')
    before = data.read_bytes()
    for args in (["today"], ["log", "no"], ["streak"], ["stats"]):
        result = cli(*args)
        assert result.code == 2, (args, result)
        assert str(data) in result.err and "Traceback" not in result.err
    assert data.read_bytes() == before


def test_files_are_private(cli, home):
    cli("log", "no")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for name in ("rejection-therapy.json", "status.marshal"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600


def test_bare_command_without_a_terminal_prints_status(cli):
    result = cli()
    assert result.code == 0
    assert "Day 1/100" in result.out and "Today's ask" in result.out


def test_help_and_version(cli):
    assert cli("--version").out.startswith("rejection-therapy ")
    for command in ("today", "log", "streak", "start", "demo", "config", "history"):
        result = cli(command, "--help")
        assert result.code == 0 and "example:" in result.out


def test_completion_scripts(cli):
    for shell in ("bash", "zsh", "fish"):
        result = cli("completion", shell)
        assert result.code == 0 and "streak" in result.out


def test_user_text_is_shown_literally(cli):
    cli("log", "no", "--ask", "[bold red]boss[/] \x1b[31mred\x1b[0m", "--note", "[link=x]n[/link]")
    out = cli("history").out
    assert "[bold red]boss[/] red" in out
    assert "[link=x]n[/link]" in out
    assert "\x1b" not in out
