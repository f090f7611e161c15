"""New proof…: choose a draft and a scheme, give the document's details, then the proof
runs off the UI thread (with progress and Cancel) and is kept as a proofing record.

A draft whose title matches an earlier record is its new version: the triage of findings
whose text is unchanged is carried over.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.proofing.records import RecordData
from app.proofing.schemes_store import SchemeData, list_schemes
from app.ui.a11y import name_buttons, named
from app.ui.document import OpenWorkbook
from app.ui.fitting import keep_on_screen
from app.ui.worker import Cancelled, IsCancelled, Progress, TaskRunner

DRAFT_FILTER = "Drafts (*.docx *.odt *.txt *.md);;All files (*)"


@dataclass(frozen=True)
class ProofRequest:
    path: Path
    scheme: SchemeData | None
    title: str
    version: str
    author: str
    team: str


class NewProofDialog(QDialog):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New proof")
        named(self, "New proof")
        self._document = document
        self.schemes = document.read(list_schemes)
        self.path_edit = named(QLineEdit(self), "Draft file")
        self.path_edit.setPlaceholderText("A .docx, .odt, .txt or .md draft")
        browse = named(QPushButton("&Browse…", self), "Browse for the draft")
        browse.clicked.connect(self.browse)
        self.scheme_combo = named(QComboBox(self), "Equality scheme")
        named(self.scheme_combo.view(), "Equality scheme choices")
        for scheme in self.schemes:
            self.scheme_combo.addItem(scheme.name, scheme.id)
        self.scheme_combo.addItem("The general equality duty only", None)
        self.title_edit = named(QLineEdit(self), "Title")
        self.title_edit.setPlaceholderText("Default: the draft's first heading")
        self.version_edit = named(QLineEdit(self), "Version")
        self.author_edit = named(QLineEdit(self), "Author")
        self.team_edit = named(QLineEdit(self), "Owning team")
        form = QFormLayout()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        for text, widget in (("&Draft", self.path_edit), ("&Scheme", self.scheme_combo),
                             ("&Title", self.title_edit), ("&Version", self.version_edit),
                             ("&Author", self.author_edit), ("Owning t&eam", self.team_edit)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, path_row if widget is self.path_edit else widget)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setObjectName("error_label")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Proof")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        name_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        keep_on_screen(self)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a draft", "", DRAFT_FILTER)
        if name:
            self.path_edit.setText(name)

    def request(self) -> ProofRequest:
        scheme_id = self.scheme_combo.currentData()
        scheme = next((s for s in self.schemes if s.id == scheme_id), None)
        return ProofRequest(Path(self.path_edit.text().strip()), scheme,
                            self.title_edit.text().strip(), self.version_edit.text().strip(),
                            self.author_edit.text().strip(), self.team_edit.text().strip())

    def _accept(self) -> None:
        path = self.path_edit.text().strip()
        if not path or not Path(path).is_file():
            self.error.setText("Choose the draft to proof: there is no file at that name.")
            self.path_edit.setFocus()
            return
        self.accept()


def proof_work(document: OpenWorkbook, request: ProofRequest):  # type: ignore[no-untyped-def]
    """The work for the runner: read the draft, proof it, build the record. The workbook
    is read only here, on the UI thread; the record is kept afterwards by one undoable
    operation."""
    from app.proofing.readers import read_draft_bytes
    from app.proofing.records import build_record
    from app.proofing.workbook_rules import proof_settings
    from app.workbook.evidence import read_evidence_file

    settings = document.read(proof_settings)

    def work(progress: Progress, is_cancelled: IsCancelled) -> RecordData:
        data = read_evidence_file(request.path)
        progress(0.2)
        draft = read_draft_bytes(data, request.path.name)
        if is_cancelled():
            raise Cancelled
        progress(0.4)
        proofer = settings.proofer(request.scheme.as_scheme() if request.scheme else None)
        result = proofer.proof(draft)
        if is_cancelled():
            raise Cancelled
        progress(0.8)
        record = build_record(result, data, request.path.name, title=request.title,
                              version=request.version, author=request.author,
                              team=request.team, record_id=uuid.uuid4())
        progress(1.0)
        return record

    return work


def start_proof(document: OpenWorkbook, request: ProofRequest, parent: QWidget,
                on_stored: object) -> TaskRunner:
    from app.proofing.operations import StoreRecord
    from app.ui import messages

    runner = TaskRunner(proof_work(document, request), parent=parent, title="Proofing",
                        label=f"Proofing “{request.path.name}”…")

    def stored(record: RecordData) -> None:
        from app.proofing.records import carry_triage, latest_with_title

        previous = document.read(lambda s: latest_with_title(s, record.title))
        if previous is not None:
            record = replace(record, findings=carry_triage(previous.findings,
                                                           record.findings))
        if document.perform(StoreRecord(record)):
            on_stored(record.id)  # type: ignore[operator]

    runner.finished.connect(stored)
    runner.failed.connect(lambda sentence: messages.show_error(parent, sentence))
    runner.start()
    return runner
