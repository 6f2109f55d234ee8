"""Text from people and packs, made safe to show: no terminal control sequences."""

from __future__ import annotations

import re

# CSI/OSC/other ESC sequences first, then any remaining C0/C1 control character.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str, keep_newlines: bool = False) -> str:
    """Strip escape sequences and control characters; tabs become spaces."""
    cleaned = _ESCAPES.sub("", text).replace("\t", " ")
    if not keep_newlines:
        cleaned = cleaned.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _CONTROLS.sub("", cleaned)
