"""Text from people and packs, made safe to show: no terminal control sequences."""

from __future__ import annotations

import re

# Whole escape sequences first (CSI; OSC, DCS, SOS, PM, APC strings with their payload,
# 7-bit and 8-bit forms; other two-byte ESC sequences), then any remaining control character.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-Z\\-_]"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str, keep_newlines: bool = False) -> str:
    """Strip escape sequences and control characters; tabs become spaces."""
    cleaned = _ESCAPES.sub("", text).replace("\t", " ")
    if not keep_newlines:
        cleaned = cleaned.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _CONTROLS.sub("", cleaned)
