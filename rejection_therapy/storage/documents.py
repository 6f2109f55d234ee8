"""Stored documents read as records (core/models.py), and records written as documents.

Reading a whole history is the app's heaviest work, so each record type gets one plain
function, generated once from the field table below, that checks every value within
core/bounds.py and builds the record. A document it does not accept goes to the record's
pydantic schema (storage/schemas.py), which decides: it reads some lax values the plain
checks leave to it, and says exactly what is wrong with the rest. The plain checks accept
only what the schema accepts, and read it to the same record; tests/storage/test_documents.py
compares the two on generated documents.

Standard library only, so a command that reads the data file in full imports no pydantic
unless a document is damaged.
"""

from __future__ import annotations

import math
import re
from dataclasses import MISSING, fields
from datetime import date, datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from rejection_therapy.core import bounds
from rejection_therapy.core.models import (
    CheckIn,
    DailyAsk,
    EarnedBadge,
    Entry,
    Event,
    FollowUp,
    Intention,
    Outcome,
    RestDay,
    Run,
    Settings,
    Tombstone,
)

ID, DAY, INSTANT, BOOL, OUTCOME = "id", "day", "instant", "bool", "outcome"
SHORT = ("text", bounds.MAX_SHORT_TEXT)
ASK = ("text", bounds.MAX_ASK)
NOTE = ("text", bounds.MAX_NOTE)
SHORT_LIST = ("texts", bounds.MAX_LIST)
DIFFICULTY = ("int", bounds.MIN_DIFFICULTY, bounds.MAX_DIFFICULTY)
FEAR = ("int", bounds.MIN_FEAR, bounds.MAX_FEAR)

FIELDS: dict[type, dict[str, Any]] = {
    Run: {
        "id": ID,
        "number": ("int", 1, bounds.MAX_RUN_NUMBER),
        "start": DAY,
        "length": ("int", bounds.MIN_RUN_DAYS, bounds.MAX_RUN_DAYS),
        "packs": SHORT_LIST,
        "created_at": INSTANT,
        "ended_on": DAY,
        "updated_at": INSTANT,
        "joined_into": ID,
    },
    Entry: {
        "id": ID,
        "run_id": ID,
        "date": DAY,
        "outcome": OUTCOME,
        "ask_text": ASK,
        "ask_id": ID,
        "pack": SHORT,
        "difficulty": DIFFICULTY,
        "category": SHORT,
        "own": BOOL,
        "note": NOTE,
        "learned": NOTE,
        "next_time": NOTE,
        "fear_before": FEAR,
        "fear_after": FEAR,
        "toolbox_tip": SHORT,
        "resolved_at": INSTANT,
        "asked_why": BOOL,
        "late": BOOL,
        "created_at": INSTANT,
        "updated_at": INSTANT,
        "seq": ("int", 0, bounds.MAX_SEQ),
        "kind": ("one of", "application"),
    },
    FollowUp: {
        "id": ID,
        "entry_id": ID,
        "text": NOTE,
        "due": DAY,
        "created_at": INSTANT,
        "done_at": INSTANT,
    },
    CheckIn: {
        "id": ID,
        "run_id": ID,
        "date": DAY,
        "worked": NOTE,
        "didnt": NOTE,
        "gap": NOTE,
        "created_at": INSTANT,
    },
    Event: {
        "id": ID,
        "kind": ("one of", "rejection", "interview", "offer"),
        "date": DAY,
        "created_at": INSTANT,
        "entry_id": ID,
    },
    Intention: {"run_id": ID, "text": NOTE, "set_at": INSTANT},
    DailyAsk: {
        "run_id": ID,
        "date": DAY,
        "ask_id": ID,
        "text": ASK,
        "pack": SHORT,
        "difficulty": DIFFICULTY,
        "category": SHORT,
        "tip": ASK,
        "why_prompt": ASK,
        "safety": ASK,
        "swapped_away": SHORT_LIST,
        "needs": SHORT_LIST,
        "via": SHORT_LIST,
        "tags": SHORT_LIST,
        "rung_shift": ("int", -1, 1),
        "shift_since": DAY,
        "ladder_note": ASK,
        "pool_note": ASK,
        "who": SHORT,
        "push": BOOL,
    },
    EarnedBadge: {"badge_id": ID, "earned_at": INSTANT, "date": DAY, "entry_id": ID},
    RestDay: {"date": DAY, "run_id": ID, "declared_at": INSTANT},
    Tombstone: {"id": ID, "deleted_at": INSTANT},
}
"""Every stored field of every record, with the kind of value it holds. A field the record
gives a default of None may also be null; one without a default must be present."""

_IS_ID = re.compile(bounds.ID_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
_HAS_BAD_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]").search
"""A control character but a line break or tab (core/bounds.py's TEXT_PATTERN), or half of
a surrogate pair (JSON can spell one; no UTF-8 file can hold it, and pydantic refuses it)."""
_IS_DAY = re.compile(r"\d{4}-\d{2}-\d{2}").fullmatch
_IS_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})"
).fullmatch
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
_days: dict[str, date | None] = {}
_SEEN_IDS: set[str] = set()
_MOST_CACHED = 1_000_000


def _seen_id(text: str) -> None:
    if len(_SEEN_IDS) >= _MOST_CACHED:  # a long-lived TUI reading many histories
        _SEEN_IDS.clear()
    _SEEN_IDS.add(text)


_MISSING = object()


def _day(text: str) -> date | None:
    """The date `text` names when it is one within the bounds (cached: a history repeats
    its dates in every table)."""
    day = _days.get(text, _MISSING)
    if day is _MISSING:
        try:
            parsed: date | None = date.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None and not bounds.EARLIEST_DATE <= parsed <= bounds.LATEST_DATE:
            parsed = None
        if len(_days) >= _MOST_CACHED:  # a hostile file naming millions of dates
            _days.clear()
        _days[text] = day = parsed
    return day  # type: ignore[return-value]


def _instant(text: str) -> datetime | None:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        return None
    if not bounds.EARLIEST_INSTANT <= instant <= bounds.LATEST_INSTANT:
        return None
    return instant


def _texts(values: list[Any], most: int) -> bool:
    if not values:  # most stored lists are empty
        return True
    return len(values) <= most and all(
        value.__class__ is str
        and len(value) <= bounds.MAX_SHORT_TEXT
        and (value.isprintable() or not _HAS_BAD_CHARACTER(value))
        for value in values
    )


def _check_lines(name: str, kind: Any, value: str) -> list[str]:
    """Lines that reject (`return None`) unless `value` holds a `kind`, then read it."""
    if kind == ID:  # ids repeat (a run's, an ask's): each distinct one is matched once
        return [
            f"if {value}.__class__ is not str: return None",
            f"if {value} not in _SEEN_IDS:",
            f"    if not _IS_ID({value}): return None",
            f"    _seen_id({value})",
        ]
    if kind == DAY:
        return [
            f"if {value}.__class__ is not str or not _IS_DAY({value}): return None",
            f"{value} = _day({value})",
            f"if {value} is None: return None",
        ]
    if kind == INSTANT:
        return [
            f"if {value}.__class__ is not str or not _IS_INSTANT({value}): return None",
            f"{value} = _instant({value})",
            f"if {value} is None: return None",
        ]
    if kind == BOOL:
        return [f"if {value} is not True and {value} is not False: return None"]
    if kind == OUTCOME:
        return [
            f"if {value}.__class__ is not str: return None",
            f"{value} = _OUTCOMES.get({value})",
            f"if {value} is None: return None",
        ]
    shape = kind[0]
    if shape == "text":  # printable text holds no control character: most is, at C speed
        return [
            f"if {value}.__class__ is not str or len({value}) > {kind[1]}: return None",
            f"if not {value}.isprintable() and _HAS_BAD_CHARACTER({value}): return None",
        ]
    if shape == "texts":
        return [
            f"if {value}.__class__ is not list or not _texts({value}, {kind[1]}): return None",
            f"{value} = list({value})",
        ]
    if shape == "int":
        return [
            f"if {value}.__class__ is not int or not {kind[1]} <= {value} <= {kind[2]}: return None"
        ]
    if shape == "one of":
        return [f"if {value}.__class__ is not str or {value} not in {kind[1:]!r}: return None"]
    raise ValueError(f"{name}: unknown kind {kind!r}")


def _reader_source(record: type, table: dict[str, Any]) -> str:
    """The source of one record type's reader: a function of the document that returns
    the record, or None when any value is not plainly within its bounds."""
    lines = ["def read(document):", "    get = document.get"]
    arguments = []
    for number, spec in enumerate(fields(record)):
        value = f"v{number}"
        lines.append(f"    {value} = get({spec.name!r}, _MISSING)")
        checks = _check_lines(spec.name, table[spec.name], value)
        has_default = spec.default is not MISSING or spec.default_factory is not MISSING
        if not has_default:
            lines += [f"    {line}" for line in checks]
        else:
            default = f"_DEFAULTS[{record.__name__!r}][{spec.name!r}]()"
            lines.append(f"    if {value} is _MISSING: {value} = {default}")
            lines.append(f"    elif {value} is not None:" if spec.default is None else "    else:")
            lines += [f"        {line}" for line in checks]
        arguments.append(value)
    # Every value checked: the record is filled slot by slot, twice as fast as its
    # keyword __init__ (which checks nothing more; the records define no __post_init__).
    lines.append("    record = _NEW(_RECORD)")
    lines += [f"    _set{number}(record, {value})" for number, value in enumerate(arguments)]
    lines.append("    return record")
    return "\n".join(lines)


def _defaults(record: type) -> dict[str, Any]:
    made = {}
    for spec in fields(record):
        if spec.default_factory is not MISSING:
            made[spec.name] = spec.default_factory
        elif spec.default is not MISSING:
            made[spec.name] = lambda value=spec.default: value
    return made


_DEFAULTS = {record.__name__: _defaults(record) for record in FIELDS}


def _reader(record: type) -> Any:
    table = FIELDS[record]
    names = {spec.name for spec in fields(record)}
    if names != set(table):
        raise ValueError(f"{record.__name__}: the field table names {sorted(table)}")
    scope = {
        "_MISSING": _MISSING,
        "_DEFAULTS": _DEFAULTS,
        "_RECORD": record,
        "_NEW": object.__new__,
        **{f"_set{n}": getattr(record, spec.name).__set__ for n, spec in enumerate(fields(record))},
        "_SEEN_IDS": _SEEN_IDS,
        "_seen_id": _seen_id,
        "_IS_ID": _IS_ID,
        "_IS_DAY": _IS_DAY,
        "_IS_INSTANT": _IS_INSTANT,
        "_HAS_BAD_CHARACTER": _HAS_BAD_CHARACTER,
        "_OUTCOMES": _OUTCOMES,
        "_day": _day,
        "_instant": _instant,
        "_texts": _texts,
    }
    exec(_reader_source(record, table), scope)  # noqa: S102 - source built from FIELDS only
    return scope["read"]


PLAIN_READERS = {record: _reader(record) for record in FIELDS}
"""record type -> reader(document) -> record | None (None: ask the schema)."""


def read_plainly(record: type[Any], document: Any) -> Any:
    """The record `document` holds when every value is plainly within bounds, else None."""
    if document.__class__ is not dict:
        return None
    return PLAIN_READERS[record](document)


def read_document(kind: type[Any], document: Any) -> Any:
    """The record `document` holds: read plainly, else by its schema, which raises
    pydantic's ValidationError (a ValueError) naming what is wrong."""
    record = read_settings_plainly(document) if kind is Settings else read_plainly(kind, document)
    if record is None:
        from rejection_therapy.storage.schemas import SCHEMAS, as_record

        record = as_record(kind, SCHEMAS[kind].model_validate(document))
    return record


def read_settings_plainly(document: Any) -> Settings | None:
    """The settings `document` holds when every value is plainly right, else None."""
    if document.__class__ is not dict:
        return None
    made: dict[str, Any] = {}
    for spec in fields(Settings):
        if spec.name not in document:
            continue
        value = document[spec.name]
        if not _SETTING_CHECKS[spec.name](value):
            return None
        made[spec.name] = value.copy() if isinstance(value, list | dict) else value
    if "pack_weights" in made:
        made["pack_weights"] = {key: float(weight) for key, weight in made["pack_weights"].items()}
    return Settings(**made)


def _short(value: Any) -> bool:
    return (
        value.__class__ is str
        and len(value) <= bounds.MAX_SHORT_TEXT
        and not _HAS_BAD_CHARACTER(value)
    )


def _known_zone(value: Any) -> bool:
    if not _short(value) or not value:
        return False
    try:
        ZoneInfo(value)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _weights(value: Any) -> bool:
    return (
        value.__class__ is dict
        and len(value) <= bounds.MAX_LIST
        and all(
            _short(key)
            and weight.__class__ in (int, float)
            and math.isfinite(weight)
            and bounds.MIN_WEIGHT <= weight <= bounds.MAX_WEIGHT
            for key, weight in value.items()
        )
    )


def _profile(value: Any) -> bool:
    from rejection_therapy.core.situation import GOALS, HAVES

    if value.__class__ is not dict or len(value) > 20:
        return False
    for key, answer in value.items():
        if not _short(key) or not (answer is True or answer is False or _short(answer)):
            return False
        if key == "goal" and answer not in GOALS:
            return False
        if key in HAVES and answer.__class__ is not bool:
            return False
    return True


def _whole(low: int, high: int) -> Any:
    return lambda value: value.__class__ is int and low <= value <= high


_SETTING_CHECKS = {
    "timezone": _known_zone,
    "rollover_hour": _whole(0, 23),
    "run_length": _whole(bounds.MIN_RUN_DAYS, bounds.MAX_RUN_DAYS),
    "theme": lambda value: value in ("dark", "light") and value.__class__ is str,
    "pending_days": _whole(1, 365),
    "rest_days_per_run": _whole(0, 100),
    "excluded_tags": lambda value: value.__class__ is list and _texts(value, bounds.MAX_LIST),
    "disabled_packs": lambda value: value.__class__ is list and _texts(value, bounds.MAX_LIST),
    "pack_weights": _weights,
    "retired_asks": lambda value: value.__class__ is list and _texts(value, 100_000),
    "profile": _profile,
    "profile_asked": lambda value: value is True or value is False,
}


def to_document(record: Any) -> dict[str, Any]:
    """A record as the data file keeps it: dates and instants as ISO-8601 text (a UTC
    instant ends in Z), outcomes as their words, in the record's field order."""
    return _WRITERS[type(record)](record)


def stored_generally(record: Any) -> dict[str, Any]:
    """to_document by each value's type rather than its field's (tests compare the two)."""
    return {spec.name: _stored(getattr(record, spec.name)) for spec in fields(record)}


_AS_STORED = (str, int, bool, float, type(None))
_WRITTEN_AS = {
    # a field's declared type: how its value `{v}` is written; any other type, by _stored
    **dict.fromkeys(("str", "int", "bool", "str | None", "int | None"), "{v}"),
    **dict.fromkeys(("Outcome",), "str({v})"),  # a StrEnum: its word
    **dict.fromkeys(("date",), "{v}.isoformat()"),
    **dict.fromkeys(("date | None", "Day | None"), "None if {v} is None else {v}.isoformat()"),
    **dict.fromkeys(("datetime",), "{v}.isoformat().replace('+00:00', 'Z')"),
    **dict.fromkeys(
        ("datetime | None",), "None if {v} is None else {v}.isoformat().replace('+00:00', 'Z')"
    ),
    **dict.fromkeys(("list[str]",), "list({v})"),
    **dict.fromkeys(("list[str] | None",), "None if {v} is None else list({v})"),
}


def _writer_source(kind: type) -> str:
    """`to_document` for one record type, one expression per field (a history of ten
    years is written in a fraction of the time a loop over every value takes)."""
    items = []
    for spec in fields(kind):
        expression = _WRITTEN_AS.get(str(spec.type), "_stored({v})")
        items.append(f"{spec.name!r}: " + expression.format(v=f"r.{spec.name}"))
    return "def write(r):\n    return {" + ", ".join(items) + "}\n"


def _writer(kind: type) -> Any:
    scope: dict[str, Any] = {"_stored": _stored}
    exec(_writer_source(kind), scope)  # noqa: S102 - source built from dataclass fields only
    return scope["write"]


def stored_text(record: Any, exclude: frozenset[str] = frozenset()) -> str:
    """A record's stored document as compact JSON text (as pydantic wrote it), leaving out
    `exclude`: the same text on every machine, for ordering and comparing records."""
    import json

    document = {key: value for key, value in to_document(record).items() if key not in exclude}
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def _stored(value: Any) -> Any:
    if value.__class__ in _AS_STORED:  # most values: checked first, exporting a history
        return value
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_stored(item) for item in value]
    if isinstance(value, dict):
        return {key: _stored(item) for key, item in value.items()}
    return value


def checked_document(record: Any) -> dict[str, Any]:
    """The document a record is stored as, checked within bounds before it is written: a
    record built from a person's input or a pack is one the file may hold (a value out
    of bounds raises pydantic's ValidationError, a ValueError, naming it)."""
    document = to_document(record)
    kind = type(record)
    plain = read_settings_plainly(document) if kind is Settings else read_plainly(kind, document)
    if plain is None or plain != record:
        from rejection_therapy.storage.schemas import SCHEMAS

        SCHEMAS[kind].model_validate(document)
    return document


_WRITERS = {kind: _writer(kind) for kind in (*FIELDS, Settings)}
