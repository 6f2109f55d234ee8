"""Whole-process timings of the installed console script, as ratios to baselines measured
in the same run. Run: `uv run python benchmarks/run.py` (add --quick for fewer repeats).

Rows, each the median of samples interleaved with its baseline's (target in brackets):
- on every history, against a bare `python -c pass`: `streak` (31 samples even with
  --quick; 1.6x, or within 8 ms of the baseline; its p25-p75 spread printed), `today`
  (2x), a plain `log` (3x), `stats`, `badges` and `share` (txt to stdout) (4x each);
- on the 10-year and 100k histories, against a bare `json.load` of the same data file:
  `history --json`, `export --format json` (to stdout) and `doctor` (1.5x each), with
  the time of the first one after a write beside them;
- on a fresh copy of the ten-year history per run, against `python -c pass`: `undo`,
  `edit`, `today --swap`, `rest` (4x each), a new day's first `today` (6x) and the same
  after a user pack was added (6x);
- in an 80x24 tmux on the ten-year history: the TUI's first paint (time until Today's ask
  is on screen) against a minimal Textual app that paints one line (1.5x), the same on a
  new day, when the app draws the day's ask (2x), and the time from `n` pressed at that
  first paint until the entry is saved where another process reads it (150 ms);
- peak memory of `streak` and of the TUI (150 MiB).
Histories come from `rejection-therapy demo` at 100 days, 3 years, 10 years, and a
100,000-entry stress history, each with about 200 journal lines of quick writes on top.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOW = "2026-11-23T10:00:00+00:00"
BIN = Path(sys.executable).parent
SCRIPT = BIN / "rejection-therapy"
HISTORIES = {
    "100 days": (100, 0),
    "3 years": (1095, 0),
    "10 years": (3650, 1),  # several entries a day
    "100k entries": (3650, 26),
}
TARGETS = {"streak": 1.6, "today": 2.0, "log": 3.0, "stats": 4.0, "badges": 4.0, "share": 4.0}
STREAK_ALLOWANCE_MS = 8.0
"""`streak` also passes within this many ms of the bare interpreter (a ratio of two small
times swings with the machine)."""
STREAK_SAMPLES = 31
FULL_LOAD_TARGET = 1.5
"""`history --json`, `export` and `doctor` against a bare `json.load` of the same file."""
JOURNAL_LINES = 200
WRITE_TARGETS = {"undo": 4.0, "edit": 4.0, "today --swap": 4.0, "rest": 4.0, "new-day today": 6.0}
WRITE_TARGETS["new-day today after a pack change"] = 6.0
NEXT_DAY = "2026-11-24T10:00:00+00:00"
KEEPER = f"bench-keeper{os.getpid()}"
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static
class One(App):
    def compose(self):
        yield Static("ready to paint")
One().run()
"""


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REJECTION_THERAPY")}
    env.update({"REJECTION_THERAPY_HOME": str(home), "REJECTION_THERAPY_NOW": NOW, "TZ": "UTC"})
    return env


BASELINE = [sys.executable, "-c", "pass"]


def run_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def timed(
    command: list[str], env: dict[str, str], repeats: int, baseline: list[str] = BASELINE
) -> tuple[float, float]:
    """Medians of the command and of a baseline (a bare interpreter start), run in turn: a
    busy machine slows both alike, so the ratio holds where the milliseconds drift."""
    command_samples, baseline_samples = timed_samples(command, env, repeats, baseline)
    return statistics.median(command_samples), statistics.median(baseline_samples)


def timed_samples(
    command: list[str], env: dict[str, str], repeats: int, baseline: list[str] = BASELINE
) -> tuple[list[float], list[float]]:
    """The command and the baseline in turn (command, baseline, command...): every sample
    of each, for a spread."""
    command_samples, baseline_samples = [], []
    for _ in range(repeats):
        command_samples.append(run_once(command, env))
        baseline_samples.append(run_once(baseline, dict(os.environ)))
    return command_samples, baseline_samples


def peak_rss_mib(command: list[str], env: dict[str, str]) -> float:
    probe = (
        "import resource, subprocess, sys\n"
        f"subprocess.run({command!r}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def first_paint(command: str, marker: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds until `marker` is on an 80x24 tmux screen, and the process's peak RSS (MiB)."""
    session = f"bench{os.getpid()}"
    peak = float("nan")
    start = time.perf_counter()
    _start_in_tmux(session, command, env)
    try:
        elapsed = _wait_for(session, marker, start)
        pid = subprocess.run(
            ["tmux", "list-panes", "-t", session, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        peak = _settled_peak(pid)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    return elapsed, peak


def _start_in_tmux(session: str, command: str, env: dict[str, str]) -> None:
    """`command` in a new detached 80x24 tmux session, with the home's variables."""
    exports = " ".join(f"{k}={v!r}" for k, v in env.items() if k.startswith(("REJECTION", "TZ")))
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24"]
        + [f"{exports} exec {command}"],
        check=True,
    )


def _wait_for(session: str, marker: str, start: float) -> float:
    """Seconds from `start` until `marker` is on the session's screen (NaN after 30 s)."""
    while time.perf_counter() - start < 30:
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
        ).stdout
        if marker in screen:
            return time.perf_counter() - start
        time.sleep(0.005)
    return float("nan")


def _fresh_copy(template: Path, home: Path) -> None:
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(template, home, symlinks=True)
    # copytree keeps the files' times, so the status record's stamp still holds; one streak
    # settles anything else a first run on a new path would do, outside the measurement
    subprocess.run([str(SCRIPT), "streak"], env=env_for(home), stdout=subprocess.DEVNULL)


def key_to_saved(home: Path) -> float:
    """Seconds from `n` pressed as Today's ask appears in the TUI until the entry is saved
    where another process reads it (the journal or the data file changes); a separate
    `history --json` then confirms the newest entry is that no."""
    import json

    session = f"benchkey{os.getpid()}"
    env = env_for(home)
    watched = [home / "rejection-therapy.journal", home / "rejection-therapy.json"]

    def stamps() -> list[tuple[int, int] | None]:
        found = []
        for path in watched:
            try:
                info = path.stat()
                found.append((info.st_size, info.st_mtime_ns))
            except FileNotFoundError:
                found.append(None)
        return found

    def newest() -> dict[str, object]:
        answer = subprocess.run(
            [str(SCRIPT), "history", "--json", "--limit", "1"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            return dict((json.loads(answer.stdout) or [{}])[0])
        except (ValueError, TypeError, IndexError):
            return {}

    # the home's newest entry is already a no (the benchmark's own log): the key's is new
    newest_before = newest().get("id")
    _start_in_tmux(session, str(SCRIPT), env)
    elapsed = float("nan")
    try:
        if math.isnan(_wait_for(session, "Today's ask", time.perf_counter())):
            print("  (Today's ask never appeared in the TUI: no key pressed)")
            return elapsed
        before = stamps()
        pressed = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", session, "n"], check=True)
        while time.perf_counter() - pressed < 30:
            if stamps() != before:
                elapsed = time.perf_counter() - pressed
                break
            time.sleep(0.002)
        else:
            print("  (n was pressed but neither the journal nor the data file changed!)")
        time.sleep(0.2)
        entry = newest()
        if entry.get("id") == newest_before or entry.get("outcome") != "no":
            print(f"  (history --json does not show the key's no as the newest entry: {entry})")
            elapsed = float("nan")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    return elapsed


def _settled_peak(pid: str) -> float:
    """The high-water mark once the app has finished loading (steady for a second)."""
    peak, steady_since = _vm_hwm(pid), time.perf_counter()
    deadline = steady_since + 20
    while time.perf_counter() < deadline and time.perf_counter() - steady_since < 1.0:
        time.sleep(0.1)
        now = _vm_hwm(pid)
        if now != peak:
            peak, steady_since = now, time.perf_counter()
    return peak


def _vm_hwm(pid: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def build_history(root: Path, name: str, days: int, extra: int) -> Path:
    home = root / name.replace(" ", "-")
    subprocess.run(
        [str(SCRIPT), "demo", "--days", str(days), "--seed", "1", "--extra-per-day", str(extra)],
        env=env_for(home),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    _add_journal_lines(home)
    if SYNC_FOLDER is not None:  # --sync: every figure with a sync folder set up
        folder = SYNC_FOLDER / home.name  # one per home: the histories stay apart
        folder.parent.mkdir(parents=True, exist_ok=True)
        how = ["--git", "--encrypt"] if SYNC_HOW == "git" else []
        if SYNC_HOW == "git":  # a clone of a bare repository on this disk, lines sealed
            remote = folder.parent / f"{home.name}.git"
            subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
            subprocess.run(
                ["git", "clone", "-q", str(remote), str(folder)],
                check=True,
                stderr=subprocess.DEVNULL,
            )
        else:
            folder.mkdir()
        subprocess.run(
            [str(SCRIPT), "sync", "setup", str(folder), "--device", home.name, *how],
            env={
                **env_for(home),
                "REJECTION_THERAPY_SYNC_PASSPHRASE": "a benchmark passphrase",
                "REJECTION_THERAPY_NO_KEYRING": "1",
            },
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return home


SYNC_FOLDER: Path | None = None
SYNC_HOW = "folder"


def _first_entry(env: dict[str, str]) -> str:
    """The day as a person has it: the ask drawn (a swap needs one), then an entry logged;
    its id."""
    import json

    subprocess.run([str(SCRIPT), "today"], env=env, capture_output=True, check=True)
    answer = subprocess.run(
        [str(SCRIPT), "log", "no", "--ask", "benchmark ask", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return str(json.loads(answer.stdout)["id"])


def _add_journal_lines(home: Path) -> None:
    """About 200 journal lines, as a day of quick writes leaves them: the day's ask, one
    log, then edits of it (each quick edit appends one line). A quick path that declines
    saves through the full service instead (no journal line): said aloud, as that home's
    figures then time a different start."""
    journal = home / "rejection-therapy.journal"

    def count() -> int:
        return len(journal.read_bytes().splitlines()) if journal.exists() else 0

    env = env_for(home)
    entry = _first_entry(env)[:8]
    after_log, failed = count(), 0
    for number in range(JOURNAL_LINES - 1):
        done = subprocess.run(
            [str(SCRIPT), "edit", entry, "--note", f"edit {number}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        if done.returncode:
            failed += 1
            if failed == 1:
                print(f"  (edit failed, exit {done.returncode}: {done.stderr.strip()[:200]})")
    lines = count()
    notes = []
    if after_log == 0:
        notes.append("today and log added no journal line")
    if lines - after_log < JOURNAL_LINES - 1:
        notes.append(f"only {lines - after_log} of {JOURNAL_LINES - 1} edits added a line")
    if failed:
        notes.append(f"{failed} edits failed")
    note = f"  (quick writes declined: {'; '.join(notes)}!)" if notes else ""
    print(f"{home.name}: {lines} journal lines{note}", flush=True)


def compile_bytecode() -> None:
    """Compile every module once, as an installed package is (pip and `uv tool install`
    compile at install time). Without this, a machine that sets PYTHONDONTWRITEBYTECODE (as
    this project's does) would time the compiler on every run instead of the program."""
    import sysconfig

    import rejection_therapy

    folders = {sysconfig.get_paths()["purelib"], str(Path(rejection_therapy.__file__).parent)}
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", *sorted(folders)],
        stdout=subprocess.DEVNULL,
        check=False,
    )


SMOKE = (
    ["today", "--json"],
    ["log", "why", "--ask", "smoke ask", "--json"],
    ["history", "--json"],
    ["stats", "--json"],
    ["badges"],
    ["share", "--format", "svg"],
    ["export", "--format", "csv"],
    ["doctor"],
    ["streak", "--check"],
)


def smoke(home: Path) -> None:
    """Every kind of command still answers on the stress history (exit code, time)."""
    print("\n100k entries, each command once:")
    for argv in SMOKE:
        start = time.perf_counter()
        done = subprocess.run(
            [str(SCRIPT), *argv], env=env_for(home), capture_output=True, check=False
        )
        took = (time.perf_counter() - start) * 1000
        ok = "ok" if done.returncode in (0, 1) else "FAILED"
        print(f"  {' '.join(argv):<34}{took:>9.0f} ms  exit {done.returncode}  {ok}")


def command_figures(root: Path, repeats: int) -> None:
    """The daily commands on every history, each beside a bare interpreter start; the
    full loads beside a bare `json.load` of the same data file."""
    print(
        f"each figure: the median of {repeats} runs of the installed script ({STREAK_SAMPLES} "
        "for streak), each run beside one of the baseline\n"
    )
    homes: dict[str, Path] = {}
    sizes: dict[str, int] = {}
    for name, (days, extra) in HISTORIES.items():
        homes[name] = build_history(root, name, days, extra)
        sizes[name] = _entry_count(homes[name])
    print("\nbaseline: `python -c pass`")
    print(
        f"{'history':<14}{'entries':>8}  {'command':<8}{'median ms':>10}{'baseline':>9}"
        f"{'ratio':>7}{'target':>8}  ok"
    )
    streak_times: dict[str, float] = {}
    for name, home in homes.items():
        env = env_for(home)
        subprocess.run([str(SCRIPT), "today"], env=env, stdout=subprocess.DEVNULL, check=True)
        for command in ("streak", "today", "log", "stats", "badges", "share"):
            argv = [str(SCRIPT), command] + (
                ["no", "--ask", "benchmark ask"] if command == "log" else []
            )
            if command == "streak":
                samples, bases = timed_samples(argv, env, STREAK_SAMPLES)
                median, baseline = statistics.median(samples), statistics.median(bases)
                streak_times[name] = median
            else:
                median, baseline = timed(argv, env, repeats)
            ratio = median / baseline
            ok = ratio <= TARGETS[command]
            extra_text = ""
            if command == "streak":
                ok = ok or (median - baseline) * 1000 <= STREAK_ALLOWANCE_MS
                quartiles = statistics.quantiles(samples, n=4)
                extra_text = (
                    f"  (+{(median - baseline) * 1000:.1f} ms, allowance "
                    f"{STREAK_ALLOWANCE_MS:g}; p25-p75 {quartiles[0] * 1000:.1f}-"
                    f"{quartiles[2] * 1000:.1f} ms)"
                )
            print(
                f"{name:<14}{sizes[name]:>8}  {command:<8}{median * 1000:>10.1f}"
                f"{baseline * 1000:>9.1f}{ratio:>6.1f}x{TARGETS[command]:>7.1f}x"
                f"  {'yes' if ok else 'NO'}{extra_text}",
                flush=True,
            )
    growth = streak_times["100k entries"] / streak_times["10 years"]
    print(
        f"\nstreak growth 10 years -> 100k entries: {growth:.2f}x time for "
        f"{sizes['100k entries'] / sizes['10 years']:.0f}x entries (sub-linear: {'yes' if growth < 5 else 'NO'})"
    )
    full_load_figures(homes, sizes, max(3, repeats // 3))
    smoke(root / "100k-entries")


def full_load_figures(homes: dict[str, Path], sizes: dict[str, int], repeats: int) -> None:
    """Commands that read every record, beside a bare `json.load` of the same data file:
    answered from the checked copy (the files as at the last full check), and the first
    one after a write, when the copy is stale and the whole history is checked again."""
    print(
        '\nbaseline (these rows only): `python -c "import json; json.load(open(DATA_FILE))"`, '
        f"DATA_FILE the home's rejection-therapy.json ({repeats} runs); `after a write`: "
        "the checked copy removed before each run (the full check, which keeps a new one)"
    )
    print(
        f"{'history':<14}{'entries':>8}  {'command':<21}{'median ms':>10}{'json.load':>10}"
        f"{'ratio':>7}{'target':>8}  ok  {'after a write':>14}"
    )
    for name in ("10 years", "100k entries"):
        home = homes[name]
        data = home / "rejection-therapy.json"
        copy = home / "checked.marshal"
        baseline = [sys.executable, "-c", f"import json; json.load(open({str(data)!r}))"]
        for argv in (["history", "--json"], ["export", "--format", "json"], ["doctor"]):
            command = [str(SCRIPT), *argv]
            cold = []
            for _ in range(max(1, repeats // 2)):
                copy.unlink(missing_ok=True)
                cold.append(run_once(command, env_for(home)))
            median, base = timed(command, env_for(home), repeats, baseline)
            ratio = median / base
            print(
                f"{name:<14}{sizes[name]:>8}  {' '.join(argv):<21}{median * 1000:>10.1f}"
                f"{base * 1000:>10.1f}{ratio:>6.1f}x{FULL_LOAD_TARGET:>7.1f}x"
                f"  {'yes' if ratio <= FULL_LOAD_TARGET else 'NO ':<3}"
                f"{statistics.median(cold) * 1000:>12.0f} ms",
                flush=True,
            )


def timed_fresh(
    command: list[str], template: Path, env: dict[str, str], repeats: int
) -> tuple[float, float]:
    """Medians of a command run on a fresh copy of `template` each time (a write changes
    the home; the copy is made outside the timing), beside a bare interpreter start."""
    command_samples, baseline_samples = [], []
    base = Path(env["REJECTION_THERAPY_HOME"])
    for sample in range(repeats):
        # A home of its own each time: with --sync, the background sync a write starts
        # may still be at work in the last one (as it would be after a person's `log`).
        home = base.with_name(f"{base.name}-{time.monotonic_ns()}-{sample}")
        shutil.copytree(template, home, symlinks=True)
        baseline_samples.append(run_once(BASELINE, dict(os.environ)))
        command_samples.append(run_once(command, {**env, "REJECTION_THERAPY_HOME": str(home)}))
    return statistics.median(command_samples), statistics.median(baseline_samples)


def write_figures(root: Path, repeats: int) -> None:
    """undo, edit, swap and rest after the day's first write, and the first `today` of a new
    day (which draws the day's ask), each on a fresh copy of the ten-year history."""

    ten_years = root / "10-years"
    logged = root / "write-template"
    shutil.copytree(ten_years, logged, symlinks=True)
    env = env_for(logged)
    entry_id = _first_entry(env)
    rows = {
        "undo": ["undo"],
        "edit": ["edit", entry_id[:8], "--note", "edited"],
        "today --swap": ["today", "--swap"],
        "rest": ["rest", "2026-11-26"],
    }
    print(f"\nwrites on the 10-year history, each on a fresh copy ({repeats} runs):")
    print(f"{'command':<34}{'median ms':>10}{'baseline':>9}{'ratio':>7}{'target':>8}  ok")
    work = env_for(root / "write-sample")
    for name, argv in rows.items():
        median, baseline = timed_fresh([str(SCRIPT), *argv], logged, work, repeats)
        _write_row(name, median, baseline)
    # A home last written the day before: the measured `today` draws the new day's ask.
    new_day = {**work, "REJECTION_THERAPY_NOW": NEXT_DAY}
    median, baseline = timed_fresh([str(SCRIPT), "today"], logged, new_day, repeats)
    _write_row("new-day today", median, baseline)
    # The same after the person added a pack: the plans were drawn from the old packs.
    packs = _user_packs_folder(logged)
    packs.mkdir(parents=True, exist_ok=True)
    (packs / "bench.yaml").write_text(BENCH_PACK)
    checked = subprocess.run(
        [str(SCRIPT), "packs", "validate", str(packs / "bench.yaml")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if checked.returncode:
        print(f"  (the benchmark pack is not valid: {checked.stdout}{checked.stderr})")
    listed = subprocess.run(
        [str(SCRIPT), "packs", "list"], env=env, capture_output=True, text=True, check=False
    ).stdout
    if not any(line.split()[:2] == ["on", "bench"] for line in listed.splitlines()):
        print(f"  (the benchmark pack is not listed as enabled:\n{listed})")
    median, baseline = timed_fresh([str(SCRIPT), "today"], logged, new_day, repeats)
    _write_row("new-day today after a pack change", median, baseline)


def _user_packs_folder(home: Path) -> Path:
    """The home's packs folder, as `locate` names it (`your packs:`); it must lie inside the
    home, for the fresh copies to carry the pack."""
    located = subprocess.run(
        [str(SCRIPT), "locate"], env=env_for(home), capture_output=True, text=True, check=False
    ).stdout
    for line in located.splitlines():
        if line.startswith("your packs:"):
            folder = Path(line.split(":", 1)[1].strip())
            if folder.is_relative_to(home):
                return folder
            print(f"  (the packs folder {folder} is outside the home; using home/packs)")
    return home / "packs"


BENCH_PACK = """pack: bench
title: "Benchmark"
version: "1.0.0"
author: "benchmark"
description: "One ask, added to change the packs the plans were drawn from."
language: "en-GB"
license: "CC-BY-4.0"
challenges:
  - id: bench-ask-the-time
    ask: "Ask a stranger what time it is, then ask whether they would swap watches."
    difficulty: 1
    category: "everyday"
    tip: "Smile, and take the no lightly."
    why_prompt: "Ask: 'What would make it a yes?'"
    needs: []
    via: ["in-person"]
    who: "stranger"
"""


def _write_row(name: str, median: float, baseline: float) -> None:
    ratio = median / baseline
    target = WRITE_TARGETS[name]
    print(
        f"{name:<34}{median * 1000:>10.1f}{baseline * 1000:>9.1f}{ratio:>6.1f}x{target:>7.1f}x"
        f"  {'yes' if ratio <= target else 'NO'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--no-tui", action="store_true", help="skip the tmux first-paint figures")
    parser.add_argument(
        "--tui-only", action="store_true", help="only the first-paint and TUI memory figures"
    )
    parser.add_argument(
        "--writes-only", action="store_true", help="only the write figures (10-year history)"
    )
    parser.add_argument(
        "--sync",
        nargs="?",
        const="folder",
        choices=["folder", "git"],
        help="set every home up to sync through a folder first (git: a clone of a bare "
        "repository, lines sealed with --encrypt)",
    )
    args = parser.parse_args()
    repeats = 5 if args.quick else 15
    root = Path(tempfile.mkdtemp(prefix="rt-bench-"))
    if args.sync:
        global SYNC_FOLDER, SYNC_HOW
        SYNC_FOLDER, SYNC_HOW = root / "sync-folder", args.sync
    compile_bytecode()
    if args.writes_only:
        build_history(root, "10 years", *HISTORIES["10 years"])
        write_figures(root, repeats)
        shutil.rmtree(root, ignore_errors=True)
        return 0
    if args.tui_only:
        ten_years = build_history(root, "10 years", *HISTORIES["10 years"])
        subprocess.run([str(SCRIPT), "today"], env=env_for(ten_years), stdout=subprocess.DEVNULL)
    else:
        command_figures(root, repeats)
        write_figures(root, repeats)
        _wait_for_background_syncs()
        ten_years = root / "10-years"
        streak_peak = peak_rss_mib([str(SCRIPT), "streak"], env_for(ten_years))
        print(f"peak memory of streak (10 years): {streak_peak:.1f} MiB")
    if not args.no_tui and shutil.which("tmux"):
        tui_figures(root, ten_years, args.quick)
    shutil.rmtree(root, ignore_errors=True)
    return 0


def _wait_for_background_syncs(limit: float = 180.0) -> None:
    """With --sync, each write above started a sync of its own copy of the home (thirty
    homes at once, where a person has one): let them finish before the next figures."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        running = 0
        for entry in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                running += b"--background" in entry.read_bytes()
            except OSError:
                continue
        if not running:
            return
        time.sleep(0.5)


def tui_figures(root: Path, ten_years: Path, quick: bool) -> None:
    """The TUI in an 80x24 tmux on the ten-year history: first paint on the same day and on
    a new day (fresh copy; the app draws the day's ask) against a minimal Textual app, the
    time from `n` at first paint to a save other processes see (fresh copy), peak memory."""
    # One idle session keeps the tmux server up between the measured ones (a server
    # that exits with its last session races the next new-session).
    subprocess.run(["tmux", "new-session", "-d", "-s", KEEPER, "sleep 3600"], check=True)
    minimal = root / "minimal_app.py"
    minimal.write_text(MINIMAL_APP)
    base_samples, paint_samples, new_day_samples, key_samples, peaks = [], [], [], [], []
    fresh = root / "tui-sample"
    runs, key_runs = (3, 3) if quick else (7, 5)
    try:
        for run in range(runs):
            base_paint, _ = first_paint(
                f"{sys.executable} {minimal}", "ready to paint", env_for(ten_years)
            )
            paint, peak = first_paint(str(SCRIPT), "Today's ask", env_for(ten_years))
            _fresh_copy(ten_years, fresh)
            new_day = {**env_for(fresh), "REJECTION_THERAPY_NOW": NEXT_DAY}
            new_day_paint, _ = first_paint(str(SCRIPT), "Today's ask", new_day)
            if run < key_runs:
                _fresh_copy(ten_years, fresh)
                key_samples.append(key_to_saved(fresh))
            base_samples.append(base_paint)
            paint_samples.append(paint)
            new_day_samples.append(new_day_paint)
            peaks.append(peak)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", KEEPER], check=False)
    base_paint = _median_of(base_samples, "minimal Textual app paint")
    for label, samples, target in (
        ("TUI first paint (10 years)", paint_samples, 1.5),
        ("TUI first paint on a new day (10 years)", new_day_samples, 2.0),
    ):
        paint = _median_of(samples, label)
        ok = "yes" if paint <= target * base_paint else "NO"
        print(
            f"{label}: {paint * 1000:.0f} ms vs minimal Textual app "
            f"{base_paint * 1000:.0f} ms = {paint / base_paint:.2f}x (target {target:g}x: {ok})"
        )
    key = _median_of(key_samples, "TUI n -> saved")
    print(
        f"TUI n pressed at first paint -> saved for other processes (10 years, median of "
        f"{len(key_samples)}): {key * 1000:.0f} ms (target 150: {'yes' if key <= 0.150 else 'NO'})"
    )
    peak = max((p for p in peaks if not math.isnan(p)), default=float("nan"))
    print(
        f"TUI peak memory (10 years): {peak:.1f} MiB (target 150: {'yes' if peak <= 150 else 'NO'})"
    )


def _median_of(samples: list[float], label: str) -> float:
    """The median of the samples that finished (a marker never seen is NaN): said aloud
    when some did not, NaN when none did."""
    finished = [sample for sample in samples if not math.isnan(sample)]
    if len(finished) < len(samples):
        print(f"  ({label}: {len(samples) - len(finished)} of {len(samples)} samples failed)")
    return statistics.median(finished) if finished else float("nan")


def _entry_count(home: Path) -> int:
    import json

    data = json.loads((home / "rejection-therapy.json").read_text())
    return len(data.get("entries", {}))


if __name__ == "__main__":
    raise SystemExit(main())
