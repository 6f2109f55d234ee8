"""The keys a person may choose (`config keymap ACTION=KEY`): which actions, which key
names, and which keys each screen holds already.

Standard library only: `config` checks a keymap without importing Textual, and the TUI
applies it (`App.set_keymap`, by the Bindings' ids) before its first paint. The tables
are written out here; tests/tui/test_keymap.py holds them to the app's real Bindings.
"""

from __future__ import annotations

ACTIONS: dict[str, tuple[str, str]] = {
    "today": ("t", "Today"),
    "journey": ("j", "Journey"),
    "badges": ("b", "Badges"),
    "history": ("h", "History"),
    "packs": ("p", "Packs"),
    "share": ("x", "Share"),
    "settings": ("comma", "Settings"),
    "help": ("question_mark", "Help"),
    "quit": ("q", "Quit"),
    "theme": ("ctrl+t", "Light/dark theme"),
}
"""Each app binding id a person can move: its default key and what it does. They act on
every screen (the app's own bindings)."""

TODAY_ACTIONS: dict[str, tuple[str, str]] = {
    "log_no": ("n", "Log a no"),
    "log_yes": ("y", "Log a yes"),
    "log_why": ("w", "Log a why"),
    "swap": ("s", "Swap today's ask"),
    "own_ask": ("a", "Log an ask of your own"),
    "undo": ("u", "Undo today's newest entry"),
}
"""The Today screen's daily keys a person can move: they act on Today alone, so they may
share a key with another screen's own key, never with an app key or Today's others."""

MOVABLE: dict[str, tuple[str, str]] = {**ACTIONS, **TODAY_ACTIONS}
"""Every action `config keymap` takes."""

SCREEN_KEYS: dict[str, frozenset[str]] = {
    "Today": frozenset("lcdrifeop") | {"ctrl+r"},
    "Journey": frozenset({"N", "r", "i", "l", "left", "right", "up", "down", "home", "end"}),
    "History": frozenset({"f", "enter"}),
    "Packs": frozenset({"space", "a", "r", "v"}),
    "Share": frozenset({"1", "2", "3", "4", "5", "o"}),
}
"""The keys each screen binds itself and no one moves (normalised): an app key there would
be hidden. Today's movable keys (TODAY_ACTIONS) come on top of Today's."""

RESERVED = frozenset(
    {"escape", "enter", "tab", "shift+tab", "up", "down", "ctrl+c", "ctrl+q", "ctrl+p"}
)
"""Keys dialogs and Textual itself need: closing, confirming, moving, quitting, commands."""

NAMED_KEYS = frozenset(
    {"backspace", "delete", "down", "end", "enter", "escape", "home", "insert", "left"}
    | {"pagedown", "pageup", "right", "space", "tab", "up"}
    | {f"f{number}" for number in range(1, 25)}
)
MODIFIERS = ("ctrl", "shift")
KEY_FORMS = "a letter or sign (g, G, !), ctrl+LETTER, f1-f24, or a name such as pageup"


class KeymapError(ValueError):
    """A keymap that cannot be used; the message says which part and what is allowed."""


def key_name(typed: str) -> str:
    """A key as Textual names it (`?` is `question_mark`); KeymapError when it is none."""
    text = typed.strip()
    *modifiers, key = text.split("+") if len(text) > 1 else [text]
    if len(key) == 1:
        key = _character_name(key)
    elif key.lower() in NAMED_KEYS:
        key = key.lower()
    else:
        key = _long_name(key)
    modifiers = [modifier.lower() for modifier in modifiers]
    shifted_sign = "shift" in modifiers and len(key) == 1  # the terminal sends G for shift+g
    if (
        not key
        or shifted_sign
        or any(m not in MODIFIERS for m in modifiers)
        or len(set(modifiers)) < len(modifiers)
    ):
        raise KeymapError(f"{typed!r} is not a key name; use {KEY_FORMS}")
    ordered = [m for m in MODIFIERS if m in modifiers]
    return "+".join([*ordered, key.lower() if ordered else key])


def _character_name(character: str) -> str:
    """Textual's name for one typed character: itself when a letter or digit, else its
    Unicode name (`?` is question_mark); a space, comma or control character is none."""
    if character.isalnum():
        return character
    if not character.isprintable() or character.isspace():
        return ""
    import unicodedata  # only when a sign is typed: the first paint rarely needs it

    try:
        return unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return ""


def _long_name(name: str) -> str:
    """A sign given by Textual's name for it (`question_mark`, `comma`), or ""."""
    import unicodedata

    try:
        character = unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return ""
    return name.lower() if _character_name(character) == name.lower() else ""


def shown_key(name: str) -> str:
    """A key as a person reads it: `?` for question_mark, `,` for comma."""
    return {"question_mark": "?", "comma": ",", "full_stop": ".", "slash": "/"}.get(name, name)


def check_keymap(keymap: dict[str, str]) -> dict[str, str]:
    """The keymap with Textual's key names, after checking that every action is known,
    every key is a key, and no two actions, nor an action and a screen's own key, meet."""
    checked: dict[str, str] = {}
    for action, typed in keymap.items():
        if action not in MOVABLE:
            raise KeymapError(f"unknown action {action!r}; actions: {', '.join(MOVABLE)}")
        checked[action] = key_name(typed)
    keys = {action: checked.get(action, default) for action, (default, _what) in MOVABLE.items()}
    for action in reversed(checked):  # the newest assignment is the one refused
        key = keys[action]
        if key in RESERVED:
            raise KeymapError(
                f"{shown_key(key)} is kept for dialogs and Textual; choose another key for {action}"
            )
        # an app key meets every key; a Today key meets the app's and Today's own
        meets = keys if action in ACTIONS else {a: keys[a] for a in (*ACTIONS, *TODAY_ACTIONS)}
        for other, other_key in meets.items():
            if other != action and other_key == key:
                raise KeymapError(
                    f"{shown_key(key)} is the {other} key already; move {other} first "
                    f"(config keymap {other}=KEY)"
                )
        screens = SCREEN_KEYS if action in ACTIONS else {"Today": SCREEN_KEYS["Today"]}
        for screen, screen_keys in screens.items():
            if key in screen_keys:
                raise KeymapError(
                    f"{shown_key(key)} is taken on {screen}; choose another key for {action}"
                )
    return checked


def parse_assignment(text: str) -> tuple[str, str]:
    """`ACTION=KEY` as typed after `config keymap`; `ACTION=` puts the default back."""
    action, equals, key = text.partition("=")
    if not equals or not action.strip():
        raise KeymapError(f"write ACTION=KEY, such as journey=g, not {text!r}")
    return action.strip(), key.strip()
