"""Where command output goes: colour and emoji on a terminal, plain text when piped."""

from __future__ import annotations

import os
import sys

from rejection_therapy.core.text import INVISIBLE, printable

TYPE_CHECKING = False  # the fast `today` and `log` paths print through here
if TYPE_CHECKING:
    from typing import Any


_JSON_ESCAPES = {
    code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *(ord(c) for c in INVISIBLE))
}
"""Characters JSON may carry raw that a terminal acts on or hides, as JSON escapes."""


class Output:
    """Prints for people (styled on a terminal) or for scripts (plain or JSON)."""

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.fancy = sys.stdout.isatty() and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
        self._console: Any = None

    @property
    def console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=True)
        return self._console

    def line(self, text: str = "", style: str | None = None) -> None:
        """A line of our own words (not user text); styled when on a terminal."""
        if self.fancy and style:
            from rich.text import Text

            self.console.print(Text(text, style=style))
        else:
            sys.stdout.write(text + "\n")

    def parts(self, *parts: tuple[str, str | None]) -> None:
        """One line from pieces, each with its own style; user text must be passed through `safe`."""
        if self.fancy:
            from rich.text import Text

            text = Text()
            for piece, style in parts:
                text.append(piece, style=style or "")
            self.console.print(text)
        else:
            sys.stdout.write("".join(piece for piece, _ in parts) + "\n")

    def symbol(self, fancy: str, plain: str) -> str:
        return fancy if self.fancy else plain

    def text(self, text: str) -> None:
        """Text for scripts (CSV, a snapshot) as it is; on a terminal, without any control
        sequence a stored value might carry."""
        if sys.stdout.isatty():
            text = printable(text, keep_newlines=True)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

    @staticmethod
    def json(data: Any) -> None:
        import json  # only for --json: plain `today` stays clear of it (and of re)

        Output.json_text(json.dumps(data, indent=2, ensure_ascii=False))

    @staticmethod
    def json_text(text: str) -> None:
        """JSON made already (exports.py), as `json` prints it."""
        if sys.stdout.isatty():
            text = text.translate(_JSON_ESCAPES)  # the same JSON, with nothing hidden
        sys.stdout.write(text + "\n")


def write_file(
    service: Any, path: str, text: str, private: bool = False, force: bool = False
) -> None:
    """Write a command's output to a file the person named (see Service.write_output); say
    so on stderr."""
    from pathlib import Path

    target = service.write_output(Path(path), text, private=private, replace=force)
    sys.stderr.write(f"Wrote {printable(str(target))}\n")


def warn_damaged(count: int) -> None:
    """Records the checks left out or repaired: say so on every answer until `doctor` repairs them."""
    if count:
        sys.stderr.write(
            f"rejection-therapy: warning: {counted(count, 'stored record')} could not be read "
            "as they are; run `rejection-therapy doctor` to see and repair them\n"
        )


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """A count and its noun, agreeing: "1 entry", "2 entries", "0 asks" (`plural` defaults
    to the singular with an s)."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def safe(text: str) -> str:
    """User or pack text, cleaned of control sequences (Rich Text never parses markup)."""
    return printable(text)
