"""File names inside a home, and the variable that moves it (no imports: the fast path uses it)."""

HOME_VARIABLE = "REJECTION_THERAPY_HOME"
DATA_FILE = "rejection-therapy.json"
STATUS_FILE = "status.json"
