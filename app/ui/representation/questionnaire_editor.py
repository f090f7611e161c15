"""The representation questionnaire: five questions on how an infrastructure organisation
represents BME voluntary and community organisations, each with a rating, an answer and
the evidence for it; and the workbook's audits counted by the five roles of engagement.

Each change is one undoable `SetAnswer` through `document.perform`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.evidence.topics import EVIDENCE
from app.representation.store import Answer
from app.representation.topics import AUDITS, BASELINES, QUESTIONNAIRE
from app.representation.vocabulary import QUESTIONS, RATINGS, ROLES, Question
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.list_table import row_table
from app.ui.plans.actions_editor import CommitOnLeave
from app.ui.representation.figures import DASH, pct
from app.ui.representation.new_audit_dialog import combo
from app.ui.row_table_model import RowTableModel
from app.ui.screens import ScreenContext


@dataclass(frozen=True)
class RoleLine:
    """The audits recorded for one role of engagement, and the latest one's figures."""

    role: str
    audits: int
    latest: str
    stated: int | None
    share: float | None
    verdict: str


class RolesTableModel(RowTableModel):
    headers = ("Role of engagement", "Audits", "Latest audit", "People who stated",
               "Ethnic minorities", "Verdict")
    right_aligned = frozenset({1, 3, 4})

    def display(self, row: RoleLine, column: int) -> str:
        stated = DASH if row.stated is None else f"{row.stated:,}"
        return (ROLES[row.role], str(row.audits), row.latest or "None yet", stated,
                pct(row.share), row.verdict or DASH)[column]


class QuestionsTableModel(RowTableModel):
    NUMBER, QUESTION, RATING, EVIDENCE = range(4)
    headers = ("No.", "Question", "Rating", "Evidence")
    right_aligned = frozenset({NUMBER, EVIDENCE})

    def display(self, row: tuple[Question, Answer], column: int) -> str:
        q, answer = row
        return (str(q.number), q.text, RATINGS[answer.rating],
                str(len(answer.evidence)))[column]

    def other_data(self, row: tuple[Question, Answer], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.QUESTION:
            return row[0].text
        return None


def _read(session: object) -> tuple[dict[str, Answer], dict[uuid.UUID, str], list[RoleLine]]:
    from app.representation.analysis import compare
    from app.representation.store import get_answers, get_baseline, list_audits, list_expanded
    from app.workbook.evidence import list_evidence

    answers = get_answers(session)  # type: ignore[arg-type]
    evidence = {e.id: e.name for e in list_evidence(session)}  # type: ignore[arg-type]
    audits = list_audits(session)  # type: ignore[arg-type]
    expanded = list_expanded(session)  # type: ignore[arg-type]
    lines = []
    for role in ROLES:
        mine = sorted((a for a in audits if a.role == role), key=lambda a: a.audit_date)
        if not mine:
            lines.append(RoleLine(role, 0, "", None, None, ""))
            continue
        last = mine[-1]
        baseline = get_baseline(session, last.baseline_id) if last.baseline_id else None  # type: ignore[arg-type]
        c = compare(last, baseline, expanded)
        m = c.minorities.metrics
        lines.append(RoleLine(role, len(mine), last.describe, c.stated, m.share,
                              m.verdict.words))
    return answers, evidence, lines


class QuestionnaireEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.answers: dict[str, Answer] = {}
        self.evidence: dict[uuid.UUID, str] = {}
        self.tabs = named(QTabWidget(self), "Representation questionnaire")
        named(self.tabs.tabBar(), "Parts of the questionnaire")
        self.tabs.addTab(self._make_questions(self.tabs), "&Questions")
        self.tabs.addTab(self._make_roles(self.tabs), "Roles of &engagement")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.questions)
        document.changed.connect(self._on_changed)
        self.refresh()

    def _make_questions(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        self.questions_model = QuestionsTableModel(self)
        self.questions = row_table(page, self.questions_model, name="Questions",
                                   object_name="questions_table",
                                   stretch_column=QuestionsTableModel.QUESTION)
        self.questions.setMaximumHeight(
            self.questions.verticalHeader().defaultSectionSize() * len(QUESTIONS)
            + self.questions.horizontalHeader().sizeHint().height() + 4)
        self.questions.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_question())
        panel = QWidget(page)
        self.question_text = QLabel(panel)
        self.question_text.setWordWrap(True)
        self.question_text.setObjectName("question_text")
        font = self.question_text.font()
        font.setBold(True)
        self.question_text.setFont(font)
        self.rating_combo = combo(panel, "Rating", RATINGS)
        self.rating_combo.activated.connect(
            lambda _i: self._commit(rating=self.rating_combo.currentData()))
        self.narrative_edit = CommitOnLeave(
            lambda: self._commit(narrative=self.narrative_edit.toPlainText()), panel)
        named(self.narrative_edit, "Answer")
        self.narrative_edit.setPlaceholderText("What you do, and how you know it works")
        self.narrative_edit.setMinimumHeight(60)
        self.narrative_edit.setMaximumHeight(140)  # the evidence stays in view below
        self.files = named(QListWidget(panel), "Evidence for this answer")
        self.files.setMaximumHeight(64)
        self.link_button = named(QPushButton("&Link…", panel), "Link evidence file",
                                 "Link one of the workbook's evidence files to this answer")
        self.unlink_button = named(QPushButton("U&nlink", panel), "Unlink evidence file",
                                   "Unlink the selected evidence file from this answer")
        self.link_button.clicked.connect(self.link_evidence)
        self.unlink_button.clicked.connect(self.unlink_evidence)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        form = QFormLayout(panel)
        form.setContentsMargins(0, 8, 0, 0)
        form.addRow(self.question_text)
        for text, widget in (("&Rating", self.rating_combo), ("&Answer", self.narrative_edit),
                             ("E&vidence", self.files)):
            label = QLabel(text, panel)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", buttons)
        layout = QVBoxLayout(page)
        layout.addWidget(self.questions)
        layout.addWidget(panel)
        layout.addStretch(1)
        return page

    def _make_roles(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        intro = QLabel("The five roles in which BME voluntary and community organisations "
                       "engage. Record an audit under a role (its Role field) to count the "
                       "people in it; the latest audit of each role is summarised here.",
                       page)
        intro.setWordWrap(True)
        self.roles_model = RolesTableModel(self)
        self.roles_table = row_table(page, self.roles_model, name="Audits by role of engagement",
                                     object_name="roles_table", stretch_column=2)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.roles_table, 1)
        return page

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        self.answers, self.evidence, roles = self._document.read(_read)
        row = max(0, self.questions.currentIndex().row())
        self.questions_model.set_rows([(q, self.answer(q.id)) for q in QUESTIONS])
        self.questions.setCurrentIndex(self.questions_model.index(row, 0))
        self.roles_model.set_rows(roles)
        self._show_question()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {QUESTIONNAIRE, AUDITS, BASELINES, EVIDENCE}:
            self.refresh()

    def current_id(self) -> str:
        return QUESTIONS[max(0, self.questions.currentIndex().row())].id

    def answer(self, question_id: str) -> Answer:
        return self.answers.get(question_id, Answer(question_id))

    def _show_question(self) -> None:
        q = QUESTIONS[max(0, self.questions.currentIndex().row())]
        answer = self.answer(q.id)
        editable = not self._document.read_only
        self.question_text.setText(f"{q.number}. {q.text}")
        self.rating_combo.setCurrentIndex(max(0, self.rating_combo.findData(answer.rating)))
        if self.narrative_edit.toPlainText() != answer.narrative:
            self.narrative_edit.setPlainText(answer.narrative)
        self.files.clear()
        for evidence_id in answer.evidence:
            item = QListWidgetItem(self.evidence.get(evidence_id, "(a removed file)"),
                                   self.files)
            item.setData(Qt.ItemDataRole.UserRole, str(evidence_id))
        self.rating_combo.setEnabled(editable)
        self.narrative_edit.setReadOnly(not editable)
        self.link_button.setEnabled(editable)
        self.unlink_button.setEnabled(editable and bool(answer.evidence))

    # ------------------------------------------------------------------ edits

    def _commit(self, **change: Any) -> None:
        from app.representation.operations import SetAnswer

        if self._document.read_only:
            return
        old = self.answer(self.current_id())
        new = replace(old, **change)
        if new == old:
            return
        if not self._document.perform(SetAnswer(new)):
            self._show_question()  # refused: show what the file holds

    def choose_evidence(self, names: list[str]) -> str | None:
        """Ask which evidence file to link (the tests answer for the user)."""
        name, ok = QInputDialog.getItem(self, "Link evidence file",
                                        "Evidence file that supports this answer:",
                                        names, 0, False)
        return name if ok and name else None

    def link_evidence(self) -> None:
        linked = set(self.answer(self.current_id()).evidence)
        choices = {name: eid for eid, name in self.evidence.items() if eid not in linked}
        if not choices:
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(
                    "Every evidence file is already linked to this answer; add files under "
                    "Evidence files first." if self.evidence else
                    "This workbook has no evidence files yet: add them under Evidence "
                    "files, then link them here.", 15000)
            return
        name = self.choose_evidence(sorted(choices))
        if name is not None:
            evidence = self.answer(self.current_id()).evidence
            self._commit(evidence=(*evidence, choices[name]))

    def unlink_evidence(self) -> None:
        item = self.files.currentItem() or self.files.item(0)
        if item is None:
            return
        gone = uuid.UUID(item.data(Qt.ItemDataRole.UserRole))
        evidence = self.answer(self.current_id()).evidence
        self._commit(evidence=tuple(e for e in evidence if e != gone))


def create_editor(context: ScreenContext) -> QuestionnaireEditor:
    return QuestionnaireEditor(context.document)
