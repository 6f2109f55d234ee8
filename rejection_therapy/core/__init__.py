"""The pure domain: days, asks, outcomes, streaks, XP and badges.

Nothing here imports Textual, TinyDB or prints; the fast `streak` path imports
only the standard-library modules of this package (clock, days, streaks).
"""
