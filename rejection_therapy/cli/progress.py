"""Commands that look back: stats, badges, history.

`stats` and `badges` answer from the status record (fastpath/progress.py), on the quick
path before argparse (cli/fast.py) and here alike."""

from __future__ import annotations

from rejection_therapy.cli.output import Output, counted, safe
from rejection_therapy.cli.render import OUTCOME_STYLES, outcome_label
from rejection_therapy.cli.streak import answer_from_record
from rejection_therapy.core.badges import BADGES_BY_ID
from rejection_therapy.fastpath.progress import badge_rows, stats_json
from rejection_therapy.service.errors import UserError
from rejection_therapy.views import entry_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from datetime import date
    from typing import Any, TypeVar

    from rejection_therapy.core.badges import BadgeProgress
    from rejection_therapy.service import Service
    from rejection_therapy.shapes import StatusRecord

    Answer = TypeVar("Answer")

BAR_WIDTH = 10


def from_record(service: Service, answer: Callable[[StatusRecord, date], Answer]) -> Answer:
    """`answer` from the status record (cli/streak.py `answer_from_record`)."""
    record, answered = answer_from_record(str(service.paths.home), service.environ, answer)
    service.damaged = record["damaged"]  # cli/__init__.py warns about it after the answer
    return answered


def cmd_stats(service: Service, args: argparse.Namespace, out: Output) -> int:
    return show_stats(from_record(service, stats_json), args.json, out)


def show_stats(stats: dict[str, Any], as_json: bool, out: Output) -> int:
    """`stats` from its JSON (fastpath/progress.py computes it from the status record)."""
    if as_json:
        out.json(stats)
        return 0
    counts, streak = stats["counts"], stats["streak"]
    out.line("Lifetime", "bold")
    out.parts(
        ("  ", None),
        (f"{counts['no']} no", OUTCOME_STYLES["no"]),
        (" · ", "dim"),
        (f"{counts['why']} why", OUTCOME_STYLES["why"]),
        (" · ", "dim"),
        (f"{counts['yes']} yes", OUTCOME_STYLES["yes"]),
        (
            f"  ({counted(stats['entries'], 'ask')} on {counted(stats['days_done'], 'day')}, "
            f"{counted(stats['runs'], 'run')})",
            "dim",
        ),
    )
    out.line(
        f"  Level {stats['level']} · {stats['total_xp']} XP · "
        f"{stats['xp_to_next_level']} XP to level {stats['level'] + 1}"
    )
    out.line(f"  Streak {streak['current']} · best {streak['best']} · freezes {streak['freezes']}")
    out.line(f"  Badges {stats['badges_earned']} of {len(BADGES_BY_ID)}")
    if stats["fear_trend"]:
        out.line("Fear before → after, by week of this run", "bold")
        for week in stats["fear_trend"]:
            out.line(
                f"  week {week['week']:>2}: {_rating(week['before'])} → {_rating(week['after'])}"
            )
    if stats["gap"]:
        out.parts(("Current gap: ", "bold"), (safe(stats["gap"]), None))
    return 0


def _rating(value: float | int | None) -> str:
    return "  -" if value is None else f"{value:>4.1f}"


def cmd_badges(service: Service, args: argparse.Namespace, out: Output) -> int:
    return show_badges(from_record(service, badge_rows), args.json, out)


def show_badges(rows: list[tuple[BadgeProgress, str | None]], as_json: bool, out: Output) -> int:
    """`badges` from each badge's progress and the date it was earned (None: locked)."""
    if as_json:
        out.json(
            [
                {
                    "id": item.rule.id,
                    "name": item.rule.name,
                    "description": item.rule.description,
                    "earned": earned_on is not None,
                    "earned_on": earned_on,
                    "progress": {"value": min(item.value, item.rule.goal), "goal": item.rule.goal},
                }
                for item, earned_on in rows
            ]
        )
        return 0
    out.line(f"Earned ({sum(earned_on is not None for _item, earned_on in rows)})", "bold")
    for item, earned_on in rows:
        if earned_on is not None:
            icon = out.symbol(item.rule.icon + " ", "* ")
            out.parts(
                ("  " + icon, None),
                (item.rule.name, "bold yellow"),
                (f" — {item.rule.description} ", None),
                (f"({earned_on})", "dim"),
            )
    out.line()
    out.line("Locked", "bold")
    for item, earned_on in rows:
        if earned_on is not None:
            continue
        filled = round(item.fraction * BAR_WIDTH)
        bar = out.symbol(
            "█" * filled + "░" * (BAR_WIDTH - filled), "#" * filled + "-" * (BAR_WIDTH - filled)
        )
        value = min(item.value, item.rule.goal)
        out.parts(
            ("  ", None),
            (bar, "green"),
            (f" {value}/{item.rule.goal} ", "dim"),
            (item.rule.name, "bold"),
            (f" — {item.rule.description}", None),
        )
    return 0


def cmd_history(service: Service, args: argparse.Namespace, out: Output) -> int:
    if args.limit < 0:
        raise UserError(f"--limit {args.limit} must be 0 (all) or more")
    if args.json:
        from rejection_therapy.exports import encode, lines_json, newest_first

        rows = newest_first(service.history_rows(), args.limit)
        out.json_text(lines_json(map(encode, rows)))
        return 0
    snapshot = service.read()
    ledger = snapshot.ledger
    entries = list(reversed(ledger.entries))
    if args.limit:
        entries = entries[: args.limit]
    if not entries:
        out.line("No entries yet. Take today's ask: rejection-therapy today")
        return 0
    from rejection_therapy.relative import relative_instant  # arrow: not for `stats`, `badges`

    for entry in entries:
        data = entry_json(entry, ledger)
        note = f" — {safe(entry.note)}" if entry.note else ""
        out.parts(
            (entry.id[:8], "dim"),
            (f"  {entry.date.isoformat()}  {_day_text(data['day'])}  ", None),
            (f"{outcome_label(entry.outcome, out):<6}", OUTCOME_STYLES[entry.outcome]),
            (f" {data['xp']:>3} XP  ", "dim"),
            (safe(entry.ask_text), None),
            (note, "italic"),
            (f"  (logged {relative_instant(entry.created_at, snapshot.now)})", "dim"),
        )
    return 0


def _day_text(day: int | None) -> str:
    """`day  12`, or a dash for an entry outside every run (kept, never hidden)."""
    return f"day {day:>3}" if day is not None else "day   –"
