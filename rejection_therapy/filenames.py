"""File names inside a home, and the variable that moves it (no imports: the fast path uses it)."""

HOME_VARIABLE = "REJECTION_THERAPY_HOME"
DATA_FILE = "rejection-therapy.json"
STATUS_FILE = "status.marshal"
BACKUPS_FOLDER = "backups"
LOCK_FILE = ".rejection-therapy.lock"


def daily_backup_name(iso_date: str) -> str:
    """The backup kept after the first write of a calendar day (storage/backups.py)."""
    return f"daily-{iso_date}.json"
