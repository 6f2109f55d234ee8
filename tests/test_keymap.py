"""The keys a person may choose: key names as Textual has them, and no two on one key."""

from __future__ import annotations

import pytest

from rejection_therapy.keymap import KeymapError, check_keymap, key_name, parse_assignment


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("g", "g"),
        ("G", "G"),
        ("?", "question_mark"),
        (",", "comma"),  # one sign typed alone is a key, not a separator
        ("ctrl+G", "ctrl+g"),
        ("Ctrl+Shift+Up", "ctrl+shift+up"),
        ("shift+ctrl+f5", "ctrl+shift+f5"),
        ("PageDown", "pagedown"),
        ("7", "7"),
    ],
)
def test_a_key_is_named_as_textual_names_it(typed, named):
    assert key_name(typed) == named


@pytest.mark.parametrize(
    "typed", ["", " ", "gg", "ctrl+", "super+g", "shift+g", "ctrl+ctrl+g", "\x1b", "f25"]
)
def test_what_is_no_key_is_refused_with_the_forms(typed):
    with pytest.raises(KeymapError, match="is not a key name; use a letter or sign"):
        key_name(typed)


@pytest.mark.parametrize(
    ("keymap", "said"),
    [
        ({"jouney": "g"}, "unknown action 'jouney'; actions: today, journey"),
        ({"journey": "t"}, "t is the today key already; move today first"),
        ({"journey": "n"}, "n is the log_no key already"),
        ({"journey": "l"}, "l is taken on Today"),
        ({"log_no": "j"}, "j is the journey key already"),
        ({"log_no": "y"}, "y is the log_yes key already"),
        ({"undo": "c"}, "c is taken on Today"),
        ({"swap": "enter"}, "enter is kept for dialogs and Textual"),
        ({"help": "N"}, "N is taken on Journey"),
        ({"quit": "1"}, "1 is taken on Share"),
        ({"settings": "escape"}, "escape is kept for dialogs and Textual"),
        ({"theme": "ctrl+p"}, "ctrl+p is kept for dialogs and Textual"),
        ({"journey": "g", "badges": "G", "history": "g"}, "g is the journey key already"),
    ],
)
def test_a_keymap_that_cannot_work_is_refused_in_one_line(keymap, said):
    with pytest.raises(KeymapError) as caught:
        check_keymap(keymap)
    assert said in str(caught.value) and "\n" not in str(caught.value)


def test_a_today_key_may_share_a_key_with_another_screens_own_key():
    """Today's keys act on Today alone: v (Packs' validate) or N (Journey's next run) are free there."""
    assert check_keymap({"log_no": "v", "undo": "N"}) == {"log_no": "v", "undo": "N"}
    assert check_keymap({"log_no": "y", "log_yes": "n"}) == {"log_no": "y", "log_yes": "n"}


def test_keys_can_trade_places_when_both_move():
    assert check_keymap({"today": "j", "journey": "t"}) == {"today": "j", "journey": "t"}
    assert check_keymap({"help": "?", "journey": "ctrl+J"}) == {
        "help": "question_mark",
        "journey": "ctrl+j",
    }


def test_an_assignment_is_action_equals_key():
    assert parse_assignment(" journey = g ") == ("journey", "g")
    assert parse_assignment("journey=") == ("journey", "")
    with pytest.raises(KeymapError, match="write ACTION=KEY"):
        parse_assignment("journey g")
