"""Where command output goes: colour and emoji on a terminal, plain text when piped."""

from __future__ import annotations

import os
import sys

from rejection_therapy.core.text import printable

TYPE_CHECKING = False  # the fast `today` and `log` paths print through here
if TYPE_CHECKING:
    from typing import Any


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

    @staticmethod
    def json(data: Any) -> None:
        import json  # only for --json: plain `today` stays clear of it (and of re)

        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_file(path: str, text: str, private: bool = False) -> None:
    """Write a command's output to a file the person named; say so on stderr."""
    from pathlib import Path

    from rejection_therapy.service.errors import UserError

    target = Path(path)
    try:
        target.write_text(text, encoding="utf-8")
        if private:
            target.chmod(0o600)
    except OSError as error:
        raise UserError(f"could not write {target}: {error.strerror}") from error
    sys.stderr.write(f"Wrote {target}\n")


def safe(text: str) -> str:
    """User or pack text, cleaned of control sequences (Rich Text never parses markup)."""
    return printable(text)
