"""The fast `streak` path: light imports, and a stale status record is detected."""

from __future__ import annotations

import marshal
import subprocess
import sys


def _modules_after(command: str, home, now: str = "2026-03-02") -> set[str]:
    code = (
        "import sys\n"
        "from rejection_therapy.cli import main\n"
        f"main({command!r}.split())\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))\n"
    )
    env = {
        "REJECTION_THERAPY_HOME": str(home),
        "REJECTION_THERAPY_NOW": now,
        "TZ": "UTC",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES "))
    return {name.split(".")[0] for name in line.split()[1:]}


def test_streak_imports_neither_textual_pydantic_arrow_nor_rich(cli, home):
    cli("log", "no")
    modules = _modules_after("streak", home)
    assert "textual" not in modules
    assert not modules & {"pydantic", "arrow", "rich", "tinydb", "yaml"}


def test_today_and_log_never_import_textual(cli, home):
    cli("log", "no")
    assert "textual" not in _modules_after("today", home)
    assert "textual" not in _modules_after("log yes --ask fast", home)
    assert "textual" not in _modules_after("today --swap", home)


HEAVY = {"textual", "pydantic", "arrow", "rich", "tinydb", "yaml", "argparse", "filelock"}
HEAVY |= {"platformdirs", "dataclasses", "typing", "uuid", "pathlib", "tempfile"}


def test_fast_today_and_log_stay_on_the_standard_library_essentials(cli, home):
    cli("today")  # the day's ask drawn, its backup kept, the status record made for today
    assert not _modules_after("today", home) & HEAVY
    assert not _modules_after("today --json", home) & HEAVY
    assert not _modules_after("log no --note fast --fear-before 4", home) & HEAVY
    assert (home / "rejection-therapy.journal").exists()  # the fast path did the log
    assert not _modules_after("log yes --ask mine --difficulty 3 --json", home) & HEAVY
    assert cli("history", "--json").json()[0]["ask"] == "mine"


def test_a_new_day_and_a_swap_are_committed_from_the_plans(cli, home):
    cli("today")  # the full service plans tomorrow's first `today` and its swap
    assert not _modules_after("today", home, now="2026-03-03") & HEAVY
    assert not _modules_after("today --swap --json", home, now="2026-03-03") & HEAVY
    assert cli("today", "--json", now="2026-03-03").json()["swapped"] is True


def test_a_day_no_plan_covers_goes_through_the_full_service_once(cli, home):
    cli("today")
    assert _modules_after("today", home, now="2026-03-05") & {"pydantic"}  # draws the ask
    assert not _modules_after("today", home, now="2026-03-05") & HEAVY


def test_stale_status_record_is_rebuilt(cli, home):
    cli("log", "no")
    status = home / "status.marshal"
    record = marshal.loads(status.read_bytes())
    record["done_dates"] = []
    record["stamp"] = [0, 0, 0]
    status.write_bytes(marshal.dumps(record))
    assert cli("streak", "--json").json()["current"] == 1
    status.unlink()
    assert cli("streak", "--json").json()["current"] == 1
