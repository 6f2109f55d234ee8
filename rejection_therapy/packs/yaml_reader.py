"""Pack YAML into plain data, with the line and column of every value, within fixed limits.

A pack comes from someone else, so reading one must never recurse without bound, expand
without bound or fail with anything but a located problem: nesting is counted while the
parser composes (it never goes deeper than MAX_DEPTH), an alias inside the value it names
is refused where it is written, values are counted as they are built (alias bombs), and
every scalar is constructed under a guard (a 5,000-digit number or a 30 February is a
problem in the file, not an exception).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from rejection_therapy.packs.models import MAX_NUMBER_CHARS
from rejection_therapy.packs.problems import (
    FieldPath,
    Location,
    PackError,
    PackProblem,
    field_name,
    sorted_unique,
)

MAX_NODES = 200_000
MAX_DEPTH = 20
"""Levels of nesting; a pack needs five (pack, challenges, a challenge, its tags, a tag)."""

_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = {f"{_TAG}map", f"{_TAG}seq"}
SCALAR_KINDS = {
    f"{_TAG}str": "text",
    f"{_TAG}int": "a whole number",
    f"{_TAG}float": "a number",
    f"{_TAG}bool": "true/false",
    f"{_TAG}null": "null",
    f"{_TAG}timestamp": "a date",
}
_INT = f"{_TAG}int"
# What PyYAML's constructors raise on a value they cannot read (`!!int "abc"`, a 30
# February, `!!timestamp "x"`; a ConstructorError when an alias repeats such a value): the
# value is the author's, so each is a located problem.
_CONSTRUCTOR_FAILURES = (
    ArithmeticError,
    AttributeError,
    LookupError,
    TypeError,
    ValueError,
    yaml.constructor.ConstructorError,
)


class Composed:
    """A pack file as plain data, where each value and key was written, and the numbers
    YAML changed."""

    def __init__(
        self,
        data: Any,
        marks: dict[FieldPath, Location],
        keys: dict[FieldPath, Location],
        changed_numbers: dict[FieldPath, tuple[str, int]],
    ) -> None:
        self.data = data
        self.marks = marks
        """Where each value starts, by its path."""
        self.keys = keys
        """Where the key naming each value starts, by the value's path."""
        self.changed_numbers = changed_numbers
        """Whole numbers YAML reads as another number (`012` is 10, `1:30` is 90): as written,
        and as read."""


class _Refused(Exception):
    """A limit the composer enforces, with where it was hit."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class PackYamlLoader(yaml.SafeLoader):
    """The safe loader, composing no deeper than MAX_DEPTH and refusing self-containing aliases."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0
        self.open_anchors: set[str] = set()

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self.open_anchors:
                raise _Refused(
                    event.start_mark,
                    f"the alias *{event.anchor} is inside the value &{event.anchor} it names, "
                    "so it would repeat forever; remove the alias",
                )
            return super().compose_node(parent, index)
        if self.depth >= MAX_DEPTH:
            raise _Refused(
                event.start_mark,
                f"values are nested more than {MAX_DEPTH} levels deep; a pack needs five "
                "(pack, challenges, a challenge, its tags, a tag): flatten it",
            )
        anchor = getattr(event, "anchor", None)
        self.depth += 1
        if anchor is not None:
            self.open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1
            if anchor is not None:
                self.open_anchors.discard(anchor)


def compose(text: str, name: str) -> Composed:
    """Parse YAML into plain data with the line and column of every value."""
    try:
        loader = PackYamlLoader(text)
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
            raise PackError(sorted_unique(builder.problems))
        return Composed(data, builder.marks, builder.keys, builder.changed_numbers)
    except _Refused as error:
        line, column = error.mark.line + 1, error.mark.column + 1
        raise PackError([PackProblem(name, line, column, "", error.message)]) from None
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


def _shown(text: str, limit: int = 40) -> str:
    """A value as written, short enough for a one-line message."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return short if short.isprintable() else repr(short)


class _Builder:
    """Turns composed YAML nodes into data, counting nodes to stop alias bombs early."""

    def __init__(self, loader: yaml.SafeLoader, name: str) -> None:
        self.loader = loader
        self.name = name
        self.marks: dict[FieldPath, Location] = {}
        self.keys: dict[FieldPath, Location] = {}
        self.changed_numbers: dict[FieldPath, tuple[str, int]] = {}
        self.problems: list[PackProblem] = []
        self.count = 0

    def _refuse(self, node: yaml.Node, message: str) -> PackError:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        return PackError([PackProblem(self.name, line, column, "", message)])

    def _problem(self, node: yaml.Node, path: FieldPath, message: str) -> None:
        location = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.problems.append(PackProblem(self.name, *location, field_name(path), message))

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._refuse(node, "too many values (an alias bomb?): packs hold at most 200,000")
        if len(path) >= MAX_DEPTH:  # aliases can nest deeper than the text does
            raise self._refuse(
                node,
                f"values are nested more than {MAX_DEPTH} levels deep (through aliases); "
                "write the values out instead",
            )
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode) and node.tag in PLAIN_TAGS:
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag in PLAIN_TAGS:
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in SCALAR_KINDS:
            return self._scalar(node, path)
        self._problem(
            node,
            path,
            f"the tag {node.tag!r} is not allowed: packs hold plain text, numbers and lists",
        )
        return None

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in SCALAR_KINDS:
                self._problem(key_node, path, "a key must be plain text")
                continue
            key = self._scalar(key_node, path, record=False)
            if isinstance(key, bool) or not isinstance(key, str | int):
                key = str(key)
            key_path = (*path, key)
            if key in result:
                first_line = self.keys[key_path][0]
                self._problem(
                    key_node,
                    key_path,
                    f"duplicate key `{_shown(str(key))}` (first at line {first_line}); "
                    "keep one of them",
                )
                continue
            self.keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, key_path)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath, record: bool = True) -> Any:
        if node.tag == _INT and len(node.value) > MAX_NUMBER_CHARS:
            self._problem(node, path, _long_number_advice(path, len(node.value)))
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except _CONSTRUCTOR_FAILURES as error:
            kind = SCALAR_KINDS[node.tag]
            # A ValueError says what is wrong with the value (a 30 February); the others
            # only say where PyYAML tripped.
            reason = f" ({_shown(_one_line(str(error)), 60)})" if type(error) is ValueError else ""
            self._problem(
                node,
                path,
                f"YAML cannot read {_shown(node.value)} as {kind}{reason}; "
                "write it as text in quotes",
            )
            return None
        number = isinstance(value, int) and not isinstance(value, bool)
        if record and number and str(value) != node.value:
            self.changed_numbers[path] = (node.value, value)
        return value


def _long_number_advice(path: FieldPath, length: int) -> str:
    field = path[-1] if path else ""
    if field == "difficulty":
        hint = "difficulty runs from 1 to 5"
    elif field == "version":
        hint = "shorten the version"
    else:
        hint = "if it is text, put it in quotes"
    return f"this number is {length:,} characters long, more than the {MAX_NUMBER_CHARS} a pack allows; {hint}"
