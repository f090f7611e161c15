"""Edits as plain operations that say what they changed and how to undo it.

An operation applies one user-level change in a session and returns a `Change`: the
topics and ids it touched (so screens decide what to redraw) and its `inverse`, another
operation that puts things back. Undo runs the inverse; the inverse's own inverse is the
redo. Nothing here knows about Qt: the desktop app runs operations through one generic
undo command (app/ui/undo.py), and the command line and the tests run the very same
operations with `run_operation`.

However many rows an operation writes, the change log gets one line for it, and undo and
redo are logged as "Undid: …" and "Redid: …", not as the edits that reverse them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from app.workbook.topics import CHANGE_LOG  # every change touches it

if TYPE_CHECKING:
    import uuid

    from sqlalchemy.orm import Session

    from app.workbook.store import Workbook

__all__ = ["CHANGE_LOG", "Change", "Mode", "Operation", "perform", "run_operation"]


class Operation(Protocol):
    """One user-level edit. `label` reads as a menu item: "Change title"."""

    @property
    def label(self) -> str: ...

    def apply(self, session: Session) -> Change: ...


@dataclass(frozen=True)
class Change:
    """What an operation did: for redrawing, and for undoing it."""

    topics: frozenset[str]
    inverse: Operation | None  # None: this change cannot be undone
    ids: tuple[uuid.UUID | str, ...] = field(default=())

    @property
    def all_topics(self) -> frozenset[str]:
        return self.topics | {CHANGE_LOG}


class Mode(Enum):
    DO = "do"
    UNDO = "undo"
    REDO = "redo"


def perform(session: Session, operation: Operation, mode: Mode = Mode.DO,
            *, label: str | None = None) -> Change:
    """Apply `operation` in `session` and write its one change-log line.

    For UNDO and REDO, `label` is the label of the edit being undone or redone (the
    operation run is its inverse), and the log says "Undid: change title".
    """
    # Imported here: this module's constants are read at first paint, before SQLAlchemy.
    from app.workbook.changelog import collect_changes, record_change

    with collect_changes(session) as collected:
        change = operation.apply(session)
    if not collected:
        return change  # nothing actually changed (e.g. a value set to itself)
    first = collected[0]
    if mode is Mode.DO:
        summary = "; ".join(entry.summary for entry in collected)
        action = first.action
    else:
        verb = "Undid" if mode is Mode.UNDO else "Redid"
        summary = f"{verb}: {_lower_first(label or operation.label)}"
        action = f"{mode.value}.{first.action}"
    record_change(session, action=action, entity=first.entity, entity_id=first.entity_id,
                  summary=summary)
    return change


def run_operation(workbook: Workbook, operation: Operation, mode: Mode = Mode.DO,
                  *, label: str | None = None) -> Change:
    """Run an operation in its own committed unit of work (the CLI's and tests' way)."""
    with workbook.session() as session:
        return perform(session, operation, mode, label=label)


def _lower_first(text: str) -> str:
    # "Change title" → "change title", but keep "Evidence “A.pdf”" names as typed.
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
