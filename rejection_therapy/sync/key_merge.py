"""git's merge driver for a sync folder's encryption.json, when two devices set a
passphrase at once (git -c merge.rt-newer-key.driver=...; sync/git.py pins it): the
file of the higher rank (generation, then key id) stands on every device, so all of them
take the same passphrase whichever merges first. A file that cannot be read loses."""

from __future__ import annotations

import json
import sys

from rejection_therapy.sync.crypto import FolderKey, parse_folder_key


def _read(path: str) -> tuple[bytes, FolderKey | None]:
    try:
        with open(path, "rb") as file:
            data = file.read(4097)
        return data, parse_folder_key(json.loads(data)) if len(data) <= 4096 else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return b"", None


def main(argv: list[str]) -> int:
    """argv: ours (%A: the result is written there), theirs (%B)."""
    ours, theirs = argv[1], argv[2]
    _data, mine = _read(ours)
    data, other = _read(theirs)
    if other is not None and (mine is None or other.rank > mine.rank):
        with open(ours, "wb") as file:
            file.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
