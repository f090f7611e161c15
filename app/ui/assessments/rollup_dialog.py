"""File › Roll Up Self-Assessments…: collate one framework's assessments across many
workbooks, by area, and export the result.

The coordinator adds workbooks (Add Workbooks…, or by dropping files on the dialog); each
is read at once, off the UI thread, to find the frameworks its assessments use and to say
which files cannot be read. Roll Up reads the chosen framework's assessments (again off
the UI thread, with progress and Cancel) and shows the areas, section scores, ratings,
the files left out and the answers that could not be aligned. Export… writes the same
result as the report `rrt rollup` writes. The workbooks are only ever read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.assessments.fields import AREA_LEVELS
from app.assessments.rollup import NothingToRollUp, Rollup, SourceFile, Survey, roll_up, survey
from app.assessments.rollup_source import FrameworkFound
from app.settings import Settings, proposed_folder
from app.ui import messages
from app.ui.a11y import name_buttons, named
from app.ui.assessments.rollup_tables import (
    TextRows,
    area_rows,
    fit_columns,
    level_title,
    problem_rows,
    rating_rows,
    section_rows,
    unaligned_rows,
)
from app.ui.fitting import keep_on_screen, scrolling
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.worker import Cancelled, TaskRunner

WORKBOOK_FILTER = "Workbooks (*.rrwb);;All files (*)"
EXPORT_FILTERS = {"Word document (*.docx)": ".docx", "PDF document (*.pdf)": ".pdf",
                  "Excel workbook (*.xlsx)": ".xlsx"}
LEVELS = {"local": "Local area", "sub-regional": "Sub-regional area", "regional": "Region"}


def choose_workbooks(parent: QWidget, folder: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, "Add Workbooks to the Roll-up",
                                            str(proposed_folder(folder)), WORKBOOK_FILTER)
    return [Path(name) for name in names]


def choose_report_file(parent: QWidget, start: Path) -> Path | None:
    """Where to write the roll-up report; the suffix chooses Word, PDF or Excel."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export the Roll-up", str(start), ";;".join(EXPORT_FILTERS),
        options=QFileDialog.Option.DontConfirmOverwrite)  # the dialog asks itself
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in EXPORT_FILTERS.values():
        path = path.with_name(path.name + EXPORT_FILTERS.get(chosen, ".docx"))
    return path


class RollupDialog(QDialog):
    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None,
                 *, progress_delay_ms: int = 400) -> None:
        super().__init__(parent)
        self.setWindowTitle("Roll Up Self-Assessments")
        self.setObjectName("rollup_dialog")
        named(self, "Roll Up Self-Assessments")
        self.setAcceptDrops(True)
        self._settings = settings
        self._delay = progress_delay_ms
        # What each listed file holds: its frameworks, or why it cannot be read.
        self._found: dict[Path, tuple[SourceFile, tuple[FrameworkFound, ...]]] = {}
        self.rollup: Rollup | None = None
        self.runner: TaskRunner | None = None
        # Stand-ins for tests: the file choosers.
        self.choose_workbooks: Callable[[QWidget, str], list[Path]] = choose_workbooks
        self.choose_report_file: Callable[[QWidget, Path], Path | None] = choose_report_file

        self._build_inputs()
        self._build_results()
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_buttons.rejected.connect(self.reject)
        name_buttons(self)

        body = QWidget(self)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(self.inputs, 2)
        columns.addWidget(self.results, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body, self), 1)  # on a small screen the body scrolls
        layout.addWidget(self.close_buttons)
        keep_on_screen(self, QSize(1100, 680))
        self._update()
        self.workbook_list.setFocus()

    # ------------------------------------------------------------------ building

    def _build_inputs(self) -> None:
        self.inputs = QWidget(self)
        heading = QLabel("&Workbooks to roll up", self.inputs)
        self.workbook_list = named(QListWidget(self.inputs), "Workbooks to roll up",
                                   "Each workbook with what it holds, or why it cannot be read")
        self.workbook_list.setObjectName("rollup_workbooks")
        self.workbook_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.workbook_list.setWordWrap(True)
        heading.setBuddy(self.workbook_list)
        hint = QLabel("Add the workbooks, or drop them here. They are only read.",
                      self.inputs)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.add_button = QPushButton("&Add Workbooks…", self.inputs)
        self.add_button.clicked.connect(self.add_from_chooser)
        self.remove_button = QPushButton("&Remove", self.inputs)
        self.remove_button.clicked.connect(self.remove_selected)
        self.workbook_list.installEventFilter(self)  # Delete removes the selected files
        self.workbook_list.itemSelectionChanged.connect(self._update)

        self.framework_combo = named(QComboBox(self.inputs), "Framework")
        named(self.framework_combo.view(), "Framework choices")
        self.level_combo = named(QComboBox(self.inputs), "Group by")
        named(self.level_combo.view(), "Group by choices")
        for level in AREA_LEVELS:
            self.level_combo.addItem(LEVELS[level], level)
        self.choices = QWidget(self)  # above the results: what to roll up, and Roll Up
        row = QHBoxLayout(self.choices)
        row.setContentsMargins(0, 0, 0, 0)
        for text, widget, stretch in (("&Framework", self.framework_combo, 3),
                                      ("&Group by", self.level_combo, 1)):
            label = QLabel(text, self.choices)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, stretch)
        self.framework_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.framework_combo.setMinimumContentsLength(16)
        self.framework_combo.currentIndexChanged.connect(self._update)
        self.run_button = QPushButton("Roll &Up", self.choices)
        self.run_button.setObjectName("rollup_run")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start_rollup)
        row.addWidget(self.run_button)

        layout = QVBoxLayout(self.inputs)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.workbook_list, 1)
        layout.addWidget(hint)
        layout.addLayout(button_row(self.add_button, self.remove_button))

    def _table(self, name: str, object_name: str, stretch: int, empty: str
               ) -> tuple[TableOrEmpty, TextRows]:
        """A result table, or while it has no rows a sentence saying why."""
        model = TextRows(self)
        table = row_table(self.results, model, name=name, object_name=object_name,
                          stretch_column=stretch)
        table.setWordWrap(True)
        return TableOrEmpty(table, empty, self.results), model

    def _build_results(self) -> None:
        self.results = QWidget(self)
        self.summary = QLabel("Add workbooks, choose the framework and the areas to group "
                              "by, then choose Roll Up.", self.results)
        self.summary.setObjectName("rollup_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        named(self.summary, "Roll-up summary")
        self.tabs = named(QTabWidget(self.results), "Roll-up results")
        named(self.tabs.tabBar(), "Parts of the roll-up")
        not_yet = "Nothing has been rolled up yet."
        self.area_table, self.area_model = self._table("Areas", "rollup_areas", 0, not_yet)
        self.section_table, self.section_model = self._table(
            "Mean section scores by area", "rollup_sections", 0, not_yet)
        ratings = QWidget(self.results)
        self.area_combo = named(QComboBox(ratings), "Area shown")
        named(self.area_combo.view(), "Area choices")
        self.area_combo.currentIndexChanged.connect(self._show_ratings)
        self.rating_table, self.rating_model = self._table(
            "How many assessments gave each rating", "rollup_ratings", 1, not_yet)
        area_label = QLabel("Area &shown", ratings)
        area_label.setBuddy(self.area_combo)
        top = QHBoxLayout()
        top.addWidget(area_label)
        top.addWidget(self.area_combo, 1)
        rating_layout = QVBoxLayout(ratings)
        rating_layout.setContentsMargins(0, 0, 0, 0)
        rating_layout.addLayout(top)
        rating_layout.addWidget(self.rating_table, 1)
        self.problem_table, self.problem_model = self._table(
            "Workbooks that could not be used", "rollup_problems", 1,
            "Every workbook rolled up could be read.")
        self.unaligned_table, self.unaligned_model = self._table(
            "Answers that could not be aligned", "rollup_unaligned", 2,
            "Every answer matched a criterion of the newest version of the framework.")
        for widget, title in ((self.area_table, "Areas"),
                              (self.section_table, "Section scores"),
                              (ratings, "Ratings"), (self.problem_table, "Not read"),
                              (self.unaligned_table, "Not aligned")):
            self.tabs.addTab(widget, title)
        self.export_button = QPushButton("&Export…", self.results)
        self.export_button.setObjectName("rollup_export")
        self.export_button.clicked.connect(self.export)
        layout = QVBoxLayout(self.results)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(button_row(self.export_button))

    # ------------------------------------------------------------------ workbooks

    def paths(self) -> list[Path]:
        return [Path(self.workbook_list.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.workbook_list.count())]

    def add_from_chooser(self) -> None:
        folder = self._settings.last_open_folder if self._settings is not None else ""
        chosen = self.choose_workbooks(self, folder)
        if chosen and self._settings is not None:
            self._settings.last_open_folder = str(chosen[0].parent)
            self._settings.save()
        self.add_paths(chosen)

    def add_paths(self, paths: list[Path]) -> None:
        """Add workbooks to the list and read what they hold (off the UI thread)."""
        known = set(self.paths())
        new = [p for p in dict.fromkeys(Path(p).absolute() for p in paths) if p not in known]
        if not new or self.is_busy():
            return
        for path in new:
            item = QListWidgetItem(f"{path.name}: reading…")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.workbook_list.addItem(item)
        self._run(lambda progress, cancelled: survey(new, progress=progress,
                                                     is_cancelled=cancelled),
                  "Reading workbooks", f"Reading {len(new)} workbooks…",
                  self._surveyed, lambda: self._remove(new))

    def _surveyed(self, found: Survey) -> None:
        frameworks = {source.path: items for source, items in found.frameworks}
        for source in found.sources:
            self._found[source.path] = (source, frameworks.get(source.path, ()))
        for row in range(self.workbook_list.count()):
            item = self.workbook_list.item(row)
            entry = self._found.get(Path(item.data(Qt.ItemDataRole.UserRole)))
            if entry is not None:
                item.setText(self._describe(entry[0]))
        self._refresh_frameworks()
        self.workbook_list.setFocus()

    @staticmethod
    def _describe(source: SourceFile) -> str:
        if not source.usable:
            return f"{source.path.name}: cannot be read. {' '.join(source.problem.split())}"
        count = source.assessments
        return f"{source.path.name}: {count} assessment{'s' if count != 1 else ''}"

    def remove_selected(self) -> None:
        if self.is_busy():
            return
        self._remove([Path(item.data(Qt.ItemDataRole.UserRole))
                      for item in self.workbook_list.selectedItems()])

    def _remove(self, paths: list[Path]) -> None:
        gone = set(paths)
        for row in reversed(range(self.workbook_list.count())):
            if Path(self.workbook_list.item(row).data(Qt.ItemDataRole.UserRole)) in gone:
                self.workbook_list.takeItem(row)
        for path in gone:
            self._found.pop(path, None)
        self._refresh_frameworks()

    def _refresh_frameworks(self) -> None:
        """The frameworks found across the listed workbooks, most widely used first."""
        current = self.framework_combo.currentData()
        counts: dict[str, tuple[str, int]] = {}
        for path in self.paths():
            entry = self._found.get(path)
            if entry is None:
                continue
            for item in entry[1]:
                title, books = counts.get(item.framework_id, (item.title, 0))
                counts[item.framework_id] = (title, books + 1)
        self.framework_combo.blockSignals(True)
        self.framework_combo.clear()
        for fid, (title, books) in sorted(counts.items(),
                                          key=lambda kv: (-kv[1][1], kv[1][0].casefold())):
            self.framework_combo.addItem(
                f"{title} ({books} workbook{'s' if books != 1 else ''})", fid)
            self.framework_combo.setItemData(self.framework_combo.count() - 1,
                                             f"Framework id: {fid}",
                                             Qt.ItemDataRole.ToolTipRole)
        index = self.framework_combo.findData(current)
        self.framework_combo.setCurrentIndex(max(index, 0) if counts else -1)
        self.framework_combo.blockSignals(False)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.workbook_list and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ drag and drop

    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls()
                if url.isLocalFile() and url.toLocalFile().lower().endswith(".rrwb")]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event) and not self.is_busy():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event)
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # ------------------------------------------------------------------ rolling up

    def is_busy(self) -> bool:
        """True from the start of a task until its outcome has been shown."""
        return self.runner is not None

    def start_rollup(self) -> None:
        framework_id = self.framework_combo.currentData()
        if not framework_id or self.is_busy():
            return
        level = str(self.level_combo.currentData())
        paths = self.paths()
        self._run(lambda progress, cancelled: roll_up(paths, framework_id, level,
                                                      progress=progress,
                                                      is_cancelled=cancelled),
                  "Rolling Up", f"Reading {len(paths)} workbooks…", self.show_rollup,
                  lambda: self.summary.setText("The roll-up did not finish, so nothing "
                                               "new is shown."))

    def show_rollup(self, rollup: Rollup) -> None:
        self.rollup = rollup
        level = level_title(rollup)
        usable = len(rollup.sources) - len(rollup.problems)
        title = rollup.framework.title if rollup.framework else rollup.framework_id
        parts = [f"{title}: {rollup.assessments} assessment"
                 f"{'s' if rollup.assessments != 1 else ''} from {usable} of "
                 f"{len(rollup.sources)} workbooks, by {level} ({len(rollup.areas)} "
                 f"area{'s' if len(rollup.areas) != 1 else ''})."]
        if len(rollup.versions) > 1:
            parts.append(f"Versions {', '.join(rollup.versions)} were aligned to "
                         f"{rollup.versions[-1]} by reference.")
        if rollup.problems:
            parts.append(f"{len(rollup.problems)} workbook"
                         f"{'s' if len(rollup.problems) != 1 else ''} could not be used "
                         "(see Not read).")
        if rollup.unaligned:
            parts.append(f"{len(rollup.unaligned)} answer"
                         f"{'s' if len(rollup.unaligned) != 1 else ''} could not be aligned "
                         "(see Not aligned).")
        self.summary.setText(" ".join(parts))
        self.area_model.set_table(*area_rows(rollup), numbers=frozenset({1, 2}))
        self.section_model.set_table(*section_rows(rollup))
        self.problem_model.set_table(*problem_rows(rollup))
        self.unaligned_model.set_table(*unaligned_rows(rollup))
        self.area_combo.blockSignals(True)
        self.area_combo.clear()
        for area in rollup.areas:
            self.area_combo.addItem(area.name)
        self.area_combo.blockSignals(False)
        self._show_ratings()
        for shown, stretch in ((self.area_table, 0), (self.section_table, 0),
                               (self.problem_table, 1), (self.unaligned_table, 2)):
            fit_columns(shown.table, stretch)
            shown.follow_rows()
        self.tabs.setTabText(3, f"Not read ({len(rollup.problems)})")
        self.tabs.setTabText(4, f"Not aligned ({len(rollup.unaligned)})")
        self._update()
        self.tabs.setFocus()

    def _show_ratings(self) -> None:
        rollup, index = self.rollup, self.area_combo.currentIndex()
        if rollup is None or not 0 <= index < len(rollup.areas):
            self.rating_model.set_table(("Ref", "Criterion"), [])
        else:
            headers, rows = rating_rows(rollup, rollup.areas[index])
            self.rating_model.set_table(headers, rows,
                                        numbers=frozenset(range(2, len(headers))))
            fit_columns(self.rating_table.table, 1)
        self.rating_table.follow_rows()

    # ------------------------------------------------------------------ exporting

    def export(self) -> None:
        rollup = self.rollup
        if rollup is None or self.is_busy():
            return
        if not rollup.assessments:
            messages.show_error(self, str(NothingToRollUp(
                "No workbook read holds an assessment against this framework, so there is "
                "nothing to export.")), title="Nothing to Export")
            return
        folder = proposed_folder(self._settings.last_export_folder
                                 if self._settings is not None else "")
        title = rollup.framework.title if rollup.framework else rollup.framework_id
        path = self.choose_report_file(self, folder / f"Roll-up – {title}.docx")
        if path is None:
            return
        if path.exists() and not messages.ask(
                self, f"“{path.name}” already exists in {path.parent}. Replace it?",
                accept="&Replace", destructive=True,
                informative="Replacing it overwrites what is in it now."):
            return
        self._run(lambda progress, cancelled: _write(rollup, path, progress, cancelled),
                  "Exporting", f"Writing “{path.name}”…",
                  lambda _result: self._exported(path),
                  lambda: self.summary.setText("The export did not finish; no file was "
                                               "written."))

    def _exported(self, path: Path) -> None:
        if self._settings is not None:
            self._settings.last_export_folder = str(path.parent)
            self._settings.save()
        messages.show_info(self, f"The roll-up was exported to “{path.name}” in "
                                 f"{path.parent}.", title="Export Finished")

    # ------------------------------------------------------------------ the worker

    def _run(self, work: Callable[..., object], title: str, label: str,
             done: Callable[..., None], stopped: Callable[[], None]) -> None:
        """Run `work` on the worker with progress and Cancel; `done(result)` when it
        finishes, `stopped()` when it was cancelled or failed (after saying why)."""
        runner = TaskRunner(work, parent=self, title=title, label=label,
                            delay_ms=self._delay)

        def failed(sentence: str) -> None:
            messages.show_error(self, sentence, title=title)
            stopped()

        runner.finished.connect(done)
        runner.failed.connect(failed)
        runner.cancelled.connect(stopped)
        for signal in (runner.finished, runner.failed, runner.cancelled):
            signal.connect(self._task_over)
        self.runner = runner
        self._update()
        runner.start()

    def _task_over(self, *_args: object) -> None:
        self.runner = None
        self._update()

    def _update(self, *_args: object) -> None:
        busy = self.is_busy()
        has_framework = bool(self.framework_combo.currentData())
        self.add_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and bool(self.workbook_list.selectedItems()))
        self.run_button.setEnabled(not busy and has_framework)
        self.export_button.setEnabled(not busy and self.rollup is not None
                                      and self.rollup.assessments > 0)

    def reject(self) -> None:
        if self.runner is not None and self.runner.is_running():
            self.runner.cancel()
            self.runner.wait(5000)
        super().reject()


def _write(rollup: Rollup, path: Path, progress: Callable[[float], None],
           is_cancelled: Callable[[], bool]) -> Path:
    """Write the roll-up report (on the worker thread)."""
    from app.assessments.rollup_report import build_rollup_report
    from app.reports.export.exporters import ExportFormat, ExportOptions, export_report
    from app.reports.export.result import ExportCancelled

    fmt = {".docx": ExportFormat.DOCX, ".pdf": ExportFormat.PDF,
           ".xlsx": ExportFormat.XLSX}[path.suffix.lower()]
    try:
        export_report(build_rollup_report(rollup), ExportOptions(fmt, path,
                                                                 for_publication=False),
                      progress=progress, is_cancelled=is_cancelled, overwrite=True)
    except ExportCancelled:
        raise Cancelled from None
    return path
