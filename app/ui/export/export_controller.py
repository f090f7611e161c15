"""Runs an export the dialog asked for: asks before replacing, snapshots, renders off-thread.

The snapshot is taken on the UI thread (one short read-only session); rendering runs on a
`TaskRunner` with a progress dialog whose Cancel stops it (the renderers then leave no
file). Errors come back as one sentence each; anything unexpected is logged and the user
gets a plain sentence that points at the log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.logging_setup import get_logger
from app.reports.export.exporters import ExportFormat
from app.reports.export.result import ExportCancelled, RenderResult
from app.reports.model.catalogue import ReportEntry, available_reports
from app.reports.workbook_export import PreparedExport, prepare_export
from app.settings import proposed_folder
from app.ui import messages
from app.ui.export.export_dialog import ExportDialog, ExportRequest, Subjects
from app.ui.worker import UNEXPECTED, Cancelled, TaskRunner

if TYPE_CHECKING:
    from app.settings import Settings
    from app.ui.document import OpenWorkbook

log = get_logger("ui.export")

UNEXPECTED_EXPORT = (
    "The export stopped because of an unexpected problem, and no file was written. "
    "The details are in the log file (Help › About)."
)
CANCELLED = "The export was cancelled; no file was written."


def open_file(path: Path) -> bool:
    """Open `path` in the program the desktop uses for it; False if none could."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@dataclass(frozen=True)
class _Failure:
    """An export that could not be done, with the sentence that says why."""

    sentence: str


def sentence_for(error: BaseException) -> str | None:
    """The sentence to show for an error an export can meet; None for an unexpected one."""
    if isinstance(error, UserError):  # workbook, template, export and LibreOffice errors alike
        return str(error)
    if isinstance(error, OSError):
        if error.errno is None and error.args:  # ours, with a sentence (e.g. the file exists)
            return str(error)
        where = Path(error.filename).parent if error.filename else None
        place = f" in {where}" if where else ""
        reason = f" ({error.strerror})" if error.strerror else ""
        return (f"The file could not be written{place}{reason}. Check that the folder "
                "exists, that you can save files there and that the file is not open in "
                "another program, then try again.")
    return None


class _ExportJob:
    """The Qt-free work for the worker thread: a RenderResult, or a _Failure to show.

    It keeps its outcome too, so a Cancel that arrives after the file was written (the
    runner then reports "cancelled") is still told as the success it was.
    """

    def __init__(self, prepared: PreparedExport, request: ExportRequest,
                 overwrite: bool) -> None:
        self._prepared = prepared
        self._request = request
        self._overwrite = overwrite
        self.outcome: RenderResult | _Failure | None = None

    def __call__(self, progress: Callable[[float], None],
                 is_cancelled: Callable[[], bool]) -> RenderResult | _Failure:
        try:
            self.outcome = self._prepared.run(self._request.options, progress=progress,
                                              is_cancelled=is_cancelled,
                                              overwrite=self._overwrite)
        except ExportCancelled:
            raise Cancelled() from None
        except Exception as error:
            sentence = sentence_for(error)
            if sentence is None:
                raise  # the runner logs it and says something went wrong
            log.info("Export failed: %s", error)
            self.outcome = _Failure(sentence)
        return self.outcome


class ExportController(QObject):
    """Shows the export dialog for one workbook and runs the exports it asks for."""

    finished = Signal(object)  # RenderResult
    failed = Signal(str)  # the sentence shown
    cancelled = Signal()

    def __init__(
        self,
        document: OpenWorkbook,
        settings: Settings,
        parent: QWidget,
        *,
        notify: Callable[[str], None] | None = None,
        opener: Callable[[Path], bool] | None = None,  # True when the file was opened
        progress_delay_ms: int = 400,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._settings = settings
        self._parent = parent
        self._notify = notify or (lambda _text: None)
        self._opener = opener or open_file
        self._progress_delay_ms = progress_delay_ms
        self.dialog: ExportDialog | None = None
        self.runner: TaskRunner | None = None

    # ------------------------------------------------------------------ dialog

    def open_dialog(self) -> ExportDialog:
        reports = available_reports()
        dialog = ExportDialog(
            reports=[(entry.name, entry.title) for entry in reports],
            workbook_title=self._document.title(),
            folder=self._start_folder(),
            export_format=self._last_format(),
            today=date.today(),
            subjects=self._subjects(reports),
            parent=self._parent,
        )
        dialog.export_requested.connect(self._on_export_requested)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _subjects(self, reports: Sequence[ReportEntry]) -> Subjects:
        """What each report about one thing can be about (one short read)."""
        wanted = [entry for entry in reports if entry.has_subjects]
        if not wanted:
            return {}
        try:
            return self._document.read(lambda session: {
                entry.name: (entry.spec.subject_noun, tuple(entry.subjects(session)))
                for entry in wanted})
        except UserError as error:  # a damaged part: those reports then offer no choice
            log.info("Could not list report subjects: %s", error)
            return {entry.name: (entry.spec.subject_noun, ()) for entry in wanted}

    def _start_folder(self) -> str:
        return str(proposed_folder(self._settings.last_export_folder))

    def _last_format(self) -> ExportFormat:
        try:
            return ExportFormat(self._settings.last_export_format)
        except ValueError:
            return ExportFormat.DOCX

    def _on_export_requested(self) -> None:
        if self.dialog is not None:
            self.start(self.dialog.request())

    def _on_dialog_finished(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if not self.is_running():
            self.deleteLater()

    # ------------------------------------------------------------------ running

    def is_running(self) -> bool:
        return self.runner is not None and self.runner.is_running()

    def start(self, request: ExportRequest) -> bool:
        """Start the export on the worker; False if it did not start (declined or failed)."""
        if self.is_running():
            return False
        window = self.dialog or self._parent
        path = request.options.out_path
        overwrite = path.exists()
        if overwrite and not messages.ask(
            window, f"“{path.name}” already exists in {path.parent}. Replace it?",
            accept="&Replace", reject="Cancel", destructive=True,
            informative="Replacing it overwrites what is in it now.",
        ):
            return False
        prepared = self._prepare(request)
        if prepared is None:
            return False
        job = _ExportJob(prepared, request, overwrite)
        runner = TaskRunner(job, parent=window, title="Exporting",
                            label=f"Writing “{path.name}”…", delay_ms=self._progress_delay_ms)
        runner.finished.connect(lambda outcome: self._on_finished(request, outcome))
        runner.failed.connect(self._on_failed)
        runner.cancelled.connect(lambda: self._on_cancelled(request, job))
        self.runner = runner
        if self.dialog is not None:
            self.dialog.set_busy(True)
        runner.start()
        return True

    def _prepare(self, request: ExportRequest) -> PreparedExport | None:
        """The report's snapshot, taken here on the UI thread (one short session)."""
        try:
            return prepare_export(self._document.workbook, request.report_name,
                                  request.subject)
        except Exception as error:
            sentence = sentence_for(error)
            if sentence is None:
                log.exception("Could not read the workbook for an export")
                sentence = UNEXPECTED_EXPORT
            self._show_failure(sentence)
            return None

    # ------------------------------------------------------------------ outcomes

    def _done(self) -> None:
        self.runner = None
        if self.dialog is not None:
            self.dialog.set_busy(False)

    def _on_finished(self, request: ExportRequest, outcome: object) -> None:
        self._done()
        if isinstance(outcome, _Failure):
            self._show_failure(outcome.sentence)
            return
        if not isinstance(outcome, RenderResult):
            log.error("An export returned %r instead of a RenderResult", outcome)
            self._show_failure(UNEXPECTED_EXPORT)
            return
        self._remember(request, outcome.path)
        if self.dialog is not None:
            self.dialog.accept()
        else:
            self._on_dialog_finished()
        name, folder = outcome.path.name, outcome.path.parent
        self._notify(f"Exported “{name}” to {folder}.")
        if outcome.warnings:
            notes = "\n".join(f"• {warning}" for warning in outcome.warnings)
            messages.show_info(self._parent, f"“{name}” was exported to {folder}. Please note:"
                               f"\n\n{notes}", title="Export Finished")
        if request.open_when_done and not self._opener(outcome.path):
            messages.show_error(self._parent, f"“{name}” was exported to {folder}, but no "
                                "program on this computer could open it. Open it from the "
                                "folder instead.")
        self.finished.emit(outcome)

    def _on_failed(self, sentence: str) -> None:
        self._done()
        self._show_failure(UNEXPECTED_EXPORT if sentence == UNEXPECTED else sentence)

    def _on_cancelled(self, request: ExportRequest, job: _ExportJob) -> None:
        if job.outcome is not None:  # Cancel came too late: the work had finished
            self._on_finished(request, job.outcome)
            return
        self._done()
        if self.dialog is not None:
            self.dialog.show_status(CANCELLED)
        self._notify(CANCELLED)
        self.cancelled.emit()

    def _show_failure(self, sentence: str) -> None:
        messages.show_error(self.dialog or self._parent, sentence, title="Export Failed")
        self.failed.emit(sentence)

    def _remember(self, request: ExportRequest, path: Path) -> None:
        self._settings.last_export_folder = str(path.parent)
        self._settings.last_export_format = request.options.format.value
        self._settings.save()
