"""Text from people and packs, made safe to show: no terminal control sequences."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

# Whole escape sequences first (CSI; OSC, DCS, SOS, PM, APC strings with their payload,
# 7-bit and 8-bit forms; other two-byte ESC sequences), then any remaining control character.
ESCAPES = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-Z\\-_]"
)
CONTROLS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_compiled: tuple[re.Pattern[str], re.Pattern[str]] | None = None

INVISIBLE = frozenset(
    "\u200b\u2060\ufeff\u2028\u2029\u0085"
    + "".join(chr(code) for code in range(0x202A, 0x202F))
    + "".join(chr(code) for code in range(0x2066, 0x206A))
)
"""Characters that hide or reorder text (zero-width spaces, bidi overrides, odd line
breaks). Packs refuse them; notes show them escaped. U+200C and U+200D are not here: emoji
sequences and Persian and Indic scripts need them."""

ALLOWED_CONTROLS = frozenset("\n\t")
"""The only control characters stored text may hold: line breaks and tabs."""


def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on first need: text without control characters (nearly all) needs no `re`,
    whose import costs the fast `today` path more than its own work."""
    global _compiled
    if _compiled is None:
        import re

        _compiled = (re.compile(ESCAPES), re.compile(CONTROLS))
    return _compiled


def printable(text: str, keep_newlines: bool = False) -> str:
    """Strip escape sequences and control characters; tabs become spaces; characters that
    hide or reorder text are shown as `<U+202E>` so a reader sees they are there."""
    if text.isprintable():
        return text  # nothing to strip: every sequence above starts with a control character
    escapes, controls = _patterns()
    cleaned = escapes.sub("", text).replace("\t", " ")
    if not keep_newlines:
        cleaned = cleaned.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    cleaned = controls.sub("", cleaned)
    if not INVISIBLE.isdisjoint(cleaned):
        cleaned = "".join(f"<U+{ord(c):04X}>" if c in INVISIBLE else c for c in cleaned)
    return cleaned


def without_controls(text: str) -> str:
    """Text a person typed, as it is stored: escape sequences and control characters other
    than line breaks and tabs removed (characters that hide text stay, shown escaped)."""
    if text.isprintable():
        return text
    escapes, controls = _patterns()
    return controls.sub("", escapes.sub("", text))


def unsafe_character(text: str) -> tuple[int, str] | None:
    """The index and a description of the first character stored text must not hold: a
    control character other than a line break or tab, or one of INVISIBLE; None if clean."""
    if text.isprintable():
        return None
    for index, character in enumerate(text):
        code = ord(character)
        if character in ALLOWED_CONTROLS:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F:
            return index, f"control character U+{code:04X}"
        if character in INVISIBLE:
            return index, f"invisible or direction-changing character U+{code:04X}"
    return None
