"""Where everything in a home is: the names, and the paths as text, in one place.

Only `os`, which every interpreter has loaded already (the quick `streak`, `today` and
`log` use this module; paths.py builds its pathlib paths from the same names).
"""

import os

HOME_VARIABLE = "REJECTION_THERAPY_HOME"
DATA_FILE = "rejection-therapy.json"
JOURNAL_SUFFIX = ".journal"
STATUS_FILE = "status.marshal"
LEGACY_STATUS_FILE = "status.json"
"""The status record of earlier versions: removed when a new one is written."""
PACKS_CACHE_FILE = "packs.marshal"
PACKS_FOLDER = "packs"
BACKUPS_FOLDER = "backups"
LOCK_FILE = ".rejection-therapy.lock"


def data_path(home: str) -> str:
    return os.path.join(home, DATA_FILE)


def status_path(home: str) -> str:
    return os.path.join(home, STATUS_FILE)


def lock_path(home: str) -> str:
    return os.path.join(home, LOCK_FILE)


def journal_path_for(data_file: str) -> str:
    """`rejection-therapy.json` keeps its journal in `rejection-therapy.journal`."""
    root, _ = os.path.splitext(data_file)
    return root + JOURNAL_SUFFIX


def daily_backup_name(iso_date: str) -> str:
    """The backup kept after the first write of a calendar day (storage/backups.py)."""
    return f"daily-{iso_date}.json"


def daily_backup_path(home: str, iso_date: str) -> str:
    return os.path.join(home, BACKUPS_FOLDER, daily_backup_name(iso_date))
