"""The sections a workbook's navigator lists, as a small registry.

Each section declares an id, a title, what it is for, an optional count, the change
topics that affect that count, and a factory for its editor. Modules add theirs (e.g.
"Assessments", "Representation audits") with `register_section`, without touching the
shell. Factories import their editors lazily to keep start-up quick.

A count comes either from the workbook's overview (`overview_count`: plain SQL, shown at
first paint without loading SQLAlchemy; the built-in sections use it) or from a session
(`count`: for counts the overview does not hold, such as a module's own tables).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy.orm import Session

    from app.settings import Settings
    from app.ui.document import OpenWorkbook
    from app.workbook.overview import WorkbookOverview


@dataclass(frozen=True)
class ScreenContext:
    """All an editor is given: the open workbook and the user's settings."""

    document: OpenWorkbook
    settings: Settings


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    description: str
    factory: Callable[[ScreenContext], QWidget]
    count: Callable[[Session], int] | None = None
    count_topics: frozenset[str] = frozenset()
    overview_count: Callable[[WorkbookOverview], int] | None = None  # preferred over `count`

    @property
    def counted(self) -> bool:
        return self.overview_count is not None or self.count is not None


_sections: list[Section] = []


def register_section(section: Section, *, after: str | None = None) -> None:
    """Add (or replace) a section; `after` places it after the section with that id."""
    existing = [s.id for s in _sections]
    if section.id in existing:
        _sections[existing.index(section.id)] = section
        return
    if after is not None and after in existing:
        _sections.insert(existing.index(after) + 1, section)
    else:
        _sections.append(section)


def sections() -> tuple[Section, ...]:
    return tuple(_sections)


# ---------------------------------------------------------------- built-in sections


def _details(context: ScreenContext) -> QWidget:
    from app.ui.editors.details_editor import DetailsEditor

    return DetailsEditor(context.document)


def _evidence(context: ScreenContext) -> QWidget:
    from app.ui.editors.evidence_editor import EvidenceEditor

    return EvidenceEditor(context.document, context.settings)


def _change_log(context: ScreenContext) -> QWidget:
    from app.ui.editors.change_log_view import ChangeLogView

    return ChangeLogView(context.document)


def _evidence_count(overview: WorkbookOverview) -> int:
    return overview.evidence_count


register_section(Section(
    id="details",
    title="Details",
    description="What this workbook is about and who looks after it.",
    factory=_details,
))
register_section(Section(
    id="evidence",
    title="Evidence files",
    description="Documents that back up your work, kept inside the workbook.",
    factory=_evidence,
    overview_count=_evidence_count,
    count_topics=frozenset({"evidence"}),
))
register_section(Section(
    id="change_log",
    title="Change log",
    description="Every change made to this workbook, newest first.",
    factory=_change_log,
))
