"""One palette and one set of marks: what each must hold for every format to use it."""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len

from rejection_therapy.core import streaks
from rejection_therapy.core.models import Outcome
from rejection_therapy.marks import DAYS, LEGEND_ORDER, MARKS, OUTCOMES


def test_every_outcome_and_day_state_has_one_mark():
    assert set(OUTCOMES) == {o.value for o in Outcome}
    assert set(DAYS) == {
        streaks.FROZEN,
        streaks.REST,
        streaks.MISSED,
        streaks.TODAY,
        streaks.FUTURE,
    }
    assert list(MARKS) == list(LEGEND_ORDER)


def test_marks_are_told_apart_by_symbol_emoji_plain_letter_and_colour():
    for field in ("symbol", "emoji", "plain", "fill"):
        values = [getattr(mark, field) for mark in MARKS.values()]
        assert len(set(values)) == len(values), field


def test_a_no_looks_like_a_win_and_days_never_share_an_outcome_colour():
    no = MARKS["no"]
    assert no.symbol not in "✗xX×" and no.emoji not in "🟥❌"
    outcome_fills = {MARKS[o].fill for o in OUTCOMES}
    assert not outcome_fills & {MARKS[d].fill for d in DAYS}


def test_each_mark_is_one_cell_one_emoji_and_ascii():
    for mark in MARKS.values():
        assert cell_len(mark.symbol) == 1
        assert len(mark.emoji) == 1 and cell_len(mark.emoji) == 2
        assert "\ufe0f" not in mark.emoji and unicodedata.category(mark.emoji) == "So"
        assert mark.plain.isascii() and len(mark.plain) == 1


def test_the_quick_paths_copy_of_the_outcome_symbols_is_the_palettes():
    from rejection_therapy.core.outcomes import OUTCOME_SYMBOLS

    palette = {outcome: MARKS[outcome].symbol for outcome in OUTCOMES}
    assert palette == OUTCOME_SYMBOLS
