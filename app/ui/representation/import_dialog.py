"""Import a baseline from a CSV or Excel file (such as an ONS census area table).

The steps on one page: choose the file (read off the UI thread), check the guessed
columns, choose the area when the file holds several, choose the categories, then read the
validation report. Import stays disabled while the report lists problems, unless the user
ticks "Import only the valid rows" after reading them. Nothing changes until Import is
pressed, and nothing at all on Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

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
from app.representation.classifications import classifications, get_classification
from app.representation.errors import BaselineImportError
from app.representation.store import BaselineRow
from app.representation.vocabulary import DEFAULT_CLASSIFICATION
from app.ui.a11y import name_buttons, named
from app.ui.representation.new_audit_dialog import combo
from app.ui.worker import TaskRunner

NO_COLUMN = -1


class ImportBaselineDialog(QDialog):
    def __init__(self, save: Callable[[BaselineRow], bool], start_folder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a baseline")
        self._save = save
        self._start_folder = start_folder
        self.rows: list[list[str]] | None = None  # the file's table, once read
        self.found: BaselineImport | None = None  # the last check of it
        self.runner: TaskRunner | None = None

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
        self.found = None
        self.report.setPlainText("Reading the file…")
        self._update_ok()
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
        areas = areas_in(self.rows, self.columns()) if self.rows else []
        self.area_combo.blockSignals(True)
        self.area_combo.clear()
        for code, name in areas:
            self.area_combo.addItem(" — ".join(p for p in (code, name) if p) or "(no name)",
                                    code or name)
        self.area_combo.setEnabled(len(areas) > 1)
        self.area_combo.blockSignals(False)
        self.check()

    # ------------------------------------------------------------------ the report

    def check(self) -> None:
        """Check the table with the choices made; the report lists every problem."""
        self.found = None
        if self.rows is None:
            self._update_ok()
            return
        classification = get_classification(self.classification_combo.currentData())
        area = self.area_combo.currentData() if self.area_combo.count() > 1 else None
        name = Path(self.file_edit.text()).name
        try:
            self.found = parse_baseline(self.rows, name, classification, area=area,
                                        columns=self.columns())
        except BaselineImportError as error:
            self.report.setPlainText("Nothing can be imported as the columns are set.\n\n"
                                     + "\n".join(f"• {p}" for p in error.problems))
        else:
            self.report.setPlainText(self.report_text(self.found))
        self._update_ok()

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
        # A file still being read is let go of first: its thread must not outlive the dialog.
        if self.runner is not None and self.runner.is_running():
            self.runner.cancel()
            self.runner.wait()
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
