"""`remind`: set up, report, check and remove the nudge that speaks while today is open.

The rules of when to speak are core/reminders.py's; the scheduler files and delivery are
remind/'s. This module joins them to the person's data: today's day, streak, freezes
and ask, in the data's own time zone and rollover hour.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rejection_therapy.core.days import challenge_date_for
from rejection_therapy.core.open_day import today_open
from rejection_therapy.core.reminders import (
    MAX_SLOTS,
    Moment,
    decide,
    format_slot,
    local_wall,
    next_slot,
    nudge_text,
)
from rejection_therapy.remind import install as installer
from rejection_therapy.remind.deliver import Outcome, available_via, deliver
from rejection_therapy.remind.state import (
    LOCK_FILE,
    Delivery,
    RemindState,
    StateError,
    StateLock,
    read_state,
    state_path,
    write_state,
)
from rejection_therapy.remind.units import Job, UnitError, prompt_snippet
from rejection_therapy.service.device import ReminderSettings, change_device, load_device
from rejection_therapy.service.errors import UserError
from rejection_therapy.service.status import rebuilt_record
from rejection_therapy.storage.status_record import read_status
from rejection_therapy.views import facts_today

if TYPE_CHECKING:
    from datetime import date, time

    from rejection_therapy.service.context import Context
    from rejection_therapy.shapes import StatusRecord, StreakFacts


@dataclass(frozen=True, slots=True)
class Today:
    """Where today stands, as the reminder sees it."""

    facts: StreakFacts
    now: datetime
    challenge_day: date
    zone: str
    rollover_hour: int

    @property
    def open(self) -> bool:
        return today_open(self.facts)

    @property
    def wall(self) -> datetime:
        return local_wall(self.now, self.zone)

    def moment(self, settings: ReminderSettings, spoken: tuple[time, ...]) -> Moment:
        """What core/reminders' decide and next_slot weigh: today, now, the times."""
        return Moment(
            self.open, self.wall, self.challenge_day, self.rollover_hour, settings.slots, spoken
        )

    @property
    def word(self) -> str:
        """Today in a word or two: open, done, a rest day, between runs, not started."""
        if self.open:
            return "open"
        facts = self.facts
        if facts["today_done"]:
            return "done"
        if facts["rest_today"]:
            return "a rest day"
        return "between runs" if facts["complete"] else "before the run starts"

    @property
    def why_silent(self) -> str:
        facts = self.facts
        if facts["today_done"]:
            return "today is done"
        if facts["rest_today"]:
            return "today is a rest day"
        if facts["complete"]:
            return "the run is complete: no ask until the next run starts"
        return "the run has not started yet"


def _state(ctx: Context) -> RemindState:
    try:
        return read_state(str(ctx.paths.home))
    except StateError as error:
        raise UserError(str(error)) from None


@contextmanager
def _locked(home: str) -> Iterator[None]:
    try:
        lock = StateLock(home).__enter__()
    except StateError as error:
        raise UserError(str(error)) from None
    try:
        yield
    finally:
        lock.__exit__()


def _record(ctx: Context) -> StatusRecord:
    record = read_status(str(ctx.paths.home))
    if record is not None and not record["damaged"]:
        return record
    try:
        return rebuilt_record(ctx)
    except OSError as error:
        raise UserError(str(error)) from None


def today_now(ctx: Context) -> Today:
    """Today's facts by the data's own zone and rollover hour and the app's one clock."""
    from zoneinfo import ZoneInfo

    record = _record(ctx)
    zone = ZoneInfo(record["timezone"])
    rollover = int(record["rollover_hour"])
    now = ctx.clock_in(zone).now().astimezone(UTC)
    day = challenge_date_for(now, zone, rollover)
    return Today(facts_today(record, day), now, day, record["timezone"], rollover)


@dataclass(frozen=True, slots=True)
class Checked:
    today: Today
    settings: ReminderSettings | None
    spoke_for: str | None
    outcome: Outcome | None
    next_at: datetime | None


def check(ctx: Context, *, system: str = sys.platform) -> Checked:
    """Speak if today is open and a chosen time has passed unspoken for; remember it."""
    if not ctx.paths.data_file.exists():
        raise UserError(
            f"there is no data in {ctx.paths.home} (moved or deleted?): nothing to remind of; "
            "remove a reminder left behind with `remind uninstall` from its new home"
        )
    settings = load_device(ctx.paths).reminder
    _synced_first(ctx)
    today = today_now(ctx)
    home = str(ctx.paths.home)
    if settings is None:
        return Checked(today, None, None, None, None)
    with _locked(home):
        state = _state(ctx)
        spoken = state.spoken_on(today.challenge_day)
        decision = decide(today.moment(settings, spoken))
        outcome = None
        if decision.speak_for is not None:
            title, body = nudge_text(
                day=today.facts["day"],
                streak=today.facts["current"],
                freezes=today.facts["freezes"],
                ask=None if settings.hide_ask else _ask_text(ctx),
            )
            outcome = deliver(
                settings.via, title, body, ctx.environ, mail_to=settings.mail_to, system=system
            )
            at = today.now.isoformat(timespec="seconds").replace("+00:00", "Z")
            state = RemindState(
                state.spoken_day,
                state.spoken,
                Delivery(at, settings.via, outcome.ok, outcome.detail),
                state.installed,
            )
            if outcome.ok:  # a failed delivery is tried again at the next wake-up
                state = state.with_spoken(today.challenge_day, decision.spoken)
            write_state(home, state)
            spoken = state.spoken_on(today.challenge_day)
    upcoming = next_slot(today.moment(settings, spoken))
    spoke = format_slot(decision.speak_for) if decision.speak_for else None
    return Checked(today, settings, spoke, outcome, upcoming)


def _synced_first(ctx: Context) -> None:
    """With a sync folder, read it first: a day logged on the laptop silences the desktop.
    A sync that cannot run now (an unmounted drive) never stops the check. A git folder
    is not pulled: a scheduled nudge never waits on the network."""
    from rejection_therapy.service import sync
    from rejection_therapy.storage.files import StorageError

    if sync.syncing(ctx):
        with contextlib.suppress(UserError, StorageError, OSError):
            sync.sync(ctx, transport=False)


def _ask_text(ctx: Context) -> str | None:
    """Today's ask (drawn now if no one has looked yet); None when it cannot be had."""
    from rejection_therapy.service.today import today

    try:
        view = today(ctx)
    except UserError:
        return None
    return view.ask.text if view.ask is not None else None


@dataclass(frozen=True, slots=True)
class Status:
    settings: ReminderSettings | None
    state: RemindState
    scheduled: str
    program_missing: str | None
    today: Today
    next_at: datetime | None
    via_tools: dict[str, str]
    snippet: str


def status(ctx: Context, *, system: str = sys.platform) -> Status:
    settings = load_device(ctx.paths).reminder
    state = _state(ctx)
    today = today_now(ctx)
    installed = state.installed
    scheduled = installer.scheduler_state(installed, ctx.environ) if installed else "not installed"
    missing = None
    if installed is not None and installed.program and not os.path.isfile(installed.program[0]):
        missing = installed.program[0]
    upcoming = None
    if settings is not None:
        upcoming = next_slot(today.moment(settings, state.spoken_on(today.challenge_day)))
    job = _job(ctx)
    return Status(
        settings,
        state,
        scheduled,
        missing,
        today,
        upcoming,
        available_via(ctx.environ, system),
        prompt_snippet(job),
    )


def login_file(ctx: Context) -> str:
    """The shell start file `--via terminal` would add its line to."""
    return str(installer.start_file(ctx.environ))


def _job(ctx: Context) -> Job:
    return Job(installer.console_program(ctx.environ), str(ctx.paths.home.resolve()))


@dataclass(frozen=True, slots=True)
class Installing:
    """What `remind install` was asked for."""

    times: tuple[str, ...]
    via: str = "notify"
    hide_ask: bool = False
    mail_to: str | None = None
    scheduler: str = "auto"
    write_crontab: bool = False
    login_consent: bool = False


def _refuse_mismatches(asked: Installing, scheduler: str) -> None:
    if len(set(asked.times)) > MAX_SLOTS:
        raise UserError(f"at most {MAX_SLOTS} times a day (--at and --again together)")
    if asked.mail_to and asked.via != "mail":
        raise UserError("--mail-to goes with --via mail")
    if asked.write_crontab and (scheduler != "cron" or asked.via == "terminal"):
        raise UserError("--write-crontab goes with the cron scheduler (--scheduler cron)")


def install(ctx: Context, asked: Installing, *, system: str = sys.platform) -> tuple[str, ...]:
    """(Re)place the reminder's scheduler files, then save its settings; what was done.
    A failed install leaves no stray file, and says that no reminder is installed now."""
    from pydantic import ValidationError

    scheduler = installer.pick_scheduler(asked.scheduler, ctx.environ, system)
    _refuse_mismatches(asked, scheduler)
    try:
        settings = ReminderSettings.model_validate(
            {"times": asked.times, "via": asked.via, "hide_ask": asked.hide_ask}
            | ({"mail_to": asked.mail_to} if asked.mail_to else {})
        )
    except ValidationError as error:
        problem = error.errors()[0]
        raise UserError(str(problem["msg"]).removeprefix("Value error, ")) from None
    job = _job(ctx)
    try:
        job.check_safe()
    except UnitError as error:
        raise UserError(str(error)) from None
    if settings.via == "terminal" and not asked.login_consent:
        raise UserError(
            f"--via terminal adds one line to {installer.start_file(ctx.environ)}; "
            "run it again with --yes to agree, or add the line yourself"
        )
    home = str(ctx.paths.home)
    with _locked(home):
        state = _state(ctx)
        said = list(_uninstalled(state, job, ctx)) if state.installed else []
        state = RemindState(state.spoken_day, state.spoken, state.last, None)
        write_state(home, state)
        try:
            if settings.via == "terminal":
                done = installer.add_login_line(job, ctx.environ)
            else:
                done = installer.install(
                    job, scheduler, ctx.environ, write_crontab=asked.write_crontab, system=system
                )
        except (installer.InstallError, OSError, UnicodeError) as error:
            what = error.strerror if isinstance(error, OSError) and error.strerror else error
            before = "; the one installed before was removed" if said else ""
            raise UserError(f"the reminder could not be installed ({what}){before}") from None
        write_state(home, RemindState(state.spoken_day, state.spoken, state.last, done.installed))
        change_device(ctx.paths, reminder=settings.model_dump())
    return (*said, *done.said)


def _uninstalled(state: RemindState, job: Job, ctx: Context) -> tuple[str, ...]:
    assert state.installed is not None
    try:
        return installer.uninstall(state.installed, job, ctx.environ)
    except installer.InstallError as error:
        raise UserError(f"{state_path(str(ctx.paths.home))}: {error}") from None


def uninstall(ctx: Context) -> tuple[str, ...]:
    """Remove exactly what install wrote, the reminder's settings and its state file."""
    home = str(ctx.paths.home)
    with _locked(home):
        state = _state(ctx)
        said = list(_uninstalled(state, _job(ctx), ctx)) if state.installed else []
        if os.path.lexists(state_path(home)):
            os.unlink(state_path(home))
        device = load_device(ctx.paths)
        if device.reminder is not None:
            change_device(ctx.paths, reminder=None)
            said.append(f"Removed the reminder's settings from {ctx.paths.device_file}")
    lock = os.path.join(home, LOCK_FILE)
    if os.path.lexists(lock):
        os.unlink(lock)
    if not said:
        said.append("No reminder was installed for this home: nothing to remove")
    return tuple(said)
