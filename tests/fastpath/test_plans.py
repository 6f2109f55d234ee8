"""The planned days of the status record: a new day's first `today` and a swap committed
without the full service, and every case where the plan must not be used."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

from rejection_therapy.storage.status_record import read_status

DAY2 = "2026-03-03"
DAY3 = "2026-03-04"


def _record(home: Path) -> dict:
    return marshal.loads((home / "status.marshal").read_bytes())


def _plans(home: Path) -> list[tuple[str, str]]:
    return [(plan["kind"], plan["date"]) for plan in _record(home)["plans"]]


def _twin(home: Path) -> Path:
    twin = home.parent / "twin"
    shutil.copytree(home, twin, symlinks=True)
    return twin


def _quick_and_full(cli, home: Path, *args: str, now: str) -> tuple[str, str]:
    """The answer from `home` (quick paths allowed) and from a copy of it taken before,
    where only the full service answers."""
    twin = _twin(home)
    quick = cli(*args, now=now)
    full = cli(*args, now=now, REJECTION_THERAPY_HOME=str(twin), REJECTION_THERAPY_FULL_PATH="1")
    assert quick.code == full.code == 0, (quick.err, full.err)
    shutil.rmtree(twin)
    return quick.out, full.out


def test_the_record_plans_a_week_of_first_todays_each_with_its_swap(cli, home):
    cli("today")
    plans = _plans(home)
    assert plans[0] == ("swap", "2026-03-02")
    assert [date for kind, date in plans if kind == "new-day"] == [
        f"2026-03-{day:02d}" for day in range(3, 10)
    ]
    assert len([kind for kind, _ in plans if kind == "swap"]) == 8


def test_a_planned_new_day_and_swap_give_what_the_full_service_gives(cli, home):
    cli("today")
    quick, full = _quick_and_full(cli, home, "today", "--json", now=DAY2)
    assert quick == full
    assert ("new-day", DAY2) not in _plans(home)
    assert ("swap", DAY2) in _plans(home) and ("new-day", DAY3) in _plans(home)
    quick, full = _quick_and_full(cli, home, "today", "--swap", "--json", now=DAY2)
    assert quick == full
    assert _plans(home) == []  # a swap used another ask: later days are planned anew
    history = cli("history", "--json", now=DAY2)
    assert history.code == 0
    assert read_status(str(home)) is not None  # kept in step with the journal


def test_a_skipped_day_is_drawn_by_the_full_service(cli, home):
    cli("today")
    twin = _twin(home)
    # 2026-03-03 never opened: the plan for the 4th assumed its ask was drawn.
    quick = cli("today", "--json", now=DAY3)
    full = cli(
        "today",
        "--json",
        now=DAY3,
        REJECTION_THERAPY_HOME=str(twin),
        REJECTION_THERAPY_FULL_PATH="1",
    )
    assert quick.out == full.out
    assert ("new-day", "2026-03-05") in _plans(home)  # planned anew by the full service


MINE = "pack: mine\nname: Mine\nlanguage: en-GB\nchallenges:\n" + "".join(
    f"  - id: mine-{n}\n    ask: Ask a friend for favour number {n} of this week.\n"
    f"    difficulty: {n % 5 + 1}\n    category: favour\n"
    "    tip: Say why it matters to you.\n"
    for n in range(1, 3)
)


def test_a_changed_pack_file_makes_the_full_service_draw(cli, home):
    cli("today")
    packs = home / "packs"
    packs.mkdir()
    (packs / "mine.yaml").write_text(MINE)
    quick, full = _quick_and_full(cli, home, "today", "--json", now=DAY2)
    assert quick == full
    assert _record(home)["packs_stamp"][-1][0].endswith("mine.yaml")


VALID = """pack: {id}
title: "Favours"
version: "1.0.0"
author: "tests"
description: "Asks of friends."
language: "en-GB"
license: "CC-BY-4.0"
challenges:
  - id: {id}-ask-a-favour
    ask: "Ask a friend to help you carry something heavy this week."
    difficulty: 1
    category: "everyday"
    tip: "Say why it matters to you."
    why_prompt: "Ask: 'What would make it a yes?'"
    needs: []
    via: ["in-person"]
    who: "someone-you-know"
"""


def test_packs_add_and_list_plan_anew_for_the_packs_as_they_are(cli, home, tmp_path):
    """A pack added (`packs add`) or dropped in by hand and then listed: the plans are drawn
    again with it, so the next new day is quick and the same as the full service's."""
    cli("today")
    mine = tmp_path / "mine.yaml"
    mine.write_text(VALID.format(id="mine"))
    assert cli("packs", "add", str(mine)).code == 0
    assert _record(home)["packs_stamp"][-1][0].endswith("mine.yaml")
    assert ("new-day", DAY2) in _plans(home)
    data = (home / "rejection-therapy.json").read_bytes()
    quick, full = _quick_and_full(cli, home, "today", "--json", now=DAY2)
    assert quick == full
    # taken from the plan: a journal line, where the full service rewrites the file on a new day
    assert (home / "rejection-therapy.json").read_bytes() == data
    (home / "packs" / "yours.yaml").write_text(VALID.format(id="yours"))
    assert cli("packs", "list", now=DAY2).code == 0
    assert _record(home)["packs_stamp"][-1][0].endswith("yours.yaml")
    quick, full = _quick_and_full(cli, home, "today", "--json", now=DAY3)
    assert quick == full
    assert (home / "rejection-therapy.json").read_bytes() == data


def test_a_logged_fear_rating_drops_the_later_plans_it_would_change(cli, home):
    cli("today")
    assert cli("log", "no", "--fear-before", "7").code == 0
    assert [kind for kind, date in _plans(home) if date > "2026-03-02"] == []
    assert ("swap", "2026-03-02") in _plans(home)  # today's swap holds the new entry too
    assert _record(home)["plans"][0]["day"]["entries"] == _record(home)["day"]["entries"]


def test_a_plain_log_keeps_the_plans_and_tomorrow_is_quick(cli, home):
    cli("today")
    assert cli("log", "no").code == 0
    assert ("new-day", DAY2) in _plans(home)
    quick, full = _quick_and_full(cli, home, "today", "--json", now=DAY2)
    assert quick == full


def test_a_tampered_plan_makes_the_record_stale(cli, home):
    cli("today")
    record = _record(home)
    record["plans"][1]["insert_id"] = "7"
    (home / "status.marshal").write_bytes(marshal.dumps(record))
    assert read_status(str(home)) is None
    assert cli("today", "--json", now=DAY2).code == 0
    assert read_status(str(home)) is not None


def test_undo_of_a_quick_log_is_quick_and_the_same_as_the_service_s(cli, home):
    cli("today")
    assert cli("log", "no", "--note", "first").code == 0
    assert cli("log", "why", "--ask", "Asked for a discount").code == 0
    assert _record(home)["undo"] is not None
    twin = _twin(home)
    quick = cli("undo")
    full = cli("undo", REJECTION_THERAPY_HOME=str(twin), REJECTION_THERAPY_FULL_PATH="1")
    assert (quick.code, quick.out) == (full.code, full.out) == (0, full.out)
    assert "Asked for a discount" in quick.out
    assert _record(home)["undo"] is None
    history = cli("history", "--json").json()
    assert [e["note"] for e in history] == ["first"]
    assert history == cli("history", "--json", REJECTION_THERAPY_HOME=str(twin)).json()
    # a second undo has no undo point: the full service takes the first entry back
    assert cli("undo").code == 0
    assert cli("history", "--json").json() == []
    assert cli("undo").code == 1  # nothing left to undo today


def test_an_undo_point_is_dropped_by_any_other_quick_write(cli, home):
    cli("today")
    assert cli("log", "no").code == 0
    assert cli("today", "--swap").code == 0
    assert _record(home)["undo"] is None


def test_a_tampered_undo_point_never_removes_another_entry(cli, home):
    cli("today")
    assert cli("log", "no", "--note", "keep me").code == 0
    kept_id = cli("history", "--json").json()[0]["id"]
    assert cli("log", "yes", "--ask", "Asked twice").code == 0
    record = _record(home)
    record["undo"]["lines"][0]["doc"]["id"] = kept_id  # points at the older entry
    (home / "status.marshal").write_bytes(marshal.dumps(record))
    assert cli("undo").code == 0  # the full service undoes the newest, as always
    assert [e["id"] for e in cli("history", "--json").json()] == [kept_id]


def test_a_home_copied_elsewhere_with_its_packs_keeps_its_plans(cli, home, tmp_path):
    """The pack stamp names files, not paths: a restored or moved home is still quick."""
    (home / "packs").mkdir(parents=True, exist_ok=True)
    (home / "packs" / "mine.yaml").write_text(VALID.format(id="mine"))
    cli("today")
    moved = tmp_path / "elsewhere" / "home"
    shutil.copytree(home, moved, symlinks=True)
    data = (moved / "rejection-therapy.json").read_bytes()
    answer = cli("today", "--json", now=DAY2, REJECTION_THERAPY_HOME=str(moved))
    assert answer.code == 0, answer.err
    assert (moved / "rejection-therapy.json").read_bytes() == data  # the plan, not a full draw
    assert _record(moved)["packs_stamp"][-1][0] == "user/mine.yaml"
