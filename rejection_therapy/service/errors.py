"""Errors a person can cause, each with a one-line message and an exit code.

The storage errors are named here too, so the adapters (cli/, tui/) catch them without
reaching below the service. All of it is light: the TUI's first paint imports it.
"""

from __future__ import annotations

from rejection_therapy.storage.files import JournalDamaged, StorageError, UnreadableError

__all__ = [
    "JournalDamaged",
    "NothingToDo",
    "StorageError",
    "TargetExists",
    "UnreadableError",
    "UserError",
]


class UserError(Exception):
    """Bad input or a refused action: the message says what to do. Exit code 2."""

    exit_code = 2


class NothingToDo(Exception):
    """A request that found nothing to act on (e.g. `undo` on an empty day). Exit code 1."""

    exit_code = 1


class TargetExists(UserError):
    """A file to write exists already; the person may choose to replace it."""
