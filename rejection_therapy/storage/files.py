"""The home's folder and the errors of storage (standard library only, light: the fast
paths and the TUI's first paint import it). Durable writes are in fileio.py."""

from __future__ import annotations

import os
import stat

from rejection_therapy.fileio import PRIVATE_DIR

TYPE_CHECKING = False  # the fast `log` path reads through here
if TYPE_CHECKING:
    from pathlib import Path


class StorageError(Exception):
    """Data could not be read or saved; the message says which file and what to do."""


def ensure_home(home: str | Path) -> None:
    """Create the home (0700) if it is missing; refuse one other people can write to.

    A folder the app did not create is never re-moded (it may be someone's shared /tmp,
    whose sticky bit matters): it is only refused when it is not private enough to keep
    the data safe, with the reason.
    """
    try:
        info = os.stat(home)
    except FileNotFoundError:
        os.makedirs(home, mode=PRIVATE_DIR, exist_ok=True)
        return
    check_home(str(home), info)


def check_home(home: str, info: os.stat_result | None = None) -> None:
    """Raise StorageError when the home is not a folder this user alone can change."""
    if info is None:
        try:
            info = os.stat(home)
        except OSError:
            return  # a home that does not exist yet holds nothing to trust or distrust
    if not stat.S_ISDIR(info.st_mode):
        raise StorageError(
            f"the home {home} is not a folder; set REJECTION_THERAPY_HOME to a folder"
        )
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        raise StorageError(
            f"the home {home} belongs to another user; set REJECTION_THERAPY_HOME to a folder of yours"
        )
    if info.st_mode & stat.S_IWOTH:
        raise StorageError(
            f"the home {home} can be written by every user (mode {stat.S_IMODE(info.st_mode):o}); "
            "set REJECTION_THERAPY_HOME to a private folder (e.g. ~/.local/share/rejection-therapy)"
        )


def ensure_private_dir(folder: Path) -> None:
    """Create a folder inside the home (0700) if it is missing."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)


class UnreadableError(StorageError):
    """The data file cannot be read as it is.

    `repairable`: it is damaged or missing, and `doctor --repair` makes it again from the
    backups and the journal. Otherwise (no permission, a link to a drive that is not
    mounted, a disk error, a newer release) the person must fix the cause; nothing is
    repaired over it.
    """

    def __init__(self, message: str, *, repairable: bool = True, permission: bool = False) -> None:
        super().__init__(message)
        self.repairable = repairable
        self.permission = permission


class JournalDamaged(StorageError):
    """A line of the journal beside the data file is damaged (`doctor --repair` keeps the rest)."""
