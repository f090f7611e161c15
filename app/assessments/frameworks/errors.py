"""The errors a user can meet reading, checking or importing a framework."""

from __future__ import annotations

from app.errors import UserError


class FrameworkError(UserError):
    """A framework that could not be used; the message says which file and why."""


class FrameworkFileRefused(FrameworkError):
    """The file itself was refused before its content was read: too large, not text, hostile."""


class FrameworkInvalid(FrameworkError):
    """The file was read but its content breaks the framework rules.

    `problems` holds each problem as its own sentence ("sections[2].criteria[4] (ref 3.5):
    the weight must be more than 0."); the message joins them after naming the file.
    """

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = list(problems)
        super().__init__(_join(name, self.problems))


class FrameworkImportError(FrameworkError):
    """A spreadsheet that could not be turned into a framework; nothing was imported."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = list(problems)
        super().__init__(
            f"“{name}” was not imported because of "
            f"{_count(len(self.problems))}: {' '.join(self.problems)}"
        )


MAX_SHOWN = 50  # beyond this a list of problems stops helping


def _count(number: int) -> str:
    return "1 problem" if number == 1 else f"{number} problems"


def _join(name: str, problems: list[str]) -> str:
    shown = problems[:MAX_SHOWN]
    more = len(problems) - len(shown)
    tail = f" ({more} more problems not shown.)" if more > 0 else ""
    return f"The framework “{name}” has {_count(len(problems))}: {' '.join(shown)}{tail}"
