"""When a reminder speaks, and what it says: the pure rules behind `remind check`.

A scheduler wakes `remind check` often (every 15 minutes); these rules decide in the
app's own terms whether to speak: only while today is open, only once a chosen time has
passed on the current challenge day, and at most once per chosen time per day. Times are
wall-clock times in the person's zone, so 18:30 stays 18:30 across a clock change and
after travel; a laptop that slept through 18:30 catches up while that challenge day is
still the current one, never the morning after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

MAX_SLOTS = 4
"""Reminder times a person may set: enough for "evening, and again before bed"."""


def slot_moment(challenge_day: date, slot: time, rollover_hour: int) -> datetime:
    """The wall-clock moment a slot falls on for a challenge day. The day runs from the
    rollover hour to the next one, so with rollover 04:00 a 01:00 slot belongs to the
    calendar day after (the night before the day ends), not to the morning before."""
    calendar_day = challenge_day if slot.hour >= rollover_hour else challenge_day + timedelta(1)
    return datetime.combine(calendar_day, slot)


@dataclass(frozen=True, slots=True)
class Decision:
    """What `check` should do now: the slot to speak for (None: stay silent), and the
    slots of the day to remember as spoken for."""

    speak_for: time | None
    spoken: tuple[time, ...]


@dataclass(frozen=True, slots=True)
class Moment:
    """What the reminder weighs: whether today is open, the wall clock now (no zone), the
    challenge day and its rollover hour, the times set, and those spoken for today."""

    today_open: bool
    now_wall: datetime
    challenge_day: date
    rollover_hour: int
    slots: tuple[time, ...]
    spoken_today: tuple[time, ...]

    def at(self, slot: time) -> datetime:
        return slot_moment(self.challenge_day, slot, self.rollover_hour)


def decide(moment: Moment) -> Decision:
    """Whether to speak now. Several times passed while the machine slept make one
    nudge, for the latest; all of them count as spoken for, so the next wake-up does not
    repeat it."""
    chosen = in_day_order(moment.slots, moment.challenge_day, moment.rollover_hour)
    spoken = tuple(s for s in chosen if s in moment.spoken_today)  # unset times are forgotten
    passed = [s for s in chosen if moment.at(s) <= moment.now_wall]
    fresh = [s for s in passed if s not in spoken]
    if not moment.today_open or not fresh:
        return Decision(None, spoken)
    return Decision(fresh[-1], tuple(s for s in chosen if s in spoken or s in fresh))


def in_day_order(slots: tuple[time, ...], challenge_day: date, rollover_hour: int) -> list[time]:
    """The times in the order they come in a challenge day: with rollover 04:00, 18:30
    comes before 01:00 (the night before the day ends)."""
    return sorted(set(slots), key=lambda s: slot_moment(challenge_day, s, rollover_hour))


def local_wall(instant: datetime, zone: str) -> datetime:
    """An aware instant as the wall clock in `zone` shows it, without a zone: what a
    person's 18:30 is compared with."""
    from zoneinfo import ZoneInfo

    return instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def nudge_text(
    *,
    day: int,
    streak: int,
    freezes: int,
    ask: str | None,
    hide_ask: bool = False,
) -> tuple[str, str]:
    """The notification's title and body: what is at stake today ("Day 37 · streak 36 ·
    no freeze held: tonight counts · today's ask: …"). The ask is left out when the person
    hides it from the lock screen."""
    parts = [f"Day {day}", f"streak {streak}" if streak else "a new streak starts today"]
    if streak:
        parts.append(
            "a freeze would cover tonight, once" if freezes else "no freeze held: tonight counts"
        )
    if ask and not hide_ask:
        parts.append(f"today's ask: {ask}")
    return "Today's ask is still open", " · ".join(parts)


VIAS = ("notify", "terminal", "mail")
"""How a nudge reaches the person: the desktop's notifier (notify-send, or osascript on
macOS), a line printed by the next shell that starts, or the local sendmail."""


def parse_slot(text: str) -> time:
    """`18:30` (or `6:30pm`, `18.30`) as a time of day; ValueError says what is accepted."""
    cleaned = text.strip().lower().replace(".", ":")
    suffix = cleaned[-2:] if cleaned.endswith(("am", "pm")) else ""
    digits = cleaned.removesuffix(suffix).strip()
    hours, colon, minutes = digits.partition(":")
    if (
        not hours.isdigit()
        or (colon and not minutes)
        or len(hours) > 2
        or (minutes and (not minutes.isdigit() or len(minutes) != 2))
        or not text.strip().isascii()
    ):
        raise ValueError(f"{text!r} is not a time of day; use HH:MM, such as 18:30")
    hour, minute = int(hours), int(minutes or 0)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r} is not a time of day; with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day; use HH:MM from 00:00 to 23:59")
    return time(hour, minute)


def format_slot(slot: time) -> str:
    return f"{slot.hour:02d}:{slot.minute:02d}"


def next_slot(moment: Moment) -> datetime | None:
    """When the reminder would speak next (wall clock): while today is open, a time not yet
    spoken for (one already passed: the next check speaks, within minutes); else the first
    time of the next challenge day. None: no times set."""
    ordered = in_day_order(moment.slots, moment.challenge_day, moment.rollover_hour)
    if not ordered:
        return None
    if moment.today_open:
        waiting = [moment.at(slot) for slot in ordered if slot not in moment.spoken_today]
        passed = [at for at in waiting if at <= moment.now_wall]
        if passed:
            return passed[-1]
        if waiting:
            return waiting[0]
    return slot_moment(moment.challenge_day + timedelta(1), ordered[0], moment.rollover_hour)
