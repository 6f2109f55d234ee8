"""The cross-process lock every change of a home takes: standard library only.

On POSIX it is an exclusive `flock` on the home's lock file, the same lock `filelock`
takes, so any process holding either excludes the other. Importing `filelock` costs the
fast `log` path more than the rest of the write, so it is used only where `fcntl` is
missing (Windows).
"""

from __future__ import annotations

import os
import time

from rejection_therapy.storage.files import StorageError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT_SECONDS = 15.0
_RETRY_SECONDS = 0.005


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


def take_lock(path: str, timeout: float = LOCK_TIMEOUT_SECONDS) -> HomeLock:
    """The home's lock, held (release it with `__exit__`), or a StorageError that says why
    not and that nothing was saved."""
    lock = HomeLock(path, timeout)
    try:
        lock.__enter__()
    except LockTimeout as error:
        raise StorageError(
            f"another rejection-therapy process has held {path} for "
            f"{timeout:.0f} s; try again in a moment (nothing was saved)."
        ) from error
    except OSError as error:
        raise StorageError(
            f"cannot take the lock {path}: {error.strerror or error}; "
            "nothing was saved and the data is intact."
        ) from error
    return lock


class HomeLock:
    """`with HomeLock(path):` holds the lock; raises LockTimeout or OSError when it cannot."""

    def __init__(self, path: str, timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.path = path
        self.timeout = timeout
        self._descriptor: int | None = None
        self._fallback: object | None = None

    def __enter__(self) -> HomeLock:
        if fcntl is None:
            self._acquire_with_filelock()
            return self
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(descriptor)
                    raise LockTimeout(self.path) from None
                time.sleep(_RETRY_SECONDS)
            except OSError:
                os.close(descriptor)
                raise
        self._descriptor = descriptor
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._fallback is not None:
            self._fallback.release()  # type: ignore[attr-defined]
            self._fallback = None
        if self._descriptor is not None:
            descriptor, self._descriptor = self._descriptor, None
            try:
                fcntl.flock(descriptor, fcntl.LOCK_UN)
            finally:
                os.close(descriptor)

    def _acquire_with_filelock(self) -> None:
        from filelock import FileLock, Timeout

        lock = FileLock(self.path, timeout=self.timeout, mode=0o600)
        try:
            lock.acquire()
        except Timeout as error:
            raise LockTimeout(self.path) from error
        self._fallback = lock
