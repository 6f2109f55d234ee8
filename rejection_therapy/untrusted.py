"""Reading files that come from outside the app: packs, imports, its own caches.

Standard library only (the fast paths read their caches through here). A file is read
only when it is a regular file, and never more than its limit: a device such as
/dev/zero or a FIFO would otherwise grow without bound or block forever, and a size
taken from `stat` beforehand is not the size that will be read.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


class UntrustedFileError(ValueError):
    """The file is not one the app will read; the message says why and what to do."""


def read_bounded(
    path: str | Path,
    limit: int,
    *,
    follow_symlinks: bool = True,
    what: str = "file",
    offset: int = 0,
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (from `offset` on: the bound
    is the whole file's, so a file read piece by piece is bounded like one read whole).

    `follow_symlinks=False` refuses a symbolic link in the last part of the path: for
    files inside the home, where a link is never one the app made. Raises
    FileNotFoundError when there is no such file, UntrustedFileError for anything else
    that is wrong, and OSError (such as permission denied) as the system reports it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if not follow_symlinks and os.path.islink(path):
            raise UntrustedFileError(
                f"{path} is a symbolic link; the app reads only the files it wrote there"
            ) from error
        raise
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UntrustedFileError(f"{path} is not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise UntrustedFileError(
                f"{path} is {_size(info.st_size)}; a {what} holds at most {_size(limit)}"
            )
        chunks = []
        remaining = limit + 1 - offset
        if offset:
            os.lseek(descriptor, offset, os.SEEK_SET)
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    payload = b"".join(chunks)
    if offset + len(payload) > limit:
        raise UntrustedFileError(
            f"{path} grew past {_size(limit)} while being read; a {what} holds at most that"
        )
    return payload


def read_json_object(path: str | Path, limit: int, *, what: str) -> dict[str, object]:
    """A bounded, unlinked file's JSON object (read_bounded's rules). FileNotFoundError
    when there is none; UntrustedFileError saying what is wrong (not JSON, and at which
    line; not an object; unreadable) for anything else."""
    try:
        payload = read_bounded(path, limit, follow_symlinks=False, what=what)
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise UntrustedFileError(f"{path} cannot be read ({error.strerror or error})") from None
    import json  # only when there is a file: json costs the TUI's first paint 3 ms

    try:
        document = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        where = f" at line {error.lineno}" if isinstance(error, json.JSONDecodeError) else ""
        raise UntrustedFileError(f"{path} is not valid JSON{where}") from None
    except RecursionError:
        raise UntrustedFileError(f"{path} is nested too deeply to be this app's file") from None
    if not isinstance(document, dict):
        raise UntrustedFileError(f"{path} must hold a JSON object")
    return document


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _size(count: int) -> str:
    if count >= 1 << 20:
        return f"{count / (1 << 20):.1f} MiB"
    if count >= 1 << 10:
        return f"{count / (1 << 10):.1f} KiB"
    return f"{count} bytes"
