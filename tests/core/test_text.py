"""printable(): text from people and packs, made safe to show in a terminal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rejection_therapy.core.text import printable


@pytest.mark.parametrize(
    "text",
    [
        "Ask a stranger for a high five",
        "Café crème, s'il vous plaît — merci!",
        "Näher an die Angst 🙅 heran",
        "一杯のコーヒーを無料で",
        "שאל למה",  # right-to-left
        "e\u0301",  # combining accent
        "👩\u200d💻 family 👨\u200d👩\u200d👧",  # ZWJ emoji sequences
        "price:\u00a05\u00a0€",  # no-break spaces
        "[31m looks like a code but has no escape",
        "",
    ],
)
def test_normal_text_is_kept(text):
    assert printable(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b[1;38;5;196mbold\x1b[m", "bold"),
        ("\x1b[2J\x1b[Hclear", "clear"),
        ("\x1b[?25lhidden cursor\x1b[?25h", "hidden cursor"),
        ("up\x1b[3Ahere", "uphere"),
        ("\x9b31mC1 CSI", "C1 CSI"),  # the 8-bit CSI
        ("\x1b]0;evil title\x07text", "text"),  # OSC ended by BEL
        ("\x1b]0;evil title\x1b\\text", "text"),  # OSC ended by ST
        ("\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\", "link"),  # hyperlink
        ("\x1b]52;c;ZXZpbA==\x07paste", "paste"),  # clipboard write
        ("a\x1bMb", "ab"),  # single-character escape (reverse index)
        ("dangling\x1b", "dangling"),
    ],
)
def test_escape_sequences_are_stripped(text, expected):
    assert printable(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bell\x07", "bell"),
        ("nul\x00l", "null"),
        ("back\x08space", "backspace"),
        ("del\x7f", "del"),
        ("c1\x85\x90\x9f", "c1"),
        ("form\x0cfeed\x0bvt", "formfeedvt"),
    ],
)
def test_control_characters_are_stripped(text, expected):
    assert printable(text) == expected


def test_tabs_become_spaces():
    assert printable("a\tb") == "a b"
    assert printable("a\tb", keep_newlines=True) == "a b"


@pytest.mark.parametrize("text", ["one\ntwo", "one\r\ntwo", "one\rtwo"])
def test_newlines_become_spaces_by_default(text):
    assert printable(text) == "one two"


def test_newlines_can_be_kept():
    assert printable("one\ntwo\r\nthree", keep_newlines=True) == "one\ntwo\nthree"


_CONTROL = {chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}

# Text mixing ordinary characters with escapes, controls and the pieces of escape sequences.
risky_text = st.lists(
    st.one_of(
        st.text(max_size=5),
        st.sampled_from(
            ["\x1b", "\x1b[", "\x1b]", "\x07", "\x9b", "\x1b\\", "[31m", "\n", "\r", "\t", ";"]
        ),
        st.characters(max_codepoint=0xA0),
    ),
    max_size=20,
).map("".join)


@settings(derandomize=True, deadline=None, max_examples=300)
@given(text=risky_text, keep_newlines=st.booleans())
def test_output_has_no_control_characters_and_is_stable(text, keep_newlines):
    cleaned = printable(text, keep_newlines=keep_newlines)
    allowed = {"\n"} if keep_newlines else set()
    assert not (set(cleaned) & (_CONTROL - allowed))
    assert printable(cleaned, keep_newlines=keep_newlines) == cleaned


@settings(derandomize=True, deadline=None, max_examples=200)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs")),
        max_size=40,
    )
)
def test_text_without_control_characters_is_unchanged(text):
    assert printable(text) == text


@pytest.mark.parametrize("hidden", ["\u200b", "\u202e", "\u2066", "\u2028", "\ufeff", "\u2060"])
def test_characters_that_hide_or_reorder_text_are_shown_escaped(hidden):
    shown = printable(f"pay{hidden}me")
    assert shown == f"pay<U+{ord(hidden):04X}>me"


def test_joiners_that_scripts_and_emoji_need_are_kept():
    assert printable("👩\u200d💻 می\u200cخواهم") == "👩\u200d💻 می\u200cخواهم"


def test_typed_text_is_stored_without_control_sequences_but_keeps_line_breaks():
    from rejection_therapy.core.text import unsafe_character, without_controls

    assert without_controls("a\x1b]0;TITLE\x07b\nc\td\x9b31m") == "ab\nc\td"
    assert unsafe_character("fine\n\ttext") is None
    assert unsafe_character("x\x1b[31m") == (1, "control character U+001B")
    assert unsafe_character("x\u202e") == (1, "invisible or direction-changing character U+202E")
