"""Reminders: the scheduler files `remind install` writes, the delivery of a nudge, and
the small state file that remembers what was spoken for.

Nothing here runs on its own: the system's own scheduler (a systemd user timer, cron,
launchd) or a login shell wakes `remind check`, and the rules of when to speak are
core/reminders.py's.
"""
