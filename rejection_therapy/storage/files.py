"""Private folders and atomic, durable file replacement."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class StorageError(Exception):
    """Data could not be read or saved; the message says which file and what to do."""


def ensure_private_dir(folder: Path) -> None:
    """Create the folder (0700) if needed; tighten it if it was created looser."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    with contextlib.suppress(OSError):
        if folder.stat().st_mode & 0o077:
            folder.chmod(PRIVATE_DIR)


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so readers see the old or the new file, never a torn one.

    Temp file in the same folder, fsync, os.replace, then fsync the folder so the rename
    itself survives a power cut.
    """
    folder = path.parent
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, PRIVATE_FILE)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
