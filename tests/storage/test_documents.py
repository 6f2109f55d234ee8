"""The plain document reader (storage/documents.py) against the pydantic schemas it stands
in for (storage/schemas.py): whatever the plain checks accept, the schema accepts and reads
to the same record; what they refuse, the schema decides."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from rejection_therapy.core import models
from rejection_therapy.storage import documents
from rejection_therapy.storage.documents import (
    FIELDS,
    checked_document,
    read_document,
    read_plainly,
    read_settings_plainly,
    stored_generally,
    to_document,
)
from rejection_therapy.storage.schemas import SCHEMAS, as_record

KINDS = sorted(FIELDS, key=lambda kind: kind.__name__)


@pytest.mark.parametrize("kind", [*KINDS, models.Settings], ids=lambda kind: kind.__name__)
def test_each_record_has_the_fields_and_defaults_of_its_schema(kind: type) -> None:
    schema = SCHEMAS[kind].model_fields
    plain = dataclasses.fields(kind)
    assert [spec.name for spec in plain] == list(schema)
    for spec in plain:
        info = schema[spec.name]
        if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            assert info.is_required(), spec.name
            continue
        made = (
            spec.default if spec.default_factory is dataclasses.MISSING else spec.default_factory()
        )
        assert info.get_default(call_default_factory=True) == made, spec.name


def _schema_read(kind: type, document: Any) -> Any:
    try:
        return as_record(kind, SCHEMAS[kind].model_validate(document))
    except ValidationError:
        return None


def _agrees(kind: type, document: dict[str, Any]) -> Any:
    """The plain reading of `document`, checked against the schema's."""
    plain = (
        read_settings_plainly(document) if kind is models.Settings else read_plainly(kind, document)
    )
    if plain is not None:
        assert _schema_read(kind, document) == plain, document
        assert read_document(kind, to_document(plain)) == plain  # stored and read back alike
    return plain


# -- values of each kind: mostly right, often at or past a bound, sometimes the wrong type --

ODD = st.sampled_from(
    [None, True, False, 0, 1, -1, 2.5, "", " ", "x", [], {}, ["a"], "\n", "1", 10**20]
)
TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["tab\there", "line\nbreak", "bell\x07", "c1\x85", "del\x7f", "é ✓ 🙂"]),
    st.integers(0, 3).map(lambda n: "x" * (200 + n)),
    st.integers(0, 3).map(lambda n: "y" * (500 + n)),
    st.integers(0, 3).map(lambda n: "z" * (2000 + n)),
)
IDS = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,81}", fullmatch=True),
    st.sampled_from(["abc\n", "-lead", "ok id", "a" * 80, "a" * 81, "ü", "a/b:c.d_e-f"]),
)
DAYS = st.one_of(
    st.dates(date(1990, 1, 1), date(2300, 1, 1)).map(date.isoformat),
    st.sampled_from(
        [
            "2026-02-30",
            "20260101",
            "2026-1-1",
            "1999-12-31",
            "2000-01-01",
            "2199-12-31",
            "2200-01-01",
            "2026-01-01T00:00:00",
            "2026-W01-1",
            "2026-01-01 ",
        ]
    ),
)
INSTANTS = st.one_of(
    st.builds(
        lambda moment, zone: moment.isoformat() + zone,
        st.datetimes(datetime(1999, 12, 30), datetime(2200, 1, 2)),
        st.sampled_from(["Z", "+00:00", "+02:00", "-05:30", "", "+14:00", "-00:00"]),
    ),
    st.sampled_from(
        [
            "2026-01-01T10:00:00Z",
            "2026-01-01T10:00:00.123Z",
            "2026-01-01T10:00:00.1Z",
            "2026-01-01T10:00:00.1234567Z",
            "2026-01-01 10:00:00Z",
            "2026-01-01T10:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T10:00:00+99:00",
            "2199-12-31T23:00:00-02:00",
            "1999-12-31T23:30:00-01:00",
        ]
    ),
)


def _values(kind: Any) -> st.SearchStrategy[Any]:
    if kind == documents.ID:
        good = IDS
    elif kind == documents.DAY:
        good = DAYS
    elif kind == documents.INSTANT:
        good = INSTANTS
    elif kind == documents.BOOL:
        good = st.booleans()
    elif kind == documents.OUTCOME:
        good = st.sampled_from(["no", "yes", "why", "pending", "No", "maybe"])
    elif kind[0] == "text":
        good = TEXTS
    elif kind[0] == "texts":
        good = st.lists(TEXTS, max_size=4) | st.integers(199, 201).map(lambda n: ["t"] * n)
    elif kind[0] == "int":
        low, high = kind[1], kind[2]
        good = st.integers(low - 2, high + 2) | st.sampled_from([low, high, True, float(low)])
    else:
        good = st.sampled_from([*kind[1:], "other"])
    return st.one_of(good, good, good, ODD)


def _documents(kind: type) -> st.SearchStrategy[dict[str, Any]]:
    table = FIELDS[kind]
    return st.fixed_dictionaries(
        {},
        optional={name: _values(field_kind) for name, field_kind in table.items()},
    ).map(lambda document: {**document, "unknown-key": "kept out"})


def _near_valid(kind: type) -> st.SearchStrategy[dict[str, Any]]:
    """A valid document with one to three values changed to anything, or left out: the
    plain checks must refuse each change the schema refuses, and read the rest alike."""
    names = list(FIELDS[kind])

    def changed(draw: Any) -> dict[str, Any]:
        document = draw(_valid_documents(kind))
        for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3)):
            if draw(st.integers(0, 4)) == 0:
                document.pop(name, None)
            else:
                document[name] = draw(_values(FIELDS[kind][name]))
        return document

    return st.composite(changed)()


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
@settings(max_examples=100, deadline=None, derandomize=True)
@given(data=st.data())
def test_the_plain_checks_accept_only_what_the_schema_reads_alike(
    kind: type, data: st.DataObject
) -> None:
    _agrees(kind, data.draw(_documents(kind)))
    _agrees(kind, data.draw(_near_valid(kind)))


def _valid_values(kind: Any) -> st.SearchStrategy[Any]:
    """Values within their bounds, as this app writes them."""
    plain_text = st.text(st.characters(blacklist_categories=["Cc"]), max_size=20)
    if kind == documents.ID:
        return st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,20}", fullmatch=True)
    if kind == documents.DAY:
        return st.dates(date(2000, 1, 1), date(2199, 12, 31)).map(date.isoformat)
    if kind == documents.INSTANT:
        return st.datetimes(datetime(2000, 1, 2), datetime(2199, 12, 30)).map(
            lambda moment: moment.isoformat() + "Z"
        )
    if kind == documents.BOOL:
        return st.booleans()
    if kind == documents.OUTCOME:
        return st.sampled_from(["no", "yes", "why", "pending"])
    if kind[0] == "text":
        return plain_text | st.just("two\nlines\tand a tab")
    if kind[0] == "texts":
        return st.lists(plain_text, max_size=3)
    if kind[0] == "int":
        return st.integers(kind[1], kind[2])
    return st.sampled_from(kind[1:])


def _valid_documents(kind: type) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({name: _valid_values(k) for name, k in FIELDS[kind].items()})


@pytest.mark.parametrize("kind", [models.Entry, models.Run, models.DailyAsk])
@settings(max_examples=50, deadline=None, derandomize=True)
@given(data=st.data())
def test_what_the_app_writes_is_read_plainly(kind: type, data: st.DataObject) -> None:
    """A record written as a document (UTC instants end in Z) reads back on the plain
    path: the slow path is for damaged documents, not for the app's own."""
    record = _schema_read(kind, data.draw(_valid_documents(kind)))
    assert record is not None
    document = to_document(record)
    assert read_plainly(kind, document) == record
    assert checked_document(record) == document


@pytest.mark.parametrize("kind", list(FIELDS), ids=lambda kind: kind.__name__)
@settings(max_examples=30, deadline=None, derandomize=True)
@given(data=st.data())
def test_each_generated_writer_writes_what_the_general_one_does(
    kind: type, data: st.DataObject
) -> None:
    record = _schema_read(kind, data.draw(_valid_documents(kind)))
    assert record is not None
    assert to_document(record) == stored_generally(record)
    assert list(to_document(record)) == list(stored_generally(record))  # the field order


def test_the_generated_settings_writer_writes_what_the_general_one_does() -> None:
    record = models.Settings(
        excluded_tags=["costs-money"], pack_weights={"sales": 2.0}, profile={"goal": "job"}
    )
    assert to_document(record) == stored_generally(record)
    assert to_document(record)["excluded_tags"] is not record.excluded_tags  # a copy


SETTINGS_VALUES = {
    "timezone": st.sampled_from(["UTC", "Europe/Berlin", "Nowhere/City", "", "../etc", 5]),
    "rollover_hour": st.integers(-1, 24) | ODD,
    "run_length": st.integers(0, 1001) | ODD,
    "theme": st.sampled_from(["dark", "light", "blue", None]),
    "pending_days": st.integers(0, 366) | ODD,
    "rest_days_per_run": st.integers(-1, 101) | ODD,
    "excluded_tags": st.lists(TEXTS, max_size=3) | st.just("costs-money, in-person") | ODD,
    "disabled_packs": st.lists(TEXTS, max_size=3) | ODD,
    "pack_weights": st.dictionaries(
        TEXTS, st.sampled_from([0.1, 10, 10.5, 0.05, 1, float("nan"), float("inf"), True, "2"])
    )
    | ODD,
    "retired_asks": st.lists(TEXTS, max_size=3) | ODD,
    "profile": st.dictionaries(
        st.sampled_from(["goal", "job", "online", "newer-key"]),
        st.sampled_from(["social", "job-search", "flying", True, False, "yes", 1]),
        max_size=4,
    )
    | ODD,
    "profile_asked": st.booleans() | ODD,
}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(document=st.fixed_dictionaries({}, optional=SETTINGS_VALUES))
def test_settings_read_plainly_as_the_schema_reads_them(document: dict[str, Any]) -> None:
    _agrees(models.Settings, document)


def test_a_weight_given_as_a_whole_number_reads_as_a_float_either_way() -> None:
    plain = read_settings_plainly({"pack_weights": {"social": 2}})
    assert plain is not None and plain.pack_weights == {"social": 2.0}
    assert isinstance(plain.pack_weights["social"], float)


@pytest.mark.parametrize(
    ("kind", "document"),
    [
        (models.Tombstone, {"id": "abc\n", "deleted_at": "2026-01-01T10:00:00Z"}),
        (models.Tombstone, {"id": "abc", "deleted_at": "2026-01-01T10:00:00"}),
        (models.RestDay, {"date": "2026-02-30"}),
        (models.RestDay, {"date": 20260101}),
        (models.Intention, {"run_id": "r1", "text": "bell\x07", "set_at": "2026-01-01T10:00Z"}),
    ],
)
def test_a_damaged_document_is_left_to_the_schema(kind: type, document: dict[str, Any]) -> None:
    assert read_plainly(kind, document) is None


def test_a_record_out_of_bounds_is_never_written() -> None:
    entry = read_document(
        models.Entry,
        {
            "id": "e1",
            "run_id": "r1",
            "date": "2026-01-01",
            "outcome": "no",
            "ask_text": "Ask for a discount",
            "created_at": "2026-01-01T10:00:00Z",
            "updated_at": "2026-01-01T10:00:00Z",
        },
    )
    with pytest.raises(ValueError, match="difficulty"):
        checked_document(dataclasses.replace(entry, difficulty=9))
    with pytest.raises(ValueError, match="ask_text"):
        checked_document(dataclasses.replace(entry, ask_text="x" * 501))
    assert checked_document(entry)["created_at"] == "2026-01-01T10:00:00Z"
