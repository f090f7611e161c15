"""Local categories: the workbook's own ethnic group categories under the census ones (such
as "Somali" under "African"), listed per classification, added, renamed and removed.

Each change is one of the representation module's undoable operations, run through
`document.perform`, so Edit › Undo takes it back once the dialog is closed. The list
follows the document's changes, so an undo elsewhere shows here too.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.representation.classifications import Classification, classifications
from app.representation.store import ExpandedCategory
from app.representation.topics import AUDITS
from app.ui.a11y import name_buttons, named
from app.ui.document import OpenWorkbook
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.representation.new_audit_dialog import combo
from app.ui.row_table_model import RowTableModel

EMPTY_TEXT = (
    "No local categories under these census categories yet. Type a name below, choose the "
    "census category it belongs under, and choose Add: its counts then add up to that "
    "category in every comparison."
)


class LocalCategoriesModel(RowTableModel):
    NAME, UNDER, KEY = range(3)
    headers = ("Local category", "Under census category", "Key for counts")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.classification: Classification | None = None

    def display(self, row: ExpandedCategory, column: int) -> str:
        if column == self.UNDER and self.classification is not None:
            group = self.classification.group_of(row.parent)
            label = self.classification.category(row.parent).label
            return f"{group.label}: {label}" if group else label
        return (row.label, row.parent, row.key)[column]

    def row_of(self, category_id: object) -> int:
        return next((i for i, r in enumerate(self.rows()) if r.id == category_id), -1)


class LocalCategoriesDialog(QDialog):
    def __init__(self, document: OpenWorkbook, classification_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.rename_box: QInputDialog | None = None  # the Rename… prompt while it is open
        self.setWindowTitle("Local categories")
        self.classification_combo = combo(
            self, "Census categories", {c.id: c.title for c in classifications().values()})
        self.classification_combo.setCurrentIndex(
            max(0, self.classification_combo.findData(classification_id)))
        self.classification_combo.currentIndexChanged.connect(lambda _i: self.refresh())

        self.model = LocalCategoriesModel(self)
        self.table = row_table(self, self.model, name="Local categories",
                               object_name="local_categories_table",
                               stretch_column=LocalCategoriesModel.UNDER)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        remove = QAction("Remove", self.table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.table.addAction(remove)
        self._pages = TableOrEmpty(self.table, EMPTY_TEXT, self)

        self.rename_button = named(QPushButton("Re&name…", self), "Rename local category",
                                   "Give the selected category a new name; its counts stay")
        self.remove_button = named(QPushButton("&Remove", self), "Remove local category",
                                   "Remove the selected category (refused while counts use it)")
        self.rename_button.clicked.connect(self.rename_selected)
        self.remove_button.clicked.connect(self.remove_selected)

        self.name_edit = named(QLineEdit(self), "New category's name")
        self.name_edit.setPlaceholderText("For example: Somali")
        self.parent_combo = combo(self, "Under census category", {})
        self.add_button = named(QPushButton("&Add", self), "Add local category",
                                "Add the named category under the chosen census category")
        self.add_button.clicked.connect(self.add)
        self.add_button.setDefault(True)  # Enter in the name adds it
        self.name_edit.textChanged.connect(lambda _t: self._enable())

        top = QFormLayout()
        label = QLabel("&Census categories", self)
        label.setBuddy(self.classification_combo)
        top.addRow(label, self.classification_combo)
        form = QFormLayout()
        for text, widget in (("Na&me", self.name_edit), ("&Under", self.parent_combo)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self)
        heading = QLabel("A new category's counts add up to its census category, so the "
                         "area's figures still compare.", self)
        heading.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(heading)
        layout.addWidget(self._pages, 1)
        layout.addLayout(button_row(self.rename_button, self.remove_button))
        layout.addSpacing(8)
        layout.addWidget(QLabel("<b>Add a local category</b>", self))
        layout.addLayout(form)
        layout.addLayout(button_row(self.add_button))
        layout.addWidget(self.buttons)
        self.resize(620, 460)
        document.changed.connect(self._on_changed)
        self.refresh()
        self.name_edit.setFocus()

    # ------------------------------------------------------------------ view

    def classification(self) -> Classification:
        return classifications()[self.classification_combo.currentData()]

    def refresh(self) -> None:
        from app.representation.store import list_expanded

        own = self.classification()
        if self.model.classification is not own:
            # The census categories to choose from, as "Group: category".
            self.parent_combo.clear()
            for group, category in own.categories():
                self.parent_combo.addItem(f"{group.label}: {category.label}", category.id)
        selected = self.selected()
        self.model.classification = own
        self.model.set_rows(self._document.read(lambda s: list_expanded(s, own.id)))
        self._pages.follow_rows()
        self.select(selected.id if selected else None)
        self._enable()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if AUDITS in topics:
            self.refresh()

    def selected(self) -> ExpandedCategory | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, category_id: object) -> None:
        row = self.model.row_of(category_id) if category_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _enable(self) -> None:
        editable = not self._document.read_only
        chosen = self.selected() is not None
        self.rename_button.setEnabled(editable and chosen)
        self.remove_button.setEnabled(editable and chosen)
        for widget in (self.name_edit, self.parent_combo):
            widget.setEnabled(editable)
        self.add_button.setEnabled(editable and bool(self.name_edit.text().strip()))

    # ------------------------------------------------------------------ edits

    def add(self) -> None:
        import uuid

        from app.representation.operations import AddExpandedCategory

        name = self.name_edit.text().strip()
        if not name or self._document.read_only:
            return
        category = ExpandedCategory(uuid.uuid4(), self.classification().id, "",
                                    self.parent_combo.currentData(), name)
        if self._document.perform(AddExpandedCategory(category)):
            self.name_edit.clear()
            self.select(category.id)
            self.name_edit.setFocus()

    def remove_selected(self) -> None:
        from app.representation.operations import RemoveExpandedCategory

        chosen = self.selected()
        if chosen is not None and not self._document.read_only:
            self._document.perform(RemoveExpandedCategory(chosen.id))

    def rename_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self._document.read_only:
            return
        box = QInputDialog(self)
        box.setWindowTitle("Rename local category")
        box.setLabelText(f"New name for “{chosen.label}”:")
        box.setTextValue(chosen.label)
        for child in box.findChildren(QLineEdit):
            named(child, "Category's new name")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.textValueSelected.connect(lambda text: self._rename(chosen, text))
        box.finished.connect(lambda _r: setattr(self, "rename_box", None))
        self.rename_box = box
        box.open()
        name_buttons(box)

    def _rename(self, chosen: ExpandedCategory, text: str) -> None:
        from app.representation.operations import RenameExpandedCategory

        if text.strip() != chosen.label:
            self._document.perform(RenameExpandedCategory(chosen.id, text))
