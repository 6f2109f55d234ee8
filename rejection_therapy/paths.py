"""Every file location, resolved lazily and overridable by the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

HOME_VARIABLE = "REJECTION_THERAPY_HOME"
APP_NAME = "rejection-therapy"


@dataclass(frozen=True)
class Paths:
    """Where one home keeps its data, packs, settings and backups."""

    home: Path

    @property
    def data_file(self) -> Path:
        """The TinyDB file: runs, entries, daily asks, badges and settings."""
        return self.home / "rejection-therapy.json"

    @property
    def lock_file(self) -> Path:
        return self.home / ".rejection-therapy.lock"

    @property
    def status_file(self) -> Path:
        """A small derived record for the fast `streak` path, rewritten on every change."""
        return self.home / "status.json"

    @property
    def packs_dir(self) -> Path:
        return self.home / "packs"

    @property
    def backups_dir(self) -> Path:
        return self.home / "backups"


def resolve_home(environ: Mapping[str, str] | None = None) -> Path:
    """`REJECTION_THERAPY_HOME` when set, else the platform's user data folder."""
    env = os.environ if environ is None else environ
    override = env.get(HOME_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_paths(environ: Mapping[str, str] | None = None) -> Paths:
    return Paths(resolve_home(environ))
