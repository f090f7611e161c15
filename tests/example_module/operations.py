"""The example module's undoable edits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue
from app.workbook.operations import Change
from tests.example_module.models import ExampleNote
from tests.example_module.module import NOTES


@dataclass(frozen=True)
class AddNote:
    text: str
    note_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def label(self) -> str:
        return "Add note"

    def apply(self, session: Session) -> Change:
        text = self.text.strip()
        if not text:
            raise InvalidValue("A note needs some text.")
        session.add(ExampleNote(id=self.note_id, text=text))
        record_change(session, action="note.add", entity="note", entity_id=str(self.note_id),
                      summary=f"Added note “{text}”")
        return Change(frozenset({NOTES}), DeleteNote(self.note_id), ids=(self.note_id,))


@dataclass(frozen=True)
class DeleteNote:
    note_id: uuid.UUID

    @property
    def label(self) -> str:
        return "Delete note"

    def apply(self, session: Session) -> Change:
        note = session.get(ExampleNote, self.note_id)
        if note is None:
            raise InvalidValue("That note is no longer in the workbook.")
        text = note.text
        session.delete(note)
        record_change(session, action="note.delete", entity="note",
                      entity_id=str(self.note_id), summary=f"Deleted note “{text}”")
        return Change(frozenset({NOTES}), AddNote(text, self.note_id), ids=(self.note_id,))


def note_texts(session: Session) -> list[str]:
    return list(session.scalars(select(ExampleNote.text).order_by(ExampleNote.text)))


def add_sample(session: Session) -> None:
    AddNote("A note from the sample").apply(session)
