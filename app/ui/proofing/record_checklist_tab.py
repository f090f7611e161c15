"""The record's checklist tab: an answer and an optional note for each checklist item,
each saved as one undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.proofing.fields import ANSWERS, CHECKLIST
from app.proofing.records import RecordData
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.proofing.record_form import form_page


class ChecklistTab(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._record: RecordData | None = None
        form = form_page(self)
        self.check_answers: dict[str, QComboBox] = {}
        self.check_notes: dict[str, QLineEdit] = {}
        for item, text in CHECKLIST.items():
            combo = named(QComboBox(self), text)
            named(combo.view(), f"{text} choices")
            combo.setObjectName(f"check_{item}")
            combo.addItem("Not answered", "")
            for key, label in ANSWERS.items():
                combo.addItem(label, key)
            note = named(QLineEdit(self), f"Note: {text}")
            note.setPlaceholderText("Note (optional)")
            combo.activated.connect(lambda _i, item=item: self._commit_check(item))
            note.editingFinished.connect(lambda item=item: self._commit_check(item))
            row = QHBoxLayout()
            row.addWidget(combo)
            row.addWidget(note, 1)
            label = QLabel(text, self)
            label.setWordWrap(True)
            label.setBuddy(combo)
            form.addRow(label, row)
            self.check_answers[item], self.check_notes[item] = combo, note

    def show_record(self, record: RecordData | None, read_only: bool) -> None:
        self._record = record
        checks = {item: (a, n) for item, a, n in record.checks} if record else {}
        for item, combo in self.check_answers.items():
            answer, note = checks.get(item, ("", ""))
            combo.setCurrentIndex(max(0, combo.findData(answer)))
            combo.setEnabled(not read_only)
            self.check_notes[item].setText(note)
            self.check_notes[item].setReadOnly(read_only)

    def _commit_check(self, item: str) -> None:
        from app.proofing.operations import SetCheck

        record = self._record
        if record is None or self._document.read_only:
            return
        answer = self.check_answers[item].currentData()
        note = self.check_notes[item].text()
        current = {i: (a, n) for i, a, n in record.checks}.get(item, ("", ""))
        if (answer, note.strip()) != current:
            self._document.perform(SetCheck(record.id, item, answer, note))
