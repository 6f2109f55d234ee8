"""Read a pack file safely and turn every problem into a located, one-line message.

The loader raises nothing but PackError: a pack comes from someone else, and a file that
is too deep, too big, not a file at all or simply wrong is the author's problem to fix,
never a crash (yaml_reader.py composes the YAML within its limits).
"""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rejection_therapy.packs.models import (
    CHALLENGE_KEYS,
    TOP_LEVEL_KEYS,
    DuplicateIdError,
    Pack,
    UnsafeTextError,
)
from rejection_therapy.packs.problems import (
    FieldPath,
    Location,
    PackError,
    PackProblem,
    field_name,
    sorted_unique,
)
from rejection_therapy.packs.yaml_reader import compose
from rejection_therapy.untrusted import UntrustedFileError, read_bounded

__all__ = ["MAX_FILE_BYTES", "PackError", "PackProblem", "load_pack", "parse_pack", "read_pack"]

MAX_FILE_BYTES = 1024 * 1024
RULES_REVISION = 1
"""Raise it when the loader starts refusing or reading differently something the pack
models alone would accept: packs the parsed-packs cache kept are then parsed again (the
cache key test names the new key)."""


def read_pack(path: Path, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of a pack file: a regular file of at most 1 MiB, read once.

    `follow_symlinks=False` for the packs folder in the home, where a link is never one
    `packs add` made.
    """
    name = str(path)
    try:
        return read_bounded(path, MAX_FILE_BYTES, follow_symlinks=follow_symlinks, what="pack")
    except UntrustedFileError as error:
        advice = _refused_file_advice(path, str(error), follow_symlinks)
        raise PackError([PackProblem(name, 1, 1, "", advice)]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise PackError(
            [PackProblem(name, 1, 1, "", f"cannot read file: {reason}; check the path")]
        ) from None


def _refused_file_advice(path: Path, reason: str, follow_symlinks: bool) -> str:
    """What to do about a file read_bounded refused, from what the file is now."""
    try:
        info = os.stat(path, follow_symlinks=follow_symlinks)
    except OSError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        return "the file is a symbolic link, which is never followed here; remove it and install the pack with `packs add`"
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
        return f"the file is {info.st_size:,} bytes; packs are limited to 1 MiB ({MAX_FILE_BYTES:,} bytes): split it in two"
    reason = reason.removeprefix(f"{path} ")  # the problem line starts with the path already
    if not follow_symlinks:  # in the packs folder
        return f"the file {reason}; remove it from the packs folder"
    return f"the file {reason}; give the path of a pack file"


def load_pack(path: Path, *, follow_symlinks: bool = True) -> Pack:
    """Load and validate one pack file, or raise PackError listing every problem."""
    return parse_pack(read_pack(path, follow_symlinks=follow_symlinks), str(path))


def parse_pack(raw: bytes, name: str) -> Pack:
    """Validate the bytes of a pack file; `name` is used in messages."""
    try:
        return _parse(raw, name)
    except (RecursionError, MemoryError):
        # The limits in yaml_reader keep both away; should one be missed, the pack is
        # still only a file that could not be read.
        problem = PackProblem(
            name, 1, 1, "", "the file is too large or too deeply nested to read; simplify it"
        )
        raise PackError([problem]) from None


def _parse(raw: bytes, name: str) -> Pack:
    composed = compose(_decode(raw, name), name)
    problems = _shape_problems(composed.data, composed.marks, composed.keys, name)
    problems.extend(_changed_number_problems(composed.changed_numbers, composed.marks, name))
    try:
        pack = Pack.model_validate(composed.data)
    except ValidationError as error:
        problems.extend(_validation_problems(error, composed.marks, name))
        raise PackError(sorted_unique(problems)) from None
    if problems:
        raise PackError(sorted_unique(problems))
    return pack


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise PackError(
            [PackProblem(name, line, column, "", "file is not UTF-8 text; save it as UTF-8")]
        ) from None


def _changed_number_problems(
    changed: dict[FieldPath, tuple[str, int]], marks: dict[FieldPath, Location], name: str
) -> list[PackProblem]:
    """A version YAML read as another number (`012` is 10): the one text field a number
    may fill, so the number must be the one written."""
    if ("version",) not in changed:
        return []
    written, read = changed["version",]
    line, column = marks.get(("version",), (1, 1))
    message = f"YAML reads {written} as the number {read}; put the value in quotes"
    return [PackProblem(name, line, column, "version", message)]


def _shape_problems(
    document: Any, marks: dict[FieldPath, Location], keys: dict[FieldPath, Location], name: str
) -> list[PackProblem]:
    """Unknown keys with a typo hint, checked before pydantic's terser messages."""
    problems: list[PackProblem] = []
    if not isinstance(document, dict):
        line, column = marks.get((), (1, 1))
        problems.append(
            PackProblem(
                name,
                line,
                column,
                "",
                "a pack is a mapping with `pack`, `title`, ... and `challenges`",
            )
        )
        return problems
    problems.extend(_unknown_keys(document, (), TOP_LEVEL_KEYS, keys, name))
    challenges = document.get("challenges")
    if isinstance(challenges, list):
        first_index: dict[str, int] = {}
        for index, item in enumerate(challenges):
            if not isinstance(item, dict):
                continue
            problems.extend(_unknown_keys(item, ("challenges", index), CHALLENGE_KEYS, keys, name))
            challenge_id = item.get("id")
            if not isinstance(challenge_id, str):
                continue
            if challenge_id in first_index:
                cause = DuplicateIdError(challenge_id, first_index[challenge_id], index)
                problems.append(_duplicate_problem(cause, marks, name))
            else:
                first_index[challenge_id] = index
    return problems


def _unknown_keys(
    mapping: dict[Any, Any],
    path: FieldPath,
    known: tuple[str, ...],
    keys: dict[FieldPath, Location],
    name: str,
) -> list[PackProblem]:
    problems = []
    for key in mapping:
        if key in known:
            continue
        line, column = keys.get((*path, key), (1, 1))
        hint = difflib.get_close_matches(str(key), known, n=1)
        advice = f"did you mean `{hint[0]}`?" if hint else f"known keys: {', '.join(known)}"
        problems.append(
            PackProblem(name, line, column, field_name((*path, key)), f"unknown key; {advice}")
        )
    return problems


def _validation_problems(
    error: ValidationError, marks: dict[FieldPath, Location], name: str
) -> list[PackProblem]:
    problems = []
    for item in error.errors():
        if item["type"] == "extra_forbidden":
            continue  # already reported with a typo hint
        path: FieldPath = tuple(item["loc"])
        cause = (item.get("ctx") or {}).get("error")
        if isinstance(cause, DuplicateIdError):
            continue  # found on the raw data already, even when other fields are wrong
        line, column = _nearest_mark(path, marks)
        problems.append(PackProblem(name, line, column, field_name(path), _explain(item)))
    return problems


def _duplicate_problem(
    cause: DuplicateIdError, marks: dict[FieldPath, Location], name: str
) -> PackProblem:
    first_line, _ = _nearest_mark(("challenges", cause.first, "id"), marks)
    line, column = _nearest_mark(("challenges", cause.second, "id"), marks)
    return PackProblem(
        name,
        line,
        column,
        f"challenges[{cause.second}].id",
        f"duplicate id {cause.challenge_id!r} (first used at line {first_line}); give each ask its own id",
    )


def _nearest_mark(path: FieldPath, marks: dict[FieldPath, Location]) -> Location:
    """The location of a value, or of its closest parent when the value is missing."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in marks:
            return marks[path[:cut]]
    return (1, 1)


def _shown(value: object, limit: int = 60) -> str:
    """A value for a one-line message: its repr, cut short (a list can hold a whole pack)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _explain(item: Any) -> str:
    kind = item["type"]
    value = item.get("input")
    cause = (item.get("ctx") or {}).get("error")
    if kind == "missing":
        return "required field is missing; add it"
    if kind in {"string_type"}:
        shown = (
            "true/false"
            if isinstance(value, bool)
            else "null (nothing)"
            if value is None
            else _shown(value)
        )
        return f"expected text but YAML read {shown}; put the value in quotes"
    if isinstance(cause, UnsafeTextError):
        written = " (written as an escape in the file)" if cause.control else ""
        return f"{cause}{written}; delete it"
    if kind == "value_error" and cause is not None:
        return str(cause)
    if kind in {"int_type", "int_parsing"}:
        return f"expected a whole number, got {_shown(value)}"
    if kind in {"greater_than_equal", "less_than_equal"} and isinstance(value, int):
        return f"{value} is out of range; difficulty runs from 1 to 5"
    if kind == "too_short" and isinstance(value, list):
        return "the pack has no challenges; add at least one"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return (
            f"text is too long ({len(str(value))} characters; at most {item['ctx']['max_length']})"
        )
    if kind == "too_long":
        return f"too many items (at most {item['ctx']['max_length']})"
    if kind == "string_pattern_mismatch":
        return _pattern_advice(item["loc"], value)
    if kind == "list_type":
        return "expected a list"
    if kind in {"model_type", "dict_type"}:
        return "expected a mapping of fields"
    return str(item["msg"])


def _pattern_advice(location: tuple[object, ...], value: object) -> str:
    field = next((part for part in reversed(location) if isinstance(part, str)), "")
    shown = _shown(value)
    if field == "language":
        return f"{shown} is not a language code: use one such as en, de or pt-BR"
    if field == "tags":
        return f"{shown} is not a tag: use lowercase letters, digits and dashes (e.g. costs-money)"
    return f"{shown} is not a valid id: use lowercase letters, digits and dashes"
