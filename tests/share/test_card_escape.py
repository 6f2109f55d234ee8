"""The card's own XML escaping does what xml.sax.saxutils does (which it no longer imports:
that import loads urllib and the email package)."""

from xml.sax.saxutils import escape as sax_escape
from xml.sax.saxutils import quoteattr as sax_quoteattr

from hypothesis import given
from hypothesis import strategies as st

from rejection_therapy.share.card import escape, quoteattr

TEXT = st.text(alphabet=st.sampled_from("ab &<>\"'\n\r\t;#é🔥"), max_size=30) | st.text(max_size=30)


@given(TEXT)
def test_escaping_matches_saxutils(text):
    assert escape(text) == sax_escape(text)
    assert quoteattr(text) == sax_quoteattr(text)
