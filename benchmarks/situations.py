"""A 100-day run through the CLI for six situations: every day's ask must be one the person
can make, never an event's ask, and within one rung of the day's ladder, or `today` must say
why not (its pool note). Slow (about 200 commands a situation), so not in the test suite.

Run: `uv run python benchmarks/situations.py` (add --days 30 for a shorter run).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from rejection_therapy.core.ladder import Shift, shifted_target
from rejection_therapy.core.scheduler import target_difficulty
from rejection_therapy.core.situation import VIA_HAVE

SCRIPT = Path(sys.executable).with_name("rejection-therapy")
START = date(2026, 1, 5)
SITUATIONS = {
    "job seeker without a job who can go out": "goal=job-search job=no student=no",
    "employed remote worker": "goal=work out=no face-to-face=no money=yes",
    "student": "goal=social student=yes job=no money=no",
    "home-bound, online only, no money": (
        "goal=general out=no face-to-face=no phone=no money=no job=no community=no"
    ),
    "no phone and no money": "goal=social phone=no money=no",
    "everything allowed": "goal=general",
}
FEARS = [8, 9, 7, 6, 5, 4, 3, 2, 2, 1]
"""Fear-before ratings cycled day by day, so the ladder has something to listen to."""


def run(home: Path, now: date, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REJECTION_THERAPY")}
    env.update(
        {
            "REJECTION_THERAPY_HOME": str(home),
            "REJECTION_THERAPY_NOW": f"{now}T10:00:00",
            "TZ": "UTC",
        }
    )
    return subprocess.run(
        [str(SCRIPT), *args], env=env, capture_output=True, text=True, check=False
    )


def answers_of(words: str) -> dict[str, object]:
    profile: dict[str, object] = {}
    for word in words.split():
        key, _, value = word.partition("=")
        profile[key] = value if key == "goal" else value == "yes"
    return profile


def check_situation(name: str, words: str, days: int, root: Path) -> tuple[int, int, list[str]]:
    home = root / name.replace(" ", "-").replace(",", "")
    assert run(home, START, "start", "--days", str(days), "--force").returncode == 0
    assert run(home, START, "profile", "set", *words.split()).returncode == 0
    profile = answers_of(words)
    problems, noted, moved = [], 0, 0
    for day in range(1, days + 1):
        on = START + timedelta(day - 1)
        answer = run(home, on, "today", "--json")
        if answer.returncode != 0:
            problems.append(f"day {day}: today exited {answer.returncode}: {answer.stderr.strip()}")
            break
        today = json.loads(answer.stdout)
        ask = today["ask"]
        has = lambda key: profile.get(key, True)  # noqa: E731 - an unanswered question is a yes
        if not all(has(need) for need in ask["needs"]) or not any(
            has(VIA_HAVE[way]) for way in ask["via"]
        ):
            problems.append(
                f"day {day}: {ask['pack']}/{ask['id']} does not fit ({ask['needs']}, {ask['via']})"
            )
        moved += bool(today["ladder_note"])
        target = shifted_target(day, days, Shift(today["rung_shift"]))
        target = target_difficulty(day, days) if target is None else target
        near = abs(ask["difficulty"] - target) <= 1
        if today["pool_note"]:
            noted += 1
        elif not near:
            problems.append(
                f"day {day}: difficulty {ask['difficulty']} is far from rung {target:.1f}"
            )
        fear = FEARS[(day - 1) % len(FEARS)]
        logged = run(home, on, "log", "no", "--fear-before", str(fear))
        if logged.returncode != 0:
            problems.append(f"day {day}: log exited {logged.returncode}: {logged.stderr.strip()}")
    return noted, moved, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=100)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="rt-situations-"))
    failed = False
    for name, words in SITUATIONS.items():
        noted, moved, problems = check_situation(name, words, args.days, root)
        status = "ok" if not problems else f"{len(problems)} PROBLEMS"
        print(
            f"{name:<42} {status:<12} pool note on {noted:>3} days · ladder moved {moved:>2} times"
        )
        for problem in problems[:10]:
            print(f"    {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
