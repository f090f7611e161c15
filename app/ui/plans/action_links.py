"""The tabs under the action form: the selected action's partners, what it depends on
(with date warnings) and its progress notes. Every edit is an undoable operation."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.plans.fields import PARTNER_ROLES
from app.plans.plan import Plan
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.list_table import button_row, row_table
from app.ui.plans.actions_model import shown_date
from app.ui.row_table_model import RowTableModel
from app.ui.style import error_label


class CellsModel(RowTableModel):
    """Rows shown through one function that gives a row's cells."""

    def __init__(self, headers: tuple[str, ...], cells: Callable[[Any], tuple[str, ...]],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self._cells = cells

    def display(self, row: Any, column: int) -> str:
        return self._cells(row)[column]


class LinksPanel(QWidget):
    """Shared by the three tabs: the document, the action shown and a table of its rows."""

    def __init__(self, document: OpenWorkbook, model: CellsModel, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.plan = Plan()
        self.action_id: uuid.UUID | None = None
        self.model = model
        self.table: QTableView = row_table(self, model, name=name,
                                           object_name=name.lower().replace(" ", "_"),
                                           stretch_column=model.columnCount() - 1)
        self.table.setMinimumHeight(60)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_action(self, plan: Plan, action_id: uuid.UUID | None) -> None:
        self.plan, self.action_id = plan, action_id
        self.model.set_rows(self.rows())
        if self.model.rowCount():
            self.table.selectRow(0)
        editable = action_id is not None and not self.document.read_only
        for kind in (QPushButton, QLineEdit, QComboBox):
            for widget in self.findChildren(kind):
                widget.setEnabled(editable)

    def rows(self) -> list[Any]:
        raise NotImplementedError


class PartnersPanel(LinksPanel):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(document, CellsModel(("Role", "Partner"), lambda p: (
            p.role_label, p.name)), "Partners", parent)
        self.name_edit = named(QLineEdit(self), "New partner's name")
        self.name_edit.setPlaceholderText("Partner's name")
        self.name_edit.returnPressed.connect(self.add)
        self.role_combo = named(QComboBox(self), "Partner's role")
        named(self.role_combo.view(), "Partner's role choices")
        for key, label in PARTNER_ROLES.items():
            self.role_combo.addItem(label, key)
        self.add_button = named(QPushButton("Add partner", self), "Add partner")
        self.role_button = named(QPushButton("Set role", self), "Set role",
                                 "Give the selected partner the role chosen")
        self.remove_button = named(QPushButton("Remove partner", self), "Remove partner")
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.set_role)
        self.remove_button.clicked.connect(self.remove)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_role())
        entry = QHBoxLayout()
        entry.addWidget(self.name_edit, 1)
        entry.addWidget(self.role_combo)
        self.layout_.addWidget(self.table)
        self.layout_.addLayout(entry)
        self.layout_.addLayout(button_row(self.add_button, self.role_button,
                                          self.remove_button))

    def rows(self) -> list[Any]:
        return list(self.plan.partners.get(self.action_id, ())) if self.action_id else []

    def _show_role(self) -> None:
        """The chosen partner's role, ready to change with Set role."""
        partner = self.selected()
        if partner is not None:
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(partner.role)))

    def add(self) -> None:
        from app.plans.operations import AddPartner

        if self.action_id and self.document.perform(AddPartner(
                self.action_id, self.name_edit.text(), self.role_combo.currentData())):
            self.name_edit.clear()

    def set_role(self) -> None:
        from app.plans.operations import SetPartnerRole

        partner = self.selected()
        if partner is not None:
            self.document.perform(SetPartnerRole(partner.id, self.role_combo.currentData()))

    def remove(self) -> None:
        from app.plans.operations import RemovePartner

        partner = self.selected()
        if partner is not None:
            self.document.perform(RemovePartner(partner.id))


class DependenciesPanel(LinksPanel):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(document, CellsModel(("No.", "Due", "Depends on action"), lambda r: (
            str(self.plan.number_of(r.id)), shown_date(r.due), " ".join(r.action.split()))),
            "Depends on", parent)
        self.warnings = error_label(self)
        self.warnings.setObjectName("dependency_warnings")
        self.other_combo = named(QComboBox(self), "Action it depends on")
        named(self.other_combo.view(), "Actions it could depend on")
        self.add_button = named(QPushButton("Add dependency", self), "Add dependency")
        self.remove_button = named(QPushButton("Remove dependency", self),
                                   "Remove dependency")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        entry = QHBoxLayout()
        label = QLabel("Depends on:", self)
        label.setBuddy(self.other_combo)
        entry.addWidget(label)
        entry.addWidget(self.other_combo, 1)
        self.layout_.addWidget(self.warnings)
        self.layout_.addWidget(self.table)
        self.layout_.addLayout(entry)
        self.layout_.addLayout(button_row(self.add_button, self.remove_button))

    def rows(self) -> list[Any]:
        if self.action_id is None:
            return []
        needed = {b for a, b in self.plan.edges if a == self.action_id}
        return [row for row in self.plan.actions if row.id in needed]

    def show_action(self, plan: Plan, action_id: uuid.UUID | None) -> None:
        super().show_action(plan, action_id)
        self.other_combo.clear()
        for number, row in enumerate(plan.actions, 1):
            if row.id != action_id:
                self.other_combo.addItem(f"{number}. {' '.join(row.action.split())[:80]}",
                                         str(row.id))  # text: Qt matches it in findData
        warnings = plan.warnings_for(action_id) if action_id else []
        self.warnings.setText("\n".join(f"⚠ {text}" for text in warnings))
        self.warnings.setVisible(bool(warnings))

    def add(self) -> None:
        from app.plans.operations import AddDependency

        other = self.other_combo.currentData()
        if self.action_id and other is not None:
            self.document.perform(AddDependency(self.action_id, uuid.UUID(other)))

    def remove(self) -> None:
        from app.plans.operations import RemoveDependency

        other = self.selected()
        if self.action_id and other is not None:
            self.document.perform(RemoveDependency(self.action_id, other.id))


class NotesPanel(LinksPanel):
    def __init__(self, document: OpenWorkbook, parent: QWidget | None = None) -> None:
        super().__init__(document, CellsModel(("Date", "Progress note"), lambda n: (
            shown_date(n.noted_on), " ".join(n.text.split()))), "Progress notes", parent)
        self.date_edit = named(QLineEdit(self), "Note's date", "Day/month/year; today if "
                                                               "left empty")
        self.date_edit.setPlaceholderText("Today")
        self.date_edit.setMaximumWidth(110)
        self.text_edit = named(QLineEdit(self), "New progress note")
        self.text_edit.setPlaceholderText("What has happened")
        self.text_edit.returnPressed.connect(self.add)
        self.add_button = named(QPushButton("Add note", self), "Add progress note")
        self.remove_button = named(QPushButton("Remove note", self), "Remove progress note")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        entry = QHBoxLayout()
        entry.addWidget(self.date_edit)
        entry.addWidget(self.text_edit, 1)
        self.layout_.addWidget(self.table)
        self.layout_.addLayout(entry)
        self.layout_.addLayout(button_row(self.add_button, self.remove_button))

    def rows(self) -> list[Any]:
        return list(self.plan.notes.get(self.action_id, ())) if self.action_id else []

    def add(self) -> None:
        from app.plans.operations import AddNote

        if self.action_id and self.document.perform(AddNote(
                self.action_id, self.text_edit.text(), self.date_edit.text() or None)):
            self.text_edit.clear()
            self.date_edit.clear()

    def remove(self) -> None:
        from app.plans.operations import RemoveNote

        note = self.selected()
        if note is not None:
            self.document.perform(RemoveNote(note.id))
