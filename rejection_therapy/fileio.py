"""Durable files: atomic replacement, new files a person names, folder fsyncs.

Standard library only, and a leaf of the package: the storage layer, the pack cache and
the fast `log` all write through here.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # the fast `log` path writes through here
if TYPE_CHECKING:
    from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def atomic_write(
    path: str | Path,
    payload: bytes,
    *,
    mode: int = PRIVATE_FILE,
    follow_symlink: bool = False,
    durable: bool = True,
) -> None:
    """Replace `path` with `payload` so readers see the old or the new file, never a torn one.

    Temp file in the same folder, created with its final mode, fsync, os.replace, then
    fsync the folder so the rename itself survives a power cut. A symbolic link at `path`
    is replaced by the file (never written through) unless `follow_symlink`: then its
    target is replaced, in the target's folder (a data file kept in a synced folder).
    `durable=False` skips both fsyncs: for a derived cache that is checked on every read
    and rebuilt when it is missing, empty, torn or stale after a power cut.
    """
    target = os.fspath(path)
    if follow_symlink and os.path.islink(target):
        target = os.path.realpath(target)
    folder, name = os.path.split(target)
    temp_name = _durable_temp_file(folder, name, payload, mode, durable)
    try:
        os.replace(temp_name, target)
    except BaseException:
        _remove_quietly(temp_name)
        raise
    if durable:
        fsync_dir(folder or ".")


def write_new_file(path: str | Path, payload: bytes, *, mode: int, replace: bool) -> None:
    """Write a file a person named: atomically, with its final mode from the start, never
    through a symbolic link, and over an existing file only when `replace` is given.

    Raises FileExistsError when the file exists and `replace` is False.
    """
    target = os.fspath(path)
    folder, name = os.path.split(target)
    temp_name = _durable_temp_file(folder, name, payload, mode)
    try:
        if replace:
            os.replace(temp_name, target)  # replaces a link itself, never its target
        else:
            _link_without_replacing(temp_name, target)
    except BaseException:
        _remove_quietly(temp_name)
        raise
    fsync_dir(folder or ".")


def _link_without_replacing(temp_name: str, target: str) -> None:
    """Give the temp file its name only if nothing has it (atomic where links exist)."""
    try:
        os.link(temp_name, target)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: the check and the rename are two steps here.
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.rename(temp_name, target)
        return
    os.unlink(temp_name)


def _durable_temp_file(
    folder: str, name: str, payload: bytes, mode: int, durable: bool = True
) -> str:
    """A new temp file beside the target holding `payload`, fsynced (if `durable`); its name."""
    temp_name, descriptor = _new_temp_file(folder, name, mode)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
    except BaseException:
        _remove_quietly(temp_name)
        raise
    return temp_name


def _new_temp_file(folder: str, name: str, mode: int) -> tuple[str, int]:
    """A new file `.<name>.<random>.tmp` beside the target, with its final mode."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        temp_name = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            descriptor = os.open(temp_name, flags, mode)
        except FileExistsError:
            continue
        if mode == PRIVATE_FILE and hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)  # whatever the umask: a private file is 0600
        return temp_name, descriptor


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
