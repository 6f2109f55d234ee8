"""Valid packs load, and their text is kept exactly as written (escaping is the display's
job), except characters no stored text may hold: those are refused where they are written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from rejection_therapy.packs.loader import PackError, load_pack, parse_pack
from rejection_therapy.packs.models import Pack

VALID = Path(__file__).parent / "valid_minimal.yaml"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl joined by U+200D
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want", with U+200C inside
ASK_LINE = '    ask: "Ask for a discount on your coffee."\n'


def with_ask(yaml_value: str) -> bytes:
    text = VALID.read_text(encoding="utf-8")
    assert ASK_LINE in text
    return text.replace(ASK_LINE, f"    ask: {yaml_value}\n    tip: {yaml_value}\n", 1).encode(
        "utf-8"
    )


def test_valid_minimal_pack_loads() -> None:
    pack = load_pack(VALID)
    assert (pack.pack, pack.language) == ("valid-minimal", "en")
    assert [c.id for c in pack.challenges] == ["first", "second"]
    assert [c.difficulty for c in pack.challenges] == [1, 2]
    assert pack.challenges[1].tags == ["in-person", "quick"]


def test_parse_pack_and_load_pack_agree() -> None:
    assert parse_pack(VALID.read_bytes(), "valid_minimal.yaml") == load_pack(VALID)


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        ('"[bold red]x[/]"', "[bold red]x[/]"),
        (
            "'[link=https://example.invalid]click me[/link] [/]'",
            "[link=https://example.invalid]click me[/link] [/]",
        ),
        ("'\\x1b[31m kept as backslash text'", "\\x1b[31m kept as backslash text"),
        ("Ask \\e[2J plainly", "Ask \\e[2J plainly"),
        (f'"Send a {FAMILY} to the group"', f"Send a {FAMILY} to the group"),
        ('"Say \\u0645\\u06cc\\u200c\\u062e\\u0648\\u0627\\u0647\\u0645"', f"Say {PERSIAN}"),
        ('"Two\\tcolumns"', "Two\tcolumns"),
    ],
    ids=["rich-markup", "rich-link", "single-quoted", "plain", "emoji-zwj", "persian-zwnj", "tab"],
)
def test_markup_and_escapes_are_loaded_literally(yaml_value: str, expected: str) -> None:
    challenge = parse_pack(with_ask(yaml_value), "markup.yaml").challenges[0]
    assert challenge.ask == expected
    assert challenge.tip == expected


@pytest.mark.parametrize(
    ("yaml_value", "character"),
    [
        ('"\\x1b[31mred\\x1b[0m"', "control character U+001B (written as an escape in the file)"),
        ('"\\e]0;TITLE\\a"', "control character U+001B (written as an escape in the file)"),
        ('"\\u001b]0;TITLE\\u0007"', "control character U+001B (written as an escape in the file)"),
        ('"bell\\a"', "control character U+0007 (written as an escape in the file)"),
        ('"C1 \\x9b2J"', "control character U+009B (written as an escape in the file)"),
        ('"Next\\Nline"', "control character U+0085 (written as an escape in the file)"),
        ('"zero\\u200bwidth"', "invisible or direction-changing character U+200B"),
        ('"word\\u2060joiner"', "invisible or direction-changing character U+2060"),
        ('"\\ufeffmark"', "invisible or direction-changing character U+FEFF"),
        ('"Ask \u202ereversed"', "invisible or direction-changing character U+202E"),
        ('"isolate \u2066x\u2069"', "invisible or direction-changing character U+2066"),
        ('"line\\Lseparator"', "invisible or direction-changing character U+2028"),
        ('"para\\Pseparator"', "invisible or direction-changing character U+2029"),
    ],
)
def test_unsafe_characters_are_refused_at_the_value(yaml_value: str, character: str) -> None:
    with pytest.raises(PackError) as caught:
        parse_pack(with_ask(yaml_value), "unsafe.yaml")
    problems = [(p.line, p.column, p.field, p.message) for p in caught.value.problems]
    assert problems == [
        (11, 10, "challenges[0].ask", f"holds {character}; delete it"),
        (12, 10, "challenges[0].tip", f"holds {character}; delete it"),
    ]


def test_a_pack_validated_without_yaml_meets_the_same_rule() -> None:
    dumped = load_pack(VALID).model_dump()
    dumped["challenges"][0]["ask"] = "\x1b]0;TITLE\x07"
    with pytest.raises(ValidationError):
        Pack.model_validate(dumped)
    dumped["challenges"][0]["ask"] = f"Send a {FAMILY}"
    assert Pack.model_validate(dumped).challenges[0].ask == f"Send a {FAMILY}"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("1", "1"),
        ("20260301", "20260301"),
        ('"1.10"', "1.10"),
        ("2.0.1", "2.0.1"),
        ("9" * 40, "9" * 40),
    ],
)
def test_a_version_may_be_a_whole_number_kept_as_text(written: str, kept: str) -> None:
    text = VALID.read_bytes().replace(b'version: "1.0.0"', f"version: {written}".encode())
    assert parse_pack(text, "version.yaml").version == kept


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("1.10", "YAML read 1.1; put the value in quotes"),
        ("NO", "YAML read true/false; put the value in quotes"),
        ("0x1F", "YAML reads 0x1F as the number 31; put the value in quotes"),
        ("1_000", "YAML reads 1_000 as the number 1000; put the value in quotes"),
        ("1:30", "YAML reads 1:30 as the number 90; put the value in quotes"),
        ("9" * 41, "41 characters long"),
    ],
)
def test_a_version_yaml_would_change_is_refused(written: str, says: str) -> None:
    text = VALID.read_bytes().replace(b'version: "1.0.0"', f"version: {written}".encode())
    with pytest.raises(PackError) as caught:
        parse_pack(text, "version.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.field) == (4, 10, "version")
    assert says in problem.message


def test_a_huge_whole_number_version_given_without_yaml_is_a_validation_error() -> None:
    dumped = load_pack(VALID).model_dump()
    dumped["version"] = 10**5000  # str() of it would raise: the check must not print it
    with pytest.raises(ValidationError, match="at most 40 digits"):
        Pack.model_validate(dumped)
    dumped["version"] = 3
    assert Pack.model_validate(dumped).version == "3"
