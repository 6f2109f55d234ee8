"""Git as a sync transport, against real git: a bare repository as the remote, clones as
devices, everything under tmp_path and none of the machine's git configuration."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from rejection_therapy.sync import git_run as gitsync
from rejection_therapy.sync.git import (
    GitError,
    Repo,
    commit,
    ensure_attributes,
    git_available,
    open_repo,
    pull,
    push,
    sync_git,
)

LOG_A = "a" * 32 + ".log"
LOG_B = "b" * 32 + ".log"
LOG_C = "c" * 32 + ".log"

pytestmark = pytest.mark.skipif(not git_available(), reason="git is not installed")


@pytest.fixture(autouse=True)
def _no_machine_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No global or system config (so no user.email either), no identity or repository
    from the environment: every test sees the same plain git."""
    empty = tmp_path / "empty-gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "REJECTION_THERAPY_GIT_TIMEOUT",
    ):
        monkeypatch.delenv(name, raising=False)


def git(cwd: Path | str, *args: str) -> str:
    """The test's own git, with an identity for the commits it makes itself. Its repositories
    are made with `--template=`: without the sample hooks a clone takes half the time."""
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]
    return subprocess.run(
        ["git", *identity, *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def make_remote(tmp_path: Path, name: str = "remote.git") -> Path:
    remote = tmp_path / name
    git(tmp_path, "init", "-q", "--template=", "--bare", "-b", "main", str(remote))
    return remote


def clone(remote: Path, where: Path) -> Repo:
    git(where.parent, "clone", "-q", "--template=", str(remote), str(where))
    return open_repo(str(where))


def append(repo: Repo, name: str, line: str) -> None:
    with open(os.path.join(repo.folder, name), "a", encoding="utf-8") as file:
        file.write(line + "\n")


def read(repo: Repo, name: str) -> str:
    return Path(repo.folder, name).read_text(encoding="utf-8")


def remote_files(remote: Path) -> list[str]:
    return git(remote, "ls-tree", "--name-only", "main").split()


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return make_remote(tmp_path)


@pytest.fixture
def a(remote: Path, tmp_path: Path) -> Repo:
    return clone(remote, tmp_path / "a")


@pytest.fixture
def b(remote: Path, tmp_path: Path) -> Repo:
    return clone(remote, tmp_path / "b")


# --- opening ---------------------------------------------------------------------------


def test_a_clone_of_an_empty_remote_opens_on_its_unborn_branch(a: Repo, tmp_path: Path):
    assert a == Repo(folder=str(tmp_path / "a"), remote="origin", branch="main")


def test_a_folder_inside_the_work_tree_opens(a: Repo):
    inside = Path(a.folder, "sync")
    inside.mkdir()
    assert open_repo(str(inside)) == Repo(str(inside), "origin", "main")


def test_a_folder_outside_any_work_tree_is_refused(tmp_path: Path):
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(GitError, match="is not in a git work tree"):
        open_repo(str(plain))


def test_a_bare_repository_is_refused(remote: Path):
    with pytest.raises(GitError, match="bare"):
        open_repo(str(remote))


def test_a_work_tree_without_remote_says_how_to_add_one(tmp_path: Path):
    folder = tmp_path / "alone"
    git(tmp_path, "init", "-q", "--template=", "-b", "main", str(folder))
    with pytest.raises(GitError) as caught:
        open_repo(str(folder))
    assert str(caught.value) == (
        f"{folder} has no git remote; add one: git -C {folder} remote add origin URL"
    )


def test_a_detached_head_is_refused(a: Repo):
    append(a, LOG_A, "one")
    commit(a, [LOG_A], "one")
    git(a.folder, "checkout", "-q", "--detach")
    with pytest.raises(GitError, match="detached HEAD"):
        open_repo(a.folder)


def test_the_remote_is_the_upstream_then_origin_then_the_only_one(a: Repo, remote: Path):
    git(a.folder, "remote", "add", "backup", str(remote))
    assert open_repo(a.folder).remote == "origin"  # the clone's upstream
    git(a.folder, "config", "branch.main.remote", "backup")
    assert open_repo(a.folder).remote == "backup"
    git(a.folder, "config", "--unset", "branch.main.remote")
    git(a.folder, "remote", "remove", "origin")
    assert open_repo(a.folder).remote == "backup"


def test_without_git_the_message_says_to_install_it(
    a: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert not git_available()
    with pytest.raises(GitError, match="git is not installed"):
        open_repo(a.folder)


# --- .gitattributes --------------------------------------------------------------------


def test_the_union_attribute_is_added_once_keeping_what_was_there(a: Repo):
    path = Path(a.folder, ".gitattributes")
    path.write_text("*.png binary")  # no final newline
    assert ensure_attributes(a) is True
    assert ensure_attributes(a) is False
    assert path.read_text() == "*.png binary\n*.log merge=union\n"


def test_the_union_attribute_makes_a_new_file(a: Repo):
    assert ensure_attributes(a) is True
    assert Path(a.folder, ".gitattributes").read_text() == "*.log merge=union\n"


def test_a_linked_or_odd_gitattributes_is_refused(a: Repo, tmp_path: Path):
    target = tmp_path / "elsewhere"
    target.write_text("")
    os.symlink(target, Path(a.folder, ".gitattributes"))
    with pytest.raises(GitError, match="not a regular file"):
        ensure_attributes(a)
    assert target.read_text() == ""
    os.unlink(Path(a.folder, ".gitattributes"))
    Path(a.folder, ".gitattributes").mkdir()
    with pytest.raises(GitError, match="not a regular file"):
        ensure_attributes(a)
    os.rmdir(Path(a.folder, ".gitattributes"))
    os.mkfifo(Path(a.folder, ".gitattributes"))  # reading it would wait forever
    with pytest.raises(GitError, match="not a regular file"):
        ensure_attributes(a)


# --- committing ------------------------------------------------------------------------


def test_a_commit_takes_only_the_given_paths(a: Repo):
    Path(a.folder, "tracked.txt").write_text("v1\n")
    git(a.folder, "add", "tracked.txt")
    git(a.folder, "commit", "-q", "-m", "person's own")
    Path(a.folder, "tracked.txt").write_text("v2\n")
    Path(a.folder, "staged.txt").write_text("staged\n")
    git(a.folder, "add", "staged.txt")
    append(a, LOG_A, "one")
    assert commit(a, [os.path.join(a.folder, LOG_A)], "log") is True
    assert git(a.folder, "show", "--name-only", "--format=", "HEAD").split() == [LOG_A]
    assert git(a.folder, "status", "--porcelain").splitlines() == [
        "A  staged.txt",
        " M tracked.txt",
    ]


def test_nothing_to_commit_makes_no_commit(a: Repo):
    assert commit(a, [LOG_A], "missing file") is False
    append(a, LOG_A, "one")
    assert commit(a, [LOG_A], "first") is True
    assert commit(a, [LOG_A], "again") is False
    assert git(a.folder, "rev-list", "--count", "HEAD").strip() == "1"


def test_without_a_configured_identity_the_app_commits_as_itself(a: Repo):
    append(a, LOG_A, "one")
    commit(a, [LOG_A], "one")
    who = git(a.folder, "log", "-1", "--format=%an <%ae> / %cn <%ce>").strip()
    assert who == (
        "rejection-therapy <rejection-therapy@localhost> / "
        "rejection-therapy <rejection-therapy@localhost>"
    )


def test_a_configured_identity_is_kept(a: Repo):
    git(a.folder, "config", "user.name", "Person")
    git(a.folder, "config", "user.email", "person@example.com")
    append(a, LOG_A, "one")
    commit(a, [LOG_A], "one")
    assert git(a.folder, "log", "-1", "--format=%an <%ae>").strip() == (
        "Person <person@example.com>"
    )


def test_hooks_signing_and_ignore_lists_do_not_get_in_the_way(a: Repo):
    hook = Path(a.folder, ".git", "hooks", "pre-commit")
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    git(a.folder, "config", "commit.gpgsign", "true")
    git(a.folder, "config", "gpg.program", "false")
    Path(a.folder, ".git", "info").mkdir(exist_ok=True)
    Path(a.folder, ".git", "info", "exclude").write_text("*.log\n")
    append(a, LOG_A, "one")
    assert commit(a, [LOG_A], "one") is True


def test_a_linked_log_or_a_path_outside_is_not_committed(a: Repo, tmp_path: Path):
    secret = tmp_path / "secret"
    secret.write_text("private\n")
    os.symlink(secret, Path(a.folder, LOG_A))
    with pytest.raises(GitError, match="symbolic link"):
        commit(a, [LOG_A], "link")
    with pytest.raises(GitError, match="not a file inside"):
        commit(a, [str(secret)], "outside")
    with pytest.raises(GitError, match="not a file inside"):
        commit(a, ["../secret"], "outside")


# --- pulling and pushing ---------------------------------------------------------------


def test_what_one_clone_pushes_the_other_pulls(a: Repo, b: Repo):
    assert pull(b) is False  # the remote is still empty
    append(a, LOG_A, "one")
    commit(a, [LOG_A], "one")
    assert push(a) == "pushed"
    assert push(a) == "up to date"
    assert pull(b) is True
    assert read(b, LOG_A) == "one\n"
    assert pull(b) is False


def test_pushing_an_unborn_branch_has_nothing_to_push(a: Repo):
    assert push(a) == "up to date"


def test_a_push_after_the_remote_moved_is_rejected(a: Repo, b: Repo):
    append(a, LOG_A, "one")
    commit(a, [LOG_A], "one")
    push(a)
    pull(b)
    append(a, LOG_A, "two")
    commit(a, [LOG_A], "two")
    push(a)
    append(b, LOG_B, "one")
    commit(b, [LOG_B], "one")
    assert push(b) == "rejected"


def test_a_merge_ignores_settings_meant_for_the_persons_own_pulls(a: Repo, b: Repo):
    git(b.folder, "config", "merge.ff", "only")
    git(b.folder, "config", "pull.rebase", "true")
    append(a, LOG_A, "one")
    commit(a, [LOG_A], "one")
    push(a)
    append(b, LOG_B, "one")
    commit(b, [LOG_B], "one")
    assert pull(b) is True
    assert git(b.folder, "rev-list", "--count", "--merges", "HEAD").strip() == "1"


def test_a_remote_that_refuses_for_another_reason_raises(tmp_path: Path):
    checked_out = tmp_path / "checked-out"
    git(tmp_path, "init", "-q", "--template=", "-b", "main", str(checked_out))
    git(checked_out, "commit", "-q", "--allow-empty", "-m", "start")
    device = clone(checked_out, tmp_path / "device")
    append(device, LOG_A, "one")
    commit(device, [LOG_A], "one")
    with pytest.raises(GitError, match="^cannot push to origin") as caught:
        push(device)
    assert "\n" not in str(caught.value)


def test_a_remote_log_that_is_a_link_is_not_merged(remote: Path, a: Repo, b: Repo, tmp_path: Path):
    secret = tmp_path / "secret"
    secret.write_text("private\n")
    os.symlink(secret, Path(a.folder, LOG_C))
    git(a.folder, "add", LOG_C)
    git(a.folder, "commit", "-q", "-m", "a link dressed as a log")
    git(a.folder, "push", "-q", "origin", "main")
    calls: list[int] = []
    report = sync_git(b, [LOG_B], "sync", between=lambda: calls.append(1))
    assert calls == [1]
    assert report.problem is not None and "symbolic link" in report.problem
    assert not os.path.lexists(Path(b.folder, LOG_C))
    assert secret.read_text() == "private\n"


def test_two_devices_appending_to_one_log_keep_both_lines(a: Repo, b: Repo):
    ensure_attributes(a)
    append(a, LOG_A, "base")
    commit(a, [LOG_A, ".gitattributes"], "base")
    push(a)
    pull(b)
    append(a, LOG_A, "from a")  # never by design; a restored backup can do it
    commit(a, [LOG_A], "a")
    push(a)
    append(b, LOG_A, "from b")
    commit(b, [LOG_A], "b")
    assert pull(b) is True
    assert sorted(read(b, LOG_A).splitlines()) == ["base", "from a", "from b"]


def test_a_conflicting_merge_is_aborted(a: Repo, b: Repo):
    Path(a.folder, "notes.txt").write_text("start\n")
    commit(a, ["notes.txt"], "start")
    push(a)
    pull(b)
    Path(a.folder, "notes.txt").write_text("a\n")
    commit(a, ["notes.txt"], "a")
    push(a)
    Path(b.folder, "notes.txt").write_text("b\n")
    commit(b, ["notes.txt"], "b")
    with pytest.raises(GitError, match="^cannot merge origin/main into main") as caught:
        pull(b)
    assert "\n" not in str(caught.value)
    assert git(b.folder, "status", "--porcelain") == ""
    assert not Path(b.folder, ".git", "MERGE_HEAD").exists()


def test_a_sync_folder_inside_the_work_tree_syncs_and_may_not_become_a_link(
    remote: Path, tmp_path: Path
):
    a_clone, b_clone = tmp_path / "a", tmp_path / "b"
    for where in (a_clone, b_clone):
        git(tmp_path, "clone", "-q", "--template=", str(remote), str(where))
        (where / "sync").mkdir()
    a, b = open_repo(str(a_clone / "sync")), open_repo(str(b_clone / "sync"))
    append(a, LOG_A, "a1")
    assert sync_git(a, [LOG_A], "a").pushed
    assert sync_git(b, [LOG_B], "b").problem is None
    assert read(b, LOG_A) == "a1\n"
    git(a_clone, "rm", "-q", "-r", "sync")
    os.symlink(tmp_path, a_clone / "sync")
    git(a_clone, "add", "sync")
    git(a_clone, "commit", "-q", "-m", "the folder becomes a link")
    git(a_clone, "push", "-q", "origin", "main")
    with pytest.raises(GitError, match="makes sync a symbolic link"):
        pull(b)
    assert not os.path.islink(b.folder)


# --- whole rounds ----------------------------------------------------------------------


def test_two_devices_that_started_empty_end_with_the_same_logs(remote: Path, a: Repo, b: Repo):
    for repo in (a, b):
        ensure_attributes(repo)
    append(a, LOG_A, "a1")
    append(b, LOG_B, "b1")
    first = sync_git(a, [LOG_A, ".gitattributes"], "sync a")
    second = sync_git(b, [LOG_B, ".gitattributes"], "sync b")  # unrelated histories
    append(a, LOG_A, "a2")
    third = sync_git(a, [LOG_A, ".gitattributes"], "sync a")
    for report in (first, second, third):
        assert report.pulled and report.pushed and report.problem is None
    assert (first.committed, second.committed, third.committed) == (1, 1, 1)
    sync_git(b, [LOG_B], "sync b")
    for name in (LOG_A, LOG_B, ".gitattributes"):
        assert read(a, name) == read(b, name)
    assert read(b, LOG_A) == "a1\na2\n"
    assert sorted(remote_files(remote)) == sorted([".gitattributes", LOG_A, LOG_B])


def test_a_racing_push_is_retried_until_both_logs_are_on_the_remote(remote: Path, a: Repo, b: Repo):
    append(a, LOG_A, "a1")
    sync_git(a, [LOG_A], "sync a")
    append(b, LOG_B, "b1")
    calls: list[int] = []

    def a_pushes_meanwhile() -> None:
        calls.append(1)
        if len(calls) == 1:  # after B fetched: A gets its push in first
            append(a, LOG_A, "a2")
            commit(a, [LOG_A], "a2")
            assert push(a) == "pushed"

    report = sync_git(b, [LOG_B], "sync b", between=a_pushes_meanwhile)
    assert report.pushed and report.pulled and report.problem is None
    assert len(calls) == 2  # again after the pull that brought A's push
    assert sorted(remote_files(remote)) == sorted([LOG_A, LOG_B])
    sync_git(a, [LOG_A], "sync a")
    assert read(a, LOG_B) == read(b, LOG_B) == "b1\n"
    assert read(b, LOG_A) == "a1\na2\n"


def test_a_remote_that_keeps_moving_gives_up_after_the_attempts(a: Repo, b: Repo):
    append(a, LOG_A, "a1")
    sync_git(a, [LOG_A], "sync a")
    append(b, LOG_B, "b1")

    def a_pushes_every_time() -> None:
        append(a, LOG_A, "more")
        commit(a, [LOG_A], "more")
        push(a)

    report = sync_git(b, [LOG_B], "sync b", between=a_pushes_every_time, attempts=2)
    assert not report.pushed
    assert report.problem is not None and "kept changing during 2 pushes" in report.problem


def test_an_unreachable_remote_is_a_problem_not_an_exception(a: Repo, tmp_path: Path):
    git(a.folder, "remote", "set-url", "origin", str(tmp_path / "nowhere.git"))
    calls: list[int] = []
    append(a, LOG_A, "one")
    report = sync_git(a, [LOG_A], "sync", between=lambda: calls.append(1))
    assert calls == [1]
    assert (report.pulled, report.pushed, report.committed) == (False, False, 1)
    assert report.problem is not None and report.problem.startswith("cannot reach origin (")
    assert "\n" not in report.problem and len(report.problem) < 400
    assert git(a.folder, "status", "--porcelain") == ""


def test_odd_folder_branch_and_message_survive_a_round(remote: Path, tmp_path: Path):
    folder = tmp_path / "my sync folder ü $(x)"
    git(tmp_path, "clone", "-q", "--template=", str(remote), str(folder))
    git(folder, "checkout", "-q", "-b", "sync/ünï-çødé")
    repo = open_repo(str(folder))
    assert repo.branch == "sync/ünï-çødé"
    append(repo, LOG_A, "one")
    message = "-n 'quoted' \"double\" $(rm -rf /) `x`\n\n# not a comment\0end"
    report = sync_git(repo, [LOG_A], message)
    assert report.pushed and report.problem is None
    assert git(remote, "ls-tree", "--name-only", "sync/ünï-çødé").split() == [LOG_A]
    subject = git(remote, "log", "-1", "--format=%s", "sync/ünï-çødé").strip()
    assert subject == "-n 'quoted' \"double\" $(rm -rf /) `x`"


# --- running git -----------------------------------------------------------------------


def test_the_timeout_comes_from_the_environment_within_bounds(monkeypatch: pytest.MonkeyPatch):
    assert gitsync.git_timeout() == 60
    for value, seconds in (("5", 5), ("0", 1), ("9999", 600), ("soon", 60), ("nan", 60)):
        monkeypatch.setenv("REJECTION_THERAPY_GIT_TIMEOUT", value)
        assert gitsync.git_timeout() == seconds


def test_a_git_that_hangs_is_killed_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    programs = tmp_path / "bin"
    programs.mkdir()
    child = tmp_path / "child.pid"
    fake = programs / "git"
    fake.write_text(
        f"#!/bin/sh\nsleep 30 &\necho $! > '{child}.new'\nmv '{child}.new' '{child}'\nwait\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    waiting = gitsync._outlived

    def once_the_child_started(process: subprocess.Popen[bytes], seconds: float) -> bool:
        _until(child.exists)  # a busy machine must not time out before the child exists
        return waiting(process, 0.05)

    monkeypatch.setattr(gitsync, "_outlived", once_the_child_started)
    with pytest.raises(GitError, match="timed out"):
        open_repo(str(tmp_path))
    pid = int(child.read_text())
    _until(lambda: not _running(pid))


def _until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.01)


def _running(pid: int) -> bool:
    """Whether the process lives; a killed one nobody has reaped yet (a zombie) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[-1].split()[0] == "Z")


def test_git_output_becomes_one_clean_line():
    output = (
        "hint: ignore me\n\x1b[31mfatal: unable to access "
        "'https://me:t0ken@host/x/': bad\x07\r\nsecond line\n"
    )
    assert gitsync.reason(output) == "unable to access 'https://***@host/x/': bad"
    assert len(gitsync.reason("x" * 5000)) == gitsync.MESSAGE_CHARS
    assert gitsync.reason("") == "no message from git"
