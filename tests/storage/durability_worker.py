"""Helpers for test_durability.py: fault injection, and the processes it starts.

Imported by the tests for `Faults` and `read_only_open`; run as a script for the other side
of a multi-process test:

    python durability_worker.py writer HOME PREFIX COUNT [service|fast]
        prints "ready", waits for a line on stdin, logs COUNT entries with the ask texts
        PREFIX-0 ... PREFIX-(COUNT-1), then prints "done".
    python durability_worker.py forkserver HOME [service|fast]
        imports and warms up once, then for every "kill PREFIX DELAY" line on stdin forks a
        writer that logs PREFIX-0, PREFIX-1, ... and reports each label on a pipe once `log`
        has returned (through the service, or the command line's fast `log` path, which falls
        back to the service when it declines); after DELAY seconds the writer gets SIGKILL, and one JSON line answers
        with the labels it reported and how it ended. (Forking from a warm, single-threaded
        process keeps 200 kills fast; the test process itself never forks.)
    python durability_worker.py cli-fault KIND ERRNO ARGS...
        runs the real command line (`rejection_therapy.cli.main(ARGS)`) with a fault
        installed: KIND "write" fails every write of a temp file with ERRNO; KIND
        "read-only" makes creating files in the home fail with ERRNO.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

INSTANT = "2026-03-02T10:00:00+01:00"


# -- fault injection ---------------------------------------------------------------------


def _fd_target(descriptor: int) -> str:
    """The path behind an open descriptor (Linux), for the record of calls."""
    try:
        return os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        return f"fd {descriptor}"


class Faults:
    """Counts the durable-write calls of storage/files.py and fails the N-th of one kind.

    Kinds: "write" and "flush" (of a temp file's handle), "fsync" (files and folders),
    "replace" (the rename), "close" (of a temp file's handle). A failing write first writes
    half of its bytes, as a disk that fills up mid-write does. `nth=0` only counts (a dry run).
    """

    KINDS = ("write", "flush", "fsync", "replace", "close")

    def __init__(self, op: str | None = None, nth: int = 0, error: int = errno.EIO) -> None:
        self.op = op
        self.nth = nth
        self.error = error
        self.counts: Counter[str] = Counter()
        self.calls: list[tuple[str, str]] = []
        self.fired: int | None = None
        """Index in `calls` of the call that failed."""

    def hit(self, op: str, target: str) -> None:
        self.counts[op] += 1
        self.calls.append((op, target))
        if op == self.op and self.counts[op] == self.nth:
            self.fired = len(self.calls) - 1
            raise OSError(self.error, os.strerror(self.error), target)

    def install(self, setattr_: Any) -> None:
        """Swap the `os` that storage/files.py and storage/journal.py see (`setattr_` as
        monkeypatch's)."""
        from rejection_therapy import fileio as files
        from rejection_therapy.storage import journal

        setattr_(files, "os", _FaultyOs(self))
        setattr_(journal, "os", _FaultyOs(self))


class _FaultyOs:
    """The `os` module, with fdopen/fsync/replace going through a `Faults`."""

    def __init__(self, faults: Faults) -> None:
        self._faults = faults

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fdopen(self, descriptor: int, *args: Any, **kwargs: Any) -> _FaultyFile:
        target = _fd_target(descriptor)
        return _FaultyFile(os.fdopen(descriptor, *args, **kwargs), self._faults, target)

    def fsync(self, descriptor: int) -> None:
        self._faults.hit("fsync", _fd_target(descriptor))
        os.fsync(descriptor)

    def replace(self, source: Any, target: Any) -> None:
        self._faults.hit("replace", os.fspath(target))
        os.replace(source, target)

    def write(self, descriptor: int, data: bytes) -> int:
        """The journal's appends: a failing one writes half its bytes first, as a full disk."""
        try:
            self._faults.hit("write", _fd_target(descriptor))
        except OSError:
            os.write(descriptor, data[: len(data) // 2])
            raise
        return os.write(descriptor, data)


class _FaultyFile:
    def __init__(self, handle: Any, faults: Faults, target: str) -> None:
        self._handle = handle
        self._faults = faults
        self._target = target

    def write(self, data: bytes) -> int:
        try:
            self._faults.hit("write", self._target)
        except OSError:
            self._handle.write(data[: len(data) // 2])
            self._handle.flush()
            raise
        return self._handle.write(data)

    def flush(self) -> None:
        self._faults.hit("flush", self._target)
        self._handle.flush()

    def fileno(self) -> int:
        return self._handle.fileno()

    def close(self) -> None:
        self._handle.close()
        self._faults.hit("close", self._target)

    def __enter__(self) -> _FaultyFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def read_only_open(home: Path, error: int, lock_too: bool = False) -> Any:
    """An `os.open` for which creating a temp file in `home`, or opening the journal to
    append to it, fails with `error`.

    With `lock_too`, every open for writing in the home fails as on a read-only mount
    (opening an existing file with O_CREAT|O_EXCL still says it exists, as Linux does).
    """
    real_open = os.open
    folder = os.path.realpath(home)

    def fake_open(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        name = os.path.realpath(os.fspath(path))
        inside = os.path.dirname(name) == folder or name.startswith(folder + os.sep)
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if inside and writing and (lock_too or name.endswith((".tmp", ".journal"))):
            if flags & os.O_CREAT and flags & os.O_EXCL and os.path.exists(name):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), name)
            raise OSError(error, os.strerror(error), name)
        return real_open(path, flags, mode, **kwargs)

    return fake_open


# -- processes -----------------------------------------------------------------------------


def _service(home: Path) -> Any:
    from rejection_therapy.core.clock import FixedClock
    from rejection_therapy.paths import Paths
    from rejection_therapy.service import Service

    clock = FixedClock(datetime.fromisoformat(INSTANT))
    return Service(Paths(home), environ={"TZ": "Europe/Berlin"}, clock=clock)


def writer(home: Path, prefix: str, count: int, how: str = "service") -> None:
    from rejection_therapy.core.models import Outcome

    service = _service(home)
    print("ready", flush=True)
    sys.stdin.readline()
    for index in range(count):
        if how == "fast":
            _fast_log(home, service, f"{prefix}-{index}")
        else:
            service.log(Outcome.NO, ask_text=f"{prefix}-{index}")
    print("done", flush=True)


def _fast_log(home: Path, service: Any, label: str) -> None:
    """The command line's `log no --ask LABEL`: the fast path, or the service when it declines."""
    from rejection_therapy.cli.log_options import parse_quick
    from rejection_therapy.core.models import Outcome
    from rejection_therapy.fastpath.log import fast_log

    args = parse_quick(["no", "--ask", label])
    if fast_log(str(home), args, {"REJECTION_THERAPY_NOW": INSTANT}) is None:
        service.log(Outcome.NO, ask_text=label)


def forkserver(home: Path, how: str = "service") -> None:
    from rejection_therapy.core.models import Outcome

    with tempfile.TemporaryDirectory() as scratch:  # load packs, toolbox and lazy imports once
        warm = Path(scratch) / "home"
        _service(warm).log(Outcome.NO, ask_text="warm-up")
        _fast_log(warm, _service(warm), "warm-up")
    print("ready", flush=True)
    for line in sys.stdin:
        _command, prefix, delay = line.split()
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the writer: log until killed
            os.close(read_end)
            code = 0
            try:
                service = _service(home)
                for index in range(100_000):
                    label = f"{prefix}-{index}"
                    if how == "fast":
                        _fast_log(home, service, label)
                    else:
                        service.log(Outcome.NO, ask_text=label)
                    os.write(write_end, f"{label}\n".encode())
            except BaseException as error:
                os.write(write_end, f"ERROR {type(error).__name__}: {error}\n".encode())
                code = 1
            os._exit(code)
        os.close(write_end)
        time.sleep(float(delay))
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
        chunks = []
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
        os.close(read_end)
        lines = b"".join(chunks).decode().splitlines()
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        print(json.dumps({"labels": lines, "killed": killed}), flush=True)


def cli_fault(kind: str, error_name: str, args: list[str]) -> int:
    from rejection_therapy import cli
    from rejection_therapy.paths import default_paths

    error = getattr(errno, error_name)
    if kind == "write":
        faults = Faults("write", 1, error)
        faults.install(setattr)
    elif kind == "read-only":
        os.open = read_only_open(default_paths().home, error)  # type: ignore[assignment]
    else:
        raise SystemExit(f"unknown fault {kind}")
    return cli.main(args)


def main(argv: list[str]) -> int:
    mode, *rest = argv
    if mode == "writer":
        writer(Path(rest[0]), rest[1], int(rest[2]), *rest[3:])
        return 0
    if mode == "forkserver":
        forkserver(Path(rest[0]), *rest[1:])
        return 0
    if mode == "cli-fault":
        return cli_fault(rest[0], rest[1], rest[2:])
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
