"""Git as a sync transport: the sync folder is a git work tree with a remote.

Each device still appends only to its own log; git carries the files. A round commits the
device's own logs, merges what the remote has, lets the caller merge the logs locally,
and pushes. Nothing here may wait on a person: git runs without a terminal, without
prompts, hooks, editors or signing, under a timeout, so a background sync never hangs.
Standard library only; the system `git` does the work.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass

from rejection_therapy.sync.git_run import GitError, checked, reason, run

UNION_LINE = "*.log merge=union"
FALLBACK_NAME = "rejection-therapy"
FALLBACK_EMAIL = "rejection-therapy@localhost"

# Hooks and signing are the person's tools for their own work, not for a background sync
# (a hook may prompt, a signature may ask for a passphrase).
_NO_HOOKS = (
    "-c",
    f"core.hooksPath={os.devnull}",
    "-c",
    "commit.gpgsign=false",
    # encryption.json changed on both sides (two devices set a passphrase at once): the
    # newer stands, the same on every device (sync/key_merge.py)
    "-c",
    # -P: git runs it in the work tree, whose files the remote chose: never import them
    f"merge.rt-newer-key.driver={shlex.quote(sys.executable)} -P -m "
    "rejection_therapy.sync.key_merge %A %B",
)
_COMMIT_OPTIONS = ["--quiet", "--no-verify", "--no-gpg-sign", "--only"]
# Overrides settings meant for the person's own merges (merge.ff=only, autostash,
# signature checks); two devices that both began on an empty remote share no history yet.
_MERGE_OPTIONS = [
    "--quiet",
    "--ff",
    "--no-edit",
    "--no-verify",
    "--no-gpg-sign",
    "--no-verify-signatures",
    "--no-autostash",
    "--allow-unrelated-histories",
]
_PUSH_OPTIONS = ["--porcelain", "--no-verify", "--no-signed", "--no-follow-tags"]


@dataclass(frozen=True)
class Repo:
    folder: str
    """The sync folder (absolute); the top of the work tree or a folder inside it."""
    remote: str
    """The remote the logs travel through, e.g. "origin"."""
    branch: str
    """The local branch the logs are committed on, e.g. "main"."""


@dataclass(frozen=True)
class GitReport:
    pulled: bool
    """The last fetch and merge succeeded."""
    pushed: bool
    """The remote holds every local commit (pushed now, or it was up to date)."""
    committed: int
    """How many commits of the device's own logs this round made."""
    problem: str | None
    """The first thing that went wrong, in one line; None when nothing did."""


def git_available() -> bool:
    """Whether a `git` program is on the PATH."""
    return shutil.which("git") is not None


# --- opening ---------------------------------------------------------------------------


def open_repo(folder: str) -> Repo:
    """The repository behind the sync folder, after checking it can carry logs: a work
    tree, on a branch, with a remote to sync through."""
    folder = os.path.abspath(folder)
    if not os.path.isdir(folder):
        raise GitError(f"{folder} is not a folder")
    attributes = _check_work_tree(folder)
    branch = _current_branch(folder)
    repo = Repo(folder=folder, remote=_remote_for(folder, branch), branch=branch)
    _same_name_upstream(repo)
    _pin_attributes(attributes)
    return repo


PINNED_LINE = "*.log -text -eol -working-tree-encoding -ident -filter merge=union"
"""The clone's own attributes for the logs: no conversion of any kind (a line's bytes
are what its hash chain and seal vouch for), merged by union. In info/attributes, which
nothing in a commit can override: a remote's .gitattributes (`*.log text eol=crlf`, a
working-tree-encoding) or the person's core.autocrlf would rewrite the logs on checkout."""


PINNED_KEY_LINE = "encryption.json -text merge=rt-newer-key"


def _pin_attributes(path: str) -> None:
    for line in (PINNED_LINE, PINNED_KEY_LINE):
        existing = _read_attributes(path)
        if existing is not None and line in existing.splitlines():
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _append_line(path, existing, line)


def _same_name_upstream(repo: Repo) -> None:
    """The branch, when it tracks one, tracks its namesake: the logs are pulled from and
    pushed to one branch, the same for every device."""
    merge = _config(repo.folder, f"branch.{repo.branch}.merge")
    if merge and merge != f"refs/heads/{repo.branch}":
        raise GitError(
            f"the branch {repo.branch} of {repo.folder} tracks {merge.removeprefix('refs/heads/')}"
            f"; sync pulls and pushes one branch of the same name on every device: switch "
            f"to it (git -C {shlex.quote(repo.folder)} switch {merge.removeprefix('refs/heads/')})"
        )


def _check_work_tree(folder: str) -> str:
    """Where the clone's own attributes file is (the folder is a work tree)."""
    result = run(folder, "rev-parse", "--is-inside-work-tree", "--git-path", "info/attributes")
    if result.code != 0:
        why = reason(result.err)
        if "not a git repository" in why:
            raise GitError(
                f"{folder} is not in a git work tree; clone the sync repository there "
                f"or run: git -C {shlex.quote(folder)} init"
            )
        raise GitError(f"git cannot open {folder} ({why})")
    inside, _, attributes = result.out.strip().partition("\n")
    if inside != "true":
        raise GitError(
            f"{folder} is inside a bare repository or a .git folder; use a clone's work tree"
        )
    return os.path.join(folder, attributes.strip())


def _current_branch(folder: str) -> str:
    """The checked-out branch; an unborn one (a fresh clone of an empty remote) counts."""
    result = run(folder, "symbolic-ref", "--quiet", "--short", "HEAD")
    branch = result.out.strip()
    if result.code != 0 or not branch:
        raise GitError(
            f"{folder} is on a detached HEAD; switch to a branch: "
            f"git -C {shlex.quote(folder)} switch BRANCH"
        )
    return branch


def _remote_for(folder: str, branch: str) -> str:
    """The branch's upstream remote if it has one, else "origin", else the only remote."""
    upstream = _config(folder, f"branch.{branch}.remote")
    remotes = checked(folder, "remote").split()
    if upstream and upstream in remotes:
        return upstream
    if "origin" in remotes:
        return "origin"
    if len(remotes) == 1:
        return remotes[0]
    if not remotes:
        raise GitError(
            f"{folder} has no git remote; add one: git -C {shlex.quote(folder)} remote add origin URL"
        )
    raise GitError(
        f"{folder} has several git remotes and none is the branch's upstream or origin; "
        f"push once with: git -C {shlex.quote(folder)} push -u REMOTE {branch}"
    )


def _config(folder: str, key: str) -> str:
    """A config value, or "" when it is not set."""
    return run(folder, "config", "--get", key).out.strip()


# --- .gitattributes -----------------------------------------------------------------------


def tracked(repo: Repo, path: str) -> bool:
    """Whether git tracks the file (committed, or staged)."""
    return run(repo.folder, "ls-files", "--error-unmatch", "--", path).code == 0


def ensure_attributes(repo: Repo) -> bool:
    """Makes `.gitattributes` in the folder merge logs by union, so two devices that both
    appended to one log (never by design, but possible after a restore) keep both sides
    instead of stopping at a conflict. Returns whether it wrote."""
    path = os.path.join(repo.folder, ".gitattributes")
    existing = _read_attributes(path)
    if existing is not None and any(line.strip() == UNION_LINE for line in existing.splitlines()):
        return False
    _append_line(path, existing, UNION_LINE)
    return True


def _append_line(path: str, existing: str | None, line: str) -> None:
    separator = "\n" if existing and not existing.endswith("\n") else ""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except OSError as error:
        raise GitError(f"cannot write {path} ({error.strerror})") from None
    with os.fdopen(descriptor, "a", encoding="utf-8") as file:
        file.write(f"{separator}{line}\n")


def _read_attributes(path: str) -> str | None:
    """The file's text, or None when there is none. Never through a symbolic link, nor
    from anything but a regular file (reading a FIFO would hang the sync)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    refusal = f"{path} is not a regular file (a link?); replace it with a plain file"
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError:  # a symbolic link (ELOOP), or one that cannot be read
        raise GitError(refusal) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise GitError(refusal)
    with os.fdopen(descriptor, "rb") as file:
        return file.read().decode("utf-8", "replace")


# --- committing ------------------------------------------------------------------------


def commit(repo: Repo, paths: list[str], message: str) -> bool:
    """Commits the device's own files, and only them: whatever else the person staged or
    changed stays as it was. Returns whether a commit was made."""
    relative = [_relative(repo, path) for path in paths]
    present = [path for path in relative if os.path.lexists(os.path.join(repo.folder, path))]
    if not present:
        return False
    # --force: a global ignore list often holds *.log, yet these files are the point.
    checked(repo.folder, "--literal-pathspecs", "add", "--force", "--", *present)
    staged = run(repo.folder, "--literal-pathspecs", "diff", "--cached", "--quiet", "--", *present)
    if staged.code == 0:
        return False
    text = message.replace("\0", " ").strip() or "rejection-therapy sync"
    arguments = ["--literal-pathspecs", "commit", *_COMMIT_OPTIONS, "-m", text, "--", *present]
    checked(repo.folder, *_NO_HOOKS, *arguments, extra_env=_identity(repo))
    return True


def _relative(repo: Repo, path: str) -> str:
    """The path relative to the folder; refuses one outside it or a symbolic link (a link
    committed as a log would point other devices at files of their own)."""
    full = os.path.normpath(os.path.join(repo.folder, path))
    relative = os.path.relpath(full, repo.folder)
    if relative == os.curdir or relative.startswith(os.pardir):
        real = os.path.relpath(os.path.realpath(full), os.path.realpath(repo.folder))
        if real == os.curdir or real.startswith(os.pardir):
            raise GitError(f"{path} is not a file inside {repo.folder}; only its logs are synced")
        relative = real
    if os.path.islink(os.path.join(repo.folder, relative)):
        raise GitError(f"{path} is a symbolic link; only plain log files are synced")
    return relative


def _identity(repo: Repo) -> dict[str, str]:
    """Who commits when the person never told git: a name that says it was this app.
    A configured identity (or one in the environment) is always kept."""
    fallback: dict[str, str] = {}
    if not _config(repo.folder, "user.email"):
        fallback = {
            "GIT_AUTHOR_NAME": FALLBACK_NAME,
            "GIT_AUTHOR_EMAIL": FALLBACK_EMAIL,
            "GIT_COMMITTER_NAME": FALLBACK_NAME,
            "GIT_COMMITTER_EMAIL": FALLBACK_EMAIL,
        }
    elif not _config(repo.folder, "user.name"):
        fallback = {"GIT_AUTHOR_NAME": FALLBACK_NAME, "GIT_COMMITTER_NAME": FALLBACK_NAME}
    return {name: value for name, value in fallback.items() if not os.environ.get(name)}


# --- pulling ---------------------------------------------------------------------------


def pull(repo: Repo, own: tuple[str, ...] = ()) -> bool:
    """Fetches the remote and merges its branch into HEAD. Returns whether HEAD changed
    (False too when the remote has no such branch yet: an empty remote). A remote that
    changed one of the `own` files (this device's log: only this device writes it) is not
    merged."""
    _fetch(repo)
    incoming = f"refs/remotes/{repo.remote}/{repo.branch}"
    if not _commit_of(repo, incoming) or _holds(repo, incoming):
        return False
    _refuse_unsafe_links(repo, incoming)
    _refuse_changes_to(repo, incoming, own)
    _merge(repo, incoming)
    return True  # merging a commit HEAD does not hold always moves HEAD


def _fetch(repo: Repo) -> None:
    options = ["--quiet", "--no-recurse-submodules"]
    result = run(repo.folder, *_NO_HOOKS, "fetch", *options, "--", repo.remote)
    if result.code != 0:
        raise GitError(
            f"cannot reach {repo.remote} ({reason(result.err)}); check the connection and "
            f"that `git -C {shlex.quote(repo.folder)} fetch {repo.remote}` works, then sync again"
        )


def _commit_of(repo: Repo, ref: str) -> str:
    """The commit a ref names, or "" when it names none (an unborn branch, no such ref)."""
    return run(repo.folder, "rev-parse", "--quiet", "--verify", f"{ref}^{{commit}}").out.strip()


def _holds(repo: Repo, commit: str) -> bool:
    """Whether HEAD's history already holds the commit (never on an unborn branch)."""
    return run(repo.folder, "merge-base", "--is-ancestor", commit, "HEAD").code == 0


def _refuse_unsafe_links(repo: Repo, incoming: str) -> None:
    """Refuses a remote whose tree makes a log, `.gitattributes`, or the sync folder
    itself a symbolic link: checked out, appending to "a log" would write wherever the
    link points (a file of the person's, outside the folder)."""
    prefix = checked(repo.folder, "rev-parse", "--show-prefix").strip().rstrip("/")
    listing = checked(repo.folder, "ls-tree", "-r", "-z", "--full-tree", incoming)
    for entry in listing.split("\0"):
        mode, _, path = entry.partition(" ")
        if mode != "120000":
            continue
        path = path.split("\t", 1)[-1]
        if _is_unsafe_link(prefix, path):
            raise GitError(
                f"{repo.remote}/{repo.branch} makes {path} a symbolic link; not merging it: "
                f"replace it with a plain file on the remote"
            )


def _refuse_changes_to(repo: Repo, incoming: str, own: tuple[str, ...]) -> None:
    """Refuses a remote whose commits change a file only this device writes (its log,
    deleted or rewritten there): merged, this device would lose its own lines."""
    if not own or not _commit_of(repo, "HEAD"):
        return
    base = run(repo.folder, "merge-base", "HEAD", incoming).out.strip()
    for path in own:
        if base:
            changed = run(repo.folder, "diff", "--quiet", base, incoming, "--", path).code != 0
        else:  # histories that began apart: the remote should not hold this file at all
            changed = run(repo.folder, "cat-file", "-e", f"{incoming}:./{path}").code == 0
        if changed:
            raise GitError(
                f"{repo.remote}/{repo.branch} changes {path}, which only this device writes "
                "(it was rewritten or removed there); not merged. Put it back on the remote, "
                f"or see: git -C {shlex.quote(repo.folder)} log {repo.remote}/{repo.branch} "
                f"-- {path}"
            )


def _is_unsafe_link(prefix: str, path: str) -> bool:
    if prefix and (path == prefix or prefix.startswith(path + "/")):
        return True
    inside = not prefix or path.startswith(prefix + "/")
    name = path.rsplit("/", 1)[-1].lower()
    return inside and (name.endswith(".log") or name in (".gitattributes", "encryption.json"))


def _merge(repo: Repo, incoming: str) -> None:
    """Merges; a merge that stops half way is undone, leaving the work tree as it was."""
    arguments = ["merge", *_MERGE_OPTIONS, incoming]
    result = run(repo.folder, *_NO_HOOKS, *arguments, extra_env=_identity(repo))
    if result.code == 0:
        return
    if _commit_of(repo, "MERGE_HEAD"):
        run(repo.folder, "merge", "--abort")
    if run(repo.folder, "diff", "--cached", "--quiet").code != 0:
        raise GitError(
            f"changes of yours are staged in {repo.folder} and stop the merge of "
            f"{repo.remote}/{repo.branch}: commit or unstage them "
            f"(git -C {shlex.quote(repo.folder)} status), then sync again"
        )
    raise GitError(
        f"cannot merge {repo.remote}/{repo.branch} into {repo.branch} "
        f"({reason(result.err or result.out)}); merge it by hand: "
        f"git -C {shlex.quote(repo.folder)} merge {repo.remote}/{repo.branch}"
    )


# --- pushing ---------------------------------------------------------------------------


def push(repo: Repo) -> str:
    """Pushes HEAD to the remote's branch: "pushed", "up to date", or "rejected" when the
    remote moved on (pull, then push again)."""
    options = [*_PUSH_OPTIONS, "--recurse-submodules=no"]
    if not _config(repo.folder, f"branch.{repo.branch}.merge"):
        options.append("--set-upstream")
    target = f"refs/heads/{repo.branch}"
    result = run(repo.folder, *_NO_HOOKS, "push", *options, "--", repo.remote, f"HEAD:{target}")
    status = _push_status(result.out, target)
    if status is not None:
        return status
    if not _commit_of(repo, "HEAD"):
        return "up to date"  # an unborn branch: nothing committed, nothing to push
    raise GitError(
        f"cannot push to {repo.remote} ({reason(result.err or result.out)}); check the "
        f"connection and that `git -C {shlex.quote(repo.folder)} push {repo.remote}` works"
    )


def _push_status(porcelain: str, target: str) -> str | None:
    """Reads the line `git push --porcelain` wrote for our ref; None when it wrote none
    or the remote refused for a reason other than having moved on."""
    for line in porcelain.splitlines():
        flag, _, rest = line.partition("\t")
        if not rest.split("\t", 1)[0].endswith(f":{target}"):
            continue
        if flag == "=":
            return "up to date"
        if flag in (" ", "*", "+"):
            return "pushed"
        if flag == "!" and ("non-fast-forward" in rest or "fetch first" in rest):
            return "rejected"
    return None


# --- a whole round ---------------------------------------------------------------------


def sync_git(
    repo: Repo,
    own_paths: list[str],
    message: str,
    between: Callable[[], None] | None = None,
    attempts: int = 3,
    guarded: tuple[str, ...] = (),
) -> GitReport:
    """Commits this device's logs, merges the remote's, runs the caller's local merge
    (`between`, always once, even when the remote could not be reached), commits again and
    pushes; when another device pushed in the meantime, pulls and pushes again, up to
    `attempts` pushes. Git's failures do not raise: they come back as the report's problem,
    with everything committed locally. A remote that changed a `guarded` file is not
    merged (pull)."""
    round_ = _Round(repo, own_paths, message, between or (lambda: None))
    round_.guarded = guarded
    if _commit_of(repo, "MERGE_HEAD"):  # the person's own merge, half done: theirs to end
        round_.between()
        return GitReport(
            pulled=False,
            pushed=False,
            committed=0,
            problem=(
                f"a git merge is unfinished in {repo.folder}: finish it (git -C "
                f"{shlex.quote(repo.folder)} commit) or abort it (git -C "
                f"{shlex.quote(repo.folder)} merge --abort), then sync again"
            ),
        )
    round_.commit()
    round_.pull()
    round_.between()
    round_.commit()
    if round_.pulled:  # a remote that cannot be fetched cannot be pushed to either
        round_.push_until_accepted(max(attempts, 1))
    return GitReport(
        pulled=round_.pulled,
        pushed=round_.pushed,
        committed=round_.committed,
        problem=round_.problem,
    )


class _Round:
    """One sync's steps, each turning a GitError into the round's first problem."""

    def __init__(
        self, repo: Repo, own_paths: list[str], message: str, between: Callable[[], None]
    ) -> None:
        self.repo = repo
        self.own_paths = own_paths
        self.message = message
        self.between = between
        self.pulled = False
        self.pushed = False
        self.committed = 0
        self.problem: str | None = None
        self.guarded: tuple[str, ...] = ()

    def _note(self, problem: str) -> None:
        if self.problem is None:
            self.problem = problem

    def commit(self) -> None:
        try:
            self.committed += commit(self.repo, self.own_paths, self.message)
        except GitError as error:
            self._note(str(error))

    def pull(self) -> bool:
        """Whether HEAD changed (False too when the pull failed)."""
        try:
            changed = pull(self.repo, self.guarded)
        except GitError as error:
            self._note(str(error))
            self.pulled = False
            return False
        self.pulled = True
        return changed

    def push_until_accepted(self, attempts: int) -> None:
        for _ in range(attempts):
            try:
                self.pushed = push(self.repo) != "rejected"
            except GitError as error:
                self._note(str(error))
                return
            if self.pushed:
                return
            if self.pull():
                self.between()
                self.commit()
            elif not self.pulled:
                return
        self._note(
            f"{self.repo.remote} kept changing during {attempts} pushes; "
            "everything is committed here and goes with the next sync"
        )
