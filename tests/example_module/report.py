"""The example module's report: its notes as a table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.reports.model.report import Column, ColumnKind, Report, Row, Section, Table, TitlePage
from tests.example_module.operations import note_texts


@dataclass(frozen=True)
class NotesSnapshot:
    file_name: str
    notes: tuple[str, ...]


def take_snapshot(session: Session, path: Path) -> NotesSnapshot:
    return NotesSnapshot(path.name, tuple(note_texts(session)))


def build_report(snapshot: NotesSnapshot) -> Report:
    table = Table(
        columns=(Column("Note", ColumnKind.TEXT),),
        body=tuple(Row((text,)) for text in snapshot.notes),
        caption="Notes",
    )
    return Report(TitlePage("Example notes", snapshot.file_name), (Section("Notes", (table,)),))
