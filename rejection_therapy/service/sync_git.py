"""`sync setup FOLDER --git`: the sync folder is a git work tree, and its remote (one the
person chose: a private repository, a bare one on their own server) carries the logs.

A sync is one round (sync/git.py): this device's log committed, the remote pulled, the
logs merged here as for any folder, the log committed again and pushed; a push refused
because another device pushed first is pulled and pushed again. Each device appends only
to its own file, so every merge is trivial (`*.log merge=union` backs that up). The
system's git and its credentials do the work; nothing of them is stored here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from rejection_therapy.service.errors import UserError
from rejection_therapy.sync.crypto import FOLDER_FILE
from rejection_therapy.sync.devicelog import log_name
from rejection_therapy.sync.git import (
    GitError,
    ensure_attributes,
    open_repo,
    pull,
    sync_git,
    tracked,
)
from rejection_therapy.sync.git_run import reason, run

if TYPE_CHECKING:
    from rejection_therapy.service.sync import SyncReport
    from rejection_therapy.sync.state import SyncState


def prepare(folder: str, own: tuple[str, ...] = ()) -> tuple[str, str]:
    """The remote of a work tree this app can sync through, pulled, with the logs declared
    for a union merge. The remote must be reached once: what it holds decides what a new
    device does (whether the folder is encrypted already, whose settings stand)."""
    try:
        repo = open_repo(folder)
        pull(repo, own)  # a home set up here already: its own log guarded as in a sync
        ensure_attributes(repo)  # after the pull: it may bring the file
    except GitError as error:
        raise UserError(f"{error}; setting up needs the remote once, nothing was changed") from None
    return repo.remote, repo.branch


def git_round(state: SyncState, local: Callable[[], SyncReport]) -> tuple[SyncReport, bool, bool]:
    """The report of the `local` sync run between the pull and the push (added up, when a
    refused push made it run again), and whether the pull and the push went through."""
    from rejection_therapy.service.sync import SyncReport

    reports: list[SyncReport] = []

    def between() -> None:
        reports.append(local())

    try:
        repo = open_repo(state.folder)
    except GitError as error:
        report = local()
        report.transport_problem = str(error)
        return report, False, False
    if state.branch and repo.branch != state.branch:
        report = local()
        report.transport_problem = (
            f"{state.folder} is on the branch {repo.branch}, not {state.branch} (the one it "
            f"syncs on); switch back: git -C {state.folder} switch {state.branch}"
        )
        return report, False, False
    own = log_name(state.device)
    paths = [own] + [
        name  # what this app wrote; the person's own edits to them are theirs to commit
        for name in (".gitattributes", FOLDER_FILE)
        if os.path.lexists(os.path.join(state.folder, name))
        and (name == FOLDER_FILE or not tracked(repo, name))
    ]
    # named by its id: in a sealed folder the device's name is not for the remote to read
    message = f"rejection-therapy: the log of device {state.device[:8]}"
    outcome = sync_git(repo, paths, message, between, guarded=(own,))
    report = reports[-1] if reports else SyncReport()
    report.sent = sum(r.sent for r in reports)
    report.received = sum(r.received for r in reports)
    if outcome.problem:
        report.transport_problem = outcome.problem
    return report, outcome.pulled, outcome.pushed


def remote_url(state: SyncState) -> str | None:
    """Where the remote is, for `sync status` (any password in it masked); None when git
    cannot say."""
    try:
        found = run(state.folder, "remote", "get-url", "--", state.remote)
    except GitError:
        return None
    return reason(found.out) if found.code == 0 and found.out.strip() else None
