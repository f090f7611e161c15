"""An open workbook: the navigator of sections beside the current section's editor.

Editors are built lazily from the modules' sections (screens.py) the first time their
section is chosen. F6 moves focus between the navigator and the editor; Ctrl+1 and Ctrl+2
go to each directly.

The screen paints from the workbook's overview (no SQLAlchemy); once it has been painted,
it has the open workbook load the database layer in idle time, ready for the first edit.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.settings import Settings
from app.ui.document import OpenWorkbook
from app.ui.fitting import scrolling
from app.ui.focus import focus_chain, give_focus
from app.ui.headings import heading_label
from app.ui.navigator_model import NavigatorModel
from app.ui.navigator_view import NavigatorView
from app.ui.screens import ScreenContext, Section, build_editor, count_topics, sections
from app.workbook.operations import CHANGE_LOG

READ_ONLY_TEXT = (
    "Read-only: you can look at everything and save a copy (File › Save a Copy…), "
    "but not make changes."
)


class _PageBody(QWidget):
    """Asks its scroll area for only the height it cannot do without, so lists shrink to
    make room before anything scrolls out of sight (by default a scroll area gives a
    wrapping layout its preferred height)."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().heightForWidth(width)
        return layout.totalMinimumHeightForWidth(width)


class SectionPage(QWidget):
    """A section's heading and one-line purpose above its editor (scrolling only when the
    window is smaller than all of it, as on a small screen at a large scale).

    The page is made first and the editor built inside `body`, then placed by `set_editor`."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor: QWidget | None = None
        self.body = inner = _PageBody(self)
        heading = heading_label(section.title, inner)
        purpose = QLabel(section.description, inner)
        purpose.setWordWrap(True)
        purpose.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._layout = layout = QVBoxLayout(inner)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(purpose)
        layout.addSpacing(10)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner, self))

    def set_editor(self, editor: QWidget) -> None:
        self.editor = editor
        self._layout.addWidget(editor, 1)
        self.setFocusProxy(editor)


class WorkbookScreen(QWidget):
    def __init__(
        self, document: OpenWorkbook, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._settings = settings
        self._context = ScreenContext(document, settings)
        self._sections = sections()
        self._pages: dict[str, SectionPage] = {}
        self._warm_up_scheduled = False

        self.navigator_model = NavigatorModel(self._sections, self)
        self.navigator = NavigatorView(self)
        self.navigator.setModel(self.navigator_model)
        self.editors = QStackedWidget(self)
        self.editors.setObjectName("editor_stack")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("workbook_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.editors)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 780])
        if settings.splitter_state:
            self.splitter.restoreState(QByteArray.fromBase64(settings.splitter_state.encode()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if document.read_only:
            layout.addWidget(self._read_only_banner())
        layout.addWidget(self.splitter, 1)

        self.navigator.selectionModel().currentChanged.connect(self._on_current_changed)
        document.changed.connect(self._refresh_counts)
        self._add_shortcuts()
        self._refresh_counts(None)
        self.show_section(self._sections[0].id if self._sections else "")
        self.setFocusProxy(self.navigator)

    def _read_only_banner(self) -> QLabel:
        banner = QLabel(READ_ONLY_TEXT, self)
        banner.setObjectName("read_only_banner")
        banner.setWordWrap(True)
        banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        banner.setStyleSheet("QLabel#read_only_banner { background: #fff4ce; color: #3b2f00;"
                             " padding: 8px 14px; border-bottom: 1px solid #e6d28a; }")
        return banner

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._warm_up_scheduled:
            self._warm_up_scheduled = True
            # On screen now: load the database layer when idle, before the first edit.
            QTimer.singleShot(0, self._document, self._document.warm_up)

    # ------------------------------------------------------------ navigation

    def show_section(self, section_id: str) -> None:
        row = self.navigator_model.row_of(section_id)
        if row >= 0:
            self.navigator.setCurrentIndex(self.navigator_model.index(row, 0))

    def bring_up(self, topics: frozenset[str]) -> None:
        """Show the section that shows a change to `topics` (say after an undo), unless the
        current one already does. Focus follows if it was in the section left behind."""
        current = self.current_section_id()
        shown = [s for s in self._sections if s.topics & topics]
        if not shown or any(s.id == current for s in shown):
            return
        # The change log shows every change: prefer the section the change belongs to.
        target = next((s for s in shown if s.topics - {CHANGE_LOG}), shown[0])
        page = self.editors.currentWidget()
        focus = QApplication.focusWidget()
        self.show_section(target.id)
        if page is not None and focus is not None and page.isAncestorOf(focus):
            self.focus_editor()

    def current_section_id(self) -> str:
        index = self.navigator.currentIndex()
        return self.navigator_model.section(index.row()).id if index.isValid() else ""

    def current_editor(self) -> QWidget | None:
        page = self.editors.currentWidget()
        return page.editor if isinstance(page, SectionPage) else None

    def editor(self, section_id: str) -> QWidget:
        """The editor for a section, built on first use."""
        editor = self._page(section_id).editor
        assert editor is not None
        return editor

    def _page(self, section_id: str) -> SectionPage:
        if section_id not in self._pages:
            section = self._sections[self.navigator_model.row_of(section_id)]
            page = SectionPage(section, self.editors)
            page.set_editor(build_editor(section, replace(self._context, parent=page.body)))
            page.setObjectName(f"section_{section_id}")
            self._pages[section_id] = page
            self.editors.addWidget(page)
        return self._pages[section_id]

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.editors.setCurrentWidget(self._page(self.navigator_model.section(current.row()).id))

    def _refresh_counts(self, topics: frozenset[str] | None) -> None:
        counted = [s for s in self._sections if s.count is not None]
        if topics is not None:
            counted = [s for s in counted if count_topics(s) & topics]
        if not counted:
            return
        counts = self._document.overview().counts  # cached until the next change
        for section in counted:
            assert section.count is not None
            self.navigator_model.set_count(section.id, counts.get(section.count, 0))

    # ------------------------------------------------------------ keyboard

    def _add_shortcuts(self) -> None:
        # Window-wide: they must work whatever has focus, even nothing (after a menu).
        context = Qt.ShortcutContext.WindowShortcut
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_F6), self.toggle_focus),
            (QKeySequence("Ctrl+1"), self.focus_navigator),
            (QKeySequence("Ctrl+2"), self.focus_editor),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def focus_navigator(self) -> None:
        self.navigator.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_editor(self) -> bool:
        """Focus the section's main control (or its first one); False if it has none."""
        page = self.editors.currentWidget()
        return page is not None and give_focus(page, Qt.FocusReason.ShortcutFocusReason)

    def toggle_focus(self) -> None:
        if not self.navigator.hasFocus() or not self.focus_editor():
            self.focus_navigator()

    def tab_chain(self) -> list[QWidget]:
        """What Tab visits here: the navigator, then the current section's controls in
        the order its editor set (pages are built later than the navigator, so Qt's own
        chain would put them after everything else in the window)."""
        page = self.editors.currentWidget()
        return [self.navigator, *(focus_chain(page) if page is not None else [])]

    def focusNextPrevChild(self, next: bool) -> bool:
        chain = self.tab_chain()
        focus = QApplication.focusWidget()
        if focus not in chain:
            return super().focusNextPrevChild(next)
        step = 1 if next else -1
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        chain[(chain.index(focus) + step) % len(chain)].setFocus(reason)
        return True

    def finish_editing(self) -> None:
        """Commit an edit still being typed (a field commits when it loses focus)."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()

    def save_layout(self) -> None:
        self._settings.splitter_state = bytes(self.splitter.saveState().toBase64()).decode()
