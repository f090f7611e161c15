"""Errors a user can meet in representation audits: each is a plain sentence."""

from __future__ import annotations

from app.errors import UserError


class RepresentationError(UserError):
    """An impossible value or request in an audit or a baseline; nothing was changed."""


class BaselineImportError(RepresentationError):
    """A baseline file that was not imported; `problems` lists every problem found."""

    def __init__(self, name: str, problems: list[str], *, valid_rows: int = 0) -> None:
        self.name = name
        self.problems = list(problems)
        self.valid_rows = valid_rows
        shown = self.problems[:20]
        more = len(self.problems) - len(shown)
        tail = f" ({more} more problems not shown.)" if more > 0 else ""
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        rows = "1 row is" if valid_rows == 1 else f"{valid_rows} rows are"
        hint = (f" {rows} valid: import the valid rows alone (--valid-only) if the problems "
                "do not matter." if valid_rows else "")
        super().__init__(
            f"“{name}” was not imported because of {count}; nothing was changed. "
            f"{' '.join(shown)}{tail}{hint}"
        )
