"""The navigator's sections, read from the modules' manifests.

Each module declares its sections (`SectionSpec`: id, title, purpose, an editor named by
a lazy import string, an optional count). The screen builds an editor only when its
section is first shown, so start-up imports none of them. Counts come from the
workbook's overview (plain SQL, no SQLAlchemy at first paint).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.modules import SectionSpec, all_sections, count_spec, load_target

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.settings import Settings
    from app.ui.document import OpenWorkbook

Section = SectionSpec  # what the navigator lists


@dataclass(frozen=True)
class ScreenContext:
    """All an editor is given: the open workbook, the user's settings, and the widget it
    goes in (an editor built inside it is never moved: with the application's style sheet,
    moving a built screen into another parent re-styles every widget in it)."""

    document: OpenWorkbook
    settings: Settings
    parent: QWidget | None = None


def sections() -> tuple[Section, ...]:
    return all_sections()


def build_editor(section: Section, context: ScreenContext) -> QWidget:
    """The section's editor: its module's factory, called with the screen context."""
    factory = load_target(section.editor)
    editor: QWidget = factory(context)
    return editor


def count_topics(section: Section) -> frozenset[str]:
    """The change topics after which the section's count may differ."""
    spec = count_spec(section.count) if section.count else None
    return spec.topics if spec is not None else frozenset()
