"""Import a baseline from a CSV or Excel file (such as an ONS census area table).

The steps on one page: choose the file (read off the UI thread), check the guessed
columns, choose the area when the file holds several, choose the categories, then read the
validation report. Each change of a choice checks the table again off the UI thread too;
quick successive changes make one check, and Import stays disabled until it has reported.
Import stays disabled while the report lists problems, unless the user ticks "Import only
the valid rows" after reading them. Nothing changes until Import is pressed, and nothing
at all on Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.representation.baselines import (
    ROLE_WORDS,
    ROLES,
    BaselineImport,
    areas_in,
    detect_columns,
    parse_baseline,
)
from app.representation.classifications import (
    Classification,
    classifications,
    get_classification,
)
from app.representation.errors import BaselineImportError
from app.representation.store import BaselineRow
from app.representation.vocabulary import DEFAULT_CLASSIFICATION
from app.ui.a11y import name_buttons, named
from app.ui.representation.new_audit_dialog import combo
from app.ui.worker import TaskRunner

NO_COLUMN = -1
CHECK_DELAY_MS = 150  # changes closer together than this are checked once
Areas = list[tuple[str, str]]


@dataclass(frozen=True)
class Checked:
    """One check of the table with the choices as they were when it started."""

    areas: Areas | None  # the areas the columns give, when they were worked out again
    area: str | None  # the area the check read
    found: BaselineImport | None
    problems: tuple[str, ...] = ()  # why nothing can be imported, when `found` is None


def check_table(rows: list[list[str]], name: str, classification: Classification,
                columns: dict[str, int], area: str | None, new_areas: bool) -> Checked:
    """The work of one check (run off the UI thread): the areas when the columns changed,
    then the table read for the chosen area (or the first, if that one is gone)."""
    areas = areas_in(rows, columns) if new_areas else None
    if areas is not None:
        keys = [code or name for code, name in areas]
        area = (area if area in keys else keys[0]) if len(keys) > 1 else None
    try:
        found = parse_baseline(rows, name, classification, area=area, columns=columns)
    except BaselineImportError as error:
        return Checked(areas, area, None, tuple(error.problems))
    return Checked(areas, area, found)


class ImportBaselineDialog(QDialog):
    def __init__(self, save: Callable[[BaselineRow], bool], start_folder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a baseline")
        self._save = save
        self._start_folder = start_folder
        self.rows: list[list[str]] | None = None  # the file's table, once read
        self.found: BaselineImport | None = None  # the last check of it
        self.runner: TaskRunner | None = None  # the first read of the file
        self.checker: TaskRunner | None = None  # the check under way, if any
        self.pending = False  # a check has been asked for and has not reported yet
        self._asked = 0  # counts the requests, so a check of old choices is set aside
        self._new_areas = False  # the columns changed: the areas must be worked out again
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._start_check)

        self.file_edit = named(QLineEdit(self), "File")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("A CSV or Excel (.xlsx) file, e.g. ONS table TS021")
        self.choose_button = named(QPushButton("C&hoose file…", self), "Choose file")
        self.choose_button.clicked.connect(self.choose_file)
        self.classification_combo = combo(
            self, "Categories", {c.id: c.title for c in classifications().values()})
        self.classification_combo.setCurrentIndex(
            self.classification_combo.findData(DEFAULT_CLASSIFICATION))
        self.classification_combo.currentIndexChanged.connect(lambda _i: self.check())

        columns_box = QGroupBox("Columns: what each one holds (guessed from the headers)", self)
        grid = QGridLayout(columns_box)
        self.column_combos: dict[str, QComboBox] = {}
        for number, role in enumerate(ROLES):
            words = ROLE_WORDS[role]
            box = named(QComboBox(columns_box), f"Column for the {words}")
            named(box.view(), f"Column for the {words} choices")
            box.currentIndexChanged.connect(lambda _i: self._columns_changed())
            label = QLabel(f"{words[:1].upper()}{words[1:]}", columns_box)
            label.setBuddy(box)
            row, column = divmod(number, 2)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
            self.column_combos[role] = box
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.area_combo = named(QComboBox(self), "Area")
        named(self.area_combo.view(), "Area choices")
        self.area_combo.currentIndexChanged.connect(lambda _i: self.check())
        self.name_edit = named(QLineEdit(self), "Baseline's name")
        self.name_edit.setPlaceholderText("Default: the area's name")
        self.report = named(QPlainTextEdit(self), "Validation report")
        self.report.setReadOnly(True)
        self.report.setPlaceholderText("Choose a file: the report of what it holds, and of "
                                       "every problem in it, appears here.")
        self.valid_only = named(QCheckBox("Import &only the valid rows", self),
                                "Import only the valid rows",
                                "Leave out the rows the report lists as problems")
        self.valid_only.toggled.connect(lambda _on: self._update_ok())

        form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        for text, item in (("&File", file_row), ("&Categories", self.classification_combo)):
            label = QLabel(text, self)
            label.setBuddy(self.file_edit if text == "&File" else self.classification_combo)
            form.addRow(label, item)
        area_label = QLabel("&Area", self)
        area_label.setBuddy(self.area_combo)
        name_label = QLabel("&Name", self)
        name_label.setBuddy(self.name_edit)
        report_label = QLabel("&Validation report", self)
        report_label.setBuddy(self.report)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(columns_box)
        lower = QFormLayout()
        lower.addRow(area_label, self.area_combo)
        lower.addRow(name_label, self.name_edit)
        layout.addLayout(lower)
        layout.addWidget(report_label)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.valid_only)
        layout.addWidget(self.buttons)
        self.resize(780, 600)
        self._show_table()
        self.choose_button.setFocus()

    # ------------------------------------------------------------------ reading

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose a census table", self._start_folder,
            "Tables (*.csv *.xlsx *.tsv *.txt);;All files (*)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read the file's table off the UI thread; the report follows."""
        from app.representation.baselines import read_table

        self.file_edit.setText(str(path))
        self.rows = None
        self.check()  # sets aside any check of the last file
        self.report.setPlainText("Reading the file…")
        runner = TaskRunner(lambda _progress, _cancelled: read_table(path), parent=self,
                            title="Reading the file", label=f"Reading “{path.name}”…")
        runner.finished.connect(self._read)
        runner.failed.connect(self._not_read)
        runner.cancelled.connect(lambda: self.report.setPlainText("Reading was cancelled."))
        self.runner = runner
        runner.start()

    def _read(self, rows: object) -> None:
        self.rows = rows  # type: ignore[assignment]
        self._show_table()

    def _not_read(self, sentence: str) -> None:
        self.rows = None
        self._show_table()
        self.report.setPlainText(f"Nothing can be imported from this file.\n\n{sentence}")

    def _show_table(self) -> None:
        """Fill the column and area choices from the table's header, guessing each."""
        header = self.rows[0] if self.rows else []
        guessed = detect_columns(header)
        for role, box in self.column_combos.items():
            box.blockSignals(True)
            box.clear()
            box.addItem("(none)", NO_COLUMN)
            for index, title in enumerate(header):
                box.addItem(f"{index + 1}. {title}", index)
            box.setCurrentIndex(max(0, box.findData(guessed.get(role, NO_COLUMN))))
            box.setEnabled(bool(header))
            box.blockSignals(False)
        self._columns_changed()

    def columns(self) -> dict[str, int]:
        return {role: box.currentData() for role, box in self.column_combos.items()
                if box.currentData() not in (None, NO_COLUMN)}

    def _columns_changed(self) -> None:
        self._new_areas = True
        self.check()

    # ------------------------------------------------------------------ the report

    def check(self) -> None:
        """Ask for the table to be checked with the choices made; the report lists every
        problem. The check runs shortly, off the UI thread, once the choices settle."""
        self._asked += 1
        self.found = None
        self.pending = self.rows is not None
        if self.pending:
            self._check_timer.start()  # restarts: quick changes make one check
        else:
            self._check_timer.stop()
            self._show_areas([], None)
        self._update_ok()

    def _start_check(self) -> None:
        if self.rows is None:
            return
        if self.checker is not None and self.checker.is_running():
            return  # `_checked` starts the next check when this one reports
        asked, new_areas = self._asked, self._new_areas
        rows, columns = self.rows, self.columns()
        classification = get_classification(self.classification_combo.currentData())
        area = self.area_combo.currentData() if self.area_combo.count() > 1 else None
        name = Path(self.file_edit.text()).name
        runner = TaskRunner(
            lambda _progress, _cancelled: check_table(rows, name, classification, columns,
                                                      area, new_areas),
            parent=self, show_progress=False)
        runner.finished.connect(lambda result: self._checked(asked, result))
        runner.failed.connect(lambda sentence: self._checked(asked, Checked(
            None, None, None, (sentence,))))
        self.checker = runner
        runner.start()

    def _checked(self, asked: int, result: object) -> None:
        assert isinstance(result, Checked)
        if asked != self._asked:  # the choices changed meanwhile: check them instead
            if self.pending and not self._check_timer.isActive():
                self._start_check()
            return
        self.pending = False
        if result.areas is not None:
            self._new_areas = False
            self._show_areas(result.areas, result.area)
        self.found = result.found
        if result.found is not None:
            text = self.report_text(result.found)
        else:
            text = ("Nothing can be imported as the columns are set.\n\n"
                    + "\n".join(f"• {p}" for p in result.problems))
        if text != self.report.toPlainText():  # the same report keeps its scroll position
            self.report.setPlainText(text)
        self._update_ok()

    def _show_areas(self, areas: Areas, chosen: str | None) -> None:
        items = [(" — ".join(p for p in (code, name) if p) or "(no name)", code or name)
                 for code, name in areas]
        shown = [(self.area_combo.itemText(i), self.area_combo.itemData(i))
                 for i in range(self.area_combo.count())]
        self.area_combo.blockSignals(True)
        if items != shown:  # refilled only when the areas differ, so the list stays put
            self.area_combo.clear()
            for text, key in items:
                self.area_combo.addItem(text, key)
        if chosen is not None:
            self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(chosen)))
        self.area_combo.setEnabled(len(areas) > 1)
        self.area_combo.blockSignals(False)

    @staticmethod
    def report_text(found: BaselineImport) -> str:
        people = sum(n for _, n in found.counts)
        area = found.area_name or found.area_code or "the file"
        lines = [f"{area}: {len(found.counts)} categories read, {people:,} people."]
        if found.problems:
            count = len(found.problems)
            lines += ["", f"{count} problem{'s' if count != 1 else ''} — nothing will be "
                      "imported unless you choose to import only the valid rows:"]
            lines += [f"• {p}" for p in found.problems]
        else:
            lines += ["", "No problems: the whole file can be imported."]
        if found.notes:
            lines += ["", "Notes:"] + [f"• {n}" for n in found.notes]
        return "\n".join(lines)

    def _update_ok(self) -> None:
        if self.pending:
            # Until the check reports, Import waits; the rest stays as it is (no flicker).
            self.import_button.setEnabled(False)
            return
        found = self.found
        has_problems = found is not None and bool(found.problems)
        self.valid_only.setEnabled(has_problems and bool(found and found.counts))
        if not self.valid_only.isEnabled():
            self.valid_only.setChecked(False)
        self.import_button.setEnabled(
            found is not None and bool(found.counts)
            and (not has_problems or self.valid_only.isChecked()))

    def baseline(self) -> BaselineRow:
        assert self.found is not None
        row = self.found.to_baseline(valid_only=self.valid_only.isChecked())
        name = self.name_edit.text().strip()
        return replace(row, name=name) if name else row

    def done(self, result: int) -> None:
        # A file still being read or checked is let go of first: a thread must not outlive
        # the dialog.
        self._check_timer.stop()
        for runner in (self.runner, self.checker):
            if runner is not None and runner.is_running():
                runner.cancel()
                runner.wait()
        super().done(result)

    def accept(self) -> None:
        if not self.import_button.isEnabled():
            return
        try:
            row = self.baseline()
        except UserError as error:
            self.report.setPlainText(str(error))
            return
        if self._save(row):
            super().accept()
