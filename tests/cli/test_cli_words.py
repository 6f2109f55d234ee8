"""The command line reads like a person: dates and outcomes as people type them, the nearest
command for a typo, counts that agree with their nouns, relative times, settings refused in
the app's words, and a time zone it could not read said out loud once."""

from __future__ import annotations

import re

import pytest

MONDAY = "2026-03-02T10:00:00+01:00"
WEDNESDAY = "2026-03-04T09:00:00+01:00"


def _one_error(result, code: int = 2) -> str:
    """The single stderr line of a refused command (no traceback, no usage dump)."""
    assert result.code == code, result
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err and "usage:" not in result.err
    return lines[0]


# -- outcomes as the TUI teaches them -------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [("n", "no"), ("N", "no"), ("No", "no"), ("NO", "no"), ("y", "yes"), ("Y", "yes")]
    + [("YES", "yes"), ("w", "why"), ("Why", "why"), ("p", "pending"), ("PENDING", "pending")],
)
def test_log_takes_the_keys_and_any_case(cli, typed, outcome):
    logged = cli("log", typed, "--ask", f"asked {typed}", "--json", now=MONDAY).json()
    assert logged["outcome"] == outcome
    assert [e["outcome"] for e in cli("history", "--json").json()] == [outcome]


def test_resolve_and_edit_take_them_too(cli):
    pending = cli("log", "p", "--ask", "emailed a stranger", "--json", now=MONDAY).json()
    assert cli("resolve", pending["id"], "N", now=MONDAY).code == 0
    assert cli("edit", pending["id"], "--outcome", "W", now=MONDAY).code == 0
    assert cli("history", "--json").json()[0]["outcome"] == "why"


def test_an_unknown_outcome_names_the_nearest_and_the_choices(cli, home):
    cli("today", now=MONDAY)
    near = _one_error(cli("log", "yse", now=MONDAY))
    assert near == (
        "rejection-therapy log: error: unknown outcome 'yse'; did you mean yes? "
        "Use no, yes, why or pending (n, y, w, p for short) (see `rejection-therapy log --help`)"
    )
    far = _one_error(cli("log", "maybe", now=MONDAY))
    assert "unknown outcome 'maybe'; use no, yes, why or pending (n, y, w, p for short)" in far
    assert "did you mean" not in far
    resolve = _one_error(cli("resolve", "3f2a1b2c", "pendng", now=MONDAY))
    assert "unknown outcome 'pendng'; use no, yes or why (n, y, w for short)" in resolve
    assert cli("history", "--json").json() == []


# -- commands mistyped ----------------------------------------------------------------


def test_a_mistyped_command_suggests_the_nearest(cli):
    assert _one_error(cli("lgo")) == (
        "rejection-therapy: error: unknown command 'lgo'; did you mean log? "
        "(see `rejection-therapy --help`)"
    )
    assert "did you mean streak?" in _one_error(cli("steak"))
    assert "did you mean followups?" in _one_error(cli("followup"))
    far = _one_error(cli("xyzzy"))
    assert "unknown command 'xyzzy'" in far and "did you mean" not in far
    hostile = _one_error(cli("\x1b[31mlog"))
    assert "\x1b" not in hostile and "did you mean log?" in hostile


def test_a_mistyped_choice_elsewhere_suggests_too(cli):
    assert "'lst' is not list, show" in _one_error(cli("packs", "lst"))
    assert "did you mean list?" in _one_error(cli("packs", "lst"))
    assert "did you mean csv?" in _one_error(cli("export", "--format", "cvs"))


# -- dates as people say them ---------------------------------------------------------


@pytest.mark.parametrize("typed", ["yesterday", "Yesterday", "1 day ago", "2026-03-03", "last tue"])
def test_log_date_takes_yesterday_in_any_form(cli, typed):
    cli("log", "no", now="2026-03-02")
    late = cli("log", "yes", "--date", typed, "--json", now=WEDNESDAY).json()
    assert (late["date"], late["late"]) == ("2026-03-03", True)
    assert cli("streak", "--json", now=WEDNESDAY).json()["current"] == 2


@pytest.mark.parametrize("typed", ["today", "TODAY", "0 days ago", "2026-03-04", "wednesday"])
def test_log_date_today_is_a_plain_log(cli, typed):
    logged = cli("log", "why", "--date", typed, "--json", now=WEDNESDAY).json()
    assert (logged["date"], logged["late"]) == ("2026-03-04", False)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["--date", "2 days ago"],
            "--date '2 days ago' is 2026-03-02: log takes only today or yesterday, so a "
            "missed day stays missed (a freeze covers one on its own, when you have one)",
        ),
        (["--date", "2026-02-20"], "--date '2026-02-20': log takes only today or yesterday"),
        (["--date", "tomorrow"], "--date 'tomorrow' is 2026-03-05, a day still to come"),
        (["--date", "today", "--yesterday"], "give one of them"),
        (["--date", "fryday"], "--date 'fryday' is not a date: use today, tomorrow, yesterday"),
    ],
)
def test_log_date_refuses_other_days_and_saves_nothing(cli, argv, said):
    cli("today", now=WEDNESDAY)
    line = _one_error(cli("log", "no", *argv, now=WEDNESDAY))
    assert line.startswith("rejection-therapy: error: ") and said in line
    assert cli("history", "--json").json() == []


def test_dates_count_from_the_challenge_date_not_the_clock(cli):
    """Before the 04:00 rollover the night still belongs to the day before, on a clock-change
    night too: `yesterday` and `tomorrow` count from that challenge date."""
    cli("log", "no", now=MONDAY)
    night = "2026-03-04T01:30:00+01:00"  # Wednesday 01:30: Tuesday's challenge day
    late = cli("log", "yes", "--date", "yesterday", "--json", now=night).json()
    assert (late["date"], late["late"]) == ("2026-03-02", True)
    plain = cli("log", "why", "--date", "today", "--json", now=night).json()
    assert (plain["date"], plain["late"]) == ("2026-03-03", False)
    spring = "2026-03-29T03:30:00+02:00"  # Berlin's 23-hour night, still Saturday's day
    assert "2026-03-29 is a rest day" in cli("rest", "tomorrow", now=spring).out
    late = cli("log", "no", "--date", "2026-03-27", "--json", now=spring).json()
    assert (late["date"], late["late"]) == ("2026-03-27", True)  # Saturday's yesterday
    refused = _one_error(cli("log", "no", "--date", "2026-03-26", now=spring))
    assert "--date '2026-03-26': log takes only today or yesterday" in refused
    fall = "2026-10-25T02:30:00+01:00"  # the second 02:30 of Berlin's 25-hour night
    added = cli("followups", "add", late["id"], "thank them", "--due", "tomorrow", now=fall)
    assert "due tomorrow (2026-10-25)" in added.out


def test_rest_takes_words_and_names_what_was_typed(cli):
    cli("today", now=MONDAY)
    assert "2026-03-13 is a rest day" in cli("rest", "next friday", now=MONDAY).out
    assert "2026-03-20 is a rest day" in cli("rest", "2026-03-20", now=MONDAY).out
    assert "2026-03-05 is a rest day" in cli("rest", "in 3 days", now=MONDAY).out
    past = _one_error(cli("rest", "yesterday", now=MONDAY))
    assert past == (
        "rejection-therapy: error: rest 'yesterday' (2026-03-01) is in the past; "
        "rest days are declared in advance (today or later)"
    )
    assert "--date" not in past
    typo = _one_error(cli("rest", "fryday", now=MONDAY))
    assert "rest 'fryday' is not a date: use today" in typo and "--date" not in typo
    iso = _one_error(cli("rest", "2026-03-01", now=MONDAY))
    assert iso.endswith(
        ": 2026-03-01 is in the past; rest days are declared in advance (today or later)"
    )


def test_followups_take_words_and_keep_the_shorthand(cli):
    entry = cli("log", "no", "--json", now=MONDAY).json()["id"]
    added = cli(
        "followups", "add", entry, "send a thank-you note", "--due", "in 3 days", now=MONDAY
    )
    assert re.fullmatch(
        r"Follow-up [0-9a-f]{8} due in 3 days \(2026-03-05\): send a thank-you note\n", added.out
    )
    short = cli("followups", "add", entry, "ask for feedback", "--due", "+1d", now=MONDAY)
    assert "due tomorrow (2026-03-03)" in short.out
    listed = cli("followups", now=MONDAY).out
    assert "ask for feedback  (due tomorrow)" in listed
    assert "send a thank-you note  (due in 3 days)" in listed
    later = cli("followups", now="2026-03-06T10:00:00+01:00").out
    assert "(due 3 days ago)" in later and "(due yesterday)" in later
    bad = _one_error(cli("followups", "add", entry, "x", "--due", "fryday", now=MONDAY))
    assert "--due 'fryday' is not a date: use today" in bad and "+Nd works too" in bad


# -- relative times where people read them --------------------------------------------


def test_history_says_when_each_entry_was_logged(cli):
    cli("log", "no", "--ask", "asked early", now=MONDAY)
    out = cli("history", now="2026-03-02T13:00:00+01:00").out
    assert "asked early  (logged 3 hours ago)" in out
    out = cli("history", now="2026-03-23T13:00:00+01:00").out
    assert "(logged 3 weeks ago)" in out


def test_review_and_start_say_how_far_the_run_begins(cli):
    cli("log", "no", now=MONDAY)
    header = cli("review", now="2026-03-23T10:00:00+01:00").out.splitlines()[0]
    assert header == "Run 1 (2026-03-02, started 3 weeks ago), so far"
    started = cli("start", "--date", "in 3 days", "--force", now="2026-03-23T10:00:00+01:00")
    assert started.out.startswith("Run 2 begins in 3 days (2026-03-26): 100 days")


# -- counts agree with their nouns ----------------------------------------------------


def test_one_of_a_thing_is_singular(cli):
    cli("log", "no", now=MONDAY)
    assert "(1 ask on 1 day, 1 run)" in cli("stats", now=MONDAY).out
    review = cli("review", now=MONDAY).out
    assert "1 ask: 1 no, 0 why, 0 yes, 0 pending; 1 day counted; 0 follow-ups done" in review
    doctor = cli("doctor", "--full", now=MONDAY).out
    assert re.search(r"\(.*\b1 entry\b", doctor) and re.search(r"\(.*\b1 run\b", doctor), doctor
    assert "1 entries" not in doctor and "1 runs" not in doctor
    cli("config", "rest_days_per_run", "1", now=MONDAY)
    assert "(1 of 1 rest day used)" in cli("rest", "tomorrow", now=MONDAY).out


def test_many_are_plural(cli):
    cli("log", "no", now=MONDAY)
    cli("log", "yes", "--ask", "again", now=MONDAY)
    assert "(2 asks on 1 day, 1 run)" in cli("stats", now=MONDAY).out
    assert "(1 of 4 rest days used)" in cli("rest", "tomorrow", now=MONDAY).out


# -- settings in the app's words ------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("rollover_hour", "25", "rollover_hour must be a whole hour from 0 to 23, not '25'"),
        ("rollover_hour", "-1", "rollover_hour must be a whole hour from 0 to 23, not '-1'"),
        ("rollover_hour", "4.5", "rollover_hour must be a whole hour from 0 to 23, not '4.5'"),
        ("run_length", "0", "run_length must be a whole number of days from 1 to 1000, not '0'"),
        ("pending_days", "366", "pending_days must be a whole number of days from 1 to 365"),
        ("rest_days_per_run", "101", "rest_days_per_run must be a whole number from 0 to 100"),
        (
            "theme",
            "blue",
            "theme: unknown theme 'blue'; themes: textual-dark, rejection-therapy-light",
        ),
        ("mouse", "maybe", "mouse takes on or off, not 'maybe'"),
        ("timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus': use an IANA name"),
        ("excluded_tags", "a\x1bb", "excluded_tags must be up to 200 tags separated by commas"),
        ("excluded_tags", ",".join(map(str, range(201))), "up to 200 tags separated by commas"),
    ],
)
def test_a_bad_setting_is_refused_in_the_apps_words(cli, key, value, said):
    before = cli("config", "--json", now=MONDAY).json()
    line = _one_error(cli("config", key, value, now=MONDAY))
    assert said in line and "Input should" not in line and "\x1b" not in line
    assert cli("config", "--json", now=MONDAY).json() == before


def test_every_setting_config_changes_has_its_own_words(cli):
    """No setting shows pydantic's wording, whatever nonsense it is given."""
    from rejection_therapy.service.runs import MANAGED_SETTINGS

    settings = cli("config", "--json", now=MONDAY).json()
    for key in settings:
        if key in MANAGED_SETTINGS:
            continue
        for nonsense in ("-99999", "x" * 300, "1e9"):
            result = cli("config", key, nonsense, now=MONDAY)
            if result.code == 0:
                continue  # text settings may take it
            assert "Input should" not in result.err and "validation error" not in result.err, (
                key,
                result.err,
            )
            assert key in result.err or "time zone" in result.err, result.err
    managed = cli("config", "profile", "goal=job", now=MONDAY)
    assert "profile is changed with `rejection-therapy profile set KEY=VALUE`" in managed.err


# -- a time zone it could not read ----------------------------------------------------


@pytest.fixture
def machine_in_utc(monkeypatch):
    """A machine whose own zone files say nothing, like many containers."""
    from rejection_therapy.service import zone

    monkeypatch.setattr(zone, "_machine_zone", lambda: "UTC")


def test_an_unknown_tz_at_first_run_is_said_once(cli, machine_in_utc):
    first = cli("today", now=MONDAY, tz="Mars/Olympus")
    assert first.code == 0
    warnings = [line for line in first.err.splitlines() if "TZ=" in line]
    assert warnings == [
        "rejection-therapy: warning: TZ='Mars/Olympus' is not a time zone this machine knows, "
        "so days are counted in UTC; set yours with `rejection-therapy config timezone "
        "Europe/Berlin` (your zone's name)"
    ]
    assert cli("config", "timezone", now=MONDAY, tz="Mars/Olympus").out.strip() == "UTC"
    again = cli("log", "no", now=MONDAY, tz="Mars/Olympus")
    assert again.code == 0 and "TZ=" not in again.err
    cli("config", "timezone", "Europe/Berlin", now=MONDAY, tz="Mars/Olympus")
    assert cli("config", "timezone", now=MONDAY).out.strip() == "Europe/Berlin"


def test_a_first_run_on_the_quick_streak_says_it_too(cli, machine_in_utc):
    first = cli("streak", now=MONDAY, tz="Not/AZone")
    assert first.code == 0 and first.err.count("TZ='Not/AZone'") == 1


@pytest.mark.parametrize(
    "tz", ["Europe/Berlin", ":Europe/Berlin", "/usr/share/zoneinfo/Europe/Berlin"]
)
def test_a_known_tz_is_taken_without_a_word(cli, machine_in_utc, tz):
    result = cli("today", now=MONDAY, tz=tz)
    assert result.code == 0 and "TZ=" not in result.err
    assert cli("config", "timezone", now=MONDAY).out.strip() == "Europe/Berlin"


def test_import_counts_agree_too(make_home, tmp_path):
    laptop = make_home("laptop")
    laptop.ok("log", "no", "--ask", "asked on the laptop", now=MONDAY)
    exported = tmp_path / "laptop.json"
    exported.write_text(laptop.ok("export", now=MONDAY), encoding="utf-8")
    desk = make_home("desk")
    desk.ok("today", now=MONDAY)
    said = desk.ok("import", str(exported), "--dry-run", now=MONDAY)
    assert re.search(r"Would add .*\b1 entry\b", said), said
    assert not re.search(r"\b1 [a-z_]+s\b", said.split(";")[0]), said
