"""Record ids: random UUIDs (version 4) in their usual text form.

Made from os.urandom rather than the uuid module, whose import costs the fast `log` path
more than the rest of its start-up work.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


def new_id() -> str:
    """A random UUID, e.g. 1b4e28ba-2fa1-4d2e-883f-0016d3cca427."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


MIN_PREFIX = 4
"""The fewest characters of an id a command accepts for it."""
PREFIX = 8
"""Characters of each id the prefix index keeps (`history` shows ids by their first 8)."""


def prefix_index(entry_ids: Iterable[str]) -> str:
    """The first characters of every id, sorted and run together: what the quick `edit`
    checks an id prefix against, so a prefix that matches two entries is never taken for
    one of them (the service's rule: service/entries.py `_find_entry`)."""
    return "".join(sorted(_key(entry_id) for entry_id in entry_ids))


def with_id(index: str, entry_id: str) -> str:
    key = _key(entry_id)
    at = _Keys(index).first_at_or_after(key)
    return index[: at * PREFIX] + key + index[at * PREFIX :]


def without_id(index: str, entry_id: str) -> str:
    """The index without `entry_id` (ValueError when it holds no such id)."""
    key = _key(entry_id)
    at = _Keys(index).first_at_or_after(key)
    if index[at * PREFIX : (at + 1) * PREFIX] != key:
        raise ValueError("an id the index does not hold")
    return index[: at * PREFIX] + index[(at + 1) * PREFIX :]


def ids_matching(index: str, ref: str) -> int:
    """How many indexed ids may start with `ref` (lower case): an upper bound, exact for
    refs of up to PREFIX characters."""
    head = ref[:PREFIX]
    keys = _Keys(index)
    return keys.first_at_or_after(head + "\U0010ffff") - keys.first_at_or_after(head)


def _key(entry_id: str) -> str:
    return entry_id.lower()[:PREFIX].ljust(PREFIX)


class _Keys:
    """The index as a sorted sequence of its keys, searched by halving."""

    def __init__(self, index: str) -> None:
        self.index = index

    def first_at_or_after(self, key: str) -> int:
        low, high = 0, len(self.index) // PREFIX
        while low < high:
            middle = (low + high) // 2
            if self.index[middle * PREFIX : (middle + 1) * PREFIX] < key:
                low = middle + 1
            else:
                high = middle
        return low
