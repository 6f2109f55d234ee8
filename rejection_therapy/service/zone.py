"""The machine's IANA time zone, read once at first run and saved in the settings."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _valid(name: str) -> str | None:
    name = name.strip().lstrip(":")
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
    from_env = _valid(env.get("TZ", ""))
    if from_env:
        return from_env
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
