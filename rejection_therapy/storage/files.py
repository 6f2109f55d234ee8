"""Private folders and atomic, durable file replacement (standard library only, light)."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # the fast `log` path writes through here
if TYPE_CHECKING:
    from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class StorageError(Exception):
    """Data could not be read or saved; the message says which file and what to do."""


def ensure_private_dir(folder: Path) -> None:
    """Create the folder (0700) if needed; tighten it if it was created looser."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    try:
        if folder.stat().st_mode & 0o077:
            folder.chmod(PRIVATE_DIR)
    except OSError:
        pass


def atomic_write(path: str | Path, payload: bytes) -> None:
    """Replace `path` with `payload` so readers see the old or the new file, never a torn one.

    Temp file in the same folder, fsync, os.replace, then fsync the folder so the rename
    itself survives a power cut.
    """
    target = os.fspath(path)
    folder, name = os.path.split(target)
    temp_name, descriptor = _new_temp_file(folder, name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, PRIVATE_FILE)
        os.replace(temp_name, target)
    except BaseException:
        _remove_quietly(temp_name)
        raise
    fsync_dir(folder or ".")


def _new_temp_file(folder: str, name: str) -> tuple[str, int]:
    """A new private file `.<name>.<random>.tmp` beside the target (what mkstemp does)."""
    while True:
        temp_name = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return temp_name, os.open(temp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        except FileExistsError:
            continue


def _remove_quietly(path: str) -> None:
    # try/except rather than contextlib.suppress: contextlib costs `streak` an import
    try:  # noqa: SIM105
        os.unlink(path)
    except OSError:
        pass


def fsync_dir(folder: str | Path) -> None:
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
