"""`remind`: the nudge speaks only while today is open, once per chosen time, at the
person's wall-clock time; the notifier, sendmail and crontab are fakes on PATH that
record what they were given."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

# Europe/Berlin (the fixture's TZ, so the data's zone): CET is UTC+1 until 29 March 2026.
BEFORE = "2026-03-02T17:29:00+00:00"  # 18:29 in Berlin
AFTER = "2026-03-02T17:31:00+00:00"  # 18:31
LATER = "2026-03-02T19:00:00+00:00"  # 20:00

FAKE_NOTIFY = """#!/bin/sh
# Like notify-send: a leading -- ends the options; each call is one file of arguments.
out="$FAKE_TOOLS/notified.$(date +%s%N)"
for a in "$@"; do printf '%s\\n' "$a" >> "$out"; done
"""
FAKE_SENDMAIL = """#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_TOOLS/mail.args"
cat > "$FAKE_TOOLS/mail.message"
"""
FAKE_CRONTAB = """#!/bin/sh
table="$FAKE_TOOLS/crontab.table"
case "$1" in
  -l) if [ -f "$table" ]; then cat "$table"; else echo "no crontab for you" >&2; exit 1; fi ;;
  -r) rm -f "$table" ;;
  -) cat > "$table" ;;
esac
"""


@pytest.fixture
def remind_home(make_home, tmp_path, monkeypatch):
    """A home on day 1 of a run, a user home for the scheduler files, fake tools on PATH."""
    tools = tmp_path / "tools"
    tools.mkdir()
    for name, script in (("notify-send", FAKE_NOTIFY), ("sendmail", FAKE_SENDMAIL)):
        (tools / name).write_text(script)
        (tools / name).chmod(0o755)
    user = tmp_path / "user"
    user.mkdir()
    monkeypatch.setenv("FAKE_TOOLS", str(tools))
    monkeypatch.setenv("PATH", f"{tools}:/usr/bin:/bin")
    monkeypatch.setenv("HOME", str(user))
    monkeypatch.setenv("SHELL", "/bin/bash")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "no-runtime"))
    home = make_home()
    home.tools = tools
    home.user = user
    home.ok("today", now=BEFORE)
    return home


def notifications(home) -> list[list[str]]:
    found = sorted(home.tools.glob("notified.*"))
    return [path.read_text().splitlines() for path in found]


def install(home, *options: str, now: str = BEFORE) -> str:
    return home.ok("remind", "install", "--scheduler", "systemd", *options, now=now)


def tree(root: Path) -> dict[str, tuple[int, str]]:
    """Every path under root with its mode and content (a link's target)."""
    found = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            body = "-> " + os.readlink(path)
        elif path.is_file():
            body = path.read_text()
        else:
            body = "/"
        found[str(path.relative_to(root))] = (stat.S_IMODE(info.st_mode), body)
    return found


def test_an_open_day_gets_one_nudge_per_time_with_what_is_at_stake(remind_home):
    home = remind_home
    install(home, "--at", "18:30", "--again", "20:30")
    ask = json.loads(home.ok("today", "--json", now=BEFORE))["ask"]["text"]
    code, out, _ = home.run("remind", "check", now=BEFORE)
    assert (code, notifications(home)) == (1, []), out
    assert "Next nudge today at 18:30" in out

    code, out, _ = home.run("remind", "check", now=AFTER)
    assert code == 1
    [sent] = notifications(home)
    assert sent[0] == "--app-name=rejection-therapy"
    title, body = sent[-2:]
    assert title == "Today's ask is still open"
    assert body.startswith("Day 1 · a new streak starts today")
    assert body.endswith(f"today's ask: {ask}".replace("&", "&amp;"))
    assert "Nudged for 18:30" in out

    assert home.run("remind", "check", "--quiet", now=AFTER)[:2] == (1, "")
    assert len(notifications(home)) == 1, "a second check in the same slot stays silent"
    home.run("remind", "check", now=LATER)
    assert len(notifications(home)) == 1
    home.run("remind", "check", now="2026-03-02T19:31:00+00:00")  # 20:31: the second time
    assert len(notifications(home)) == 2
    status = home.ok("remind", now="2026-03-02T19:40:00+00:00")
    assert "Last nudge: today at 20:31 via notify: sent with notify-send" in status
    assert "Next nudge: tomorrow at 18:30" in status and "Today: open · Day 1" in status


def test_a_done_day_and_a_rest_day_stay_silent(remind_home):
    home = remind_home
    install(home)
    home.ok("log", "no", now=BEFORE)
    code, out, _ = home.run("remind", "check", now=AFTER)
    assert (code, notifications(home)) == (0, [])
    assert "No nudge: today is done" in out
    assert "Today: done · Day 1" in home.ok("remind", now=AFTER)

    home.ok("rest", "tomorrow", now=AFTER)
    tomorrow = "2026-03-03T17:31:00+00:00"
    code, out, _ = home.run("remind", "check", now=tomorrow)
    assert (code, notifications(home)) == (0, [])
    assert "rest day" in out


def test_the_days_between_runs_stay_silent(remind_home):
    home = remind_home
    install(home)
    home.ok("start", "--days", "2", "--force", now=BEFORE)
    home.ok("start", "--date", "2026-03-09", now=BEFORE)
    code, out, _ = home.run("remind", "check", now="2026-03-05T17:31:00+00:00")
    assert (code, notifications(home)) == (0, []), out
    assert "the run is complete" in out
    assert home.run("streak", "--check", now="2026-03-05T17:31:00+00:00")[0] == 0


def test_a_catch_up_comes_the_same_evening_never_the_morning_after(remind_home):
    home = remind_home
    install(home)
    # The laptop slept from 18:00 until 23:50: the check then speaks, late but the same day.
    home.run("remind", "check", now="2026-03-02T22:50:00+00:00")
    assert len(notifications(home)) == 1
    # Tomorrow, unspoken for: at 09:00 it is a new day whose 18:30 has not come.
    home.run("remind", "check", now="2026-03-03T08:00:00+00:00")
    assert len(notifications(home)) == 1


def test_after_the_clock_change_the_nudge_keeps_its_wall_clock_time(remind_home):
    home = remind_home
    install(home)
    home.ok("log", "no", now="2026-03-28T10:00:00+01:00")  # keeps the run going
    # 29 March 2026: Berlin moves to CEST (UTC+2), so 18:30 is 16:30 UTC.
    assert home.run("remind", "check", now="2026-03-29T16:29:00+00:00")[0] == 1
    assert notifications(home) == []
    home.run("remind", "check", now="2026-03-29T16:31:00+00:00")
    assert len(notifications(home)) == 1


def test_markup_in_the_ask_is_escaped_and_the_ask_can_be_hidden(remind_home):
    from rejection_therapy.remind.deliver import notify_markup

    assert notify_markup("Ask <b>Bo</b> & co") == "Ask &lt;b&gt;Bo&lt;/b&gt; &amp; co"
    home = remind_home
    install(home, "--hide-ask")
    home.run("remind", "check", now=AFTER)
    [sent] = notifications(home)
    assert "ask" not in sent[-1], sent


def test_a_nudge_that_cannot_go_out_is_said_and_tried_again(remind_home):
    home = remind_home
    install(home)
    (home.tools / "notify-send").unlink()
    code, out, err = home.run("remind", "check", now=AFTER)
    assert code == 2
    assert err.count("\n") == 1 and "notify-send was not found" in err
    assert "failed: notify-send was not found" in home.ok("remind", now=AFTER)
    (home.tools / "notify-send").write_text(FAKE_NOTIFY)
    (home.tools / "notify-send").chmod(0o755)
    home.run("remind", "check", now=LATER)
    assert len(notifications(home)) == 1


def test_the_state_file_is_untrusted(remind_home):
    home = remind_home
    install(home)
    state = home.path / "remind.json"
    for hostile in ("{", '{"version": 1, "spoken": {"day": "2026-03-02", "times": ["25:00"]}}'):
        state.write_text(hostile)
        code, out, err = home.run("remind", "check", now=AFTER)
        assert code == 2 and str(state) in err and "Traceback" not in err, err
        assert err.count("\n") == 1
    state.unlink()
    state.symlink_to(home.tools / "notify-send")
    code, _, err = home.run("remind", "check", now=AFTER)
    assert code == 2 and "symbolic link" in err
    assert notifications(home) == []


def test_install_uninstall_round_trip_leaves_the_folders_as_before(remind_home):
    home = remind_home
    (home.user / ".config").mkdir()  # a folder the person had: it stays
    before = tree(home.user)
    out = install(home, "--at", "18:30")
    unit = home.user / ".config/systemd/user"
    files = sorted(p.name for p in unit.glob("rejection-therapy-remind-*"))
    assert [Path(f).suffix for f in files] == [".service", ".timer"]
    assert all(stat.S_IMODE((unit / f).stat().st_mode) == 0o600 for f in files)
    assert stat.S_IMODE(unit.stat().st_mode) == 0o700
    assert (unit / "timers.target.wants" / files[1]).is_symlink()
    assert "Wrote" in out and "Scheduler: systemd user timer" in out

    again = install(home, "--at", "19:00")
    assert sorted(p.name for p in unit.glob("rejection-therapy-remind-*")) == files
    assert "19:00" in again

    out = home.ok("remind", "uninstall", now=BEFORE)
    assert f"Removed {unit / files[0]}" in out
    assert tree(home.user) == before
    assert not (home.path / "remind.json").exists()
    assert "No reminder is set up" in home.ok("remind", now=BEFORE)


def test_two_homes_get_two_timers(remind_home, make_home):
    install(remind_home)
    other = make_home("other")
    other.ok("today", now=BEFORE)
    install(other)
    unit = remind_home.user / ".config/systemd/user"
    assert len(list(unit.glob("*.timer"))) == 2
    other.ok("remind", "uninstall", now=BEFORE)
    assert len(list(unit.glob("*.timer"))) == 1


def test_status_says_when_the_app_it_runs_is_gone(remind_home):
    home = remind_home
    install(home)
    state = json.loads((home.path / "remind.json").read_text())
    state["installed"]["program"] = ["/nowhere/rejection-therapy"]
    (home.path / "remind.json").write_text(json.dumps(state))
    out = home.ok("remind", now=BEFORE)
    assert "/nowhere/rejection-therapy no longer exists" in out
    data = json.loads(home.ok("remind", "--json", now=BEFORE))
    assert data["program_missing"] == "/nowhere/rejection-therapy"
    assert data["next"] == "2026-03-02T18:30" and data["today_open"] is True


def test_cron_line_is_shown_and_added_only_when_asked(remind_home):
    home = remind_home
    (home.tools / "crontab").write_text(FAKE_CRONTAB)
    (home.tools / "crontab").chmod(0o755)
    table = home.tools / "crontab.table"
    table.write_text("0 7 * * * backup\n")
    out = home.ok("remind", "install", "--scheduler", "cron", now=BEFORE)
    assert "*/15 * * * *" in out and table.read_text() == "0 7 * * * backup\n"
    assert "not scheduled" in out
    home.ok("remind", "install", "--scheduler", "cron", "--write-crontab", now=BEFORE)
    home.ok("remind", "install", "--scheduler", "cron", "--write-crontab", now=BEFORE)
    lines = table.read_text().splitlines()
    assert lines[0] == "0 7 * * * backup" and len(lines) == 2
    assert "a line in your crontab" in home.ok("remind", now=BEFORE)
    home.ok("remind", "uninstall", now=BEFORE)
    assert table.read_text() == "0 7 * * * backup\n"


def test_terminal_asks_first_then_prints_at_the_next_shell(remind_home):
    home = remind_home
    bashrc = home.user / ".bashrc"
    bashrc.write_text("alias ll='ls -l'\n")
    bashrc.chmod(0o644)
    code, out, err = home.run("remind", "install", "--via", "terminal", now=BEFORE)
    assert code == 2 and "nothing was changed" in err and "--yes" in err
    assert bashrc.read_text() == "alias ll='ls -l'\n"

    home.ok("remind", "install", "--via", "terminal", "--yes", now=BEFORE)
    home.ok("remind", "install", "--via", "terminal", "--yes", now=BEFORE)
    lines = bashrc.read_text().splitlines()
    assert len(lines) == 2 and lines[1].endswith(
        "# rejection-therapy remind " + lines[1].rsplit(" ", 1)[1]
    )
    assert stat.S_IMODE(bashrc.stat().st_mode) == 0o644

    code, out, _ = home.run("remind", "check", "--quiet", now=AFTER)
    assert code == 1 and out.startswith("rejection-therapy: Today's ask is still open: Day 1")
    assert home.run("remind", "check", "--quiet", now=AFTER)[1] == ""

    home.ok("remind", "uninstall", now=BEFORE)
    assert bashrc.read_text() == "alias ll='ls -l'\n"


def test_terminal_never_writes_through_a_linked_start_file(remind_home, tmp_path):
    home = remind_home
    dotfiles = tmp_path / "dotfiles-bashrc"
    dotfiles.write_text("# mine\n")
    (home.user / ".bashrc").symlink_to(dotfiles)
    code, _, err = home.run("remind", "install", "--via", "terminal", "--yes", now=BEFORE)
    assert code == 2 and "symbolic link" in err and "add this line" in err
    assert dotfiles.read_text() == "# mine\n"


def test_mail_goes_to_the_local_sendmail(remind_home):
    home = remind_home
    home.ok("remind", "install", "--via", "mail", "--mail-to", "me@example.org", now=BEFORE)
    home.run("remind", "check", now=AFTER)
    assert (home.tools / "mail.args").read_text().split() == ["-oi", "--", "me@example.org"]
    message = (home.tools / "mail.message").read_text()
    assert "Subject: rejection-therapy: Today's ask is still open" in message
    assert "Day 1" in message
    code, _, err = home.run(
        "remind", "install", "--via", "mail", "--mail-to", "x@y\nBcc: z", now=BEFORE
    )
    assert code == 2 and "not a mail address" in err


def test_bad_times_are_refused_in_one_line(remind_home):
    code, _, err = remind_home.run("remind", "install", "--at", "25:00", now=BEFORE)
    assert code == 2 and "'25:00' is not a time of day" in err and err.count("\n") == 1
    assert not (remind_home.path / "remind.json").exists()


def test_a_lock_file_that_is_a_link_is_refused(remind_home, tmp_path):
    home = remind_home
    install(home)
    target = tmp_path / "elsewhere"
    target.write_text("keep me\n")
    (home.path / ".remind.lock").unlink()
    (home.path / ".remind.lock").symlink_to(target)
    code, _, err = home.run("remind", "check", now=AFTER)
    assert code == 2 and "symbolic link" in err and err.count("\n") == 1
    assert target.read_text() == "keep me\n" and notifications(home) == []


def _unit_words(line: str) -> list[str]:
    """An ExecStart=/Environment= value's quoted words, unescaped as systemd reads them."""
    import re

    words = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
    return [
        w.replace('\\"', '"').replace("\\\\", "\\").replace("%%", "%").replace("$$", "$")
        for w in words
    ]


def test_the_unit_runs_the_check_as_systemd_would(remind_home):
    """The service's own command in a bare environment (no DISPLAY, no D-Bus address, a
    short PATH): it finds the app and the home on its own, and nudges once."""
    import subprocess

    home = remind_home
    install(home)
    [service] = (home.user / ".config/systemd/user").glob("*.service")
    text = service.read_text()
    command = _unit_words(next(li for li in text.splitlines() if li.startswith("ExecStart=")))
    [variable] = _unit_words(next(li for li in text.splitlines() if li.startswith("Environment=")))
    name, _, value = variable.partition("=")
    assert (name, value) == ("REJECTION_THERAPY_HOME", str(home.path.resolve()))
    environ = {
        "HOME": str(home.user),
        "PATH": f"{home.tools}:/usr/bin:/bin",
        "FAKE_TOOLS": str(home.tools),
        name: value,
        "REJECTION_THERAPY_NOW": AFTER,
    }
    ran = subprocess.run(command, env=environ, capture_output=True, text=True, check=False)
    assert (ran.returncode, ran.stdout, ran.stderr) == (1, "", ""), "1 is SuccessExitStatus"
    [sent] = notifications(home)
    assert sent[-1].startswith("Day 1 · a new streak starts today")
    again = subprocess.run(command, env=environ, capture_output=True, check=False)
    assert again.returncode == 1 and len(notifications(home)) == 1


def test_uninstall_never_removes_what_a_tampered_state_file_names(remind_home, tmp_path):
    home = remind_home
    install(home)
    precious = tmp_path / "id_ed25519"
    precious.write_text("secret\n")
    state_file = home.path / "remind.json"
    state = json.loads(state_file.read_text())
    bashrc = home.user / ".bashrc"
    bashrc.write_text("# mine\n")
    elsewhere = home.user / "proj"
    (elsewhere / "empty").mkdir(parents=True)
    for key, value in (
        ("files", [str(precious)]),
        ("files", [str(bashrc)]),  # a name install may write, but not for a systemd timer
        ("folders", [str(elsewhere / "empty")]),
        ("line", "rm -rf ~"),
        ("line_file", str(precious)),
    ):
        tampered = {**state, "installed": {**state["installed"], key: value}}
        state_file.write_text(json.dumps(tampered))
        code, _, err = home.run("remind", "uninstall", now=BEFORE)
        assert code == 2 and "remind.json" in err, (key, err)
    assert precious.read_text() == "secret\n" and bashrc.read_text() == "# mine\n"
    assert (elsewhere / "empty").is_dir()


def test_the_start_file_keeps_every_byte_of_the_persons_own_lines(remind_home):
    home = remind_home
    bashrc = home.user / ".bashrc"
    mine = 'echo "a\fb"\r\nPS1="x\u2028y"\n'
    bashrc.write_bytes(mine.encode())
    home.ok("remind", "install", "--via", "terminal", "--yes", now=BEFORE)
    edited = bashrc.read_bytes().replace(b" || true ", b" 2>/dev/null || true ")
    bashrc.write_bytes(edited)  # the person touched our line: it is still ours to remove
    out = home.ok("remind", "uninstall", now=BEFORE)
    assert "Removed the reminder's line" in out
    assert bashrc.read_bytes() == mine.encode()


def test_a_failed_install_leaves_nothing_behind(remind_home):
    home = remind_home
    unit = home.user / ".config/systemd/user"
    unit.mkdir(parents=True)
    before = tree(home.user)
    stem = install(home).split("Wrote ")[1].split("/")[-1].split(".")[0]
    home.ok("remind", "uninstall", now=BEFORE)
    (unit / f"{stem}.timer").mkdir()  # something in the way
    code, _, err = home.run("remind", "install", "--scheduler", "systemd", now=BEFORE)
    assert code == 2 and "could not be installed" in err and err.count("\n") == 1
    (unit / f"{stem}.timer").rmdir()
    assert tree(home.user) == before
    assert "No reminder is set up" in home.ok("remind", now=BEFORE)


def test_a_relative_xdg_config_home_is_ignored(remind_home, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    install(remind_home)
    assert list((remind_home.user / ".config/systemd/user").glob("*.timer"))


def test_check_never_makes_a_home_that_is_gone(remind_home, tmp_path, monkeypatch):
    gone = tmp_path / "moved-away"
    monkeypatch.setenv("REJECTION_THERAPY_HOME", str(gone))
    monkeypatch.setenv("REJECTION_THERAPY_NOW", AFTER)
    from rejection_therapy.cli import main

    assert main(["remind", "check", "--quiet"]) == 2
    assert not gone.exists()


def test_deeply_nested_state_is_one_line(remind_home):
    home = remind_home
    install(home)
    (home.path / "remind.json").write_text("[" * 30000)
    code, _, err = home.run("remind", "check", now=AFTER)
    assert code == 2 and "nested too deeply" in err and err.count("\n") == 1


def test_five_times_are_refused_in_the_app_words(remind_home):
    times = [arg for t in ("10:00", "11:00", "12:00", "13:00") for arg in ("--again", t)]
    code, _, err = remind_home.run("remind", "install", "--at", "9:00", *times, now=BEFORE)
    assert code == 2 and "at most 4 times" in err
