"""Where everything in a home is: the names, and the paths as text, in one place.

Only `os`, which every interpreter has loaded already (the quick `streak`, `today` and
`log` use this module; paths.py builds its pathlib paths from the same names).
"""

import os

HOME_VARIABLE = "REJECTION_THERAPY_HOME"
APP_NAME = "rejection-therapy"
DATA_FILE = "rejection-therapy.json"
JOURNAL_SUFFIX = ".journal"
STATUS_FILE = "status.marshal"
LEGACY_STATUS_FILE = "status.json"
"""The status record of earlier versions: removed when a new one is written."""
ENTRY_IDS_FILE = "entry-ids.marshal"
"""The status record's index of entry-id prefixes, when it is large (storage/status_record.py)."""
PACKS_CACHE_FILE = "packs.marshal"
PACKS_FOLDER = "packs"
BACKUPS_FOLDER = "backups"
LOCK_FILE = ".rejection-therapy.lock"
DEVICE_FILE = "device.json"
"""What belongs to this device alone (theme, keys, mouse): never synced with the data."""
SYNC_STATE_FILE = "sync.json"
SYNC_RUNNING_FILE = ".sync-running"
"""Held (flock) by the one sync of a home at work (its turn)."""
SYNC_BACKGROUND_FILE = ".sync-background"
"""Held (flock) by the one background sync of a home, waiting or at work: a command that
changed the data starts none while it is held (that sync takes the change too)."""
SYNC_GIT_FILE = ".sync-git"
"""Held (flock) by the one git round (pull, sync, push) of a home at work."""
SYNC_KEYS_FILE = "sync-keys.json"
"""The key of an encrypted sync folder, where the OS has no keyring (0600)."""


def data_path(home: str) -> str:
    return os.path.join(home, DATA_FILE)


def status_path(home: str) -> str:
    return os.path.join(home, STATUS_FILE)


def entry_ids_path(home: str) -> str:
    return os.path.join(home, ENTRY_IDS_FILE)


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


def builtin_packs_folder() -> str:
    """The built-in packs: inside the installed wheel, or the checkout's `challenges/`."""
    package = os.path.dirname(os.path.realpath(__file__))
    shipped = os.path.join(package, "challenges")
    if os.path.isdir(shipped):
        return shipped
    return os.path.join(os.path.dirname(package), "challenges")


def pack_file_names(folder: str) -> list[str]:
    """The pack files directly in a folder, sorted (sub-folders such as `coaching/` are not
    packs).

    Anything else with a pack's name is listed without following it (a link, a pipe), so
    that loading it fails and it is set aside where the person can see it. Hidden names
    (an editor's `.#sales.yaml` lock) are not packs.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(
        entry.path
        for entry in entries
        if entry.name.endswith((".yaml", ".yml"))
        and not entry.name.startswith(".")
        and not _is_folder(entry)
    )


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def plain_default_home() -> str | None:
    """The default home as platformdirs names it (paths.resolve_home), in the plain case
    only: Linux, not Android, an absolute HOME and no XDG_DATA_HOME. None otherwise, and
    the caller asks platformdirs (importing it, with pathlib and re, costs `streak` more
    than everything else it does). tests/test_paths.py checks the two agree."""
    import sys

    environ = os.environ
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if environ.get("XDG_DATA_HOME") or "ANDROID_DATA" in environ:
        return None
    home = environ.get("HOME", "")
    if not home.startswith("/"):
        return None
    return os.path.join(os.path.expanduser("~/.local/share"), APP_NAME)
