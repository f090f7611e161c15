"""The action plan screen's "Workshop" menu button, the one place for what goes to and
comes back from a workshop: "Export tracker…" writes the Excel tracker, "Import tracker…"
reads a filled-in tracker, shows exactly what it would change, and applies that as one
undoable step (or lists every problem, changing nothing), and "Export workshop pack…" writes
the facilitator's pack, the A3 plan and the tracker into a folder.

The slow parts (writing the pack; reading and comparing the tracker) run off the UI thread
with progress and cancel; the workbook is read and changed only on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import messages
from app.ui.a11y import name_buttons, named
from app.ui.document import OpenWorkbook
from app.ui.fitting import keep_on_screen
from app.ui.worker import TaskRunner, Work

TRACKER_FILTER = "Excel tracker (*.xlsx);;All files (*)"


# Qt's static choosers, at module level so tests can stand in for them.
def choose_folder(parent: QWidget, start: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, "Choose a Folder for the Workshop Pack",
                                            str(start))
    return Path(name) if name else None


def choose_tracker_file(parent: QWidget, start: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Export Tracker", str(start),
                                          TRACKER_FILTER)
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
    """The "Workshop" menu button and what its three entries do."""

    def __init__(self, document: OpenWorkbook, parent: QWidget) -> None:
        super().__init__(parent)
        self._document = document
        self._parent = parent
        self.button = named(QPushButton("Wor&kshop", parent), "Workshop",
                            "Export the Excel tracker or the workshop pack, or import a "
                            "filled-in tracker")
        self.menu = named(QMenu(parent), "Workshop")
        self.export_tracker_action = self.menu.addAction("&Export tracker…",
                                                         lambda: self.export_tracker())
        self.import_action = self.menu.addAction("&Import tracker…",
                                                 lambda: self.import_tracker())
        self.export_pack_action = self.menu.addAction("Export workshop &pack…",
                                                      lambda: self.export_pack())
        self.button.setMenu(self.menu)
        self.runner: TaskRunner | None = None
        self.dialog: TrackerDialog | None = None
        self.update_enabled()

    def update_enabled(self) -> None:
        self.import_action.setEnabled(not self._document.read_only)

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

        self._run(work, "Exporting", "Writing the workshop pack…",
                  lambda paths: messages.show_info(
                      self._parent, f"The workshop pack is in {folder}: "
                      + ", ".join(f"“{p.name}”" for p in paths) + "."),
                  "The export was cancelled; no pack was written.")
        return True

    def export_tracker(self, out: Path | None = None) -> bool:
        """Ask for a file (unless given) and write the tracker there off the UI thread."""
        from datetime import date

        from app.destinations import check_destination
        from app.errors import UserError
        from app.plans.tracker.export import take_tracker_snapshot, write_tracker

        if self._busy():
            return False
        path = self._document.path
        out = out or choose_tracker_file(
            self._parent, path.with_name(f"{path.stem} – action tracker – {date.today()}.xlsx"))
        if out is None:
            return False
        if out.suffix.lower() != ".xlsx":  # a name typed without its extension
            out = out.with_name(out.name + ".xlsx")
        try:
            out = check_destination(out, suffix=".xlsx", forbidden=[path],
                                    overwrite=True)  # the file dialog asked already
        except UserError as refused:
            messages.show_error(self._parent, str(refused))
            return False
        snapshot = self._document.read(take_tracker_snapshot)
        self._run(lambda progress, is_cancelled: write_tracker(
            snapshot, out, progress=progress, is_cancelled=is_cancelled),
                  "Exporting", f"Writing “{out.name}”…",
                  lambda _path: messages.show_info(
                      self._parent, f"The tracker was saved as “{out.name}”. People can fill "
                      "it in offline; bring it back with Workshop › Import tracker…."),
                  "The export was cancelled; no tracker was written.")
        return True

    def _run(self, work: Work, title: str, label: str, done: Callable[[Any], None],
             cancelled: str) -> None:
        runner = TaskRunner(work, parent=self._parent, title=title, label=label)
        runner.finished.connect(done)
        runner.failed.connect(lambda text: messages.show_error(self._parent, text))
        runner.cancelled.connect(lambda: messages.show_info(self._parent, cancelled))
        self.runner = runner
        runner.start()

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
