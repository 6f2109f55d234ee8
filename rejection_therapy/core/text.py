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


def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on first need: text without control characters (nearly all) needs no `re`,
    whose import costs the fast `today` path more than its own work."""
    global _compiled
    if _compiled is None:
        import re

        _compiled = (re.compile(ESCAPES), re.compile(CONTROLS))
    return _compiled


def printable(text: str, keep_newlines: bool = False) -> str:
    """Strip escape sequences and control characters; tabs become spaces."""
    if text.isprintable():
        return text  # nothing to strip: every sequence above starts with a control character
    escapes, controls = _patterns()
    cleaned = escapes.sub("", text).replace("\t", " ")
    if not keep_newlines:
        cleaned = cleaned.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return controls.sub("", cleaned)
