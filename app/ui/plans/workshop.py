"""The action plan screen's workshop buttons: "Export workshop pack…" writes the
facilitator's pack, the A3 plan and the Excel tracker into a folder, and "Import tracker…"
reads a filled-in tracker, shows exactly what it would change, and applies that as one
undoable step (or lists every problem, changing nothing).

The slow parts (writing the pack; reading and comparing the tracker) run off the UI thread
with progress and cancel; the workbook is read and changed only on the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import messages
from app.ui.a11y import name_buttons, named
from app.ui.document import OpenWorkbook
from app.ui.fitting import keep_on_screen
from app.ui.worker import TaskRunner

TRACKER_FILTER = "Excel tracker (*.xlsx);;All files (*)"


# Qt's static choosers, at module level so tests can stand in for them.
def choose_folder(parent: QWidget, start: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, "Choose a Folder for the Workshop Pack",
                                            str(start))
    return Path(name) if name else None


def choose_tracker(parent: QWidget, start: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Choose a Filled-in Tracker", str(start),
                                          TRACKER_FILTER)
    return Path(name) if name else None


class TrackerDialog(QDialog):
    """The preview of an import (Apply / Cancel), or the problems that stop it (Close)."""

    def __init__(self, heading: str, lines: list[str], *, can_apply: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Tracker")
        named(self, "Import tracker")
        self.heading = QLabel(heading, self)
        self.heading.setWordWrap(True)
        self.details = named(QPlainTextEdit(self), "Changes" if can_apply else "Problems")
        self.details.setReadOnly(True)
        self.details.setPlainText("\n".join(lines))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.heading.setBuddy(self.details)
        buttons = QDialogButtonBox(self)
        self.apply_button: QPushButton | None = None
        if can_apply:
            self.apply_button = buttons.addButton("&Apply changes",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        name_buttons(self)
        self.resize(640, 420)
        keep_on_screen(self)
        self.details.setFocus()


class WorkshopControls(QObject):
    """The two buttons and what they do, for the action plan screen."""

    def __init__(self, document: OpenWorkbook, parent: QWidget) -> None:
        super().__init__(parent)
        self._document = document
        self._parent = parent
        self.export_button = named(QPushButton("Export wor&kshop pack…", parent),
                                   "Export workshop pack",
                                   "Write the facilitator's pack, the A3 action plan and "
                                   "the Excel tracker into a folder")
        self.import_button = named(QPushButton("Import tra&cker…", parent),
                                   "Import tracker",
                                   "Merge a filled-in Excel tracker back into the plan, "
                                   "after showing what will change")
        self.export_button.clicked.connect(lambda: self.export_pack())
        self.import_button.clicked.connect(lambda: self.import_tracker())
        self.runner: TaskRunner | None = None
        self.dialog: TrackerDialog | None = None
        self.update_enabled()

    def update_enabled(self) -> None:
        self.import_button.setEnabled(not self._document.read_only)

    def _start_folder(self) -> Path:
        return self._document.path.parent

    def _busy(self) -> bool:
        return self.runner is not None and self.runner.is_running()

    # ------------------------------------------------------------------ export

    def export_pack(self, folder: Path | None = None) -> bool:
        """Ask for a folder (unless given) and write the pack there off the UI thread."""
        from app.plans.workshop.pack import existing_files, take_workshop_snapshot, write_pack

        if self._busy():
            return False
        folder = folder or choose_folder(self._parent, self._start_folder())
        if folder is None:
            return False
        there = existing_files(folder)
        if there and not messages.ask(
                self._parent, f"{folder} already holds "
                + ", ".join(f"“{p.name}”" for p in there) + ". Replace them?",
                accept="&Replace", destructive=True,
                informative="Replacing them overwrites what is in them now."):
            return False
        snapshot = self._document.read(take_workshop_snapshot)

        def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
            return write_pack(snapshot, folder, overwrite=bool(there), progress=progress,
                              is_cancelled=is_cancelled)

        runner = TaskRunner(work, parent=self._parent, title="Exporting",
                            label="Writing the workshop pack…")
        runner.finished.connect(lambda paths: messages.show_info(
            self._parent, f"The workshop pack is in {folder}: "
            + ", ".join(f"“{p.name}”" for p in paths) + "."))
        runner.failed.connect(lambda text: messages.show_error(self._parent, text))
        runner.cancelled.connect(lambda: messages.show_info(
            self._parent, "The export was cancelled; no pack was written."))
        self.runner = runner
        runner.start()
        return True

    # ------------------------------------------------------------------ import

    def import_tracker(self, path: Path | None = None) -> bool:
        """Ask for a tracker (unless given), compare it off the UI thread, then preview."""
        from app.plans.tracker.compare import preview_import
        from app.plans.tracker.export import take_tracker_snapshot

        if self._busy() or self._document.read_only:
            return False
        path = path or choose_tracker(self._parent, self._start_folder())
        if path is None:
            return False
        snapshot = self._document.read(take_tracker_snapshot)
        runner = TaskRunner(lambda _progress, _cancelled: preview_import(path, snapshot),
                            parent=self._parent, title="Reading tracker",
                            label=f"Reading “{path.name}”…")
        runner.finished.connect(self._show_preview)
        runner.failed.connect(self._show_problems)
        self.runner = runner
        runner.start()
        return True

    def _show_problems(self, text: str) -> None:
        first, _, rest = text.partition("\n")
        lines = [line.removeprefix("- ") for line in rest.splitlines()] or [first]
        self._open(TrackerDialog(first if rest else "The tracker was not imported.", lines,
                                 can_apply=False, parent=self._parent))

    def _show_preview(self, preview: object) -> None:
        from app.plans.tracker.compare import TrackerPreview

        assert isinstance(preview, TrackerPreview)
        lines = preview.lines()
        dialog = TrackerDialog(lines[0], lines[1:] or ["Nothing to change."],
                               can_apply=not preview.is_empty, parent=self._parent)
        dialog.accepted.connect(lambda: self._apply(preview))
        self._open(dialog)

    def _apply(self, preview: object) -> None:
        from app.plans.tracker.compare import TrackerPreview

        assert isinstance(preview, TrackerPreview)
        if not preview.is_empty:
            self._document.perform(preview.operation())

    def _open(self, dialog: TrackerDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
