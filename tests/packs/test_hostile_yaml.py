"""YAML built to crash or hang the loader ends in one located PackError, quickly.

The corpus in `broken/` holds the cases that fit in a small file; these are generated
(50,000 brackets, aliases nested through one another) or need a patched function.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rejection_therapy.packs import loader
from rejection_therapy.packs.loader import PackError, PackProblem, parse_pack

VALID = (Path(__file__).parent / "valid_minimal.yaml").read_text(encoding="utf-8")


def problems_of(text: str) -> list[PackProblem]:
    with pytest.raises(PackError) as caught:
        parse_pack(text.encode("utf-8"), "hostile.yaml")
    return caught.value.problems


@contextmanager
def shallow_stack(frames: int = 250) -> Iterator[None]:
    """Fail with RecursionError if parsing goes much deeper than pytest already is."""
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1  # type: ignore[assignment]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def test_an_alias_inside_the_value_it_names_is_refused_where_it_is_written() -> None:
    [problem] = problems_of("x: &x [*x]\n")
    assert (problem.line, problem.column, problem.field) == (1, 8, "")
    assert "*x" in problem.message and "remove the alias" in problem.message


def test_a_mapping_that_contains_itself_is_refused() -> None:
    [problem] = problems_of("pack: &m {title: *m}\n")
    assert (problem.line, problem.column) == (1, 18)
    assert "*m" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "[" * 50_000,
        "{a: " * 50_000,
        "".join(f"{'  ' * level}a:\n" for level in range(2_000)),
        "- " * 20_000 + "x\n",
    ],
    ids=["flow-lists", "flow-mappings", "block-mappings", "block-lists"],
)
def test_deep_nesting_is_refused_without_deep_recursion(text: str) -> None:
    with shallow_stack():
        [problem] = problems_of(text)
    assert problem.field == ""
    assert "nested more than 20 levels" in problem.message


def test_nesting_built_through_aliases_is_refused_too() -> None:
    # Each anchor is 15 levels deep and holds the one before: shallow text, deep data.
    lines = ["a0: &a0 " + "[" * 15 + "x" + "]" * 15]
    lines += [f"a{n}: &a{n} " + "[" * 15 + f"*a{n - 1}" + "]" * 15 for n in range(1, 200)]
    with shallow_stack():
        [problem] = problems_of("\n".join(lines) + "\n")
    assert problem.line == 1  # the value that ended up too deep
    assert "nested more than 20 levels deep (through aliases)" in problem.message


def test_twenty_levels_is_not_too_deep() -> None:
    ask = "[" * 16 + "x" + "]" * 16  # the document, challenges, a challenge, ask, 16 lists
    problems = problems_of(VALID.replace('"Ask for a discount on your coffee."', ask))
    assert [(p.line, p.field) for p in problems] == [(11, "challenges[0].ask")]
    assert "expected text" in problems[0].message


@pytest.mark.parametrize(
    ("difficulty", "says"),
    [
        ("9" * 5000, "5,000 characters"),
        ("1" + ":0" * 3000, "6,001 characters"),  # base 60: a 5,300-digit number
        ("0x" + "f" * 4000, "4,002 characters"),
        ('!!int "abc"', "cannot read abc as a whole number"),
        ('!!int ""', "as a whole number"),
        ('!!timestamp "x"', "cannot read x as a date"),
        ('!!float "one"', "as a number"),
    ],
    ids=["digits", "sexagesimal", "hex", "int-tag", "empty-int-tag", "timestamp-tag", "float-tag"],
)
def test_a_number_yaml_cannot_make_is_a_located_problem(difficulty: str, says: str) -> None:
    [problem] = problems_of(VALID.replace("difficulty: 1", f"difficulty: {difficulty}"))
    assert (problem.line, problem.column, problem.field) == (12, 17, "challenges[0].difficulty")
    assert says in problem.message
    assert len(str(problem)) < 300


@pytest.mark.parametrize("tag", ["!!binary", "!!set", "!!python/name:os.system", "!custom"])
def test_scalar_tags_beyond_plain_values_are_refused(tag: str) -> None:
    [problem] = problems_of(VALID.replace("difficulty: 1", f"difficulty: {tag} aGk="))
    assert (problem.line, problem.field) == (12, "challenges[0].difficulty")
    assert "is not allowed" in problem.message


@pytest.mark.parametrize("error", [RecursionError, MemoryError])
def test_a_missed_limit_still_ends_in_a_pack_error(monkeypatch, error: type[Exception]) -> None:
    def exhausted(text: str, name: str) -> None:
        raise error

    monkeypatch.setattr(loader, "compose", exhausted)
    [problem] = problems_of(VALID)
    assert (problem.line, problem.column, problem.field) == (1, 1, "")
    assert "simplify it" in problem.message


def test_an_alias_to_a_value_yaml_cannot_read_repeats_the_same_problem() -> None:
    text = VALID.replace("difficulty: 1", 'difficulty: &bad !!int "abc"').replace(
        "difficulty: 2", "difficulty: *bad"
    )
    problems = problems_of(text)
    assert [(p.line, p.field) for p in problems] == [  # both where the value is written
        (12, "challenges[0].difficulty"),
        (12, "challenges[1].difficulty"),
    ]
    assert all("as a whole number" in p.message for p in problems)
