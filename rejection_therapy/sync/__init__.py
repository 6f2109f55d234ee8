"""Sync through a folder the person already syncs (Syncthing, Dropbox, a network drive).

Each device appends its own changes to its own log file there (`<device-id>.log`) and
never writes another's; every device merges all the logs into its own data file, which
is never synced. No file is ever written by two devices, so a folder syncer can never
make a conflict of them. Standard library and storage only: no network of ours.
"""
