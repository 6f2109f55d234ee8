"""The bounds of every stored value: one table, enforced by one validator.

The plain document checks (storage/documents.py) and the pydantic schemas behind them
(storage/schemas.py) take their limits from here, and storage/checks.py applies them to
every table, whoever wrote the data: this app, an import, a backup or (later) another
device. docs/data.md shows the same table to people; a test keeps the two equal.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

EARLIEST_DATE = date(2000, 1, 1)
"""No challenge date, due date or rest day before this: older is a damaged value."""
LATEST_DATE = date(2199, 12, 31)
"""Nor after this; a run that starts here still ends inside the calendar."""
EARLIEST_INSTANT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(2200, 1, 1, tzinfo=UTC)

MIN_RUN_DAYS = 1
MAX_RUN_DAYS = 1000
"""How long a run may be (`start --days`, `config run_length`)."""
MAX_RUN_NUMBER = 100_000

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,79}$"
"""Record ids (entries, runs, follow-ups, check-ins), ask and badge ids: short plain text."""
MAX_ID = 80

MAX_ASK = 500
"""An ask's text (a pack's, or an own ask)."""
MAX_NOTE = 2000
"""A note, a reflection, a check-in answer, a follow-up, an intention."""
MAX_SHORT_TEXT = 200
"""A category, a pack id, a tip id."""
MAX_LIST = 200
"""Items in a stored list (swapped-away asks, a run's packs)."""

MIN_WEIGHT, MAX_WEIGHT = 0.1, 10.0
"""How often a pack is drawn relative to others."""
MIN_DIFFICULTY, MAX_DIFFICULTY = 1, 5
MIN_FEAR, MAX_FEAR = 0, 10
MAX_SEQ = 1_000_000_000
"""An entry's place in the order of creation."""

MAX_DATA_FILE_BYTES = 512 * 1024 * 1024
"""The data file: about 800 years of daily asks with long notes."""
MAX_EXPORT_BYTES = 256 * 1024 * 1024
"""A file given to `import`."""
MAX_JOURNAL_BYTES = 256 * 1024 * 1024
MAX_CACHE_BYTES = 32 * 1024 * 1024
"""The derived records beside the data (status.marshal, packs.marshal)."""

TEXT_PATTERN = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
"""Stored text holds no control character but line breaks and tabs (so nothing the app
prints can carry a terminal escape)."""

BOUNDS_TABLE = (
    ("dates (challenge date, run start, rest day, due date)", f"{EARLIEST_DATE} to {LATEST_DATE}"),
    (
        "instants (created, updated, earned, done)",
        "2000-01-01T00:00Z to 2200-01-01T00:00Z, with a time zone",
    ),
    ("run length", f"{MIN_RUN_DAYS} to {MAX_RUN_DAYS} days"),
    ("run number", f"1 to {MAX_RUN_NUMBER:,} (given again by start date)"),
    ("record, ask and badge ids", f"text of 1 to {MAX_ID} letters, digits and . _ : / -"),
    ("ask text", f"at most {MAX_ASK} characters"),
    ("notes, reflections, check-ins, follow-ups, intentions", f"at most {MAX_NOTE} characters"),
    ("categories, pack ids, tip ids", f"at most {MAX_SHORT_TEXT} characters"),
    ("any stored text", "no control characters but line breaks and tabs"),
    ("lists (swapped-away asks, a run's packs)", f"at most {MAX_LIST} items"),
    ("difficulty", f"{MIN_DIFFICULTY} to {MAX_DIFFICULTY}"),
    ("pack weight", f"{MIN_WEIGHT} to {MAX_WEIGHT:g}"),
    ("fear ratings", f"{MIN_FEAR} to {MAX_FEAR}"),
    ("entry order (seq)", f"0 to {MAX_SEQ:,}"),
    ("schema version", "a whole number from 1 to the version this release reads"),
    ("data file", f"at most {MAX_DATA_FILE_BYTES // (1024 * 1024)} MiB"),
    ("import file", f"at most {MAX_EXPORT_BYTES // (1024 * 1024)} MiB"),
)
"""What docs/data.md shows (a test compares them)."""
