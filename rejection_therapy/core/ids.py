"""Record ids: random UUIDs (version 4) in their usual text form.

Made from os.urandom rather than the uuid module, whose import costs the fast `log` path
more than the rest of its start-up work.
"""

from __future__ import annotations

import os


def new_id() -> str:
    """A random UUID, e.g. 1b4e28ba-2fa1-4d2e-883f-0016d3cca427."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
