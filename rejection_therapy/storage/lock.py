"""The cross-process lock every change of a home takes: standard library only.

On POSIX it is an exclusive `flock` on the home's lock file, the same lock `filelock`
takes, so any process holding either excludes the other. Importing `filelock` costs the
fast `log` path more than the rest of the write, so it is used only where `fcntl` is
missing (Windows). The holder writes its process id into the file, so a command that
waits in vain can say who holds it. Reads never take the lock (files are replaced
atomically), so a writer stopped with Ctrl-Z stalls no `streak`.
"""

from __future__ import annotations

import os
import sys
import time

from rejection_therapy.storage.files import StorageError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT_SECONDS = 2.0
"""A write waits this long for another process; longer would stall a prompt or a key."""
_RETRY_SECONDS = 0.005


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


def take_lock(path: str, timeout: float | None = None) -> HomeLock:
    """The home's lock, held (release it with `__exit__`), or a StorageError that says why
    not, who holds it, and that nothing was saved."""
    wait = LOCK_TIMEOUT_SECONDS if timeout is None else timeout
    lock = HomeLock(path, wait)
    try:
        lock.__enter__()
    except LockTimeout as error:
        raise StorageError(
            f"{holder_of(path)} has held {path} for {wait:g} s; "
            "try again in a moment (nothing was saved)."
        ) from error
    except OSError as error:
        raise StorageError(
            f"cannot take the lock {path}: {error.strerror or error}; "
            "nothing was saved and the data is intact."
        ) from error
    return lock


def try_lock(path: str) -> HomeLock | None:
    """The lock if nobody holds it now, else None (for work that can be left for later)."""
    try:
        return take_lock(path, timeout=0)
    except StorageError:
        return None


def holder_of(path: str) -> str:
    """Who holds the lock, as its holder wrote it: `process 1234 (rejection-therapy log)`."""
    try:
        with open(path, "rb") as handle:
            words = handle.read(200).decode("utf-8", "replace").split(maxsplit=1)
    except OSError:
        words = []
    if not words or not words[0].isdigit():
        return "another rejection-therapy process"
    command = "".join(c for c in (words[1] if len(words) > 1 else "") if c.isprintable()).strip()
    return f"process {words[0]}" + (f" ({command})" if command else "")


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
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(self.path, flags, 0o600)
        try:
            _flock(descriptor, self.timeout)
        except BaseException:
            os.close(descriptor)
            raise
        self._descriptor = descriptor
        _write_holder(descriptor)
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


def _flock(descriptor: int, timeout: float) -> None:
    """Take the exclusive lock within `timeout` seconds, or raise LockTimeout.

    Waiting in the kernel (a blocking flock, cut short by a timer) is fair between
    processes: one that polls loses every time to a writer that releases and takes the
    lock again at once. A timer needs the main thread; other threads (the TUI's workers)
    poll.
    """
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if timeout <= 0:
            raise LockTimeout() from None
    import signal  # (only a wait needs it: its import costs the quick paths a few ms)
    import threading

    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        _flock_with_timer(descriptor, timeout)
        return
    deadline = time.monotonic() + timeout
    while True:
        time.sleep(_RETRY_SECONDS)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout() from None


def _flock_with_timer(descriptor: int, timeout: float) -> None:
    import signal

    def expired(_signal: int, _frame: object) -> None:
        raise LockTimeout()

    previous = signal.signal(signal.SIGALRM, expired)
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _write_holder(descriptor: int) -> None:
    """Say who holds the lock (best effort: the lock works without it)."""
    command = " ".join(["rejection-therapy", *sys.argv[1:2]])[:60]
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()} {command}\n".encode(), 0)
    except OSError:
        pass
