"""A home driven in-process through the CLI, with a fixed clock and fixed ids."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from unittest import mock

from rejection_therapy.cli import main
from rejection_therapy.core import ids
from rejection_therapy.paths import Paths
from rejection_therapy.storage.database import read_data_file


class Twin:
    """One home; `full` sends every command to the full service."""

    def __init__(self, home: Path, full: bool) -> None:
        self.home = home
        self.full = full

    def run(self, argv: list[str], now: datetime, seed: int) -> tuple[int, str, str]:
        counter = iter(range(seed, seed + 1000))
        environ = {
            "REJECTION_THERAPY_HOME": str(self.home),
            "REJECTION_THERAPY_NOW": now.isoformat(),
            "TZ": "Europe/Berlin",
            "NO_COLOR": "1",
        }
        out, err = io.StringIO(), io.StringIO()
        with (
            mock.patch.dict(os.environ, environ),
            mock.patch.object(ids, "new_id", lambda: _spread_id(next(counter))),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            if self.full:
                os.environ["REJECTION_THERAPY_FULL_PATH"] = "1"
            else:
                os.environ.pop("REJECTION_THERAPY_FULL_PATH", None)
            try:
                code = main(argv)
            except SystemExit as exit_:
                code = int(exit_.code or 0)
        return code, out.getvalue(), err.getvalue()

    def tables(self) -> dict[str, object]:
        data = read_data_file(Paths(self.home).data_file) or {}
        data.pop("meta", None)
        return data


def _spread_id(number: int) -> str:
    """A fixed id for `number` whose first characters differ from its neighbours' (ids are
    told apart by their first 8 characters, as people type them)."""
    return str(uuid.UUID(bytes=hashlib.sha256(str(number).encode()).digest()[:16], version=4))


QUICK_PATHS = {
    "log": ("rejection_therapy.fastpath.log", "fast_log"),
    "plan": ("rejection_therapy.fastpath.plans", "planned_today"),
    "undo": ("rejection_therapy.fastpath.undo", "quick_undo"),
    "edit": ("rejection_therapy.fastpath.edit", "quick_edit"),
    "rest": ("rejection_therapy.fastpath.rest", "quick_rest"),
}


@contextlib.contextmanager
def counting_quick_paths() -> Iterator[Counter[str]]:
    """Within it, how many commands each quick path answered (rather than handed on to the
    full service), by the names of QUICK_PATHS."""
    import importlib

    taken: Counter[str] = Counter()
    with contextlib.ExitStack() as stack:
        for name, (module_name, attribute) in QUICK_PATHS.items():
            module = importlib.import_module(module_name)
            original = getattr(module, attribute)
            stack.enter_context(
                mock.patch.object(module, attribute, _counted(original, name, taken))
            )
        yield taken


def _counted(function: Callable[..., object], name: str, taken: Counter[str]):
    def counted(*args: object, **kwargs: object) -> object:
        answer = function(*args, **kwargs)
        taken[name] += answer is not None
        return answer

    return counted
