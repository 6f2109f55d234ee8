"""A hybrid logical clock: wall time, a counter, and the device, in one sortable text.

Last writer wins per record by this stamp. The wall part never goes backwards on a
device and moves past every stamp it has read, so a device whose clock runs slow still
writes after what it has seen, and one whose clock runs fast cannot win for long: a
stamp more than a day ahead of this machine's clock is set aside (sync/merge.py).
"""

from __future__ import annotations

import re

PATTERN = re.compile(r"(\d{15})-(\d{6})-([0-9a-f]{32})")
MAX_COUNTER = 999_999


def stamp(wall_ms: int, counter: int, device: str) -> str:
    return f"{wall_ms:015d}-{counter:06d}-{device}"


def parse(text: object) -> tuple[int, int, str] | None:
    """(wall ms, counter, device), or None for text that is not a stamp."""
    if not isinstance(text, str):
        return None
    found = PATTERN.fullmatch(text)
    if found is None:
        return None
    return int(found[1]), int(found[2]), found[3]


def tick(last: str | None, now_ms: int, device: str) -> str:
    """The next stamp on this device: after `last` (its own or the newest it has read)."""
    previous = parse(last) if last else None
    if previous is None or now_ms > previous[0]:
        return stamp(now_ms, 0, device)
    wall, counter = previous[0], previous[1] + 1
    if counter > MAX_COUNTER:  # a million stamps in one millisecond: move the wall on
        wall, counter = wall + 1, 0
    return stamp(wall, counter, device)


def wall_ms(text: str) -> int:
    found = parse(text)
    return found[0] if found else 0
