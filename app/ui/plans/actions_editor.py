"""The action plan: the list of actions above a form for the one selected.

Each field saves when it loses focus (or on Enter in a one-line field) through the plans
module's undoable operations; Add and Remove are undoable too.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.plans.actions import ActionRow, list_actions
from app.plans.fields import PRIORITIES, STATUSES
from app.plans.topics import ACTIONS
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.plans.actions_model import ACTION, ActionsTableModel
from app.ui.screens import ScreenContext

EMPTY_TEXT = (
    "No actions yet — add one for each weakness you want to act on: what will be done, "
    "who leads it and by when."
)
READ_ONLY_EMPTY_TEXT = "No actions in this workbook."
TEXT_AREAS = {"weakness": "&Weakness", "action": "&Delivery action", "outcome": "O&utcome"}


class CommitOnLeave(QPlainTextEdit):
    """A multi-line field that saves when focus leaves it (Tab moves on, as in a form)."""

    def __init__(self, on_leave: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_leave = on_leave
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: object) -> None:  # type: ignore[override]
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self._on_leave()  # type: ignore[operator]


class ActionsEditor(QWidget):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._shown: ActionRow | None = None
        self.model = ActionsTableModel(self)
        self.add_button = named(QPushButton("&Add action", self), "Add action",
                                "Add a new action at the end of the plan")
        self.remove_button = named(QPushButton("&Remove", self), "Remove action",
                                   "Remove the selected action")
        self.add_button.clicked.connect(self.add_action)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = button_row(self.add_button, self.remove_button)

        self.table = self._make_table()
        self._pages = TableOrEmpty(
            self.table, READ_ONLY_EMPTY_TEXT if document.read_only else EMPTY_TEXT, self)
        self.empty_state = self._pages.empty_state
        self.form = self._make_form()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self._pages, 2)
        layout.addWidget(self.form, 3)
        self.setFocusProxy(self.table)
        document.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ building

    def _make_table(self) -> QTableView:
        table = row_table(self, self.model, name="Actions", object_name="actions_table",
                          stretch_column=ACTION)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        remove = QAction("Remove", table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        table.addAction(remove)
        return table

    def _make_form(self) -> QWidget:
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        form.setContentsMargins(0, 8, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.text_areas: dict[str, CommitOnLeave] = {}
        for field, label_text in TEXT_AREAS.items():
            area = CommitOnLeave(lambda field=field: self._commit_text(field), form_widget)
            area.setObjectName(f"{field}_edit")
            named(area, label_text.replace("&", ""))
            area.setMaximumHeight(70)
            label = QLabel(label_text, form_widget)
            label.setBuddy(area)
            form.addRow(label, area)
            self.text_areas[field] = area
        self.lead_edit = named(QLineEdit(form_widget), "Lead partner")
        self.lead_edit.setPlaceholderText("Who starts and co-ordinates the work")
        self.lead_edit.editingFinished.connect(
            lambda: self._commit("lead_partner", self.lead_edit.text()))
        self.due_edit = named(QLineEdit(form_widget), "Due date", "Day/month/year")
        self.due_edit.setPlaceholderText("dd/mm/yyyy")
        self.due_edit.editingFinished.connect(
            lambda: self._commit("due", self.due_edit.text()))
        self.status_combo = self._choices(form_widget, "Status", STATUSES, "status")
        self.priority_combo = self._choices(form_widget, "Priority", PRIORITIES, "priority")
        for text, widget in (("&Lead partner", self.lead_edit), ("D&ue date", self.due_edit),
                             ("&Status", self.status_combo),
                             ("&Priority", self.priority_combo)):
            label = QLabel(text, form_widget)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.raised_by = QLabel(form_widget)
        self.raised_by.setWordWrap(True)
        form.addRow(self.raised_by)
        return form_widget

    def _choices(self, parent: QWidget, name: str, choices: dict[str, str],
                 field: str) -> QComboBox:
        combo = named(QComboBox(parent), name)
        named(combo.view(), f"{name} choices")  # the drop-down list takes focus too
        for key, label in choices.items():
            combo.addItem(label, key)
        combo.activated.connect(lambda _index: self._commit(field, combo.currentData()))
        return combo

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        selected = self.selected_id()
        self.model.set_rows(self._document.read(list_actions))
        self._pages.follow_rows()
        self.select(selected)
        self._show_selected()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if ACTIONS in topics:
            self.refresh()

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def select(self, action_id: uuid.UUID | None) -> None:
        row = self.model.row_of(action_id) if action_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _show_selected(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        self._shown = row
        editable = row is not None and not self._document.read_only
        for area in self.text_areas.values():
            area.setReadOnly(not editable)
        self.lead_edit.setReadOnly(not editable)
        self.due_edit.setReadOnly(not editable)
        self.status_combo.setEnabled(editable)
        self.priority_combo.setEnabled(editable)
        self.add_button.setEnabled(not self._document.read_only)
        self.remove_button.setEnabled(editable)
        self.form.setEnabled(row is not None)
        for field, area in self.text_areas.items():
            text = getattr(row, field) if row else ""
            if area.toPlainText() != text:
                area.setPlainText(text)
        self.lead_edit.setText(row.lead_partner if row else "")
        self.due_edit.setText(row.due.strftime("%d/%m/%Y") if row and row.due else "")
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(
            row.status if row else "not_started")))
        self.priority_combo.setCurrentIndex(max(0, self.priority_combo.findData(
            row.priority if row else "medium")))
        self.raised_by.setText(f"Raised by: {row.raised_by}" if row and row.raised_by else "")

    # ------------------------------------------------------------------ edits

    def add_action(self) -> None:
        from app.plans.operations import AddAction

        operation = AddAction.of(action="New action — say what will be done")
        if self._document.perform(operation):
            self.select(operation.action_id)
            area = self.text_areas["action"]
            area.setFocus(Qt.FocusReason.OtherFocusReason)
            area.selectAll()

    def remove_selected(self) -> None:
        from app.plans.operations import RemoveAction

        action_id = self.selected_id()
        if action_id is not None and not self._document.read_only:
            self._document.perform(RemoveAction(action_id))

    def _commit_text(self, field: str) -> None:
        self._commit(field, self.text_areas[field].toPlainText())

    def _commit(self, field: str, value: object) -> None:
        from app.plans.operations import UpdateAction

        row = self._shown
        if row is None or self._document.read_only:
            return
        current = getattr(row, field)
        shown = current.strftime("%d/%m/%Y") if field == "due" and current else current
        if value == (shown or "") or value == current:
            return
        if not self._document.perform(UpdateAction(row.id, field, value)):  # type: ignore[arg-type]
            self._show_selected()  # refused: show what the file holds


def create_editor(context: ScreenContext) -> ActionsEditor:
    return ActionsEditor(context.document, context.parent)
