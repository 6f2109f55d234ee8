"""The command line: thin, fast, scriptable, plain when piped.

Exit codes: 0 success; 1 "nothing to do" answers (`undo` with no entry today, `streak
--check` while today is open); 2 a bad input or a file problem (the message says what to
do); 3 an unexpected error (rerun with --debug for the traceback); 130 interrupted.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing would slow the `streak` fast path
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from rejection_therapy.paths import Paths

EXIT_INTERNAL = 3


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    _zone_fallback()  # a notice left by an earlier call in this process is not this run's
    watch = _write_watch(args_list)
    try:
        _check_utf8(args_list)
        return _dispatch(args_list)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # every failure becomes one line, never a traceback
        return _report(error, debug)
    finally:
        _say_zone_fallback()
        if watch is not None:
            _sync_after_write(*watch)


AUTOSYNC_OFF = "REJECTION_THERAPY_NO_AUTOSYNC"
"""Set, a change from the command line does not start a sync by itself (the tests set it)."""
NOT_WATCHED = ("sync", "remind", "--help", "-h", "--version")
"""Commands that sync themselves (or change nothing)."""


def _write_watch(args: list[str]) -> tuple[str, list[int]] | None:
    """(home, the data's stamp now) when this home syncs: a command that changes the data
    starts a sync after it. Two stats, and nothing when the home does not sync."""
    if not args or args[0] in NOT_WATCHED or os.environ.get(AUTOSYNC_OFF):
        return None
    try:
        home = _fast_home()
    except Exception:  # noqa: BLE001 - the command itself says what is wrong with the home
        return None
    from rejection_therapy.filenames import SYNC_STATE_FILE

    if not os.path.exists(os.path.join(home, SYNC_STATE_FILE)):
        return None
    return home, _data_stamp(home)


def _data_stamp(home: str) -> list[int]:
    """The data file's and its journal's times and sizes: any saved change moves them."""
    from rejection_therapy.filenames import data_path, journal_path_for

    found = []
    for path in (data_path(home), journal_path_for(data_path(home))):
        try:
            info = os.stat(path)
        except OSError:
            found += [0, 0]
            continue
        found += [info.st_mtime_ns, info.st_size]
    return found


def _sync_after_write(home: str, before: list[int]) -> None:
    """A sync in a process of its own when the data changed: the `log` has answered
    already, and the sync takes the home's lock only to store what it merged, so the
    next `log` never waits for it. Where it cannot start, the next sync sends it all."""
    if _data_stamp(home) == before or _background_sync_at_work(home):
        return  # nothing changed, or the sync at work takes this change too
    # -P: never the working folder first on the path (it may be the sync folder, whose
    # files a git remote chose)
    argv = [sys.executable, "-P", "-m", "rejection_therapy", "sync", "--json", "--background"]
    env = {**os.environ, "REJECTION_THERAPY_HOME": home}
    try:  # posix_spawn, not subprocess: importing that alone costs a `log` 20 ms
        quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
        os.posix_spawn(sys.executable, argv, env, file_actions=quiet, setsid=True)
    except (AttributeError, NotImplementedError, OSError):  # no posix_spawn here
        _spawn_portably(argv, env)


def _spawn_portably(argv: list[str], env: dict[str, str]) -> None:
    import subprocess

    try:  # noqa: SIM105 - contextlib would cost the quick `log` an import
        subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        pass  # the changes wait in the home; `sync status` counts them


def _background_sync_at_work(home: str) -> bool:
    """Whether a background sync of this home holds its flock now (one open, one flock:
    a burst of `log`s starts one sync, not one each)."""
    from rejection_therapy.filenames import SYNC_BACKGROUND_FILE

    try:
        import fcntl

        descriptor = os.open(
            os.path.join(home, SYNC_BACKGROUND_FILE), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        )
    except (ImportError, OSError):
        return False  # none has run yet (or no flock here): start one
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)
    return False


def _zone_fallback() -> tuple[str, str] | None:
    """The unknown `TZ` the first settings passed over, and the zone taken (service/zone.py);
    looked up only when the service was loaded, so the quick paths pay nothing."""
    zone = sys.modules.get("rejection_therapy.service.zone")
    return None if zone is None else zone.take_fallback()


def _say_zone_fallback() -> None:
    """At first run, once: the zone days are counted in is not the one TZ names, and how to
    set the right one (it is saved with the settings; a later TZ changes nothing)."""
    fallback = _zone_fallback()
    if fallback is None:
        return
    from rejection_therapy.core.when import shown

    typed, used = fallback
    sys.stderr.write(
        f"rejection-therapy: warning: TZ={shown(typed)} is not a time zone this machine "
        f"knows, so days are counted in {used}; set yours with "
        "`rejection-therapy config timezone Europe/Berlin` (your zone's name)\n"
    )


def _check_utf8(argv: list[str]) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which no file or terminal
    can take: say which argument, before anything is saved."""
    for position, argument in enumerate(argv, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            from rejection_therapy.service.errors import UserError

            after = (
                f" (after {argv[position - 2]!r})"
                if position > 1 and argv[position - 2].isprintable()
                else ""
            )
            raise UserError(
                f"argument {position}{after} is not valid UTF-8 text; "
                "type it again (check the terminal's encoding)"
            ) from None


def _report(error: Exception, debug: bool) -> int:
    from rejection_therapy.core.clock import ClockError
    from rejection_therapy.service.errors import NothingToDo, StorageError, UserError

    if debug:
        import traceback

        traceback.print_exception(error)
    if isinstance(error, NothingToDo):
        sys.stderr.write(f"rejection-therapy: {error}\n")
        return NothingToDo.exit_code
    if isinstance(error, UserError | StorageError | ClockError):
        sys.stderr.write(f"rejection-therapy: error: {error}\n")
        return 2
    if isinstance(error, OSError):
        sys.stderr.write(
            f"rejection-therapy: error: {error.strerror or error} ({error.filename or ''})\n"
        )
        return 2
    sys.stderr.write(
        f"rejection-therapy: unexpected error: {type(error).__name__}: {error} "
        "(rerun with --debug for details)\n"
    )
    return EXIT_INTERNAL


def _dispatch(argv: list[str]) -> int:
    if argv[:1] == ["streak"]:
        # The prompt and SSH path: no argparse, no pathlib, no heavy imports (cli/streak.py).
        from rejection_therapy.cli.streak import parse_streak_args, run_streak

        quick = parse_streak_args(argv[1:])
        if quick is not None:
            return run_streak(_fast_home(), quick, os.environ)
    if argv[:1] in (
        ["today"],
        ["log"],
        ["edit"],
        ["rest"],
        ["stats"],
        ["badges"],
        ["share"],
        ["history"],
        ["export"],
        ["doctor"],
        [],
    ) or argv == ["undo"]:
        from rejection_therapy.cli.fast import try_fast

        answered = try_fast(argv, _fast_home, os.environ)
        if answered is not None:
            return answered

    from rejection_therapy.paths import default_paths

    if not argv or argv == [NO_MOUSE]:  # the daily session: no parser before the first paint
        return _bare(default_paths(), no_mouse=bool(argv))
    from rejection_therapy.cli.parser import build_parser

    parser = build_parser()
    args = parser.parse_args(argv)
    paths = default_paths()
    if args.command == "streak":
        from rejection_therapy.cli.streak import run_streak

        return run_streak(str(paths.home), args, os.environ)
    if args.command == "completion":
        from rejection_therapy.cli.completion import completion_script

        sys.stdout.write(completion_script(parser, args.shell))
        return 0
    if args.command is None:
        return _bare(paths, no_mouse=args.no_mouse)
    return _run_command(args.command, args, paths)


def _fast_home() -> str:
    from rejection_therapy.filenames import HOME_VARIABLE, plain_default_home

    override = os.environ.get(HOME_VARIABLE, "").strip()
    if override:
        return os.path.expanduser(override)
    plain = plain_default_home()
    if plain is not None:
        return plain
    from rejection_therapy.paths import resolve_home

    return str(resolve_home())


def _run_command(command: str, args: argparse.Namespace, paths: Paths) -> int:
    import importlib

    from rejection_therapy.cli.output import Output
    from rejection_therapy.service import Service

    module_name, function_name = HANDLERS[command]
    handler = getattr(
        importlib.import_module(f"rejection_therapy.cli.{module_name}"), function_name
    )
    service = Service(paths)
    code = int(handler(service, args, Output()))
    if command != "doctor":
        from rejection_therapy.cli.output import warn_damaged

        warn_damaged(service.damaged)
    return code


# Each command's module is imported only when that command runs.
HANDLERS = {
    "today": ("entries", "cmd_today"),
    "log": ("entries", "cmd_log"),
    "undo": ("entries", "cmd_undo"),
    "edit": ("entries", "cmd_edit"),
    "delete": ("entries", "cmd_delete"),
    "stats": ("progress", "cmd_stats"),
    "badges": ("progress", "cmd_badges"),
    "history": ("progress", "cmd_history"),
    "start": ("admin", "cmd_start"),
    "demo": ("admin", "cmd_demo"),
    "locate": ("admin", "cmd_locate"),
    "config": ("admin", "cmd_config"),
    "packs": ("packs", "cmd_packs"),
    "never": ("packs", "cmd_never"),
    "resolve": ("coaching", "cmd_resolve"),
    "followups": ("coaching", "cmd_followups"),
    "checkin": ("coaching", "cmd_checkin"),
    "rest": ("coaching", "cmd_rest"),
    "intention": ("coaching", "cmd_intention"),
    "profile": ("profile", "cmd_profile"),
    "event": ("profile", "cmd_event"),
    "review": ("coaching", "cmd_review"),
    "share": ("share", "cmd_share"),
    "doctor": ("data", "cmd_doctor"),
    "export": ("data", "cmd_export"),
    "import": ("data", "cmd_import"),
    "remind": ("remind", "cmd_remind"),
    "sync": ("sync", "cmd_sync"),
}


NO_MOUSE = "--no-mouse"
"""Open the app leaving the mouse to the terminal (select-to-copy), whatever device.json says."""


def _bare(paths: Paths, no_mouse: bool = False) -> int:
    """No command: the TUI on a terminal; today's status otherwise (e.g. over `ssh host cmd`)."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        from rejection_therapy.tui import run_app

        return run_app(paths, mouse=False if no_mouse else None)
    import argparse

    return _run_command("today", argparse.Namespace(json=False, swap=False), paths)
