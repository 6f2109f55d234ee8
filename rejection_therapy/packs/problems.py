"""What is wrong with a pack file, located for its author: the one error the loader raises."""

from __future__ import annotations

from dataclasses import dataclass

Location = tuple[int, int]
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack file, located for the author."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class PackError(Exception):
    """A pack file could not be loaded; holds every problem found."""

    def __init__(self, problems: list[PackProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def field_name(path: FieldPath) -> str:
    """`challenges[2].tip`: the path of a value as the author reads it."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        shown = part if part.isprintable() and part.strip() == part else repr(part)
        text += f".{shown}" if text else shown
    return text


def sorted_unique(problems: list[PackProblem]) -> list[PackProblem]:
    """Each problem once, in the order of the file."""
    return sorted(set(problems), key=lambda problem: (problem.line, problem.column, problem.field))
