"""Journal lines written and read without importing `json`.

Importing `json` (with `re` and `enum`) costs a quick `log` on a small machine more than
everything else it does (about 14 ms of 60 here). The `json` package is a thin layer over
its C accelerator `_json`: the encoder and the scanner below are the ones it uses, called
the way it calls them. Whenever `_json` is missing, refuses a value, or is given bytes
that are not plainly UTF-8, the `json` package itself answers, so the result is always
`json`'s (tests/test_lightjson.py compares them). Standard library only.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_WHITESPACE = " \t\n\r"  # json.decoder's WHITESPACE
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def dumps_line(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))`."""
    encoder = _encoder()
    if encoder is not None:
        try:
            return "".join(encoder(value, 0))
        except (TypeError, ValueError, RecursionError):
            pass  # json raises its own error for it, below
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(raw: bytes | str) -> Any:
    """`json.loads(raw)`: the value, or ValueError (RecursionError) as json raises them."""
    scanner = _scanner()
    text = _plain_text(raw)
    if scanner is None or text is None:
        import json

        return json.loads(raw)
    start = len(text) - len(text.lstrip(_WHITESPACE))
    try:
        value, end = scanner(text, start)
    except StopIteration:
        raise ValueError("Expecting value") from None
    if text[end:].strip(_WHITESPACE):
        raise ValueError("Extra data")
    return value


def _plain_text(raw: bytes | str) -> str | None:
    """The text json.loads would read: str as it is; bytes that json reads as UTF-8 (no
    byte-order mark, no zero byte among the first two), decoded as it decodes them."""
    if isinstance(raw, str):
        return None if raw.startswith("\ufeff") else raw  # (json refuses a BOM: let it)
    if raw.startswith(_BOMS) or len(raw) < 2 or not raw[0] or not raw[1]:
        return None
    return raw.decode("utf-8", "surrogatepass")


_CACHE: dict[str, Any] = {}


def _encoder() -> Any:
    if "encoder" not in _CACHE:
        try:
            from _json import encode_basestring, make_encoder

            def refuse(value: object) -> object:
                raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

            _CACHE["encoder"] = make_encoder(
                {}, refuse, encode_basestring, None, ":", ",", False, False, True
            )
        except (ImportError, TypeError):
            _CACHE["encoder"] = None
    return _CACHE["encoder"]


class _Context:
    """What the C scanner reads from a json.JSONDecoder (its default settings)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    memo: dict[str, str] = {}

    @staticmethod
    def parse_constant(name: str) -> float:
        return {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}[name]


def _scanner() -> Any:
    if "scanner" not in _CACHE:
        try:
            from _json import make_scanner

            _CACHE["scanner"] = make_scanner(_Context())  # type: ignore[arg-type]
        except (ImportError, TypeError, AttributeError):
            _CACHE["scanner"] = None
    return _CACHE["scanner"]
