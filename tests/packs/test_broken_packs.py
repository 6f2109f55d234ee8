"""Every broken pack in `broken/` is refused with located, one-line problems.

Each corpus file starts with a `# Broken on purpose: ...` comment saying what is wrong
and where; CORPUS below lists the problems the loader must report for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from rejection_therapy.packs.loader import (
    MAX_FILE_BYTES,
    PackError,
    PackProblem,
    load_pack,
    parse_pack,
)

BROKEN = Path(__file__).parent / "broken"


@dataclass(frozen=True)
class Expect:
    """A problem that must be reported.

    line: exact line; column: exact column, or None where the column is not meaningful;
    field: None = any, "" = must have no field (file-level or YAML problem), else a substring;
    says: substrings the message must contain.
    """

    line: int | None
    column: int | None = None
    field: str | None = None
    says: tuple[str, ...] = ()

    def matches(self, problem: PackProblem) -> bool:
        if self.line is not None and problem.line != self.line:
            return False
        if self.column is not None and problem.column != self.column:
            return False
        if self.field == "" and problem.field != "":
            return False
        if self.field and self.field not in problem.field:
            return False
        return all(text in problem.message for text in self.says)


QUOTES = ("put the value in quotes",)

CORPUS: dict[str, list[Expect]] = {
    # YAML syntax: point at where the broken construct starts, not where the parser gave up.
    "yaml_unclosed_quote.yaml": [Expect(11, 10, "", ("quote",))],
    "yaml_unclosed_quote_at_end.yaml": [Expect(13, 15, "", ("quote",))],
    "yaml_bad_indentation.yaml": [Expect(16, None, "")],
    "yaml_over_indentation.yaml": [Expect(16, None, "")],
    "yaml_mapping_error.yaml": [Expect(11, None, "", ("mapping values are not allowed",))],
    "yaml_two_documents.yaml": [Expect(14, None, "", ("document",))],
    # Shape and types.
    "missing_field.yaml": [Expect(10, None, "challenges[0].category", ("missing",))],
    "wrong_type_no.yaml": [Expect(11, None, "challenges[0].ask", ("expected text", *QUOTES))],
    "wrong_type_sexagesimal.yaml": [
        Expect(11, None, "challenges[0].ask", ("expected text", *QUOTES))
    ],
    "wrong_type_difficulty.yaml": [Expect(12, None, "challenges[0].difficulty", ("whole number",))],
    "difficulty_out_of_range.yaml": [
        Expect(12, None, "challenges[0].difficulty", ("0 is out of range",)),
        Expect(16, None, "challenges[1].difficulty", ("6 is out of range",)),
    ],
    "duplicate_id.yaml": [
        Expect(18, None, "challenges[2].id", ("duplicate id", "'first'", "first used at line 10")),
    ],
    "unknown_top_level_key.yaml": [Expect(9, 1, "challenge", ("did you mean `challenges`?",))],
    "unknown_challenge_key.yaml": [
        Expect(12, 5, "challenges[0].dificulty", ("did you mean `difficulty`?",)),
    ],
    "unknown_key_with_newline.yaml": [Expect(14, 5, "challenges[0]", ("unknown key",))],
    "empty_challenges.yaml": [Expect(9, None, "challenges", ("no challenges",))],
    "empty_file.yaml": [Expect(1, 1, "", ("empty",))],
    "invalid_id.yaml": [
        Expect(10, None, "challenges[0].id", ("'../../etc/passwd' is not a valid id",)),
        Expect(14, None, "challenges[1].id", ("'has spaces' is not a valid id",)),
        Expect(18, None, "challenges[2].id", ("'Upper-Case' is not a valid id",)),
    ],
    # Encoding and characters.
    "not_utf8.yaml": [Expect(11, 22, "", ("UTF-8",))],
    "control_character.yaml": [Expect(11, None, "")],
    # Hostile input.
    "python_tag.yaml": [Expect(11, None, "challenges[0].ask")],
    "python_tag_on_collections.yaml": [
        Expect(10, None, None, ("tag",)),
        Expect(19, None, None, ("tag",)),
    ],
    "alias_bomb.yaml": [Expect(None, None, "", ("alias",))],
    "alias_bomb_in_key.yaml": [Expect(None)],
    "alias_loop.yaml": [Expect(11, 17, "", ("alias *loop", "remove the alias"))],
    "nested_too_deep.yaml": [Expect(11, 27, "", ("more than 20 levels",))],
    "number_too_long.yaml": [
        Expect(12, 17, "challenges[0].difficulty", ("5,000 characters", "1 to 5"))
    ],
    # Text is checked after YAML unescapes it, at the value's line and column.
    "escaped_control_character.yaml": [
        Expect(11, 10, "challenges[0].ask", ("control character U+001B", "escape", "delete it"))
    ],
    "invisible_character.yaml": [
        Expect(11, 10, "challenges[0].ask", ("U+202E", "delete it")),
        Expect(14, 10, "challenges[0].tip", ("U+200B", "delete it")),
    ],
    # Keys, ids and versions.
    "duplicate_key.yaml": [
        Expect(13, 5, "challenges[0].ask", ("duplicate key `ask` (first at line 11)",))
    ],
    "duplicate_top_level_key.yaml": [
        Expect(4, 1, "pack", ("duplicate key `pack` (first at line 2)",))
    ],
    "reserved_pack_id.yaml": [Expect(2, 7, "pack", ("'con'", "Windows", "another id"))],
    "version_float.yaml": [Expect(4, 10, "version", ("YAML read 1.1", *QUOTES))],
    "version_changed_number.yaml": [
        Expect(4, 10, "version", ("YAML reads 012 as the number 10", *QUOTES))
    ],
    "version_too_long.yaml": [Expect(4, 10, "version", ("50 characters", "the 40"))],
    "impossible_date.yaml": [Expect(4, 10, "version", ("2026-02-30", "date", "quotes"))],
    # Several problems at once, all reported and sorted by line.
    "several_problems.yaml": [
        Expect(9, 1, "colour", ("unknown key",)),
        Expect(15, None, "challenges[1].id", ("not a valid id",)),
        Expect(16, None, "challenges[1].ask", QUOTES),
        Expect(17, None, "challenges[1].difficulty", ("out of range",)),
        Expect(19, None, "challenges[2].category", ("missing",)),
        Expect(22, 5, "challenges[2].tipp", ("did you mean `tip`?",)),
    ],
    "duplicate_id_with_other_problem.yaml": [
        Expect(12, None, "challenges[0].difficulty", ("out of range",)),
        Expect(14, None, "challenges[1].id", ("duplicate id", "first used at line 10")),
    ],
}


def problems_of(path: Path) -> list[PackProblem]:
    with pytest.raises(PackError) as caught:
        load_pack(path)
    problems = caught.value.problems
    assert problems, "PackError raised without any problem"
    return problems


def describe(problems: list[PackProblem]) -> str:
    return "\n".join(repr(str(p))[:300] for p in problems)


def test_every_corpus_file_has_expectations() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_broken_pack_reports_located_problems(name: str) -> None:
    problems = problems_of(BROKEN / name)
    for expect in CORPUS[name]:
        assert any(expect.matches(p) for p in problems), f"{expect} not in:\n{describe(problems)}"


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_problems_are_sorted_by_line(name: str) -> None:
    problems = problems_of(BROKEN / name)
    assert [(p.line, p.column) for p in problems] == sorted((p.line, p.column) for p in problems)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_problem_renders_as_one_located_line(name: str) -> None:
    path = BROKEN / name
    for problem in problems_of(path):
        text = str(problem)
        assert problem.file == str(path)
        assert problem.line >= 1 and problem.column >= 1
        assert text.startswith(f"{path}:{problem.line}:{problem.column}: "), text[:300]
        assert "\n" not in text and "\r" not in text, repr(text[:300])


def test_several_problems_are_all_reported_in_line_order() -> None:
    problems = problems_of(BROKEN / "several_problems.yaml")
    assert [p.line for p in problems] == [9, 15, 16, 17, 19, 22], describe(problems)


def test_alias_bomb_in_a_key_is_not_expanded() -> None:
    # 531,441 strings once expanded: above the 200,000-value limit, so it must be refused,
    # and no message may carry the expanded structure.
    problems = problems_of(BROKEN / "alias_bomb_in_key.yaml")
    longest = max(len(str(p)) for p in problems)
    assert longest < 1000, f"a problem message is {longest:,} characters long"


def test_object_tags_never_execute(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "executed"
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    lines = [
        *("pack: tags", "title: t", "version: v", "author: a", "description: d"),
        *("language: en", "license: l"),
        f"extra: {tag}",
        "challenges:",
        f"  - {tag}",
        "  - id: x",
        f"    ask: {tag}",
        "    difficulty: 1",
        "    category: c",
        f"    tags: {tag}",
    ]
    body = "\n".join(lines) + "\n"
    with pytest.raises(PackError):
        parse_pack(body.encode(), "tags.yaml")
    with pytest.raises(PackError):
        load_pack(BROKEN / "python_tag.yaml")  # its command is `echo hi`
    assert not marker.exists()
    assert "hi" not in capfd.readouterr().out


def test_file_over_one_mebibyte_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    assert path.stat().st_size > MAX_FILE_BYTES
    [problem] = problems_of(path)
    assert (problem.line, problem.column, problem.field) == (1, 1, "")
    assert "1 MiB" in problem.message
    assert f"{path.stat().st_size:,} bytes" in problem.message
    assert str(path) not in problem.message  # the line starts with it already


def test_file_of_exactly_one_mebibyte_is_not_refused_for_size(tmp_path: Path) -> None:
    valid = (Path(__file__).parent / "valid_minimal.yaml").read_bytes()
    path = tmp_path / "just-fits.yaml"
    filler = MAX_FILE_BYTES - len(valid) - 2
    path.write_bytes(valid + b"#" + b"x" * filler + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_pack(path).pack == "valid-minimal"


def test_missing_file_is_a_pack_error(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "nope.yaml")
    assert (problem.line, problem.column) == (1, 1)
    assert "cannot read file" in problem.message


def test_a_folder_is_not_a_pack_file(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path)
    assert (problem.line, problem.column, problem.field) == (1, 1, "")
    assert "not a regular file (a folder)" in problem.message
