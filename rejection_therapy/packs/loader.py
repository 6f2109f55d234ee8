"""Read a pack file safely and turn every problem into a located, one-line message."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from rejection_therapy.packs.models import (
    CHALLENGE_KEYS,
    TOP_LEVEL_KEYS,
    DuplicateIdError,
    Pack,
)

MAX_FILE_BYTES = 1024 * 1024
PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
MAX_NODES = 200_000

Location = tuple[int, int]
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack file, located for the author."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class PackError(Exception):
    """A pack file could not be loaded; holds every problem found."""

    def __init__(self, problems: list[PackProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def load_pack(path: Path) -> Pack:
    """Load and validate one pack file, or raise PackError listing every problem."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PackError(
                [PackProblem(name, 1, 1, "", f"file is {size:,} bytes; packs are limited to 1 MiB")]
            )
        raw = path.read_bytes()
    except OSError as error:
        raise PackError(
            [PackProblem(name, 1, 1, "", f"cannot read file: {error.strerror}")]
        ) from error
    return parse_pack(raw, name)


def parse_pack(raw: bytes, name: str) -> Pack:
    """Validate the bytes of a pack file; `name` is used in messages."""
    text = _decode(raw, name)
    document, marks = _compose(text, name)
    problems = _shape_problems(document, marks, name)
    try:
        pack = Pack.model_validate(document)
    except ValidationError as error:
        problems.extend(_validation_problems(error, marks, name))
        raise PackError(_sorted_unique(problems)) from None
    if problems:
        raise PackError(_sorted_unique(problems))
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


def _compose(text: str, name: str) -> tuple[Any, dict[FieldPath, Location]]:
    """Parse YAML into plain data with the line and column of every value."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        raise PackError([_reader_problem(error, text, name)]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise PackError(
                [PackProblem(name, 1, 1, "", "the file is empty: start from `packs new`")]
            )
        builder = _Builder(loader, name)
        data = builder.build(node, ())
        if builder.problems:
            raise PackError(_sorted_unique(builder.problems))
        return data, builder.marks
    except yaml.reader.ReaderError as error:
        raise PackError([_reader_problem(error, text, name)]) from None
    except yaml.MarkedYAMLError as error:
        raise PackError([_yaml_problem(error, text, name)]) from None
    except yaml.YAMLError as error:
        raise PackError(
            [PackProblem(name, 1, 1, "", f"YAML error: {_one_line(str(error))}")]
        ) from None
    finally:
        loader.dispose()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _reader_problem(error: yaml.reader.ReaderError, text: str, name: str) -> PackProblem:
    position = error.position
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return PackProblem(
        name,
        line,
        column,
        "",
        f"control character U+{ord(character):04X} is not allowed in a pack; delete it",
    )


def _yaml_problem(error: yaml.MarkedYAMLError, text: str, name: str) -> PackProblem:
    # A scanner error's context mark is where the broken construct starts (an unclosed
    # quote's opening); a parser's context is only the enclosing block, so use the problem.
    scanning = isinstance(error, yaml.scanner.ScannerError) and error.context_mark is not None
    mark = error.context_mark if scanning else error.problem_mark
    detail = _one_line(" ".join(part for part in (error.context, error.problem) if part))
    quote = _unclosed_quote(text) if isinstance(error, yaml.parser.ParserError) else None
    if quote is not None:
        mark = quote
        detail = "this quote is never closed (the text runs on over the next lines); add the closing quote"
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    if error.problem_mark is not None and error.problem_mark.line + 1 != line:
        detail += f" (the parser gave up at line {error.problem_mark.line + 1})"
    return PackProblem(name, line, column, "", f"YAML syntax error: {detail}")


_KEY_ON_NEW_LINE = re.compile(r"\n[ \t]*-?[ \t]*[A-Za-z_][\w-]*:(\s|$)")


def _unclosed_quote(text: str) -> yaml.Mark | None:
    """The start of a quoted value that swallowed the following keys, if there is one."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in {'"', "'"}
                and token.end_mark.line > token.start_mark.line
                and _KEY_ON_NEW_LINE.search(text[token.start_mark.index : token.end_mark.index])
            ):
                return token.start_mark
    except yaml.YAMLError:
        return None
    return None


class _Builder:
    """Turns composed YAML nodes into data, counting nodes to stop alias bombs early."""

    def __init__(self, loader: yaml.SafeLoader, name: str) -> None:
        self.loader = loader
        self.name = name
        self.marks: dict[FieldPath, Location] = {}
        self.problems: list[PackProblem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise PackError(
                [
                    PackProblem(
                        self.name,
                        node.start_mark.line + 1,
                        1,
                        "",
                        "too many values (an alias bomb?): packs hold at most 200,000",
                    )
                ]
            )
        location = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.marks.setdefault(path, location)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in PLAIN_TAGS:
            self.problems.append(
                PackProblem(
                    self.name,
                    *location,
                    _field_name(path),
                    f"the tag {node.tag!r} is not allowed: packs hold plain text, numbers and lists",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(
                        PackProblem(
                            self.name,
                            key_node.start_mark.line + 1,
                            key_node.start_mark.column + 1,
                            _field_name(path),
                            "a key must be plain text",
                        )
                    )
                    continue
                key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, str | int):
                    key = str(key)
                self.marks.setdefault(
                    (*path, key), (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                )
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)


def _shape_problems(
    document: Any, marks: dict[FieldPath, Location], name: str
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
    problems.extend(_unknown_keys(document, (), TOP_LEVEL_KEYS, marks, name))
    challenges = document.get("challenges")
    if isinstance(challenges, list):
        first_index: dict[str, int] = {}
        for index, item in enumerate(challenges):
            if not isinstance(item, dict):
                continue
            problems.extend(_unknown_keys(item, ("challenges", index), CHALLENGE_KEYS, marks, name))
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
    marks: dict[FieldPath, Location],
    name: str,
) -> list[PackProblem]:
    problems = []
    for key in mapping:
        if key in known:
            continue
        line, column = marks.get((*path, key), (1, 1))
        hint = difflib.get_close_matches(str(key), known, n=1)
        advice = f"did you mean `{hint[0]}`?" if hint else f"known keys: {', '.join(known)}"
        problems.append(
            PackProblem(name, line, column, _field_name((*path, key)), f"unknown key; {advice}")
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
        problems.append(PackProblem(name, line, column, _field_name(path), _explain(item)))
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


def _explain(item: Any) -> str:
    kind = item["type"]
    value = item.get("input")
    if kind == "missing":
        return "required field is missing; add it"
    if kind in {"string_type"}:
        shown = (
            "true/false"
            if isinstance(value, bool)
            else "null (nothing)"
            if value is None
            else repr(value)
        )
        return f"expected text but YAML read {shown}; put the value in quotes"
    if kind in {"int_type", "int_parsing"}:
        return f"expected a whole number, got {value!r}"
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
    if field == "language":
        return f"{value!r} is not a language code: use one such as en, de or pt-BR"
    if field == "tags":
        return (
            f"{value!r} is not a tag: use lowercase letters, digits and dashes (e.g. costs-money)"
        )
    return f"{value!r} is not a valid id: use lowercase letters, digits and dashes"


def _field_name(path: FieldPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        shown = part if part.isprintable() and part.strip() == part else repr(part)
        text += f".{shown}" if text else shown
    return text


def _sorted_unique(problems: list[PackProblem]) -> list[PackProblem]:
    return sorted(set(problems), key=lambda problem: (problem.line, problem.column, problem.field))
