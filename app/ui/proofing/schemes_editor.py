"""The Equality schemes section: the workbook's schemes and their commitments (typed in or
imported from a Word document or a spreadsheet), and the proofing allow-list, rule files
and capitalisation style that apply to every proof in this workbook."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.proofing.rules.styles import CAPITALS
from app.proofing.scheme import Commitment, split_keywords
from app.proofing.schemes_store import SchemeData, list_schemes
from app.proofing.topics import PROOF_RULES, PROOF_SCHEMES
from app.proofing.workbook_rules import get_capitals, list_allowed, list_rule_files
from app.ui import messages
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.plans.actions_editor import CommitOnLeave
from app.ui.proofing.models import CommitmentsModel
from app.ui.screens import ScreenContext

SCHEME_FILTER = "Schemes (*.docx *.odt *.md *.txt *.xlsx)"
EMPTY_TEXT = ("No equality schemes yet — add one and type its commitments in, or import "
              "it from a Word document or a spreadsheet. Proofs check the general duty's "
              "three limbs either way.")


class SchemesEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.schemes: list[SchemeData] = []
        # Made first, so its controls come first in the keyboard's order.
        box = schemes_box = QGroupBox("Schemes", self)
        self.scheme_names = QStringListModel(self)
        self.add_button = named(QPushButton("&Add scheme…", box), "Add scheme")
        self.import_button = named(QPushButton("&Import…", box), "Import scheme",
                                   "Read a scheme from a .docx, .odt, .md, .txt or .xlsx")
        self.rename_button = named(QPushButton("Re&name…", box), "Rename scheme")
        self.remove_button = named(QPushButton("&Remove", box), "Remove scheme")
        self.add_button.clicked.connect(self.add_scheme)
        self.import_button.clicked.connect(self.import_scheme)
        self.rename_button.clicked.connect(self.rename_scheme)
        self.remove_button.clicked.connect(self.remove_scheme)
        self.scheme_list = named(QListView(box), "Equality schemes")
        self.scheme_list.setObjectName("scheme_list")
        self.scheme_list.setModel(self.scheme_names)
        self.scheme_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scheme_list.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.duty_check = named(QCheckBox("Include the general equality &duty's three limbs",
                                          box), "Include the general duty")
        self.duty_check.clicked.connect(self._set_duty)
        self.commitments = CommitmentsModel(self)
        self.commitment_table = row_table(box, self.commitments, name="Commitments",
                                          object_name="commitments_table", stretch_column=1)
        self.commitment_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_commitment())
        self.add_commitment_button = named(QPushButton("Add &commitment", box),
                                           "Add commitment")
        self.remove_commitment_button = named(QPushButton("Remove commi&tment", box),
                                              "Remove commitment")
        self.add_commitment_button.clicked.connect(self.add_commitment)
        self.remove_commitment_button.clicked.connect(self.remove_commitment)
        self.code_edit = named(QLineEdit(box), "Commitment number")
        self.title_edit = named(QLineEdit(box), "Commitment title")
        self.text_edit = CommitOnLeave(self._save_commitment, box)
        named(self.text_edit, "Commitment text")
        self.text_edit.setMaximumHeight(60)
        self.text_edit.setLineWrapMode(CommitOnLeave.LineWrapMode.WidgetWidth)
        self.keywords_edit = named(QLineEdit(box), "Keywords", "Separated by semicolons")
        for edit in (self.code_edit, self.title_edit, self.keywords_edit):
            edit.editingFinished.connect(self._save_commitment)
        form = QFormLayout()
        for text, widget in (("N&o.", self.code_edit), ("&Title", self.title_edit),
                             ("Te&xt", self.text_edit), ("&Keywords", self.keywords_edit)):
            label = QLabel(text, box)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self._pages = TableOrEmpty(self.commitment_table, EMPTY_TEXT, box)
        self._pages.setMinimumHeight(130)  # a few commitments in view on a small screen

        schemes_layout = QVBoxLayout(schemes_box)
        schemes_layout.addLayout(button_row(self.add_button, self.import_button,
                                            self.rename_button, self.remove_button))
        # One column, so the keyboard walks it in reading order.
        self.scheme_list.setMaximumHeight(80)
        schemes_layout.addWidget(self.scheme_list)
        schemes_layout.addWidget(self.duty_check)
        schemes_layout.addWidget(self._pages, 1)
        schemes_layout.addLayout(button_row(self.add_commitment_button,
                                            self.remove_commitment_button))
        schemes_layout.addLayout(form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(schemes_box, 3)
        layout.addWidget(self._settings_box(), 1)
        self.setFocusProxy(self.scheme_list)
        document.changed.connect(self._on_changed)
        self.refresh()

    def _settings_box(self) -> QGroupBox:
        box = QGroupBox("Proofing settings: capitalisation, allowed wording and own rules", self)
        # Created in reading order (the keyboard walks them so): the style, the entry and
        # buttons, then the two lists.
        self.capitals_combo = named(
            QComboBox(box), "Capitalisation of ethnic groups",
            "Which style proofs follow: capitalise every ethnic group, as the ONS does, or "
            "write the colour terms white and black in lower case")
        named(self.capitals_combo.view(), "Capitalisation styles")  # the list takes focus too
        for style, label in CAPITALS.items():
            self.capitals_combo.addItem(label, style)
        self.capitals_combo.currentIndexChanged.connect(self._set_capitals)
        capitals_label = QLabel("Ca&pitalisation of ethnic groups:", box)
        capitals_label.setBuddy(self.capitals_combo)
        self.allow_edit = named(QLineEdit(box), "Wording to allow")
        self.allow_edit.setPlaceholderText("e.g. Riverside BME Network")
        self.allow_edit.returnPressed.connect(self.allow_term)
        self.allow_button = named(QPushButton("A&llow", box), "Allow wording")
        self.disallow_button = named(QPushButton("Take o&ff", box), "Take wording off")
        self.allow_button.clicked.connect(self.allow_term)
        self.disallow_button.clicked.connect(self.disallow_term)
        self.add_rules_button = named(QPushButton("Add r&ule file…", box), "Add rule file")
        self.remove_rules_button = named(QPushButton("Remove rule f&ile", box),
                                         "Remove rule file")
        self.add_rules_button.clicked.connect(self.add_rule_file)
        self.remove_rules_button.clicked.connect(self.remove_rule_file)
        self.allow_model = QStringListModel(self)
        self.allow_list = named(QListView(box), "Allowed wording",
                                "Wording the rules leave alone, such as an organisation's "
                                "name")
        self.allow_list.setModel(self.allow_model)
        self.allow_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_model = QStringListModel(self)
        self.rules_list = named(QListView(box), "Rule files",
                                "Rule files that add, change or switch off shipped rules")
        self.rules_list.setModel(self.rules_model)
        self.rules_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        left = QVBoxLayout()
        entry = QHBoxLayout()
        entry.addWidget(self.allow_edit, 1)
        entry.addWidget(self.allow_button)
        entry.addWidget(self.disallow_button)
        left.addLayout(entry)
        left.addWidget(self.allow_list)
        right = QVBoxLayout()
        right.addLayout(button_row(self.add_rules_button, self.remove_rules_button))
        right.addWidget(self.rules_list)
        style_row = QHBoxLayout()
        style_row.addWidget(capitals_label)
        style_row.addWidget(self.capitals_combo)
        style_row.addStretch(1)
        lists = QHBoxLayout()
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)
        layout = QVBoxLayout(box)
        layout.addLayout(style_row)
        layout.addLayout(lists, 1)
        return box

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        current = self.current_scheme()
        self.schemes = self._document.read(list_schemes)
        self.scheme_names.setStringList([s.name for s in self.schemes])
        ids = [s.id for s in self.schemes]
        row = ids.index(current.id) if current and current.id in ids else (0 if ids else -1)
        if row >= 0:
            self.scheme_list.selectionModel().setCurrentIndex(
                self.scheme_names.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show()
        self.allow_model.setStringList(self._document.read(list_allowed))
        self.rule_files = self._document.read(list_rule_files)
        self.rules_model.setStringList([r.name for r in self.rule_files])
        self.capitals_combo.blockSignals(True)  # showing the stored style is not a choice
        self.capitals_combo.setCurrentIndex(
            self.capitals_combo.findData(self._document.read(get_capitals)))
        self.capitals_combo.blockSignals(False)
        writable = not self._document.read_only
        for widget in (self.add_button, self.import_button, self.allow_button,
                       self.disallow_button, self.add_rules_button,
                       self.remove_rules_button, self.allow_edit, self.capitals_combo):
            widget.setEnabled(writable)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {PROOF_SCHEMES, PROOF_RULES}:
            self.refresh()

    def current_scheme(self) -> SchemeData | None:
        row = self.scheme_list.currentIndex().row()
        return self.schemes[row] if 0 <= row < len(self.schemes) else None

    def _show(self) -> None:
        scheme = self.current_scheme()
        selected = self.commitment_table.currentIndex().row()
        self.commitments.set_rows(scheme.commitments if scheme else ())
        self._pages.follow_rows()
        if self.commitments.rowCount():
            row = min(max(selected, 0), self.commitments.rowCount() - 1)
            self.commitment_table.selectionModel().setCurrentIndex(
                self.commitments.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        writable = scheme is not None and not self._document.read_only
        self.duty_check.setChecked(bool(scheme and scheme.general_duty))
        for widget in (self.duty_check, self.rename_button, self.remove_button,
                       self.add_commitment_button):
            widget.setEnabled(writable)
        self._show_commitment()

    def _current_commitment(self) -> int:
        index = self.commitment_table.currentIndex()
        return index.row() if index.isValid() else -1

    def _show_commitment(self) -> None:
        scheme = self.current_scheme()
        row = self._current_commitment()
        commitment = scheme.commitments[row] if scheme and 0 <= row < len(
            scheme.commitments) else None
        self.code_edit.setText(commitment.id if commitment else "")
        self.title_edit.setText(commitment.title if commitment else "")
        if self.text_edit.toPlainText() != (commitment.text if commitment else ""):
            self.text_edit.setPlainText(commitment.text if commitment else "")
        self.keywords_edit.setText("; ".join(commitment.keywords) if commitment else "")
        editable = commitment is not None and not self._document.read_only
        for widget in (self.code_edit, self.title_edit, self.keywords_edit):
            widget.setReadOnly(not editable)
        self.text_edit.setReadOnly(not editable)
        self.remove_commitment_button.setEnabled(editable)

    # ------------------------------------------------------------------ scheme edits

    def add_scheme(self, name: str | None = None) -> None:
        from app.proofing.operations import AddScheme

        if name is None:
            name, ok = QInputDialog.getText(self, "Add scheme", "The scheme's name:")
            if not ok:
                return
        data = SchemeData(uuid.uuid4(), name)
        if self._document.perform(AddScheme(data)):
            self._select_scheme(data.id)

    def import_path(self, path: Path) -> bool:
        from app.proofing.operations import AddScheme
        from app.proofing.scheme import load_scheme

        try:
            scheme = load_scheme(path)
        except UserError as error:
            messages.show_error(self, str(error))
            return False
        names = {s.name.casefold() for s in self.schemes}
        name = scheme.name or path.stem
        while name.casefold() in names:
            name = f"{name} (imported)"
        data = SchemeData(uuid.uuid4(), name[:200], scheme.commitments)
        if self._document.perform(AddScheme(data)):
            self._select_scheme(data.id)
            return True
        return False

    def import_scheme(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import scheme", "", SCHEME_FILTER)
        if name:
            self.import_path(Path(name))

    def rename_scheme(self) -> None:
        from app.proofing.operations import UpdateScheme

        scheme = self.current_scheme()
        if scheme is None:
            return
        name, ok = QInputDialog.getText(self, "Rename scheme", "The scheme's name:",
                                        text=scheme.name)
        if ok:
            self._document.perform(UpdateScheme(scheme.id, "name", name))

    def remove_scheme(self) -> None:
        from app.proofing.operations import RemoveScheme

        scheme = self.current_scheme()
        if scheme is not None:
            self._document.perform(RemoveScheme(scheme.id, scheme.name))

    def _set_duty(self, checked: bool) -> None:
        from app.proofing.operations import UpdateScheme

        scheme = self.current_scheme()
        if scheme is not None and scheme.general_duty != checked:
            self._document.perform(UpdateScheme(scheme.id, "general_duty", checked))

    def _select_scheme(self, scheme_id: uuid.UUID) -> None:
        ids = [s.id for s in self.schemes]
        if scheme_id in ids:
            self.scheme_list.selectionModel().setCurrentIndex(
                self.scheme_names.index(ids.index(scheme_id), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # ------------------------------------------------------------------ commitments

    def _set_commitments(self, commitments: tuple[Commitment, ...]) -> bool:
        from app.proofing.operations import SetCommitments

        scheme = self.current_scheme()
        if scheme is None or commitments == scheme.commitments:
            return False
        if not self._document.perform(SetCommitments(scheme.id, commitments)):
            self._show_commitment()
            return False
        return True

    def add_commitment(self) -> None:
        scheme = self.current_scheme()
        if scheme is None:
            return
        codes = {c.id for c in scheme.commitments}
        number = len(scheme.commitments) + 1
        while str(number) in codes:
            number += 1
        new = Commitment(str(number), "New commitment — say what the scheme commits to")
        if self._set_commitments((*scheme.commitments, new)):
            row = len(scheme.commitments)
            self.commitment_table.selectionModel().setCurrentIndex(
                self.commitments.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.title_edit.selectAll()

    def remove_commitment(self) -> None:
        scheme = self.current_scheme()
        row = self._current_commitment()
        if scheme is not None and 0 <= row < len(scheme.commitments):
            self._set_commitments(scheme.commitments[:row] + scheme.commitments[row + 1:])

    def _save_commitment(self) -> None:
        scheme = self.current_scheme()
        row = self._current_commitment()
        if scheme is None or not 0 <= row < len(scheme.commitments) or \
                self._document.read_only:
            return
        old = scheme.commitments[row]
        new = replace(old, id=self.code_edit.text().strip(),
                      title=self.title_edit.text().strip(),
                      text=self.text_edit.toPlainText().strip(),
                      keywords=split_keywords(self.keywords_edit.text()))
        if new != old:
            self._set_commitments((*scheme.commitments[:row], new,
                                   *scheme.commitments[row + 1:]))

    # ------------------------------------------------------------------ allow-list, rules

    def allow_term(self) -> None:
        from app.proofing.operations import AllowTerm

        term = self.allow_edit.text().strip()
        if term and self._document.perform(AllowTerm(term)):
            self.allow_edit.clear()

    def disallow_term(self) -> None:
        from app.proofing.operations import DisallowTerm

        index = self.allow_list.currentIndex()
        if index.isValid():
            self._document.perform(DisallowTerm(self.allow_model.data(index)))

    def _set_capitals(self, index: int) -> None:
        from app.proofing.operations import SetCapitals

        style = self.capitals_combo.itemData(index)
        if (style and style != self._document.read(get_capitals)
                and not self._document.perform(SetCapitals(style))):
            self.refresh()  # refused: show the style that is still stored

    def add_rule_file(self, path: Path | None = None) -> None:
        from app.proofing.operations import AddRuleFile
        from app.proofing.workbook_rules import RuleFileData

        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, "Add rule file", "",
                                                  "Rule files (*.yaml *.yml)")
            if not name:
                return
            path = Path(name)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            messages.show_error(self, f"“{path.name}” could not be read as UTF-8 text.")
            return
        self._document.perform(AddRuleFile(RuleFileData(uuid.uuid4(), path.name, text)))

    def remove_rule_file(self) -> None:
        from app.proofing.operations import RemoveRuleFile

        row = self.rules_list.currentIndex().row()
        if 0 <= row < len(self.rule_files):
            chosen = self.rule_files[row]
            self._document.perform(RemoveRuleFile(chosen.id, chosen.name))


def create_editor(context: ScreenContext) -> SchemesEditor:
    return SchemesEditor(context.document)
