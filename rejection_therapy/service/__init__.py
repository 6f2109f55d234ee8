"""The application layer: what the CLI and the TUI can do, with every rule below it.

`Service` is imported on first use: the errors are light, and the TUI and the fast
command paths import them without the records, packs and storage behind the Service.
"""

from __future__ import annotations

from rejection_therapy.service.errors import NothingToDo, UserError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rejection_therapy.service.service import Service

__all__ = ["NothingToDo", "Service", "UserError"]


def __getattr__(name: str) -> object:
    if name == "Service":
        from rejection_therapy.service.service import Service

        return Service
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
