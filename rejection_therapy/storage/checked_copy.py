"""The checked copy: every record as the full check left it, kept beside the data so that
`history --json`, `export` and `doctor` do not check thousands of records again when
nothing changed since the last full check (standard library only: the quick paths read it).

It is keyed by a digest of the exact bytes of the data file and of its journal, and by
the code that checked them (`COPY_VERSION`, the package version, `CHECKS_HASH`): any write, any damage
to either file (a flipped bit too, which a size and a time would not show), or another
version of the app makes it stale, and the next of those commands checks in full and
writes a new copy. Only a clean check is kept: a home with findings always gets the full
check and its findings.

Like every file the app reads, it is untrusted: read only when it is a regular file of
ours of a bounded size, and used only when its header has exactly the shape written here.
What it holds is printed as JSON (which escapes every control character) or counted.
"""

from __future__ import annotations

import marshal
import os

from rejection_therapy.fileio import atomic_write
from rejection_therapy.filenames import data_path, journal_path_for
from rejection_therapy.untrusted import UntrustedFileError, read_bounded

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

COPY_FILE = "checked.marshal"
COPY_VERSION = 1
_MAGIC = b"RTCHECKED1\n"
_HEADER_BYTES = 4
MAX_DATA_BYTES = 512 * 1024 * 1024  # core/bounds.py's (not imported: the quick path's cost)
MAX_JOURNAL_BYTES = 256 * 1024 * 1024
MAX_COPY_BYTES = 3 * MAX_DATA_BYTES
CHECKS_HASH = "7cb080576cfb"
"""A digest of the code that checks records and shapes what the copy holds (see
`CHECKED_BY`); tests/storage/test_checked_copy.py recomputes it and fails when that code
changes without it, so that a copy made by other code is never taken for a check."""
CHECKED_BY = (
    "core/bounds.py",
    "core/ledger.py",
    "core/models.py",
    "core/scoring.py",
    "exports.py",
    "storage/checks.py",
    "storage/documents.py",
    "storage/normalize.py",
    "storage/records.py",
    "storage/schemas.py",
    "storage/migrations.py",
    "service/full_check.py",
    "views.py",
)
_HEADER_FIELDS = ("version", "code", "key", "schema", "counts", "needed_op", "rows", "tables")


def copy_path(home: str) -> str:
    return os.path.join(home, COPY_FILE)


def home_key(home: str) -> str | None:
    """The digest of the data file's and the journal's bytes as they are now; None when
    either cannot be read as the full load would read it (the full load then says why)."""
    from hashlib import blake2b

    data = data_path(home)
    try:
        raw = read_bounded(data, MAX_DATA_BYTES, what="data file")
        journal = read_bounded(
            journal_path_for(data), MAX_JOURNAL_BYTES, follow_symlinks=False, what="journal"
        )
    except FileNotFoundError:
        if not os.path.exists(data):
            return None
        journal = b""
    except (OSError, UntrustedFileError):
        return None
    digest = blake2b(raw, digest_size=32)
    digest.update(len(raw).to_bytes(8, "big"))
    digest.update(journal)
    return digest.hexdigest()


class CheckedCopy:
    """A copy read back: its header now, each part only when asked for (a part the copy
    does not hold raises KeyError: the full check makes it)."""

    def __init__(self, header: dict[str, Any], body: memoryview) -> None:
        self.counts: dict[str, int] = header["counts"]
        self.schema: int = header["schema"]
        self.needed_op: int = header["needed_op"]
        self._parts: dict[str, tuple[int, int] | None] = {
            "rows": header["rows"],
            "tables": header["tables"],
        }
        self._body = body

    def rows(self) -> list[dict[str, Any]]:
        """Every entry as `history --json` shows it, oldest first."""
        rows = marshal.loads(self.blob("rows"))
        if type(rows) is not list or not all(type(row) is dict for row in rows):
            raise ValueError("the copy's rows are not a list of objects")
        return rows

    def tables(self) -> str:
        """Every table as `export` writes it (exports.tables_json)."""
        found = marshal.loads(self.blob("tables"))
        if type(found) is not str:
            raise ValueError("the copy's tables are not text")
        return found

    def has(self, part: str) -> bool:
        return self._parts[part] is not None

    def blob(self, part: str) -> bytes:
        where = self._parts[part]
        if where is None:
            raise KeyError(part)
        start, length = where
        return bytes(self._body[start : start + length])


def read_copy(home: str, key: str) -> CheckedCopy | None:
    """The copy made from exactly the files whose digest is `key`, else None."""
    try:
        raw = read_bounded(copy_path(home), MAX_COPY_BYTES, follow_symlinks=False)
    except (OSError, UntrustedFileError):
        return None
    if not raw.startswith(_MAGIC):
        return None
    view = memoryview(raw)[len(_MAGIC) :]
    size = int.from_bytes(view[:_HEADER_BYTES], "big")
    try:
        header = marshal.loads(view[_HEADER_BYTES : _HEADER_BYTES + size])
    except (EOFError, ValueError, TypeError):
        return None
    body = view[_HEADER_BYTES + size :]
    if not _sound(header, len(body)) or header["key"] != key:
        return None
    if header["version"] != COPY_VERSION or header["code"] != _code():
        return None
    return CheckedCopy(header, body)


def write_copy(
    home: str,
    key: str,
    counts: dict[str, int],
    schema: int,
    needed_op: int,
    rows: list[Any] | None = None,
    tables: str | None = None,
) -> None:
    """Keep a clean check's result with the parts made for the command that ran it, and
    the parts a copy of the same files already holds; a copy that cannot be written is
    only not kept."""
    blobs = {
        "rows": None if rows is None else marshal.dumps(rows),
        "tables": None if tables is None else marshal.dumps(tables),
    }
    kept = read_copy(home, key) if None in blobs.values() else None
    for part, blob in blobs.items():
        if blob is None and kept is not None and kept.has(part):
            blobs[part] = kept.blob(part)
    places: dict[str, tuple[int, int] | None] = {}
    offset = 0
    for part, blob in blobs.items():
        places[part] = None if blob is None else (offset, len(blob))
        offset += 0 if blob is None else len(blob)
    header = marshal.dumps(
        {
            "version": COPY_VERSION,
            "code": _code(),
            "key": key,
            "schema": schema,
            "counts": counts,
            "needed_op": needed_op,
            **places,
        }
    )
    payload = b"".join(
        (_MAGIC, len(header).to_bytes(_HEADER_BYTES, "big"), header)
        + tuple(blob for blob in blobs.values() if blob is not None)
    )
    try:
        atomic_write(copy_path(home), payload, durable=False)
    except OSError:
        return  # a read-only home still answers, from the full check


def _sound(header: object, body_size: int) -> bool:
    if type(header) is not dict or tuple(header) != _HEADER_FIELDS:
        return False
    counts, needed = header["counts"], header["needed_op"]
    if type(counts) is not dict or type(needed) is not int or needed < 0:
        return False
    if not all(type(k) is str and type(n) is int and n >= 0 for k, n in counts.items()):
        return False
    if type(header["version"]) is not int or type(header["code"]) is not str:
        return False
    if type(header["schema"]) is not int:
        return False
    parts = (header["rows"], header["tables"])
    return all(
        part is None
        or type(part) is tuple
        and len(part) == 2
        and all(type(n) is int and 0 <= n <= body_size for n in part)
        and part[0] + part[1] <= body_size
        for part in parts
    )


def _code() -> str:
    from rejection_therapy import __version__

    return f"{__version__}/{CHECKS_HASH}"
