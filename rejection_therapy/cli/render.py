"""Text for `today` and `log`, from their JSON answers (the fast paths and the full service
both print through here, so the two always read alike). Light: no records, no Rich unless
the output is a terminal."""

from __future__ import annotations

from datetime import date

from rejection_therapy.cli.output import Output, counted, safe
from rejection_therapy.core.badges import BADGES_BY_ID
from rejection_therapy.core.outcomes import ASK_BIGGER, OUTCOME_SYMBOLS, REFRAME

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rejection_therapy.shapes import BadgeView, DayView, EntryView, LogAnswer, TodayAnswer

OUTCOME_STYLES = {"no": "bold blue", "yes": "green", "why": "bold yellow", "pending": "dim"}


def pips(difficulty: int, out: Output) -> str:
    return out.symbol("★" * difficulty + "☆" * (5 - difficulty), f"{difficulty}/5")


def outcome_label(outcome: str, out: Output) -> str:
    name = str(outcome)
    return f"{OUTCOME_SYMBOLS[name]} {name}" if out.fancy else name


def print_entry(entry: EntryView, out: Output, indent: str = "  ") -> None:
    """One entry, from its JSON shape."""
    note = f" — {safe(entry['note'])}" if entry["note"] else ""
    late = " (late)" if entry["late"] else ""
    out.parts(
        (indent, None),
        (outcome_label(entry["outcome"], out), OUTCOME_STYLES[entry["outcome"]]),
        (f"  +{entry['xp']} XP  ", "dim"),
        (safe(entry["ask"]), None),
        (note + late, "italic"),
    )


def print_header(today: TodayAnswer, out: Output) -> None:
    """The day, the streak, freezes and level, from `today --json`."""
    when = date.fromisoformat(today["date"])
    if today["complete"]:
        day = f"Run {today['run']} complete"
    elif today["day"] > 0:
        day = f"Day {today['day']}/{today['length']}"
    else:
        day = "Not started"
    current, best, freezes = today["current"], today["best"], today["freezes"]
    level, xp, to_next = today["level"], today["total_xp"], today["xp_to_next_level"]
    if out.fancy:
        out.parts(
            (day, "bold"),
            (f" · {when.strftime('%a %d %b %Y')} · ", "dim"),
            (f"🔥 {current}", "bold yellow"),
            (f" (best {best})", "dim"),
            (f" · 🧊 {freezes}", "cyan"),
            (f" · Level {level}", "bold green"),
            (f" ({xp} XP, {to_next} to next)", "dim"),
        )
    else:
        out.line(
            f"{day} | {today['date']} | streak {current} (best {best}) | "
            f"freezes {freezes} | level {level} ({xp} XP, {to_next} to next)"
        )


def print_today(today: TodayAnswer, day: DayView, out: Output) -> None:
    """What `today` prints, from `today --json` and the day's record (service/status.py)."""
    print_header(today, out)
    if today["complete"] and today["next_run_starts"]:
        out.line(
            f"Run {today['run']} is complete. Run {day['next_run']} begins on "
            f"{today['next_run_starts']}.",
            "bold green",
        )
    elif today["complete"]:
        out.line(
            f"Run {today['run']} is complete: {counted(today['length'], 'day')} behind you. "
            "Begin the next with `rejection-therapy start`.",
            "bold green",
        )
    elif today["day"] == 0 and today["run"]:
        out.line(f"Run {today['run']} begins on {day['run_start']}.")
    elif today["ask"] is not None:
        _print_ask(today, out)
    _print_offers(today, out)
    _print_entries(today, out)
    _print_coaching(today, out)
    if day["profile_unasked"] and out.fancy:
        out.line(
            "Tell the app what you can do, so each ask fits you: rejection-therapy profile setup",
            "dim",
        )


def _print_ask(today: TodayAnswer, out: Output) -> None:
    ask = today["ask"]
    if ask is None:
        return
    swapped = " (swapped)" if today["swapped"] else ""
    out.line()
    out.parts(
        ("Today's ask  ", "bold"),
        (pips(ask["difficulty"], out), "yellow"),
        (f"  {safe(ask['pack'])}{swapped}", "dim"),
    )
    out.parts(("  ", None), (safe(ask["text"]), "bold"))
    if ask["tip"]:
        out.parts(("  Tip: ", "dim"), (safe(ask["tip"]), None))
    if ask["why_prompt"]:
        out.parts(("  If it's a no: ", "dim"), (safe(ask["why_prompt"]), None))
    if ask["safety"]:
        out.parts(("  Safety: ", "bold yellow"), (safe(ask["safety"]), None))
    if today["ladder_note"]:
        out.line(f"  {safe(today['ladder_note'])}", "cyan")
    if today["pool_note"]:
        out.line(f"  {safe(today['pool_note'])}", "yellow")


AFTER_NAMES = {"rejection": "a rejection", "interview": "an interview", "offer": "an offer"}


def _print_offers(today: TodayAnswer, out: Output) -> None:
    """Asks offered beside the daily ask because of an event (log one with --offer N)."""
    if not today["offers"]:
        return
    out.line()
    out.line("Offered after an event (rejection-therapy log no|yes|why --offer N)", "bold")
    for number, offer in enumerate(today["offers"], 1):
        event = f"{AFTER_NAMES.get(offer['after'], offer['after'])} on {offer['event_date']}"
        out.parts(
            (f"  {number}. ", "bold"),
            (safe(offer["text"]), None),
            (f"  ({event}, {pips(offer['difficulty'], out)})", "dim"),
        )


def _print_entries(today: TodayAnswer, out: Output) -> None:
    out.line()
    if not today["entries"]:
        if today["day"] > 0 and not today["complete"]:
            out.line(
                "No entry yet today. Make the ask, then: rejection-therapy log no|yes|why", "dim"
            )
            if today["at_risk"]:
                out.line(
                    f"Your {today['current']}-day streak is at risk until you log today.",
                    "yellow",
                )
        return
    out.line("Today's entries", "bold")
    for entry in today["entries"]:
        print_entry(entry, out)


def _print_coaching(today: TodayAnswer, out: Output) -> None:
    if today["tip"]:
        out.parts((out.symbol("🧰 ", "Tip: "), "bold"), (today["tip"], None))
    if today["gap"]:
        out.parts(("This week's gap: ", "bold"), (safe(today["gap"]), None))
    if today["checkin_due"]:
        out.line("It's check-in day: rejection-therapy checkin", "yellow")
    for followup in today["followups_due"]:
        out.parts(
            ("Due: ", "bold yellow"),
            (safe(followup["text"]), None),
            (f"  (followups done {followup['id'][:8]})", "dim"),
        )
    for entry in today["stale_pending"]:
        out.parts(
            ("Still no answer: ", "yellow"),
            (safe(entry["ask"]), None),
            (f" — no answer counts as a no: rejection-therapy resolve {entry['id'][:8]} no", "dim"),
        )


def print_badges_earned(badges: list[BadgeView], out: Output) -> None:
    for badge in badges:
        icon = BADGES_BY_ID[badge["id"]].icon if badge["id"] in BADGES_BY_ID else ""
        out.parts(
            (out.symbol(f"{icon} Badge earned: ", "Badge earned: "), "bold yellow"),
            (badge["name"], "bold"),
            (f" — {badge['description']}", None),
        )


def print_logged(logged: LogAnswer, out: Output) -> None:
    """What `log` prints, from `log --json`."""
    when = " for yesterday" if logged["late"] else ""
    out.parts(
        (f"Logged ({logged['id'][:8]}) ", None),
        (outcome_label(logged["outcome"], out), OUTCOME_STYLES[logged["outcome"]]),
        (f"{when}: {safe(logged['ask'])}", None),
    )
    out.parts(
        (f"+{logged['xp']} XP", "bold green"),
        (
            f" · {logged['total_xp']} XP in all · level {logged['level']} "
            f"({logged['xp_to_next_level']} to next)",
            "dim",
        ),
    )
    print_badges_earned(logged["badges_earned"], out)
    if logged["outcome"] == "no":
        out.line(REFRAME, "italic")
    if logged["tip"]:
        out.parts((out.symbol("🧰 ", "Tip: "), "bold"), (logged["tip"], None))
    if logged["outcome"] == "pending":
        out.line(
            f"When the answer comes: rejection-therapy resolve {logged['id'][:8]} no|yes|why",
            "dim",
        )
    if logged["rest_day_returned"]:
        out.line(
            "You logged on a rest day: it counts as done, and the rest day is yours again.", "dim"
        )
    if logged["only_yes_today"]:
        out.line(ASK_BIGGER, "yellow")
    streak = logged["streak"]
    out.line(
        f"Streak: {streak['current']} (best {streak['best']}) · freezes {streak['freezes']}", "dim"
    )


def show_today(today: TodayAnswer, day: DayView, as_json: bool, out: Output) -> int:
    """`today`, as JSON or as text (the fast path and the full service both end here)."""
    if as_json:
        out.json(today)
    else:
        print_today(today, day, out)
    return 0


def show_logged(logged: LogAnswer, as_json: bool, out: Output) -> int:
    """`log`, as JSON or as text."""
    if as_json:
        out.json(logged)
    else:
        print_logged(logged, out)
    return 0


def show_undone(outcome: str, ask_text: str, badge_ids: list[str], out: Output) -> int:
    """`undo`: the entry taken back, and any badge taken back with it."""
    out.parts(
        ("Undone: ", "bold"),
        (outcome_label(outcome, out), OUTCOME_STYLES[outcome]),
        (f" · {safe(ask_text)}", None),
    )
    for badge_id in badge_ids:
        badge = BADGES_BY_ID.get(badge_id)
        if badge is not None:
            out.line(f"Badge taken back with it: {badge.name}", "yellow")
    return 0


def show_edited(
    entry_id: str, outcome: str, note: str, badges: list[BadgeView], out: Output
) -> int:
    """`edit`: the entry as it is now, and any badge the change earned."""
    out.parts(
        ("Updated entry ", None),
        (entry_id[:8], "bold"),
        (": ", None),
        (outcome_label(outcome, out), OUTCOME_STYLES[outcome]),
        (f" — {safe(note)}" if note else "", "italic"),
    )
    print_badges_earned(badges, out)
    return 0


def show_rest(on: str, cancel: bool, used: int, allowed: int, out: Output) -> int:
    """`rest`: the day declared (or withdrawn) and the rest days its run has used."""
    if cancel:
        out.line(f"{on} is a normal day again ({used} of {counted(allowed, 'rest day')} used).")
    else:
        out.line(
            f"{on} is a rest day: your streak pauses ({used} of {counted(allowed, 'rest day')} used)."
        )
    return 0
