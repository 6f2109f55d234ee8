"""Property: whatever an export file holds, importing it and reading the home never crashes.

Hypothesis mutates a real export (a value replaced by a hostile one, a field dropped, a
record doubled, a run moved to overlap), imports it, runs `doctor` (and `--repair` when it
finds something), then every read command. Nothing ever exits 3; an import that refuses
writes nothing; and a home `doctor` calls healthy makes every command exit 0 or 1.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rejection_therapy.cli import main

NOW = "2026-03-09T10:00:00+01:00"
READS = (
    ["streak", "--json"],
    ["today", "--json"],
    ["history", "--json"],
    ["stats", "--json"],
    ["badges"],
    ["share", "--format", "svg"],
    ["review"],
    ["export"],
)
HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "",
            "garbage",
            "0001-01-01",
            "9999-12-31",
            "1999-12-31T23:59:59Z",
            "2026-03-03T10:00:00",
            "\x1b]52;c;aGk=\x07",
            "\u202eevil",
            "x" * 5000,
            "no",
            "why",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just([[[[[]]]]]),
)


def _cli(home: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    environ = {
        "REJECTION_THERAPY_HOME": str(home),
        "REJECTION_THERAPY_NOW": NOW,
        "TZ": "Europe/Berlin",
    }
    saved = {key: os.environ.get(key) for key in environ}
    os.environ.update(environ)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def base_export(tmp_path_factory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("base") / "home"
    steps = [
        ("log", "no", "--note", "first", "--fear-before", "7"),
        ("log", "yes", "--ask", "an own ask", "--difficulty", "4"),
        ("rest", "2026-03-12"),
        ("intention", "If I ask daily, asking gets easy"),
        ("checkin", "--worked", "asking", "--didnt", "phones", "--gap", "eye contact"),
    ]
    for argv in steps:
        assert _cli(home, *argv)[0] == 0, argv
    entry_id = json.loads(_cli(home, "history", "--json")[1])[0]["id"]
    assert _cli(home, "followups", "add", entry_id[:8], "thank them", "--due", "+1d")[0] == 0
    return json.loads(_cli(home, "export")[1])


@st.composite
def mutations(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    mutated = copy.deepcopy(document)
    tables = mutated["tables"]
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        name = draw(st.sampled_from(sorted(n for n, docs in tables.items() if docs)))
        docs = tables[name]
        index = draw(st.integers(min_value=0, max_value=len(docs) - 1))
        action = draw(st.sampled_from(["replace", "drop", "double", "overlap", "not a record"]))
        if action == "replace" and isinstance(docs[index], dict) and docs[index]:
            field = draw(st.sampled_from(sorted(docs[index])))
            docs[index][field] = draw(HOSTILE_VALUES)
        elif action == "drop" and isinstance(docs[index], dict) and docs[index]:
            docs[index].pop(draw(st.sampled_from(sorted(docs[index]))))
        elif action == "double":
            docs.append(copy.deepcopy(docs[index]))
        elif action == "overlap" and tables["runs"]:
            run = copy.deepcopy(tables["runs"][0])
            if isinstance(run, dict):
                run["id"] = draw(st.sampled_from(["0-other", "z-other"]))
                run["start"] = draw(st.sampled_from(["2026-03-01", "2026-03-02", "2026-03-05"]))
                tables["runs"].append(run)
        elif action == "not a record":
            docs[index] = draw(HOSTILE_VALUES)
    return mutated


def _plant(data_file: Path, mutated: dict[str, Any]) -> None:
    """The mutated records added to the home's own file, under fresh document ids."""
    data = json.loads(data_file.read_text())
    for name, docs in mutated["tables"].items():
        table = data.setdefault(name, {})
        start = max((int(k) for k in table), default=0) + 1
        for offset, doc in enumerate(docs):
            if isinstance(doc, dict):
                table[str(start + offset)] = doc
    data_file.write_text(json.dumps(data))
    data_file.with_suffix(".journal").unlink(missing_ok=True)


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_export_makes_any_command_crash(base_export, data):
    mutated = data.draw(mutations(base_export))
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        assert _cli(home, "log", "why", "--note", "mine")[0] == 0
        export = Path(folder) / "export.json"
        export.write_text(json.dumps(mutated))
        data_file = home / "rejection-therapy.json"
        before = data_file.read_bytes()
        if data.draw(st.booleans(), label="planted in the data file instead"):
            _plant(data_file, mutated)  # as an earlier release or a hand edit could have
        else:
            code, _out, err = _cli(home, "import", str(export))
            assert code in (0, 2), err
            if code == 2:
                assert data_file.read_bytes() == before and err.count("\n") == 1, err
        for argv in READS:  # before any repair: answers or one-line refusals, never a crash
            code, out, err = _cli(home, *argv)
            assert code in (0, 1, 2) and "unexpected error" not in err, (argv, err)
        code, out, err = _cli(home, "doctor")
        assert code in (0, 1), (out, err)
        if code == 1:
            code, out, err = _cli(home, "doctor", "--repair", "--yes")
            assert code == 0, (out, err)
        assert _cli(home, "doctor")[0] == 0
        for argv in READS:
            code, out, err = _cli(home, *argv)
            assert code in (0, 1), (argv, out, err)
        notes = {e["note"] for e in json.loads(_cli(home, "history", "--json", "--limit", "0")[1])}
        assert "mine" in notes  # the home's own entry survives any import
