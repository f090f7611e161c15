"""Export tracker… and Import tracker… on the action plan screen.

The plan is read on the UI thread (one short session); writing and reading the spreadsheet
run on a worker; an import shows exactly what it will change and applies it only when the
user agrees, as one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from app.plans.plan import read_plan
from app.ui import messages
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.worker import TaskRunner, Work

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.plans.tracker.export import TrackerSource
    from app.plans.tracker.read import TrackerImport

TRACKER_FILTER = "Excel workbooks (*.xlsx)"
PREVIEW_LINES = 25


class TrackerActions(QObject):
    def __init__(self, document: OpenWorkbook, parent: QWidget) -> None:
        super().__init__(parent)
        self._document = document
        self._parent = parent
        self.runner: TaskRunner | None = None
        self.menu = named(QMenu(parent), "Tracker")
        self.export_action = self.menu.addAction("&Export tracker…", self.export_tracker)
        self.import_action = self.menu.addAction("&Import tracker…", self.import_tracker)
        self.import_action.setEnabled(not document.read_only)

    def _source(self) -> TrackerSource:
        from app.plans.tracker.export import TrackerSource
        from app.workbook.info import get_info

        def read(session: Session) -> TrackerSource:
            info = get_info(session)
            return TrackerSource(info.id, info.title, read_plan(session))
        return self._document.read(read)

    def export_tracker(self) -> None:
        from app.destinations import check_destination
        from app.errors import UserError
        from app.plans.tracker.export import write_tracker

        source = self._source()
        start = self._document.path.with_name(
            f"{self._document.path.stem} – action tracker – {date.today():%Y-%m-%d}.xlsx")
        name, _ = QFileDialog.getSaveFileName(self._parent, "Export Tracker", str(start),
                                              TRACKER_FILTER)
        if not name:
            return
        try:
            out = check_destination(name if name.lower().endswith(".xlsx") else name + ".xlsx",
                                    suffix=".xlsx", forbidden=[self._document.path],
                                    overwrite=True)  # the file dialog asked already
        except UserError as refused:
            messages.show_error(self._parent, str(refused))
            return
        self._run(lambda _p, _c: write_tracker(source, out),
                  "Exporting", f"Writing “{out.name}”…",
                  lambda _r: messages.show_info(
                      self._parent, f"The tracker was saved as “{out.name}”. People can fill "
                      "in its white columns offline; import it back with Import tracker…."))

    def import_tracker(self) -> None:
        from app.plans.tracker.read import read_tracker

        name, _ = QFileDialog.getOpenFileName(self._parent, "Import Tracker",
                                              str(self._document.path.parent), TRACKER_FILTER)
        if not name:
            return
        source = self._source()
        self._run(lambda _p, _c: read_tracker(Path(name), source.plan, source.workbook_id),
                  "Importing", f"Reading “{Path(name).name}”…", self._confirm)

    def _confirm(self, found: TrackerImport) -> None:
        lines = found.preview()
        if not lines:
            messages.show_info(self._parent, "The tracker matches the action plan; there is "
                                             "nothing to change.")
            return
        shown = lines[:PREVIEW_LINES] + (
            [f"… and {len(lines) - PREVIEW_LINES} more."] if len(lines) > PREVIEW_LINES else [])
        count = f"{len(lines)} change" + ("" if len(lines) == 1 else "s")
        if messages.ask(self._parent, f"Importing the tracker makes {count}:",
                        informative="\n".join(shown), accept=f"&Apply {count}"):
            self._document.perform(found.operation())

    def _run(self, work: Work, title: str, label: str, done: Callable[[Any], None]) -> None:
        runner = TaskRunner(work, parent=self._parent, title=title, label=label)
        runner.finished.connect(done)
        runner.failed.connect(lambda text: messages.show_error(self._parent, text))
        self.runner = runner
        runner.start()
