"""The identity of a home's data as it is now, read without opening it (standard library).

The status record keeps the stamp of the data it was derived from: the data file's
modification time and size, and the journal's (zeros when there is none). Every write
replaces the data file (written now: a new time) or appends to the journal (a new size), so
a record whose stamp differs is stale. The inode is left out on purpose: a home copied with
its times kept (`cp -a`, a restored backup of the whole home) holds the same data, and its
record stays good.
"""

from __future__ import annotations

import os

from rejection_therapy.filenames import builtin_packs_folder, journal_path_for, pack_file_names


def stamp_of(data_path: str) -> list[int] | None:
    """The stamp of the data file at `data_path` and its journal; None without a data file."""
    try:
        info = os.stat(data_path)
    except OSError:
        return None
    try:
        journal = os.stat(journal_path_for(data_path))
        journal_part = [journal.st_mtime_ns, journal.st_size]
    except OSError:
        journal_part = [0, 0]
    return [info.st_mtime_ns, info.st_size, *journal_part]


def packs_stamp(user_dir: str | None) -> list[list[object]]:
    """[name, modification time, size] of every pack file, built-in first; a file that
    cannot be read is stamped -1, -1 (any change to the set or a file changes the stamp).

    Names are `builtin/FILE` and `user/FILE`, not paths: a home copied, restored or moved
    with its packs keeps the plans drawn from them."""
    stamp: list[list[object]] = []
    for label, folder, follow in (
        ("builtin", builtin_packs_folder(), True),
        ("user", user_dir, False),
    ):
        if folder is None:
            continue
        for path in pack_file_names(folder):
            name = f"{label}/{os.path.basename(path)}"
            try:
                info = os.stat(path, follow_symlinks=follow)
            except OSError:
                stamp.append([name, -1, -1])
                continue
            stamp.append([name, info.st_mtime_ns, info.st_size])
    return stamp
