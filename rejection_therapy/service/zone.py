"""The machine's IANA time zone, read once at first run and saved in the settings.

A `TZ` that names no zone this machine knows is passed over; the zone taken instead is
remembered (`take_fallback`), so the command line can say so once, on stderr.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_fallback: list[tuple[str, str]] = []
"""(`TZ` as set, the zone used instead) of this process's first settings, until taken."""


def _valid(name: str) -> str | None:
    name = name.strip().lstrip(":")
    if "zoneinfo/" in name:  # TZ=/usr/share/zoneinfo/Europe/Berlin names Europe/Berlin
        name = name.split("zoneinfo/", 1)[1]
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def system_zone_name(environ: Mapping[str, str] | None = None) -> str:
    """`TZ` when it names a zone, else the zone /etc/localtime points at, else UTC."""
    env = os.environ if environ is None else environ
    typed = env.get("TZ", "")
    from_env = _valid(typed)
    if from_env:
        return from_env
    name = _machine_zone()
    if typed.strip(" :") and not _fallback:
        _fallback.append((typed, name))
    return name


def take_fallback() -> tuple[str, str] | None:
    """The `TZ` that named no known zone and the zone used instead, once: None after the
    first call, and when `TZ` was unset or good."""
    return _fallback.pop() if _fallback else None


def _machine_zone() -> str:
    """The zone /etc/localtime points at or /etc/timezone names, else UTC."""
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        found = _valid(target.split("zoneinfo/", 1)[1])
        if found:
            return found
    try:
        found = _valid(Path("/etc/timezone").read_text(encoding="utf-8"))
    except OSError:
        found = None
    return found or "UTC"
