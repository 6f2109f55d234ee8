"""Journal lines through `_json` say exactly what the `json` package says."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy import lightjson

_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_a_line_is_written_as_json_writes_it_and_read_back(value):
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert lightjson.dumps_line(value) == expected
    assert lightjson.loads(expected.encode("utf-8")) == json.loads(expected.encode("utf-8"))
    assert lightjson.loads(expected) == json.loads(expected)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40) | st.text(max_size=40).map(lambda t: t.encode("utf-8", "replace")))
def test_any_bytes_read_as_json_reads_them_or_refused_as_it_refuses_them(raw):
    try:
        expected = ("value", json.loads(raw))
    except (ValueError, RecursionError):
        expected = ("refused", None)
    try:
        got = ("value", lightjson.loads(raw))
    except (ValueError, RecursionError):
        got = ("refused", None)
    assert got[0] == expected[0]
    if got[0] == "value" and got[1] == got[1]:  # (NaN is never equal to itself)
        assert got == expected


def test_plain_journal_edge_cases():
    for raw in (b' {"op":1} ', b'{"op":1} x', b"", b"  ", b"[1,2", b'"\\ud800"', b"NaN", b"1e999"):
        try:
            expected = ("value", repr(json.loads(raw)))
        except ValueError:
            expected = ("refused", "")
        try:
            got = ("value", repr(lightjson.loads(raw)))
        except ValueError:
            got = ("refused", "")
        assert got == expected, raw
    assert lightjson.dumps_line({"a": object.__name__}) == '{"a":"object"}'
