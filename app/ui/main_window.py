"""The main window: a shell that composes the welcome screen, the workbook screen, the
menus and the status bar. The work itself lives in the screens and controllers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent, QUndoGroup
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QWidget

from app import APP_NAME
from app.settings import Settings, proposed_folder
from app.ui import file_dialogs, messages
from app.ui.actions import Actions, MenuContext
from app.ui.export import install as install_export_menu
from app.ui.fitting import available_area, fitted_rect, restored_size
from app.ui.focus import give_focus
from app.ui.icons import app_icon
from app.ui.open_workbook import WorkbookOpener
from app.ui.status_bar import StatusBar

if TYPE_CHECKING:
    from app.ui.dialogs.new_workbook_dialog import NewWorkbookDialog
    from app.ui.document import OpenWorkbook
    from app.ui.welcome_screen import WelcomeScreen
    from app.ui.workbook_screen import WorkbookScreen

install_export_menu()  # File › Export… (app/ui/export)
STATUS_NOTE_MS = 15000
DEFAULT_SIZE = QSize(1100, 720)  # first start; never more than the screen has room for


class MainWindow(QMainWindow):
    workbook_changed = Signal()  # a workbook was opened or closed

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None, *,
                 opening: Path | None = None) -> None:
        """`opening`: the workbook about to open (named on the command line); the window
        then starts on "Opening…" and builds the welcome screen only if it is needed."""
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings.load()
        self.document: OpenWorkbook | None = None
        self.workbook_screen: WorkbookScreen | None = None
        self._guide: QWidget | None = None
        self.setObjectName("main_window")
        self.setWindowIcon(app_icon())

        self.undo_group = QUndoGroup(self)
        self.window_actions = Actions(self, self.undo_group)
        self.window_actions.build_menus(
            self, MenuContext(self, self.settings, lambda: self.document))
        self._connect_actions()

        self.opener = WorkbookOpener(self)
        self.opener.status_note.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self._welcome: WelcomeScreen | None = None
        self._opening = QLabel(self)
        self._opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._opening)
        self.setCentralWidget(self.pages)

        self.setStatusBar(StatusBar(self))
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("saved_state")
        self.saved_label.setContentsMargins(12, 0, 6, 0)
        # As wide as its longest text from the start: growing when the first change is
        # saved re-laid out (and repainted) the whole window in the middle of typing.
        self.saved_label.setMinimumWidth(
            self.saved_label.fontMetrics().horizontalAdvance("All changes saved · 88:88") + 24)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._restore_layout()
        if opening is None:
            self._show_welcome()
        else:
            self._show_no_workbook()
            self.show_opening(opening)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._keep_focus)

    @property
    def welcome(self) -> WelcomeScreen:
        """The welcome screen, built the first time it is needed: not at all when the
        window opens straight onto a workbook (it costs a good part of the first paint)."""
        if self._welcome is None:
            from app.ui.welcome_screen import WelcomeScreen

            welcome = self._welcome = WelcomeScreen(self.settings, self)
            welcome.new_requested.connect(self.new_workbook)
            welcome.open_requested.connect(self.choose_and_open)
            welcome.sample_requested.connect(self.open_sample)
            welcome.assessment_requested.connect(self.new_assessment_workbook)
            welcome.recent_activated.connect(self.open_recent)
            self.pages.insertWidget(0, welcome)
        return self._welcome

    def _refresh_welcome(self) -> None:
        if self._welcome is not None:  # not built yet: it reads the list when it is
            self._welcome.refresh()

    def _keep_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        """Focus never vanishes inside the window (say when the focused list is replaced
        by its empty state): it goes back to the page on show."""
        if new is None and old is not None and self.isAncestorOf(old) and self.isActiveWindow():
            QTimer.singleShot(0, self, self._refocus)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.focusWidget() is None:  # focus shows from the start, not after a first Tab
            page = self.pages.currentWidget()
            if page is not None:
                give_focus(page)

    def _refocus(self) -> None:
        if QApplication.focusWidget() is None and self.isActiveWindow():
            page = self.pages.currentWidget()
            if page is not None:
                give_focus(page)

    # ------------------------------------------------------------------ wiring

    def _connect_actions(self) -> None:
        a = self.window_actions
        a.new.triggered.connect(self.new_workbook)
        a.open.triggered.connect(self.choose_and_open)
        a.save_copy.triggered.connect(self.save_copy)
        a.close.triggered.connect(self.close_workbook)
        a.quit.triggered.connect(self.close)
        a.user_guide.triggered.connect(self.show_user_guide)
        a.about.triggered.connect(self.show_about)
        a.preferences.triggered.connect(self.show_preferences)
        a.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def _fill_recent_menu(self) -> None:
        menu = self.window_actions.recent_menu
        menu.clear()
        for number, text in enumerate(self.settings.recent_files, start=1):
            path = Path(text)
            action = menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(text)
            action.setStatusTip(text)
            action.triggered.connect(lambda _=False, path=path: self.open_recent(path))
        if not self.settings.recent_files:
            menu.addAction("No recent workbooks").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear Recent Workbooks")
        clear.setEnabled(bool(self.settings.recent_files))
        clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.recent_files = []
        self.settings.save()
        self._refresh_welcome()

    # ------------------------------------------------------------------ opening

    def show_opening(self, path: Path) -> None:
        """Shown while a workbook named on the command line opens (after first paint)."""
        self._opening.setText(f"Opening “{Path(path).name}”…")
        self.pages.setCurrentWidget(self._opening)

    def open_path(self, path: Path, *, read_only: bool = False) -> bool:
        path = Path(path).expanduser().absolute()
        if self.document is not None and self.document.path == path:
            self._show_document()
            return True
        document = self.opener.open(path, read_only=read_only)
        if document is None:
            if self.document is None:
                self._show_welcome()
            return False
        self._set_document(document)
        return True

    def open_recent(self, path: Path) -> None:
        if Path(path).is_file():
            self.open_path(path)
        elif messages.ask(self, f"“{Path(path).name}” is no longer at {Path(path).parent}. "
                          "It may have been moved, renamed or deleted.",
                          accept="&Remove from List", reject="&Keep"):
            self.settings.remove_recent(Path(path))
            self.settings.save()
            self._refresh_welcome()

    def choose_and_open(self) -> None:
        path = file_dialogs.choose_workbook(self, self.settings.last_open_folder)
        if path is not None:
            self.open_path(path)

    def open_sample(self) -> None:
        from app.workbook.sample import user_copy_of_sample

        try:
            path = user_copy_of_sample()
        except OSError as error:
            messages.show_error(self, "The sample workbook could not be copied for you to use "
                                f"({error.strerror or error}).")
            return
        self.open_path(path)

    def new_workbook(self) -> NewWorkbookDialog:
        from app.ui.dialogs.new_workbook_dialog import NewWorkbookDialog

        dialog = NewWorkbookDialog(str(proposed_folder(self.settings.last_open_folder)), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._create(dialog))
        dialog.open()
        return dialog

    def new_assessment_workbook(self, framework_id: str) -> NewWorkbookDialog:
        """A new workbook, then straight on to starting a self-assessment in it."""
        dialog = self.new_workbook()
        dialog.accepted.connect(lambda: self._start_assessment(framework_id, dialog))
        return dialog

    def _start_assessment(self, framework_id: str, dialog: NewWorkbookDialog) -> None:
        screen = self.workbook_screen
        if screen is None or self.document is None or self.document.path != dialog.path():
            return  # the workbook could not be made: the reason was shown
        screen.show_section("assessments")
        start = getattr(screen.editor("assessments"), "new_assessment", None)
        if start is not None:
            start(framework_id)

    def _create(self, dialog: NewWorkbookDialog) -> None:
        request = dialog.request()
        document = self.opener.create(request.path, title=request.title,
                                      organisation=request.organisation, area=request.area,
                                      owner=request.owner)
        if document is not None:
            self._set_document(document)

    # ------------------------------------------------------------------ the open workbook

    def _set_document(self, document: OpenWorkbook) -> None:
        from app.ui.workbook_screen import WorkbookScreen

        if self._release_document():
            self.workbook_changed.emit()  # closed; emitted again below once the new one is in
        self.document = document
        document.setParent(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.changed.connect(self._update_title)
        document.saved.connect(self._update_saved_state)
        document.failed.connect(lambda sentence: messages.show_error(self, sentence))
        document.replayed.connect(self._show_replayed)
        document.outside_changed.connect(lambda: self.statusBar().showMessage(
            f"Updated at {datetime.now():%H:%M} with changes saved to the file elsewhere.",
            STATUS_NOTE_MS))
        self.workbook_screen = WorkbookScreen(document, self.settings, self)
        self.pages.addWidget(self.workbook_screen)
        self.settings.add_recent(document.path)
        self.settings.last_open_folder = str(document.path.parent)
        self.settings.save()
        self._show_document()
        self.workbook_changed.emit()

    def _show_replayed(self, topics: frozenset[str], note: str) -> None:
        """An undo or redo from the Edit menu: show the section it changed, and say so."""
        if self.workbook_screen is not None:
            self.workbook_screen.bring_up(topics)
        self.statusBar().showMessage(note, STATUS_NOTE_MS)

    def _show_document(self) -> None:
        if self.workbook_screen is not None:
            self.pages.setCurrentWidget(self.workbook_screen)
            give_focus(self.workbook_screen)
        self.window_actions.set_workbook_open(True)
        self._update_title()
        self._update_saved_state()

    def close_workbook(self) -> None:
        """Close the open workbook (releasing its lock); everything is already saved."""
        if self._release_document():
            self._show_welcome()
            self.workbook_changed.emit()

    def _release_document(self) -> bool:
        """Close the open workbook without showing anything in its place (the window is
        closing, or another workbook takes its place); False if none was open."""
        if self.document is None:
            return False
        document, screen = self.document, self.workbook_screen
        if screen is not None:
            screen.finish_editing()  # typed but not yet committed: save it now
        self.document = self.workbook_screen = None
        if screen is not None:
            screen.save_layout()
            self.pages.removeWidget(screen)
            screen.deleteLater()
        self.settings.save()
        self.undo_group.removeStack(document.undo_stack)
        document.close()
        document.deleteLater()
        return True

    def _show_welcome(self) -> None:
        welcome = self.welcome
        welcome.refresh()
        self.pages.setCurrentWidget(welcome)
        give_focus(welcome)
        self._show_no_workbook()

    def _show_no_workbook(self) -> None:
        self.window_actions.set_workbook_open(False)
        self._update_title()
        self._update_saved_state()

    def _update_title(self, _topics: object = None) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
            return
        suffix = " (read-only)" if self.document.read_only else ""
        self.setWindowTitle(f"{self.document.title()} – {self.document.path.name}{suffix}")

    def _update_saved_state(self) -> None:
        document = self.document
        if document is None:
            text, tip = "", ""
        elif document.read_only:
            text, tip = "Read-only", "This workbook was opened read-only, so it cannot be changed."
        elif document.last_saved is not None:
            text = f"All changes saved · {document.last_saved:%H:%M}"
            tip = "Every change is saved to the file as you make it."
        else:
            text, tip = "All changes saved", "Every change is saved to the file as you make it."
        self.saved_label.setText(text)
        self.saved_label.setToolTip(tip)

    def save_copy(self) -> None:
        from app.errors import UserError

        if self.document is None:
            return
        target = file_dialogs.choose_copy_destination(self, self.document.path, "")
        if target is None:
            return
        try:
            # The file dialog has already asked before replacing an existing file.
            self.document.workbook.save_copy(target, overwrite=True)
        except UserError as error:
            messages.show_error(self, str(error))
        except OSError as error:
            messages.show_error(self, f"The copy could not be saved in {target.parent} "
                                f"({error.strerror or error}). Choose another folder.")
        else:
            self.statusBar().showMessage(f"Saved a copy as “{target.name}” in {target.parent}.",
                                         15000)

    # ------------------------------------------------------------------ help

    def show_user_guide(self) -> None:
        from app.ui.dialogs.user_guide import UserGuideDialog

        if self._guide is None:
            self._guide = UserGuideDialog(self)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()

    def show_preferences(self) -> None:
        from app.ui.dialogs.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        from app.ui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # ------------------------------------------------------------------ layout and closing

    def _restore_layout(self) -> None:
        saved = None
        if self.settings.window_geometry and self.restoreGeometry(
                QByteArray.fromBase64(self.settings.window_geometry.encode())):
            saved = self.size()
        if self.isMaximized() or self.isFullScreen():
            return
        # Saved at another scale or on a bigger screen, it may not suit this one.
        area = available_area(self)
        size = restored_size(saved, DEFAULT_SIZE, area)
        position = self.pos() if saved is not None else area.center() - QPoint(
            size.width() // 2, size.height() // 2)
        self.setGeometry(fitted_rect(QRect(position, size), area))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))

    def closeEvent(self, event: QCloseEvent) -> None:
        from app.ui.worker import cancel_tasks_of

        cancel_tasks_of(self)  # other windows' exports and imports go on
        self._release_document()
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64()).decode()
        self.settings.save()
        if self._guide is not None:
            self._guide.close()
        event.accept()
