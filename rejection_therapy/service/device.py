"""This device's settings (theme, keys, mouse): read, checked with pydantic, changed.

They are kept in the home's `device.json`, apart from the data file, so that a sync of
the data carries only what belongs to the person. A file that fails the check is named
in a one-line error and never written over: the person fixes or deletes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from rejection_therapy.core.reminders import MAX_SLOTS, format_slot, parse_slot
from rejection_therapy.device import (
    LEGACY_THEMES,
    THEME_NAMES,
    DeviceFileError,
    fix_hint,
    read_device_document,
    write_device_document,
)
from rejection_therapy.keymap import MOVABLE, KeymapError, check_keymap, parse_assignment
from rejection_therapy.service.errors import UserError

if TYPE_CHECKING:
    from datetime import time

    from rejection_therapy.paths import Paths

MAX_KEYMAP = 100
MAX_KEY_TEXT = 40
DEVICE_KEYS = ("theme", "mouse", "keymap")
"""The device settings `config` shows and changes (keymap as ACTION=KEY)."""
SWITCH_WORDS = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}


MAX_ADDRESS = 254


class ReminderSettings(BaseModel):
    """The nudge `remind check` gives while today is open (set by `remind install`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    times: tuple[str, ...] = Field(default=("18:30",), min_length=1, max_length=MAX_SLOTS)
    """Wall-clock times (HH:MM) in the person's time zone; one nudge per time per day."""
    via: Literal["notify", "terminal", "mail"] = "notify"
    """The desktop's notifier, the next shell that starts, or the local sendmail."""
    hide_ask: StrictBool = False
    """Leave the ask's text out of the nudge (a lock screen shows notifications)."""
    mail_to: str | None = Field(default=None, max_length=MAX_ADDRESS)
    """Where `--via mail` sends it; unset: this user's local mailbox."""

    @field_validator("times")
    @classmethod
    def _times_of_day(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({format_slot(parse_slot(text)) for text in value}))

    @field_validator("mail_to")
    @classmethod
    def _plain_address(cls, value: str | None) -> str | None:
        from rejection_therapy.remind.deliver import valid_address

        if value is not None and not valid_address(value):
            raise ValueError(f"{value!r} is not a mail address (user or user@host)")
        return value

    @property
    def slots(self) -> tuple[time, ...]:
        return tuple(parse_slot(text) for text in self.times)


class DeviceSettings(BaseModel):
    """What belongs to this terminal, not to the person."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    theme: str | None = None
    """A theme's name (`textual-dark`, `ansi-light`...); unset: the data file's old
    dark/light choice, or dark."""
    mouse: StrictBool = True
    """The app takes the mouse (clicks, scrolling); off leaves it to the terminal, so that
    select-to-copy works."""
    keymap: dict[str, str] = Field(default_factory=dict, max_length=MAX_KEYMAP)
    """Keys chosen in place of the defaults, by action id (`today`, `help`, `quit`...)."""
    reminder: ReminderSettings | None = None
    """The reminder `remind install` set up on this device (none: no reminder)."""

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str | None) -> str | None:
        if value is not None and value not in THEME_NAMES:
            raise ValueError(f"unknown theme {value!r}; themes: {', '.join(THEME_NAMES)}")
        return value

    @field_validator("keymap")
    @classmethod
    def _usable_keys(cls, value: dict[str, str]) -> dict[str, str]:
        """Known actions, real key names, no two on one key (keymap.py words the refusal)."""
        if any(
            len(action) > MAX_KEY_TEXT or len(key) > MAX_KEY_TEXT for action, key in value.items()
        ):
            raise ValueError(f"an action or key is longer than {MAX_KEY_TEXT} characters")
        try:
            return check_keymap(value)
        except KeymapError as error:
            raise ValueError(str(error)) from None

    def theme_or(self, legacy: str) -> str:
        """The theme to show: this device's choice, else the data file's old dark/light."""
        return self.theme or LEGACY_THEMES.get(legacy, LEGACY_THEMES["dark"])


def load_device(paths: Paths) -> DeviceSettings:
    """This device's settings; the defaults when the home has no device file yet."""
    path = paths.device_file
    try:
        document = read_device_document(path)
        return DeviceSettings.model_validate(document)
    except DeviceFileError as error:
        raise UserError(str(error)) from None
    except ValidationError as error:
        raise UserError(f"{path}: {_first_problem(error)}; {fix_hint(path)}") from None


def _first_problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem["loc"])
    reason = str(problem["msg"]).removeprefix("Value error, ")
    if problem["type"] == "extra_forbidden":
        reason = f"unknown setting; settings: {', '.join((*DEVICE_KEYS, 'reminder'))}"
    return f"{where}: {reason}" if where else reason


def save_device(paths: Paths, settings: DeviceSettings) -> None:
    """Write the device file atomically, creating a private home when there is none."""
    from rejection_therapy.storage.files import ensure_home

    ensure_home(paths.home)
    write_device_document(paths.device_file, settings.model_dump(exclude_none=True))


def change_device(paths: Paths, **changes: object) -> DeviceSettings:
    """Change some device settings and save them; a bad file is refused, never replaced."""
    current = load_device(paths)
    try:
        updated = DeviceSettings.model_validate({**current.model_dump(), **changes})
    except ValidationError as error:
        raise UserError(_first_problem(error)) from None
    save_device(paths, updated)
    return updated


def set_device_setting(paths: Paths, key: str, value: str) -> DeviceSettings:
    """`config theme NAME`, `config mouse on|off`, `config keymap ACTION=KEY`, as typed."""
    if key == "theme":  # dark and light, the words of earlier versions, still work
        return change_device(paths, theme=LEGACY_THEMES.get(value.strip(), value.strip()))
    if key == "mouse":
        switch = SWITCH_WORDS.get(value.strip().lower())
        if switch is None:
            raise UserError(f"mouse takes on or off, not {value!r}")
        return change_device(paths, mouse=switch)
    if key == "keymap":
        return set_key(paths, value)
    raise UserError(f"unknown device setting {key!r}; device settings: {', '.join(DEVICE_KEYS)}")


def set_key(paths: Paths, assignment: str) -> DeviceSettings:
    """`config keymap journey=g`: move one action to a key; `journey=` puts its default back."""
    try:
        action, key = parse_assignment(assignment)
    except KeymapError as error:
        raise UserError(f"keymap: {error}") from None
    keymap = dict(load_device(paths).keymap)
    if key:
        keymap.pop(action, None)  # last: a clash is then said about this assignment
        keymap[action] = key
    elif keymap.pop(action, None) is None and action not in MOVABLE:
        raise UserError(f"keymap: unknown action {action!r}; actions: {', '.join(MOVABLE)}")
    return change_device(paths, keymap=keymap)
