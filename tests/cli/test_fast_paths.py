"""The fast `streak` path: light imports, and a stale status record is detected."""

from __future__ import annotations

import marshal
import subprocess
import sys


def _modules_after(command: str, home, now: str = "2026-03-02") -> set[str]:
    """The top-level packages loaded once `command` has run (the interpreter's own too)."""
    loaded = _loaded_by(command, home, relative=False, now=now, zone="UTC")
    return {name.split(".")[0] for name in loaded}


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
    assert not _modules_after("log W --date today --ask cased --json", home) & HEAVY
    assert cli("history", "--json").json()[0]["outcome"] == "why"


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


STDLIB_ALLOWED = {
    *("__future__", "_bisect", "_collections", "_datetime", "_functools", "_json"),
    *("_operator", "_sre", "collections", "collections.abc"),
    *("copyreg", "datetime", "enum", "fcntl", "functools", "itertools", "json"),
    *("json.decoder", "json.encoder", "json.scanner", "keyword", "math", "operator"),
    *("re", "re._casefix", "re._compiler", "re._constants", "re._parser"),
    *("reprlib", "types", "warnings"),
}
"""What the quick commands may import of the standard library, beyond what the bare
interpreter has loaded (`json` and `re` only for --json answers and `log`'s options)."""
OURS_ALLOWED = {
    f"rejection_therapy.{name}"
    for name in (
        *("cli", "cli.fast", "cli.log_options", "cli.output", "cli.render", "cli.streak"),
        *("core", "core.badges", "core.bounds", "core.coaching", "core.days", "core.epoch"),
        "core.ids",
        "core.open_day",  # `streak --check`: the one rule of an open day, no imports
        "core.when",  # `log --date today|yesterday`: the one date parser, standard library only
        *("core.log_input", "core.new_entry", "core.now", "core.outcomes", "core.run_folds"),
        *("core.scoring", "core.streaks", "core.summary", "core.tally", "core.text"),
        *("fastpath", "fastpath.badges", "fastpath.clock", "fastpath.log", "fastpath.streak"),
        *("fastpath.today", "fastpath.undo", "fastpath.write", "fileio", "filenames"),
        *("lightjson", "storage", "storage.files", "storage.journal", "storage.lock"),
        *("storage.stamp", "storage.status_record", "storage.transaction", "untrusted"),
        "views",
    )
} | {"rejection_therapy"}
PROGRESS_ALLOWED = {"html", "html.entities", "unicodedata"} | {
    f"rejection_therapy.{name}"
    for name in (
        *("cli.progress", "cli.quick_options", "cli.share", "fastpath.progress"),
        *("service", "service.errors", "share", "share.card", "share.text"),
        *("marks", "share.measure"),  # the one set of marks; the card's text widths
    )
}
"""`stats`, `badges` and `share` also render (share/) and name their errors (service.errors
is light: it holds the error classes alone)."""


def _new_modules(command: str, home) -> set[str]:
    """Every module `command` imports beyond those the bare interpreter has loaded."""
    # on the cli fixture's clock and zone, so the record's day span applies
    return _loaded_by(command, home, True, "2026-03-02T10:00:00+01:00", "Europe/Berlin")


def _loaded_by(command: str, home, relative: bool, now: str, zone: str) -> set[str]:
    """The modules loaded once `command` has run in a fresh interpreter (`relative`: only
    those it imported itself)."""
    code = (
        "import sys\n"
        f"base = set(sys.modules) if {relative!r} else set()\n"
        "from rejection_therapy.cli import main\n"
        f"main({command!r}.split())\n"
        "print('MODULES', ' '.join(sorted(set(sys.modules) - base)))\n"
    )
    env = {
        "REJECTION_THERAPY_HOME": str(home),
        "REJECTION_THERAPY_NOW": now,
        "TZ": zone,
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def test_the_quick_commands_import_only_what_the_allow_list_names(cli, home):
    """A new import on these paths must be added here on purpose: each costs every prompt
    and SSH check a little (the benchmark prints the figures)."""
    cli("today")  # the day's ask drawn and the status record made for today
    quick = ("streak", "streak --json", "today", "today --json", "log no --note fast")
    for command in (*quick, "log yes --ask mine --difficulty 3 --json", "log Y --date today"):
        extra = _new_modules(command, home) - STDLIB_ALLOWED - OURS_ALLOWED
        assert not extra, (command, sorted(extra))
    assert (home / "rejection-therapy.journal").exists()  # the quick log took them
    progress = STDLIB_ALLOWED | OURS_ALLOWED | PROGRESS_ALLOWED
    for command in ("stats", "stats --json", "badges --json", "share", "share --format svg"):
        extra = _new_modules(command, home) - progress
        assert not extra, (command, sorted(extra))
