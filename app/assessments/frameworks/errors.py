"""The errors a user can meet reading, checking or importing a framework."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.errors import UserError


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (`place`, and the criterion's `ref` when there is one), and what."""

    place: str
    message: str
    ref: str | None = None
    field: str | None = None  # the field at `place` the message is about, if one

    def detail(self) -> str:
        return f"“{self.field}” {self.message}" if self.field else self.message

    def full_place(self) -> str:
        if not self.field:
            return self.place
        return f"{self.place}.{self.field}" if self.place else self.field

    def sentence(self) -> str:
        where = self.place or "the file"
        if self.ref is not None:
            where = f"{where} (ref {self.ref})" if self.place else f"ref {self.ref}"
        return f"{where}: {self.detail()}"


class FrameworkError(UserError):
    """A framework that could not be used; the message says which file and why."""


class FrameworkFileRefused(FrameworkError):
    """The file itself was refused before its content was read: too large, not text, hostile."""


class FrameworkInvalid(FrameworkError):
    """The file was read but its content breaks the framework rules.

    `problems` holds each problem as its own sentence ("sections[2].criteria[4] (ref 3.5):
    the weight must be more than 0."); the message joins them after naming the file.
    """

    def __init__(self, name: str, problems: Sequence[Problem]) -> None:
        self.name = name
        self.details = list(problems)
        self.problems = [problem.sentence() for problem in self.details]
        super().__init__(_join(name, self.problems))


class FrameworkImportError(FrameworkError):
    """A spreadsheet that could not be turned into a framework; nothing was imported."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = list(problems)
        shown = self.problems[:MAX_SHOWN_IMPORT]
        more = len(self.problems) - len(shown)
        tail = f" ({more} more problems not shown.)" if more > 0 else ""
        super().__init__(
            f"“{name}” was not imported because of "
            f"{_count(len(self.problems))}; nothing was changed. {' '.join(shown)}{tail}"
        )


MAX_SHOWN = 50  # beyond this a list of problems stops helping
MAX_SHOWN_IMPORT = 500  # every bad row of any real spreadsheet


def _count(number: int) -> str:
    return "1 problem" if number == 1 else f"{number} problems"


def _join(name: str, problems: list[str]) -> str:
    shown = problems[:MAX_SHOWN]
    more = len(problems) - len(shown)
    tail = f" ({more} more problems not shown.)" if more > 0 else ""
    return f"The framework “{name}” has {_count(len(problems))}: {' '.join(shown)}{tail}"
