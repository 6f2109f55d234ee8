"""Answers from the status record, standard library only: `streak`, `today` and `log`.

Each fast path answers only when the record matches the data as it is now and was made for
today's date; otherwise it returns None and the full service answers (and rebuilds the
record). Both answer with the same shapes (views.py) and the same rules (core/), so the
output is the same either way; tests/fastpath compares them.
"""

FULL_PATH_VARIABLE = "REJECTION_THERAPY_FULL_PATH"
"""Set to 1 to skip the fast paths (for comparing them, or to rule them out)."""
