"""Valid packs load, and their text is kept exactly as written (escaping is the display's job)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rejection_therapy.packs.loader import load_pack, parse_pack

VALID = Path(__file__).parent / "valid_minimal.yaml"
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
        ('"\\x1b[31mred\\x1b[0m"', "\x1b[31mred\x1b[0m"),
        (
            '"\\e[1;31mloud\\e[0m \\e]8;;https://example.invalid\\a"',
            "\x1b[1;31mloud\x1b[0m \x1b]8;;https://example.invalid\x07",
        ),
        ("'\\x1b[31m kept as backslash text'", "\\x1b[31m kept as backslash text"),
        ("Ask \\e[2J plainly", "Ask \\e[2J plainly"),
    ],
    ids=["rich-markup", "rich-link", "ansi-x1b", "ansi-e-osc", "single-quoted", "plain"],
)
def test_markup_and_escapes_are_loaded_literally(yaml_value: str, expected: str) -> None:
    challenge = parse_pack(with_ask(yaml_value), "markup.yaml").challenges[0]
    assert challenge.ask == expected
    assert challenge.tip == expected
