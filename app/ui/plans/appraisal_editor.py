"""Options appraisal: the question, its options (strengths and weaknesses), the
participants (with their justification and suggested lead agency), and the ranking
matrix with the live result. Every edit is one of the plans module's undoable operations.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.plans.appraisal.store import (
    OPTION_FIELDS,
    PARTICIPANT_FIELDS,
    AppraisalData,
    list_appraisals,
    read_appraisal,
)
from app.plans.fields import TextField
from app.plans.topics import APPRAISALS
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.editors.empty_state import EmptyState
from app.ui.list_table import button_row, row_table
from app.ui.plans.action_links import CellsModel
from app.ui.plans.actions_editor import CommitOnLeave
from app.ui.plans.ranking_model import RankingModel
from app.ui.screens import ScreenContext

EMPTY_TEXT = (
    "No options appraisals yet — start one with the question or recommendation to be "
    "decided, list its options with their strengths and weaknesses, then record how each "
    "participant ranks them."
)
HOW_IT_WORKS = (
    "Type each participant's rank of each option: 1 for first, the same number for a tie, "
    "blank to leave an option unranked. The Borda count gives an option m − p points for "
    "position p of m; tied options share the points of the places they cover, and unranked "
    "options share the points that are left. Kendall's W runs from 0 (rankings unrelated) "
    "to 1 (everyone agrees on the order)."
)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class RowForm(QWidget):
    """A table of rows above a form for the selected one; each field saves on leaving."""

    def __init__(self, document: OpenWorkbook, kind: str, spec: dict[str, TextField],
                 columns: tuple[str, ...], name: str, noun: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.kind, self.spec = document, kind, spec
        self.rows: list[Any] = []
        self.model = CellsModel(columns, lambda r: tuple(
            _one_line(str(getattr(r, f))) for f in spec if f in _shown(columns, spec)))
        self.table: QTableView = row_table(self, self.model, name=name,
                                           object_name=f"{kind}s_table", stretch_column=0)
        header = self.table.horizontalHeader()
        for column in range(len(columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())
        self.add_button = named(QPushButton(f"Add {noun}", self), f"Add {noun}")
        self.remove_button = named(QPushButton(f"Remove {noun}", self), f"Remove {noun}")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, QLineEdit | CommitOnLeave] = {}
        for field, rule in spec.items():
            edit: QLineEdit | CommitOnLeave
            if rule.multiline:
                edit = CommitOnLeave(lambda f=field: self._commit(f), self)
                edit.setMaximumHeight(46)
            else:
                edit = QLineEdit(self)
                edit.editingFinished.connect(lambda f=field: self._commit(f))
            named(edit, rule.label)
            label = QLabel(rule.label, self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits[field] = edit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(button_row(self.add_button, self.remove_button))
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

    def set_rows(self, rows: list[Any]) -> None:
        selected = self.selected()
        self.rows = rows
        self.model.set_rows(rows)
        wanted = next((n for n, r in enumerate(rows) if selected and r.id == selected.id), 0)
        if rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(wanted, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self.show_selected()

    def select_id(self, row_id: uuid.UUID) -> None:
        for number, row in enumerate(self.rows):
            if row.id == row_id:
                self.table.selectRow(number)

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and self.rows else None

    def show_selected(self) -> None:
        row = self.selected()
        editable = row is not None and not self.document.read_only
        self.remove_button.setEnabled(editable)
        self.add_button.setEnabled(not self.document.read_only)
        for field, edit in self.edits.items():
            edit.setReadOnly(not editable)
            text = getattr(row, field) if row else ""
            if isinstance(edit, QLineEdit):
                edit.setText(text)
            elif edit.toPlainText() != text:
                edit.setPlainText(text)

    def _commit(self, field: str) -> None:
        from app.plans.appraisal.operations import UpdateText

        row = self.selected()
        edit = self.edits[field]
        value = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
        if row is None or self.document.read_only or value == getattr(row, field):
            return
        if not self.document.perform(UpdateText(self.kind, row.id, field, value)):
            self.show_selected()


def _shown(columns: tuple[str, ...], spec: dict[str, TextField]) -> set[str]:
    labels = {rule.label: field for field, rule in spec.items()}
    return {labels[c] for c in columns if c in labels}


class AppraisalEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.data: AppraisalData | None = None
        self.chooser = named(QComboBox(self), "Options appraisal")
        named(self.chooser.view(), "Options appraisals")
        self.chooser.activated.connect(lambda _i: self.refresh())
        self.new_button = named(QPushButton("&New appraisal", self), "New appraisal",
                                "Start an options appraisal of a new question")
        self.remove_button = named(QPushButton("Remove appraisal", self), "Remove appraisal")
        self.new_button.clicked.connect(self.new_appraisal)
        self.remove_button.clicked.connect(self.remove_appraisal)
        top = QHBoxLayout()
        chooser_label = QLabel("&Appraisal:", self)
        chooser_label.setBuddy(self.chooser)
        top.addWidget(chooser_label)
        top.addWidget(self.chooser, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.remove_button)

        self.empty_state = EmptyState(READ_ONLY_EMPTY if document.read_only else EMPTY_TEXT,
                                      self)
        self.body = QWidget(self)
        self.question = CommitOnLeave(lambda: self._commit_appraisal(
            "question", self.question.toPlainText()), self.body)
        named(self.question, "Question or recommendation")
        self.question.setMaximumHeight(46)
        question_label = QLabel("&Question or recommendation", self.body)
        question_label.setBuddy(self.question)
        self.options = RowForm(document, "option", OPTION_FIELDS,
                               ("Option", "Strengths", "Weaknesses"), "Options", "option",
                               self.body)
        self.participants = RowForm(document, "participant", PARTICIPANT_FIELDS,
                                    ("Participant", "Suggested lead agency"), "Participants",
                                    "participant", self.body)
        self.options.add_button.clicked.connect(self.add_option)
        self.options.remove_button.clicked.connect(lambda: self._remove("option"))
        self.participants.add_button.clicked.connect(self.add_participant)
        self.participants.remove_button.clicked.connect(lambda: self._remove("participant"))
        self.tabs = named(QTabWidget(self.body), "Appraisal parts")
        named(self.tabs.tabBar(), "Parts of the appraisal")
        self.tabs.addTab(self._make_rankings(), "Ran&kings and result")
        self.tabs.addTab(self.options, "O&ptions")
        self.tabs.addTab(self.participants, "Pa&rticipants")
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(question_label)
        body.addWidget(self.question)
        body.addWidget(self.tabs, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty_state, 1)
        layout.addWidget(self.body, 1)
        self.setFocusProxy(self.chooser)
        document.changed.connect(self._on_changed)
        self.refresh()

    def _make_rankings(self) -> QWidget:
        page = QWidget(self)
        self.matrix_model = RankingModel(self._set_rank, self)
        self.matrix_model.read_only = self._document.read_only
        self.matrix = named(QTableView(page), "Rankings",
                            "Each option's rank by each participant, with the Borda count "
                            "and mean rank")
        self.matrix.setObjectName("ranking_matrix")
        self.matrix.setModel(self.matrix_model)
        self.matrix.setTabKeyNavigation(False)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                    | QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.matrix.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.matrix.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.result = QLabel(page)
        self.result.setObjectName("appraisal_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                            | Qt.TextInteractionFlag.TextSelectableByMouse)
        named(self.result, "Result")
        how = QLabel(HOW_IT_WORKS, page)
        how.setWordWrap(True)
        how.setStyleSheet("color: palette(placeholder-text);")
        self.notes = CommitOnLeave(lambda: self._commit_appraisal(
            "notes", self.notes.toPlainText()), page)
        named(self.notes, "Facilitator's rationale")
        self.notes.setPlaceholderText("What the group decided and why, in your words")
        self.notes.setMaximumHeight(48)
        notes_label = QLabel("Facilitator's rationale", page)
        notes_label.setBuddy(self.notes)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.matrix, 1)
        layout.addWidget(self.result)
        layout.addWidget(how)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)
        return page

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        current = self.chooser.currentData()
        rows = self._document.read(list_appraisals)
        self.chooser.clear()
        for number, row in enumerate(rows, 1):
            self.chooser.addItem(f"{number}. {_one_line(row.question)[:90]}", str(row.id))
        index = self.chooser.findData(current)
        self.chooser.setCurrentIndex(index if index >= 0 else 0 if rows else -1)
        chosen = self.chooser.currentData()
        self.data = self._document.read(
            lambda s: read_appraisal(s, uuid.UUID(chosen))) if chosen is not None else None
        self.empty_state.setVisible(self.data is None)
        self.body.setVisible(self.data is not None)
        self.chooser.setEnabled(bool(rows))
        self.remove_button.setEnabled(self.data is not None and not self._document.read_only)
        self.new_button.setEnabled(not self._document.read_only)
        data = self.data
        text = data.appraisal.question if data else ""
        if self.question.toPlainText() != text:
            self.question.setPlainText(text)
        notes = data.appraisal.notes if data else ""
        if self.notes.toPlainText() != notes:
            self.notes.setPlainText(notes)
        for area in (self.question, self.notes):
            area.setReadOnly(data is None or self._document.read_only)
        self.options.set_rows(list(data.options) if data else [])
        self.participants.set_rows(list(data.participants) if data else [])
        self.matrix_model.set_appraisal(data)
        self.result.setText(self._result_text(data) if data else "")

    @staticmethod
    def _result_text(data: AppraisalData) -> str:
        agencies = data.lead_agencies()
        text = f"Recommended: {data.rationale()}"
        if agencies:
            text += " Suggested lead agencies: " + "; ".join(
                f"{name} ({count})" for name, count in agencies) + "."
        return text

    def _on_changed(self, topics: frozenset[str]) -> None:
        if APPRAISALS in topics:
            self.refresh()

    # ------------------------------------------------------------------ edits

    def new_appraisal(self) -> None:
        from app.plans.appraisal.operations import AddAppraisal

        operation = AddAppraisal("New question — say what is to be decided")
        self._document.perform(operation)
        self.chooser.setCurrentIndex(self.chooser.findData(str(operation.appraisal_id)))
        self.refresh()
        self.question.setFocus(Qt.FocusReason.OtherFocusReason)
        self.question.selectAll()

    def remove_appraisal(self) -> None:
        from app.plans.appraisal.operations import RemoveAppraisal

        if self.data is not None:
            self._document.perform(RemoveAppraisal(self.data.appraisal.id))

    def add_option(self) -> None:
        from app.plans.appraisal.operations import AddOption

        self._add(AddOption.of, self.options, "New option", "option_id")

    def add_participant(self) -> None:
        from app.plans.appraisal.operations import AddParticipant

        self._add(lambda a, **v: AddParticipant.of(a, name=v["title"]), self.participants,
                  "New participant", "participant_id")

    def _add(self, make: Callable[..., Any], form: RowForm, text: str, id_name: str) -> None:
        if self.data is None:
            return
        operation = make(self.data.appraisal.id, title=text)
        if self._document.perform(operation):
            self.tabs.setCurrentWidget(form)
            form.select_id(getattr(operation, id_name))
            first = next(iter(form.edits.values()))
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first, QLineEdit):
                first.selectAll()

    def _remove(self, kind: str) -> None:
        from app.plans.appraisal.operations import RemoveOption, RemoveParticipant

        form = self.options if kind == "option" else self.participants
        row = form.selected()
        if row is not None:
            self._document.perform(RemoveOption(row.id) if kind == "option"
                                   else RemoveParticipant(row.id))

    def _set_rank(self, participant: uuid.UUID, option: uuid.UUID, rank: int | None) -> bool:
        from app.plans.appraisal.operations import SetRanks

        return self._document.perform(SetRanks(participant, ((option, rank),)))

    def _commit_appraisal(self, field: str, value: str) -> None:
        from app.plans.appraisal.operations import UpdateText

        if self.data is None or self._document.read_only \
                or getattr(self.data.appraisal, field) == value:
            return
        if not self._document.perform(UpdateText("appraisal", self.data.appraisal.id, field,
                                                 value)):
            self.refresh()


READ_ONLY_EMPTY = "No options appraisals in this workbook."


def create_editor(context: ScreenContext) -> AppraisalEditor:
    return AppraisalEditor(context.document, context.parent)
