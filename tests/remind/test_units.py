"""The scheduler files `remind install` writes, checked by the tools that read them."""

from __future__ import annotations

import plistlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rejection_therapy.remind.units import (
    Job,
    UnitError,
    crontab_line,
    launchd_plist,
    login_line,
    systemd_service,
    systemd_timer,
)

# A home and an app path with everything a quoting mistake would trip on.
AWKWARD = Job(('/opt/my apps/100% "bold"/$HOME/rejection-therapy',), "/home/jo's data/%h $x")
PLAIN = Job(("/usr/local/bin/rejection-therapy",), "/home/jo/.local/share/rejection-therapy")


def test_each_home_has_its_own_stable_name():
    assert PLAIN.stem == Job(("/elsewhere/rejection-therapy",), PLAIN.home).stem
    assert PLAIN.stem != AWKWARD.stem
    assert PLAIN.stem.startswith("rejection-therapy-remind-")


@pytest.mark.skipif(sys.platform != "linux", reason="systemd is Linux's")
@pytest.mark.parametrize("job", [PLAIN, AWKWARD], ids=["plain", "awkward"])
def test_systemd_analyze_accepts_the_units(job, tmp_path):
    """systemd's own checker (CI installs systemd where Debian lacks it)."""
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing: apt-get install systemd"
    (tmp_path / f"{job.stem}.service").write_text(systemd_service(job))
    (tmp_path / f"{job.stem}.timer").write_text(systemd_timer(job))
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    found = subprocess.run(
        [analyze, "verify", "--user", f"{job.stem}.timer", f"{job.stem}.service"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"XDG_RUNTIME_DIR": str(runtime), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    # A missing executable is reported, not fatal: the awkward path does not exist here.
    problems = [
        line
        for line in found.stderr.splitlines()
        if "is not executable" not in line and "No such file" not in line
    ]
    assert found.returncode == 0 or not problems, found.stderr
    assert not problems, found.stderr


def test_systemd_takes_the_paths_literally():
    """systemd would expand %h and $HOME: the unit doubles them."""
    text = systemd_service(AWKWARD)
    assert 'Environment="REJECTION_THERAPY_HOME=/home/jo\'s data/%%h $x"' in text
    assert (
        'ExecStart="/usr/bin/env" "/opt/my apps/100%% \\"bold\\"/$$HOME/rejection-therapy" "remind"'
        in text
    )
    assert 'ExecStart="/usr/bin/rejection-therapy" "remind" "check" "--quiet"' in systemd_service(
        Job(("/usr/bin/rejection-therapy",), "/h")
    )
    assert "SuccessExitStatus=1" in text
    assert "DISPLAY" not in text and "DBUS" not in text
    timer = systemd_timer(PLAIN)
    assert "OnCalendar=*:0/15" in timer and "Persistent=true" in timer


def test_the_plist_parses_and_runs_the_check_every_15_minutes():
    plist = plistlib.loads(launchd_plist(AWKWARD))
    assert plist["ProgramArguments"] == [*AWKWARD.program, "remind", "check", "--quiet"]
    assert plist["EnvironmentVariables"] == {"REJECTION_THERAPY_HOME": AWKWARD.home}
    assert plist["StartInterval"] == 900 and plist["RunAtLoad"] is True
    assert plist["Label"].startswith("org.rejection-therapy.remind.")


def test_the_crontab_line_parses_back_to_the_same_command():
    line = crontab_line(AWKWARD)
    fields = line.split(None, 5)
    assert fields[:5] == ["*/15", "*", "*", "*", "*"]
    command = fields[5]
    assert "%" not in command.replace("\\%", "")  # cron would cut the line at a bare %
    words = shlex.split(command.replace("\\%", "%"), comments=True)
    assert words == [
        f"REJECTION_THERAPY_HOME={AWKWARD.home}",
        *AWKWARD.program,
        "remind",
        "check",
        "--quiet",
    ]
    assert line.endswith(AWKWARD.marker)


def test_the_login_line_runs_the_check_in_a_real_shell(tmp_path):
    """The line as bash reads it: the program gets the home and the arguments."""
    program = tmp_path / "odd $dir" / "rejection-therapy"
    program.parent.mkdir()
    program.write_text('#!/bin/sh\nprintf "%s|" "$REJECTION_THERAPY_HOME" "$@"\nexit 1\n')
    program.chmod(0o755)
    job = Job((str(program),), "/home/jo's data")
    found = subprocess.run(
        ["sh", "-c", login_line(job)], capture_output=True, text=True, check=False
    )
    assert found.stdout == "/home/jo's data|remind|check|--quiet|"
    assert found.returncode == 0, "an open day never fails a shell's start"
    program.unlink()
    gone = subprocess.run(["sh", "-c", login_line(job)], capture_output=True, check=False)
    assert (gone.returncode, gone.stdout, gone.stderr) == (0, b"", b"")


@pytest.mark.parametrize("bad", ["/home/jo\nExecStart=/bin/evil", "/home/\x1b[2Jjo"])
def test_a_control_character_in_a_path_is_refused(bad):
    for job in (Job((bad,), "/home/jo"), Job(("/bin/rt",), bad)):
        for make in (systemd_service, launchd_plist, crontab_line, login_line):
            with pytest.raises(UnitError, match="control character"):
                make(job)


def test_launchd_install_and_uninstall_through_launchctl(tmp_path, monkeypatch):
    """macOS, with a fake launchctl: the plist lands in LaunchAgents, user-only, and goes."""
    from rejection_therapy.remind.install import install, uninstall

    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "launchctl").write_text(f'#!/bin/sh\necho "$@" >> {tools}/calls\n')
    (tools / "launchctl").chmod(0o755)
    environ = {"HOME": str(tmp_path / "user"), "PATH": str(tools)}
    Path(environ["HOME"]).mkdir()
    done = install(PLAIN, "launchd", environ, system="darwin")
    [plist] = (tmp_path / "user/Library/LaunchAgents").iterdir()
    assert plist.stat().st_mode & 0o777 == 0o600
    assert plistlib.loads(plist.read_bytes())["Label"] == plist.stem
    assert "bootstrap gui/" in (tools / "calls").read_text()
    assert done.installed is not None
    said = uninstall(done.installed, PLAIN, environ)
    assert f"Removed {plist}" in said
    assert list((tmp_path / "user").iterdir()) == []
    assert "bootout" in (tools / "calls").read_text().splitlines()[-1]


def test_macos_passes_the_text_to_applescript_as_arguments(tmp_path):
    """osascript gets the script and then the title and body as argv: a quote or a
    `do shell script` in an ask stays text."""
    from rejection_therapy.remind.deliver import deliver

    (tmp_path / "osascript").write_text(
        f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > {tmp_path}/args\n'
    )
    (tmp_path / "osascript").chmod(0o755)
    body = 'Day 3 · today\'s ask: say "hi" & do shell script "rm -rf ~"'
    outcome = deliver("notify", "Title", body, {"PATH": str(tmp_path)}, system="darwin")
    assert outcome.ok, outcome
    args = (tmp_path / "args").read_text().splitlines()
    assert args == [
        *("-e", "on run argv", "-e"),
        "display notification (item 2 of argv) with title (item 1 of argv)",
        *("-e", "end run", "Title", body),
    ]
