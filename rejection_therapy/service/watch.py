"""What an open session watches to see that another process changed the home (light)."""

from __future__ import annotations

from rejection_therapy.storage.stamp import stamp_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rejection_therapy.paths import Paths


def data_stamp(paths: Paths) -> list[int] | None:
    """The identity of the data file and its journal now; it changes with every write."""
    return stamp_of(str(paths.data_file))
