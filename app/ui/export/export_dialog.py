"""The export dialog: which report, in which format, to which file, and how small numbers show.

A view only. It reads the exporter registry's capability flags to enable its options and,
when the user presses Export and the form makes sense, emits `export_requested`; the
caller (`ExportController`) reads `request()`, asks before replacing a file and runs the
export. The dialog stays open (and busy) while the export runs, so a failed export can be
put right and tried again without filling the form in twice.

This module puts the form together and keeps its parts in step; the parts are the subject
row (`subject_choice`), the formats (`format_choice`), the file rows (`file_rows`) and the
small-numbers group (`small_numbers`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.reports.disclosure.control import DisclosurePreset
from app.reports.export.exporters import (
    EXPORTERS,
    Exporter,
    ExportFormat,
    ExportOptions,
    default_file_name,
)
from app.reports.model.subjects import ReportSubject
from app.ui.a11y import name_buttons, named
from app.ui.export import choosers
from app.ui.export.file_rows import DestinationRow, TemplateRow, with_export_suffix
from app.ui.export.form_parts import note_label
from app.ui.export.format_choice import FormatChoice
from app.ui.export.mnemonics import free_mnemonic, mnemonic_letter
from app.ui.export.small_numbers import SmallNumbersChoice
from app.ui.export.subject_choice import SubjectChoice
from app.ui.fitting import comfortable_size, grow_to_fit, keep_on_screen, scrolling
from app.ui.style import ERROR_COLOUR

WIDTH = 760  # asked for; a small screen gets less and the form scrolls


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for: everything the controller needs to run the export."""

    report_name: str
    report_title: str
    options: ExportOptions
    open_when_done: bool
    subject: str | None = None  # the id of what the report is about, for reports that ask


# Report name -> (what one subject is called, the choices most recent first).
Subjects = Mapping[str, tuple[str, Sequence[ReportSubject]]]


class ExportDialog(QDialog):
    export_requested = Signal()  # the form is complete; read `request()`

    def __init__(
        self,
        *,
        reports: Sequence[tuple[str, str]],
        workbook_title: str,
        folder: str,
        export_format: ExportFormat = ExportFormat.DOCX,
        today: date | None = None,
        subjects: Subjects | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Report")
        self._subjects: Subjects = subjects or {}
        self.setObjectName("export_dialog")
        self._workbook_title = workbook_title
        self._folder = Path(folder)
        self._today = today or date.today()
        self._busy = False

        self.report_combo = named(QComboBox(self), "Report", "Which report to export")
        for name, title in reports:
            self.report_combo.addItem(title, name)
        report_label = QLabel("&Report:", self)
        report_label.setBuddy(self.report_combo)
        named(self.report_combo.view(), "Reports")  # the drop-down lists are focusable too
        # Shown for a report about one thing in the workbook (one self-assessment, say).
        self._subject = SubjectChoice(self)
        self.subject_combo, self.subject_label = self._subject.combo, self._subject.label

        self.format_group = FormatChoice(self)
        self.format_buttons = self.format_group.buttons
        self.format_notes = self.format_group.notes

        self._destination = DestinationRow(self)
        self.path_edit, self.path_button = self._destination.edit, self._destination.button
        self._template = TemplateRow(self)
        self.template_edit, self.template_button = self._template.edit, self._template.button
        self.template_clear, self.template_note = self._template.clear, self._template.note

        self.privacy_group = SmallNumbersChoice(self)
        privacy = self.privacy_group
        self.publication_check, self.rule_combo = privacy.publication_check, privacy.rule_combo
        self.rule_note, self.rule_warning = privacy.rule_note, privacy.rule_warning

        self.open_check = named(QCheckBox("&Open the file when done", self),
                                "Open the file when done",
                                "Open the exported file in its usual program")
        self.open_check.setChecked(True)

        self.error_label = note_label(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()
        self.status_label = note_label(self)
        self.status_label.setObjectName("status_label")
        self.status_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("&Export")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_export)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self.buttons)

        self._lay_out(report_label)
        self._used_letters = self._mnemonics_in_use()
        self.subject_label.setText(free_mnemonic("Subject:", self._used_letters))
        self._set_tab_order()

        self.report_combo.currentIndexChanged.connect(self._report_changed)
        self.format_group.chosen.connect(self._format_chosen)
        self.path_button.clicked.connect(self.choose_file)
        self.template_button.clicked.connect(self.choose_template)
        self.template_edit.textChanged.connect(self._update_template_controls)
        self.privacy_group.notes_changed.connect(self._refit)
        for edit in (self.path_edit, self.template_edit):
            edit.textChanged.connect(self.error_label.hide)
            edit.textChanged.connect(edit.setToolTip)  # the whole path, however long

        self._auto_name = ""
        self._show_subjects()
        self.subject_combo.currentIndexChanged.connect(self._rename_automatically)
        self.format_group.select(export_format)
        self._set_auto_name()
        self._refit()
        self._update_template_controls()

    # ------------------------------------------------------------------ building

    def _lay_out(self, report_label: QLabel) -> None:
        self._form_labels = (report_label, self.subject_label, self._destination.label,
                             self._template.label)
        self._align_labels()
        top = QFormLayout()
        top.addRow(report_label, self.report_combo)
        top.addRow(self.subject_label, self.subject_combo)
        self._top = top

        files = QFormLayout()
        files.addRow(self._destination.label, self._destination.layout())
        files.addRow(self._template.label, self._template.layout())

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.format_group)
        column.addLayout(files)
        column.addWidget(self.privacy_group)
        column.addWidget(self.open_check)
        column.addWidget(self.error_label)
        column.addWidget(self.status_label)
        column.addStretch(1)
        self.body = scrolling(body, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)  # outside the scrolling part: always on screen
        keep_on_screen(self, lambda: comfortable_size(self, self.body, WIDTH))

    def _align_labels(self) -> None:
        """The fields above and below the format line up, whatever the subject is called."""
        for label in self._form_labels:
            label.setMinimumWidth(0)
        width = max(label.sizeHint().width() for label in self._form_labels)
        for label in self._form_labels:
            label.setMinimumWidth(width)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [self.report_combo, self.subject_combo,
                                *self.format_buttons.values(),
                                self.path_edit, self.path_button, self.template_edit,
                                self.template_button, self.template_clear,
                                self.publication_check, self.rule_combo, self.open_check,
                                self.export_button, self.cancel_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ reading

    def current_format(self) -> ExportFormat:
        return self.format_group.current()

    def current_exporter(self) -> Exporter:
        return EXPORTERS[self.current_format()]

    def report_name(self) -> str:
        return str(self.report_combo.currentData() or "")

    def report_title(self) -> str:
        return self.report_combo.currentText()

    def has_subjects(self) -> bool:
        return self.report_name() in self._subjects

    def subject(self) -> str | None:
        """The id of what the report is about; None for a whole-workbook report."""
        return self._subject.current() if self.has_subjects() else None

    def suppression(self) -> DisclosurePreset:
        return self.privacy_group.suppression()

    def output_path(self) -> Path:
        """The file to write: relative names go in the starting folder; the suffix fits."""
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else Path()
        if not path.is_absolute():
            path = self._folder / path
        return with_export_suffix(path, self.current_format()).absolute()

    def template_path(self) -> Path | None:
        text = self.template_edit.text().strip()
        if not text or not self.current_exporter().supports_template:
            return None
        return Path(text).expanduser().absolute()

    def request(self) -> ExportRequest:
        options = ExportOptions(
            format=self.current_format(),
            out_path=self.output_path(),
            template=self.template_path(),
            suppression=self.suppression(),
            for_publication=self.privacy_group.for_publication(),
        )
        return ExportRequest(self.report_name(), self.report_title(), options,
                             self.open_check.isChecked(), self.subject())

    def problem(self) -> tuple[str, QWidget | None]:
        """What stops the export going ahead, and the field to put right; ("", None) if none."""
        if not self.report_name():
            return "There is no report to export yet.", self.report_combo
        if not self.path_edit.text().strip():
            return "Type a file name, or choose where to save the file.", self.path_edit
        path = self.output_path()
        if path.is_dir():
            return f"{path} is a folder. Type a name for the file.", self.path_edit
        if not path.parent.is_dir():
            return (f"The folder {path.parent} does not exist. Choose another folder.",
                    self.path_edit)
        template = self.template_path()
        if template is not None and not template.is_file():
            return (f"There is no template at {template}. Choose it again, or clear it to use "
                    "the built-in template.", self.template_edit)
        return "", None

    # ------------------------------------------------------------------ state

    def _fit(self) -> None:
        """Grow (as far as the screen allows) when a note appears; beyond that it scrolls."""
        grow_to_fit(self, self.body)

    def _refit(self) -> None:
        QTimer.singleShot(0, self, self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._refit()

    def set_busy(self, busy: bool) -> None:
        """While an export runs the form cannot be changed or closed."""
        self._busy = busy
        for widget in (self.report_combo, self.subject_combo, self.format_group,
                       self.path_edit, self.path_button,
                       self.template_edit, self.template_button, self.template_clear,
                       self.privacy_group, self.open_check, self.export_button,
                       self.cancel_button):
            widget.setEnabled(not busy)
        if not busy:
            self._update_template_controls()
            self._show_subjects()
        if busy:
            self.error_label.hide()
            self.status_label.hide()

    def is_busy(self) -> bool:
        return self._busy

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        self._refit()

    def show_problem(self, text: str, widget: QWidget | None = None) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self._refit()
        if widget is not None:
            widget.setFocus()

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
        else:
            super().closeEvent(event)

    # ------------------------------------------------------------------ reacting

    def _on_export(self) -> None:
        if self._busy:
            return
        self.status_label.hide()
        text, widget = self.problem()
        if text:
            self.show_problem(text, widget)
            return
        self.error_label.hide()
        self.export_requested.emit()

    def _auto_file_name(self) -> str:
        chosen = self._subjects.get(self.report_name())
        subject = self.subject()
        name = ""
        if chosen is not None and subject is not None:
            # Exports about different subjects (say, two rounds) get different names.
            name = next((s.name for s in chosen[1] if s.id == subject), "")
        return default_file_name(self._workbook_title, self.report_title(), self._today,
                                 self.current_format(), subject=name)

    def _set_auto_name(self) -> None:
        self._auto_name = self._auto_file_name()
        self.path_edit.setText(str(self._folder / self._auto_name))

    def _name_is_automatic(self) -> bool:
        return Path(self.path_edit.text().strip()).name == self._auto_name

    def _mnemonics_in_use(self) -> set[str]:
        texts = [label.text() for label in self.findChildren(QLabel) if label.buddy()]
        texts += [button.text() for button in self.findChildren(QAbstractButton)]
        return {letter for text in texts if (letter := mnemonic_letter(text))}

    def _show_subjects(self) -> None:
        """The subject row, filled for the chosen report; hidden when it has none."""
        chosen = self._subjects.get(self.report_name())
        self._top.setRowVisible(self.subject_combo, chosen is not None)
        if chosen is None:
            return
        noun, subjects = chosen
        self._subject.fill(noun, subjects, enabled=not self._busy,
                           used_letters=self._used_letters)
        self._align_labels()
        self._refit()

    def _report_changed(self) -> None:
        self._show_subjects()
        self._rename_automatically()

    def _rename_automatically(self) -> None:
        """A name the dialog proposed follows the report (and subject) chosen."""
        if self._name_is_automatic():
            folder = Path(self.path_edit.text().strip()).parent
            self._auto_name = self._auto_file_name()
            self.path_edit.setText(str(folder / self._auto_name))

    def _format_chosen(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            automatic = self._name_is_automatic()
            self.path_edit.setText(str(with_export_suffix(Path(text), self.current_format())))
            if automatic:
                self._auto_name = Path(self.path_edit.text()).name
        self._update_template_controls()

    def _update_template_controls(self) -> None:
        self._template.set_supported(self.current_exporter().supports_template
                                     and not self._busy)
        self._refit()

    # ------------------------------------------------------------------ choosers

    def choose_file(self) -> None:
        path = choosers.choose_export_file(self, self.output_path(), self.current_exporter())
        if path is not None:
            self.path_edit.setText(str(with_export_suffix(path, self.current_format())))

    def choose_template(self) -> None:
        start = self.template_edit.text().strip() or str(self._folder)
        path = choosers.choose_template(self, start)
        if path is not None:
            self.template_edit.setText(str(path))
