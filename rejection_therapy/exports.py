"""JSON a person keeps or pipes: `export` and `history --json` (standard library only, a
leaf: the quick paths print it too).

One record per line: Python's JSON encoder runs in C only without indentation, and an
indented export of ten years took longer than reading the data. A record on a line of
its own still diffs, greps and reads well, and it is the same JSON to every parser. The
checked copy (storage/checked_copy.py) keeps the encoded lines, so a copy prints exactly
what the full check would.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

EXPORT_VERSION = 1
EXPORT_WARNING = "Warning: an export holds your notes and asks; keep it private.\n"
encode = json.JSONEncoder(ensure_ascii=False).encode


def newest_first(lines: list[Any], limit: int) -> list[Any]:
    """`history`'s order: the newest entry first, at most `limit` of them (0: all)."""
    newest = lines[::-1]
    return newest[:limit] if limit else newest


def lines_json(lines: Iterable[str], indent: str = "") -> str:
    """A list of encoded records, one per line."""
    body = ",\n".join(f"{indent}  {line}" for line in lines)
    return f"[\n{body}\n{indent}]" if body else "[]"


def tables_json(found: Mapping[str, Iterable[Mapping[str, Any]]]) -> str:
    """An export's `tables`: each table's documents, one per line."""
    tables = ",\n".join(
        f"    {encode(name)}: {lines_json(map(encode, docs), '    ')}"
        for name, docs in found.items()
    )
    return f"{{\n{tables}\n  }}" if tables else "{}"


def export_json(tables: str, schema_version: int, exported_at: str) -> str:
    """The export document: its versions, when it was made, and the tables (tables_json)."""
    head = {
        "export_version": EXPORT_VERSION,
        "schema_version": schema_version,
        "exported_at": exported_at,
    }
    fields = [f"  {encode(name)}: {encode(value)}" for name, value in head.items()]
    return "{\n" + ",\n".join(fields) + f',\n  "tables": {tables}\n}}\n'
