"""Every file location as a pathlib path, from the names in filenames.py; the home is
resolved lazily and can be moved by the environment."""

from __future__ import annotations

import os
from pathlib import Path

from rejection_therapy.filenames import (
    APP_NAME,
    BACKUPS_FOLDER,
    DATA_FILE,
    DEVICE_FILE,
    HOME_VARIABLE,
    LEGACY_STATUS_FILE,
    LOCK_FILE,
    PACKS_CACHE_FILE,
    PACKS_FOLDER,
    STATUS_FILE,
    journal_path_for,
)

TYPE_CHECKING = False  # typing itself costs the fast `streak` path a few milliseconds
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["HOME_VARIABLE", "Paths", "default_paths", "resolve_home"]


class Paths:
    """Where one home keeps its data, packs, settings and backups."""

    __slots__ = ("home",)

    def __init__(self, home: Path) -> None:
        self.home = home

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Paths) and other.home == self.home

    def __hash__(self) -> int:
        return hash(self.home)

    def __repr__(self) -> str:
        return f"Paths({self.home!r})"

    @property
    def data_file(self) -> Path:
        """The TinyDB file: runs, entries, daily asks, badges and settings."""
        return self.home / DATA_FILE

    @property
    def device_file(self) -> Path:
        """This device's own settings (theme, keys, mouse), kept apart from the data."""
        return self.home / DEVICE_FILE

    @property
    def journal_file(self) -> Path:
        """The data file's journal: every change since a backup held them all."""
        return Path(journal_path_for(str(self.data_file)))

    @property
    def legacy_status_file(self) -> Path:
        return self.home / LEGACY_STATUS_FILE

    @property
    def lock_file(self) -> Path:
        return self.home / LOCK_FILE

    @property
    def status_file(self) -> Path:
        """A small derived record for the fast `streak` path, rewritten on every change."""
        return self.home / STATUS_FILE

    @property
    def packs_cache_file(self) -> Path:
        """Packs already parsed and validated: a derived cache, safe to delete."""
        return self.home / PACKS_CACHE_FILE

    @property
    def packs_dir(self) -> Path:
        return self.home / PACKS_FOLDER

    @property
    def backups_dir(self) -> Path:
        return self.home / BACKUPS_FOLDER


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
