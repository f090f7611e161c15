"""What the window shows with no workbook open: start something, or go back to one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.settings import Settings
from app.ui.a11y import named
from app.ui.fitting import scrolling
from app.ui.headings import heading_label
from app.ui.icons import app_icon
from app.ui.recent_files_model import FOLDER_ROLE, RecentFilesModel

# Says only what the app does today; each module adds its own words when it arrives.
TAGLINE = (
    "Keep a piece of equality work in one workbook file: its details, self-assessments "
    "against a framework, the evidence that backs it up and a record of every change. "
    "Export a summary as Word, PDF or Excel."
)
MAX_VISIBLE_RECENT = 8
NO_RECENT_TEXT = (
    "Workbooks you open will be listed here, so you can come back to them quickly. "
    "New to the toolkit? Open the sample workbook to look around."
)


class RecentDelegate(QStyledItemDelegate):
    """Name on the first line, its folder in a quieter colour below."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        folder = index.data(FOLDER_ROLE) or ""
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = QRect(option.rect).adjusted(10, 5, -10, -5)
        half = rect.height() // 2
        painter.save()
        name_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(option.palette.color(name_role) if selected or foreground is None
                       else foreground)
        painter.drawText(QRect(rect.x(), rect.y(), rect.width(), half),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                       rect.width()))
        folder_role = (QPalette.ColorRole.HighlightedText if selected
                       else QPalette.ColorRole.PlaceholderText)
        painter.setPen(option.palette.color(folder_role))
        painter.drawText(QRect(rect.x(), rect.y() + half, rect.width(), rect.height() - half),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         option.fontMetrics.elidedText(folder, Qt.TextElideMode.ElideMiddle,
                                                       rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, option.fontMetrics.height() * 2 + 14)


class RecentList(QListView):
    """The recent workbooks; Enter opens the current one, Delete forgets it."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class WelcomeScreen(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    assessment_requested = Signal(str)  # a shipped framework's id: start a workbook with it
    recent_activated = Signal(Path)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(56, 56))
        title = heading_label(APP_NAME, self, 1.8)
        tagline = QLabel(TAGLINE, self)
        tagline.setWordWrap(True)
        tagline.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        heading = QHBoxLayout()
        heading.setSpacing(16)
        heading.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(tagline)
        heading.addLayout(words, 1)

        self.new_button = named(QPushButton("&New workbook…", self), "New workbook",
                                "Start a new workbook file")
        self.open_button = named(QPushButton("&Open…", self), "Open a workbook",
                                 "Choose a workbook file to open")
        self.sample_button = named(QPushButton("Open the &sample workbook", self),
                                   "Open the sample workbook",
                                   "Look around a workbook with example details and evidence")
        self.assessment_button = named(
            QPushButton("Start a self-&assessment", self), "Start a self-assessment",
            "Start a new workbook with a self-assessment against one of the shipped frameworks")
        # Filled when first opened: reading the frameworks would slow the first paint.
        self.assessment_menu = named(QMenu(self.assessment_button), "Frameworks")
        self.assessment_menu.aboutToShow.connect(self._fill_assessment_menu)
        self.assessment_button.setMenu(self.assessment_menu)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.sample_button,
                       self.assessment_button):
            button.setMinimumHeight(34)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.recent_model = RecentFilesModel(self)
        self.recent_list = self._make_recent_list()
        recent_label = QLabel("&Recent workbooks", self)
        recent_label.setBuddy(self.recent_list)
        bold = QFont(recent_label.font())
        bold.setBold(True)
        recent_label.setFont(bold)
        self.no_recent_label = QLabel(NO_RECENT_TEXT, self)
        self.no_recent_label.setObjectName("empty_state")
        self.no_recent_label.setWordWrap(True)
        self.no_recent_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.no_recent_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._recent_pages = QStackedWidget(self)
        self._recent_pages.addWidget(self.no_recent_label)
        self._recent_pages.addWidget(self.recent_list)

        self.open_recent_button = named(QPushButton("Open", self), "Open the chosen workbook")
        self.remove_recent_button = named(
            QPushButton("Re&move from list", self), "Remove from recent workbooks",
            "Forget the chosen workbook here (the file itself is not deleted)")
        self.open_recent_button.clicked.connect(self._open_current)
        self.remove_recent_button.clicked.connect(self.remove_current)
        recent_buttons = QHBoxLayout()
        recent_buttons.addWidget(self.open_recent_button)
        recent_buttons.addWidget(self.remove_recent_button)
        recent_buttons.addStretch(1)

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addLayout(heading)
        column.addSpacing(18)
        column.addLayout(buttons)
        column.addSpacing(22)
        column.addWidget(recent_label)
        column.addWidget(self._recent_pages)
        column.addLayout(recent_buttons)
        column.addStretch(1)
        page = QWidget(self)
        content = QWidget(page)
        content.setLayout(column)
        content.setMaximumWidth(720)
        row = QHBoxLayout(page)
        row.setContentsMargins(32, 40, 32, 32)
        row.addStretch(1)
        row.addWidget(content, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(page, self))  # a small screen at a large scale scrolls
        self.setFocusProxy(self.new_button)
        self.refresh()

    def _fill_assessment_menu(self) -> None:
        if self.assessment_menu.actions():
            return
        from app.assessments.frameworks.catalogue import SHIPPED, load_catalogue, shipped_folder

        for entry in load_catalogue([(SHIPPED, shipped_folder())]).entries:
            framework = entry.framework
            action = self.assessment_menu.addAction(f"{framework.title} {framework.version}…")
            action.triggered.connect(
                lambda _checked=False, fid=framework.id: self.assessment_requested.emit(fid))

    def _make_recent_list(self) -> RecentList:
        view = named(RecentList(self), "Recent workbooks",
                     "Press Enter to open the chosen workbook, Delete to remove it from the list")
        view.setObjectName("recent_list")
        view.setModel(self.recent_model)
        view.setItemDelegate(RecentDelegate(view))
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.activated.connect(self._open_index)
        view.selectionModel().currentChanged.connect(self._update_buttons)
        view.delete_pressed.connect(self.remove_current)
        remove = QAction("Remove from List", view)
        remove.triggered.connect(self.remove_current)
        view.addAction(remove)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return view

    # ------------------------------------------------------------------ recent

    def refresh(self) -> None:
        """Re-read the recent list from the settings and check which files still exist."""
        self.recent_model.set_paths(self._settings.recent_files)
        has_recent = self.recent_model.rowCount() > 0
        self._recent_pages.setCurrentWidget(self.recent_list if has_recent else
                                            self.no_recent_label)
        if has_recent:
            self.recent_list.setCurrentIndex(self.recent_model.index(0, 0))
        self._fit_list_height()
        self._update_buttons()

    def _fit_list_height(self) -> None:
        """As tall as its rows (up to eight), so a short list is not a big empty box."""
        rows = max(1, min(MAX_VISIBLE_RECENT, self.recent_model.rowCount()))
        row_height = self.recent_list.sizeHintForRow(0) if self.recent_model.rowCount() else 44
        height = rows * row_height + 2 * self.recent_list.frameWidth() + 2
        self.recent_list.setFixedHeight(height)
        self._recent_pages.setFixedHeight(max(height, self.no_recent_label.sizeHint().height()))

    def _update_buttons(self) -> None:
        has_current = self.recent_list.currentIndex().isValid()
        self.open_recent_button.setVisible(self.recent_model.rowCount() > 0)
        self.remove_recent_button.setVisible(self.recent_model.rowCount() > 0)
        self.open_recent_button.setEnabled(has_current)
        self.remove_recent_button.setEnabled(has_current)

    def _open_current(self) -> None:
        self._open_index(self.recent_list.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.recent_activated.emit(self.recent_model.path(index.row()))

    def remove_current(self) -> None:
        index = self.recent_list.currentIndex()
        if not index.isValid():
            return
        row = index.row()
        self._settings.remove_recent(self.recent_model.path(row))
        self._settings.save()
        self.refresh()
        if self.recent_model.rowCount():
            self.recent_list.setCurrentIndex(
                self.recent_model.index(min(row, self.recent_model.rowCount() - 1), 0))
            self.recent_list.setFocus()
