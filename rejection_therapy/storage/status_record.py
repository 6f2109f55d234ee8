"""Reading and writing the status record (standard library only: the fast paths use it).

What the record holds is built in service/status.py; see there. It is stored with
`marshal`, the format of Python's own bytecode caches: it is a derived cache in a private
folder, and `marshal` is built into the interpreter, so reading it costs `streak` no import
(the `json` module would bring `re` and `enum`, more than the rest of the command). A
record that does not load, from a damaged file or another Python, is stale: it is rebuilt.
"""

from __future__ import annotations

import marshal
import os

from rejection_therapy.filenames import DATA_FILE, STATUS_FILE
from rejection_therapy.storage.files import atomic_write
from rejection_therapy.storage.stamp import stamp_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

STATUS_VERSION = 2


def status_path(home: str) -> str:
    return os.path.join(home, STATUS_FILE)


def data_path(home: str) -> str:
    return os.path.join(home, DATA_FILE)


def read_status(home: str) -> dict[str, Any] | None:
    """The status record when it matches the data as it is now, else None."""
    try:
        with open(status_path(home), "rb") as handle:
            record = marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(record, dict) or record.get("version") != STATUS_VERSION:
        return None
    if record.get("stamp") != stamp_of(data_path(home)):
        return None
    return record


def write_status(home: str, record: dict[str, Any]) -> None:
    """Replace the record atomically (call under the home's lock, after the data is saved)."""
    atomic_write(status_path(home), marshal.dumps(record))
