"""Undoable edits of the workbook's details."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.basics.topics import INFO
from app.workbook.details import EDITABLE_FIELDS
from app.workbook.info import update_field
from app.workbook.operations import Change


@dataclass(frozen=True)
class UpdateDetail:
    """Set one of the workbook's details; the inverse sets back what the file held."""

    field: str
    value: str

    @property
    def label(self) -> str:
        return f"Change {EDITABLE_FIELDS.get(self.field, self.field).lower()}"

    def apply(self, session: Session) -> Change:
        # The inverse restores what the file held, even if a screen showed something older.
        old = update_field(session, self.field, self.value).old
        return Change(frozenset({INFO}), UpdateDetail(self.field, old))
