"""The export dialog: which report, in which format, to which file, and how small numbers show.

A view only. It reads the exporter registry's capability flags to enable its options and,
when the user presses Export and the form makes sense, emits `export_requested`; the
caller (`ExportController`) reads `request()`, asks before replacing a file and runs the
export. The dialog stays open (and busy) while the export runs, so a failed export can be
put right and tried again without filling the form in twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.reports.disclosure.control import DisclosurePreset
from app.reports.export.exporters import (
    EXPORTERS,
    PUBLICATION_DEFAULT,
    Exporter,
    ExportFormat,
    ExportOptions,
    default_file_name,
)
from app.reports.model.subjects import ReportSubject
from app.ui.a11y import name_buttons, named
from app.ui.export import choosers
from app.ui.fitting import comfortable_size, grow_to_fit, keep_on_screen, scrolling

# The letter each format's radio button is reached by (Alt+letter); unique in the dialog.
_MNEMONICS = {
    ExportFormat.DOCX: "W",
    ExportFormat.PDF: "P",
    ExportFormat.ACCESSIBLE_PDF: "t",
    ExportFormat.XLSX: "x",
}
_EXPORT_SUFFIXES = {exporter.file_suffix for exporter in EXPORTERS.values()}
NEEDS_LIBREOFFICE = (
    "Not available: this needs LibreOffice, which is not installed on this computer. "
    "Install it free from libreoffice.org, then open this dialog again."
)
TEMPLATE_HINT = "Leave empty to use the built-in template."
NO_TEMPLATE_HINT = "Only Word documents and accessible PDFs use a template."
PUBLISHED_UNPROTECTED = (
    "Small counts will be shown exactly. Before you publish or share this, check that no one "
    "can be identified from it."
)
ERROR_COLOUR = "#b00020"
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


def free_mnemonic(label: str, used: set[str]) -> str:
    """`label` with '&' before its first letter not in `used` (unchanged if none is free)."""
    letter = next((c for c in label if c.isalpha() and c.lower() not in used), "")
    return with_mnemonic(label, letter)


def mnemonic_letter(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    cleaned = text.replace("&&", "")
    return cleaned[index + 1].lower() if 0 <= index < len(cleaned) - 1 else None


def with_mnemonic(label: str, letter: str) -> str:
    """`label` with '&' before `letter` (same case first, then any case); unchanged if absent."""
    label = label.replace("&", "&&")
    if not letter:
        return label
    index = label.find(letter)
    if index < 0:
        index = label.lower().find(letter.lower())
    return label if index < 0 else f"{label[:index]}&{label[index:]}"


def with_export_suffix(path: Path, fmt: ExportFormat) -> Path:
    """`path` ending in the format's suffix: another export suffix is swapped, others kept."""
    suffix = EXPORTERS[fmt].file_suffix
    current = path.suffix.lower()
    if current == suffix:
        return path
    if current in _EXPORT_SUFFIXES:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


def _column(*items: QWidget | QLayout) -> QVBoxLayout:
    """A field with its notes underneath, held close together."""
    column = QVBoxLayout()
    column.setSpacing(4)
    for item in items:
        if isinstance(item, QLayout):
            column.addLayout(item)
        else:
            column.addWidget(item)
    return column


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
        self._rule_chosen = False  # once the user picks a rule, publication stops changing it

        self.report_combo = named(QComboBox(self), "Report", "Which report to export")
        for name, title in reports:
            self.report_combo.addItem(title, name)
        report_label = QLabel("&Report:", self)
        report_label.setBuddy(self.report_combo)
        # Shown for a report about one thing in the workbook (one self-assessment, say).
        self.subject_combo = named(QComboBox(self), "Subject",
                                   "Which one the report is about")
        self.subject_combo.setSizePolicy(QSizePolicy.Policy.Expanding,
                                         QSizePolicy.Policy.Fixed)
        # A long name must not widen the dialog: the list shows it whole when opened.
        self.subject_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.subject_combo.setMinimumContentsLength(30)
        self.subject_label = QLabel(self)
        self.subject_label.setBuddy(self.subject_combo)

        self.format_group = QGroupBox("Format", self)
        self.format_buttons: dict[ExportFormat, QRadioButton] = {}
        self.format_notes: dict[ExportFormat, QLabel] = {}
        self._format_ids = QButtonGroup(self)
        format_layout = QVBoxLayout(self.format_group)
        format_layout.setSpacing(2)
        for number, (fmt, exporter) in enumerate(EXPORTERS.items()):
            self._add_format(number, fmt, exporter, format_layout)

        self.path_edit = named(QLineEdit(self), "Save as",
                               "The file to write; its name ends in the format's suffix")
        self.path_button = named(QPushButton("C&hoose…", self), "Choose file",
                                 "Pick the folder and name of the exported file")
        path_label = QLabel("Save &as:", self)
        path_label.setBuddy(self.path_edit)

        self.template_edit = named(QLineEdit(self), "Word template",
                                   "A Word document or template whose styles, headers and "
                                   "footers the export uses; empty for the built-in one")
        self.template_edit.setPlaceholderText("Built-in template")
        self.template_button = named(QPushButton("Choo&se…", self), "Choose template",
                                     "Pick a Word document or template to export on")
        self.template_clear = named(QPushButton("C&lear", self), "Clear template",
                                    "Use the built-in template")
        self.template_note = self._note()
        template_label = QLabel("Word te&mplate:", self)
        template_label.setBuddy(self.template_edit)

        self.privacy_group = QGroupBox("Small numbers", self)
        self.publication_check = named(
            QCheckBox("Meant for p&ublication", self.privacy_group), "Meant for publication",
            "Hide counts small enough to identify a person")
        self.publication_check.setChecked(True)
        self.rule_combo = named(QComboBox(self.privacy_group), "Small-number rule",
                                "How small counts are hidden or rounded")
        for index, preset in enumerate(DisclosurePreset):
            self.rule_combo.addItem(preset.label, preset.value)
            # What the rule does and where it comes from, on hover over each choice.
            self.rule_combo.setItemData(index, preset.help_text, Qt.ItemDataRole.ToolTipRole)
        self.rule_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        rule_label = QLabel("Small-&number rule:", self.privacy_group)
        rule_label.setBuddy(self.rule_combo)
        self.rule_note = self._note(self.privacy_group)
        self.rule_warning = self._note(self.privacy_group)
        self.rule_warning.setObjectName("rule_warning")
        self.rule_warning.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.rule_warning.setText(PUBLISHED_UNPROTECTED)

        self.open_check = named(QCheckBox("&Open the file when done", self),
                                "Open the file when done",
                                "Open the exported file in its usual program")
        self.open_check.setChecked(True)

        self.error_label = self._note()
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()
        self.status_label = self._note()
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

        named(self.report_combo.view(), "Reports")  # the drop-down lists are focusable too
        named(self.subject_combo.view(), "Subjects")
        named(self.rule_combo.view(), "Small-number rules")
        self._lay_out(report_label, path_label, template_label, rule_label)
        self._used_letters = self._mnemonics_in_use()
        self.subject_label.setText(free_mnemonic("Subject:", self._used_letters))
        self._set_tab_order()

        self.report_combo.currentIndexChanged.connect(self._report_changed)
        self._format_ids.idToggled.connect(self._format_toggled)
        self.path_button.clicked.connect(self.choose_file)
        self.template_button.clicked.connect(self.choose_template)
        self.template_clear.clicked.connect(self.template_edit.clear)
        self.template_edit.textChanged.connect(self._update_template_controls)
        self.publication_check.toggled.connect(self._publication_toggled)
        self.rule_combo.activated.connect(self._rule_picked)
        self.rule_combo.currentIndexChanged.connect(self._update_rule_notes)
        for edit in (self.path_edit, self.template_edit):
            edit.textChanged.connect(self.error_label.hide)
            edit.textChanged.connect(edit.setToolTip)  # the whole path, however long

        self._auto_name = ""
        self._show_subjects()
        self.subject_combo.currentIndexChanged.connect(self._rename_automatically)
        self._select_format(export_format)
        self._set_auto_name()
        self._publication_toggled(True)
        self._update_template_controls()

    # ------------------------------------------------------------------ building

    def _note(self, parent: QWidget | None = None) -> QLabel:
        label = QLabel(parent or self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _add_format(self, number: int, fmt: ExportFormat, exporter: Exporter,
                    layout: QVBoxLayout) -> None:
        available = exporter.available()
        description = exporter.description if available else NEEDS_LIBREOFFICE
        button = QRadioButton(with_mnemonic(exporter.label, _MNEMONICS.get(fmt, "")),
                              self.format_group)
        named(button, exporter.label, description)
        button.setEnabled(available)
        button.setToolTip(description)
        note = self._note(self.format_group)
        note.setText(description)
        style = button.style()
        indent = (style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, button)
                  + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None,
                                      button))
        note.setContentsMargins(indent, 0, 0, 6)
        button.installEventFilter(self)
        self._format_ids.addButton(button, number)
        self.format_buttons[fmt] = button
        self.format_notes[fmt] = note
        layout.addWidget(button)
        layout.addWidget(note)

    def _lay_out(self, report_label: QLabel, path_label: QLabel, template_label: QLabel,
                 rule_label: QLabel) -> None:
        self._form_labels = (report_label, self.subject_label, path_label, template_label)
        self._align_labels()
        top = QFormLayout()
        top.addRow(report_label, self.report_combo)
        top.addRow(self.subject_label, self.subject_combo)
        self._top = top

        files = QFormLayout()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.path_button)
        files.addRow(path_label, path_row)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit, 1)
        template_row.addWidget(self.template_button)
        template_row.addWidget(self.template_clear)
        files.addRow(template_label, _column(template_row, self.template_note))

        privacy = QVBoxLayout(self.privacy_group)
        privacy.addWidget(self.publication_check)
        rule_form = QFormLayout()
        rule_form.addRow(rule_label, _column(self.rule_combo, self.rule_note, self.rule_warning))
        privacy.addLayout(rule_form)

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tabbing into the formats lands on the chosen one, as in any radio group."""
        if (event.type() == QEvent.Type.FocusIn and watched in self.format_buttons.values()
                and isinstance(event, QFocusEvent)
                and event.reason() in (Qt.FocusReason.TabFocusReason,
                                       Qt.FocusReason.BacktabFocusReason)):
            chosen = self.format_buttons[self.current_format()]
            if chosen is not watched and chosen.isEnabled():
                chosen.setFocus(event.reason())
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ reading

    def current_format(self) -> ExportFormat:
        for fmt, button in self.format_buttons.items():
            if button.isChecked():
                return fmt
        return ExportFormat.DOCX

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
        if not self.has_subjects():
            return None
        data = self.subject_combo.currentData()
        return str(data) if data else None

    def suppression(self) -> DisclosurePreset:
        return DisclosurePreset(self.rule_combo.currentData())

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
            for_publication=self.publication_check.isChecked(),
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

    def _select_format(self, fmt: ExportFormat) -> None:
        button = self.format_buttons.get(fmt)
        if button is None or not button.isEnabled():
            button = self.format_buttons[ExportFormat.DOCX]
        button.setChecked(True)

    def _auto_file_name(self) -> str:
        about = self.report_title()
        chosen = self._subjects.get(self.report_name())
        subject = self.subject()
        if chosen is not None and subject is not None:
            # Exports about different subjects (say, two rounds) get different names.
            about += "".join(f" – {s.name}" for s in chosen[1] if s.id == subject)
        return default_file_name(self._workbook_title, about, self._today,
                                 self.current_format())

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
        wanted = self.subject_combo.currentData()
        self.subject_combo.blockSignals(True)
        self.subject_combo.clear()
        for subject in subjects:
            self.subject_combo.addItem(subject.label, subject.id)
        if not subjects:
            self.subject_combo.addItem(f"No {noun}s yet", None)
        self.subject_combo.setCurrentIndex(max(0, self.subject_combo.findData(wanted)))
        self.subject_combo.blockSignals(False)
        self.subject_combo.setEnabled(bool(subjects) and not self._busy)
        self.subject_label.setText(free_mnemonic(f"{noun[:1].upper()}{noun[1:]}:",
                                                 self._used_letters))
        self.subject_combo.setAccessibleName(noun[:1].upper() + noun[1:])
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

    def _format_toggled(self, _number: int, checked: bool) -> None:
        if not checked:
            return
        text = self.path_edit.text().strip()
        if text:
            automatic = self._name_is_automatic()
            self.path_edit.setText(str(with_export_suffix(Path(text), self.current_format())))
            if automatic:
                self._auto_name = Path(self.path_edit.text()).name
        self._update_template_controls()

    def _update_template_controls(self) -> None:
        supported = self.current_exporter().supports_template and not self._busy
        for widget in (self.template_edit, self.template_button):
            widget.setEnabled(supported)
        self.template_clear.setEnabled(supported and bool(self.template_edit.text()))
        self.template_note.setText(TEMPLATE_HINT if supported else NO_TEMPLATE_HINT)
        self._refit()

    def _publication_toggled(self, checked: bool) -> None:
        if not self._rule_chosen:
            preset = PUBLICATION_DEFAULT if checked else DisclosurePreset.NONE
            self.rule_combo.setCurrentIndex(self.rule_combo.findData(preset.value))
        self._update_rule_notes()

    def _rule_picked(self, _index: int) -> None:
        self._rule_chosen = True

    def _update_rule_notes(self) -> None:
        preset = self.suppression()
        self.rule_note.setText(preset.help_text)
        self.rule_combo.setAccessibleDescription(preset.help_text)
        self.rule_combo.setToolTip(preset.help_text)
        self.rule_warning.setVisible(self.publication_check.isChecked()
                                     and not preset.suppresses)
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
