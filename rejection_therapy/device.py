"""This device's own settings file (`device.json` in the home): theme, keys and mouse.

They belong to one terminal, not to the person, so they live apart from the data file: a
sync of the data carries only the person's settings (time zone, rollover hour, situation).
Standard library only: the TUI reads the file before its first paint. The file is read
as untrusted (a regular file, no link followed, bounded); service/device.py validates
what it holds with pydantic before anything is changed or written back.
"""

from __future__ import annotations

from rejection_therapy.fileio import atomic_write
from rejection_therapy.untrusted import UntrustedFileError, read_json_object

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

DEVICE_FILE_LIMIT = 64 * 1024
"""A theme, a mouse switch and a few dozen keys fit in far less."""

LIGHT_THEME = "rejection-therapy-light"
"""The app's light theme: Textual's light theme with text colours that meet WCAG AA."""
DARK_THEME = "textual-dark"
LEGACY_THEMES = {"dark": DARK_THEME, "light": LIGHT_THEME}
"""The data file's old `theme` values, used until the device file names a theme."""

THEME_NAMES = (
    *("textual-dark", LIGHT_THEME, "textual-light", "ansi-dark", "ansi-light"),
    *("atom-one-dark", "atom-one-light", "catppuccin-frappe", "catppuccin-latte"),
    *("catppuccin-macchiato", "catppuccin-mocha", "dracula", "flexoki", "gruvbox"),
    *("monokai", "nord", "rose-pine", "rose-pine-dawn", "rose-pine-moon"),
    *("solarized-dark", "solarized-light", "tokyo-night"),
)
"""Every theme the app offers, in the picker's order. Written out so that `config theme`
checks a name without importing Textual; tests/tui/test_themes.py holds it to the app's
`available_themes`. The ANSI ones take the terminal's own palette."""


class DeviceFileError(ValueError):
    """The device file cannot be used as it is; the message names it and what to do."""


def fix_hint(path: str | Path) -> str:
    return (
        f"fix {path} or delete it (it holds only this device's theme, keys, mouse and "
        "reminder times; the app then starts from the defaults, and the reminder stays "
        "silent until `remind install`)"
    )


def read_device_document(path: str | Path) -> dict[str, object]:
    """The file's JSON object; an empty one when there is no file yet."""
    try:
        return read_json_object(path, DEVICE_FILE_LIMIT, what="device settings file")
    except FileNotFoundError:
        return {}
    except UntrustedFileError as error:
        raise DeviceFileError(f"{error}; {fix_hint(path)}") from None


def write_device_document(path: str | Path, document: dict[str, object]) -> None:
    """Replace the device file atomically: a crash leaves the old file or the new one."""
    import json

    payload = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    atomic_write(path, payload.encode("utf-8"))


def peek(path: str | Path) -> dict[str, object]:
    """The file's values for the first paint, before pydantic is imported: only values of
    the right kind are taken, and a file that cannot be read gives the defaults (the check
    after the first paint, service/device.py, says what is wrong with it)."""
    try:
        document = read_device_document(path)
    except DeviceFileError:
        return {}
    found: dict[str, object] = {}
    if document.get("theme") in THEME_NAMES:
        found["theme"] = document["theme"]
    if isinstance(document.get("mouse"), bool):
        found["mouse"] = document["mouse"]
    keymap = document.get("keymap")
    if isinstance(keymap, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        from rejection_therapy.keymap import KeymapError, check_keymap

        try:  # noqa: SIM105 - contextlib would cost the first paint an import
            found["keymap"] = check_keymap(keymap)
        except KeymapError:
            pass  # said by the check after the first paint
    return found
