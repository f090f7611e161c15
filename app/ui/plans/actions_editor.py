"""The action plan: a filterable, sortable list of actions above tabs for the one
selected — its details, partners, dependencies (with date warnings) and progress notes.

Each field saves when it loses focus (or on Enter in a one-line field) through the plans
module's undoable operations; Add, Remove and Start from template are undoable too.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.plans.actions import ActionRow
from app.plans.fields import PRIORITIES, STATUSES
from app.plans.plan import Plan, read_plan
from app.plans.topics import ACTIONS
from app.ui.a11y import named
from app.ui.document import OpenWorkbook
from app.ui.list_table import TableOrEmpty, button_row, row_table
from app.ui.plans.action_links import DependenciesPanel, NotesPanel, PartnersPanel
from app.ui.plans.actions_model import (
    ACTION,
    DUE,
    LEAD,
    NUMBER,
    PRIORITY,
    START,
    STATUS,
    ActionsFilter,
    ActionsTableModel,
    shown_date,
)
from app.ui.plans.timeline_view import TimelineView
from app.ui.plans.workshop import WorkshopControls
from app.ui.screens import ScreenContext

EMPTY_TEXT = (
    "No actions yet — add one for each weakness you want to act on: what will be done, "
    "who leads it and by when. Or start from a template."
)
READ_ONLY_EMPTY_TEXT = "No actions in this workbook."
TEXT_AREAS = {"weakness": "&Weakness", "action": "Deli&very action", "outcome": "Outco&me"}
ANY = "All"
SORTS = (("Plan order", NUMBER), ("Due date", DUE), ("Start date", START),
         ("Status", STATUS), ("Priority", PRIORITY), ("Lead partner", LEAD))


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
        self.plan = Plan()
        self.model = ActionsTableModel(self)
        self.proxy = ActionsFilter(self.model, self)
        self.add_button = named(QPushButton("&Add action", self), "Add action",
                                "Add a new action at the end of the plan")
        self.remove_button = named(QPushButton("&Remove", self), "Remove action",
                                   "Remove the selected action")
        self.template_button = named(QPushButton("Start from tem&plate", self),
                                     "Start from template",
                                     "Add a plan template's actions in one step")
        self.template_button.setMenu(self._template_menu())
        self.add_button.clicked.connect(self.add_action)
        self.remove_button.clicked.connect(self.remove_selected)
        self.workshop = WorkshopControls(document, self)
        buttons = button_row(self.add_button, self.remove_button, self.template_button,
                             self.workshop.button)
        # Made in reading order (buttons, filters, the view tabs, then what they hold), so
        # Tab moves down the screen as it looks.
        filters = self._make_filters()
        self.views = named(QTabWidget(self), "Action plan views")
        named(self.views.tabBar(), "Ways to see the plan")

        self.table = self._make_table()
        self._pages = TableOrEmpty(
            self.table, READ_ONLY_EMPTY_TEXT if document.read_only else EMPTY_TEXT, self)
        self.empty_state = self._pages.empty_state
        self.timeline = TimelineView(self)
        self.timeline.chart.selection_changed.connect(self.select)
        self.timeline.chart.opened.connect(self.open_in_form)
        self.views.addTab(self._pages, "Li&st")
        self.views.addTab(self.timeline, "Ti&meline")
        self.form = self._make_form()
        self.partners = PartnersPanel(document, self)
        self.dependencies = DependenciesPanel(document, self)
        self.notes = NotesPanel(document, self)
        self.tabs = named(QTabWidget(self), "Selected action")
        named(self.tabs.tabBar(), "Parts of the selected action")
        self.tabs.addTab(self.form, "Deta&ils")
        self.tabs.addTab(self.partners, "Partners")
        self.tabs.addTab(self.dependencies, "Depends o&n")
        self.tabs.addTab(self.notes, "Pro&gress notes")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.views, 2)
        layout.addWidget(self.tabs, 3)
        self.setFocusProxy(self.table)
        document.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ building

    def _make_table(self) -> QTableView:
        table = row_table(self, self.proxy, name="Actions", object_name="actions_table",
                          stretch_column=ACTION)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        table.selectionModel().currentRowChanged.connect(
            lambda *_: self.timeline.chart.select_action(self.selected_id()))
        remove = QAction("Remove", table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        table.addAction(remove)
        return table

    def _make_filters(self) -> QHBoxLayout:
        self.lead_filter = named(QComboBox(self), "Show lead partner")
        named(self.lead_filter.view(), "Lead partner filter choices")
        self.status_filter = named(QComboBox(self), "Show status")
        named(self.status_filter.view(), "Status filter choices")
        self.status_filter.addItem(ANY, None)
        for key, label in STATUSES.items():
            self.status_filter.addItem(label, key)
        self.overdue_filter = named(QCheckBox("&Overdue only", self), "Overdue only")
        row = QHBoxLayout()
        for text, combo in (("S&how lead partner:", self.lead_filter),
                            ("Show stat&us:", self.status_filter)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo)
            combo.currentIndexChanged.connect(self._filter)
        row.addWidget(self.overdue_filter)
        self.overdue_filter.toggled.connect(self._filter)
        # Column headings sort on a click; this does the same from the keyboard.
        self.sort_choice = named(QComboBox(self), "Sort by")
        named(self.sort_choice.view(), "Sort by choices")
        for text, column in SORTS:
            self.sort_choice.addItem(text, column)
        self.sort_choice.activated.connect(lambda _i: self.table.sortByColumn(
            self.sort_choice.currentData(), Qt.SortOrder.AscendingOrder))
        sort_label = QLabel("Sort &by:", self)
        sort_label.setBuddy(self.sort_choice)
        row.addSpacing(12)
        row.addWidget(sort_label)
        row.addWidget(self.sort_choice)
        self.shown_label = QLabel(self)
        row.addStretch(1)
        row.addWidget(self.shown_label)
        return row

    def _make_form(self) -> QWidget:
        form_widget = QWidget(self)
        columns = QHBoxLayout(form_widget)
        columns.setContentsMargins(4, 4, 4, 4)
        texts, short = QFormLayout(), QFormLayout()
        texts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        columns.addLayout(texts, 3)
        columns.addLayout(short, 2)
        self.text_areas: dict[str, CommitOnLeave] = {}
        for field, label_text in TEXT_AREAS.items():
            area = CommitOnLeave(lambda field=field: self._commit_text(field), form_widget)
            area.setObjectName(f"{field}_edit")
            named(area, label_text.replace("&", ""))
            area.setMaximumHeight(70)
            label = QLabel(label_text, form_widget)
            label.setBuddy(area)
            texts.addRow(label, area)
            self.text_areas[field] = area
        self.lead_edit = named(QLineEdit(form_widget), "Lead partner")
        self.lead_edit.setPlaceholderText("Who starts and co-ordinates")
        self.lead_edit.editingFinished.connect(
            lambda: self._commit("lead_partner", self.lead_edit.text()))
        self.start_edit = self._date_edit(form_widget, "Start date", "start")
        self.due_edit = self._date_edit(form_widget, "Due date", "due")
        self.status_combo = self._choices(form_widget, "Status", STATUSES, "status")
        self.priority_combo = self._choices(form_widget, "Priority", PRIORITIES, "priority")
        for text, widget in (("&Lead partner", self.lead_edit), ("Star&t", self.start_edit),
                             ("&Due", self.due_edit), ("&Status", self.status_combo),
                             ("Priorit&y", self.priority_combo)):
            label = QLabel(text, form_widget)
            label.setBuddy(widget)
            short.addRow(label, widget)
        self.raised_by = QLabel(form_widget)
        self.raised_by.setWordWrap(True)
        short.addRow(self.raised_by)
        return form_widget

    def _date_edit(self, parent: QWidget, name: str, field: str) -> QLineEdit:
        edit = named(QLineEdit(parent), name, "Day/month/year")
        edit.setPlaceholderText("dd/mm/yyyy")
        edit.editingFinished.connect(lambda: self._commit(field, edit.text()))
        return edit

    def _choices(self, parent: QWidget, name: str, choices: dict[str, str],
                 field: str) -> QComboBox:
        combo = named(QComboBox(parent), name)
        named(combo.view(), f"{name} choices")  # the drop-down list takes focus too
        for key, label in choices.items():
            combo.addItem(label, key)
        combo.activated.connect(lambda _index: self._commit(field, combo.currentData()))
        return combo

    def _template_menu(self) -> QMenu:
        from app.plans.templates import list_templates

        menu = named(QMenu(self), "Plan templates")
        for template in list_templates():
            action = menu.addAction(f"{template.title} ({len(template.actions)} actions)")
            action.setToolTip(template.description)
            action.triggered.connect(lambda _=False, t=template: self.start_from(t))
        return menu

    # ------------------------------------------------------------------ view

    def refresh(self) -> None:
        selected = self.selected_id()
        self.plan = self._document.read(read_plan)
        self.model.set_plan(self.plan)
        self.timeline.set_plan(self.plan, selected)
        self._refill_leads()
        self._pages.follow_rows()
        self.select(selected)
        self._show_selected()
        self._count_shown()

    def _refill_leads(self) -> None:
        current = self.lead_filter.currentData()
        leads = sorted({row.lead_partner for row in self.plan.actions if row.lead_partner},
                       key=str.casefold)
        self.lead_filter.blockSignals(True)
        self.lead_filter.clear()
        self.lead_filter.addItem(ANY, None)
        for lead in leads:
            self.lead_filter.addItem(lead, lead)
        self.lead_filter.setCurrentIndex(max(0, self.lead_filter.findData(current)))
        self.lead_filter.blockSignals(False)

    def _filter(self) -> None:
        selected = self.selected_id()
        self.proxy.set_filter(lead=self.lead_filter.currentData(),
                              status=self.status_filter.currentData(),
                              overdue_only=self.overdue_filter.isChecked())
        self.select(selected)
        self._show_selected()
        self._count_shown()

    def _count_shown(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown_label.setText(f"Showing {shown} of {total}" if shown != total else "")

    def _on_changed(self, topics: frozenset[str]) -> None:
        if ACTIONS in topics:
            self.refresh()

    def selected_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row()).id  # type: ignore[no-any-return]

    def select(self, action_id: uuid.UUID | None) -> None:
        source_row = self.model.row_of(action_id) if action_id is not None else -1
        index = self.proxy.mapFromSource(self.model.index(source_row, 0)) \
            if source_row >= 0 else self.proxy.index(0, 0)
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _show_selected(self) -> None:
        action_id = self.selected_id()
        row = None if action_id is None else self.model.row_at(self.model.row_of(action_id))
        self._shown = row
        editable = row is not None and not self._document.read_only
        for area in self.text_areas.values():
            area.setReadOnly(not editable)
        for edit in (self.lead_edit, self.start_edit, self.due_edit):
            edit.setReadOnly(not editable)
        self.status_combo.setEnabled(editable)
        self.priority_combo.setEnabled(editable)
        self.add_button.setEnabled(not self._document.read_only)
        self.template_button.setEnabled(not self._document.read_only)
        self.remove_button.setEnabled(editable)
        self.tabs.setEnabled(row is not None)
        for field, area in self.text_areas.items():
            text = getattr(row, field) if row else ""
            if area.toPlainText() != text:
                area.setPlainText(text)
        self.lead_edit.setText(row.lead_partner if row else "")
        self.start_edit.setText(shown_date(row.start) if row else "")
        self.due_edit.setText(shown_date(row.due) if row else "")
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(
            row.status if row else "not_started")))
        self.priority_combo.setCurrentIndex(max(0, self.priority_combo.findData(
            row.priority if row else "medium")))
        self.raised_by.setText(f"Raised by: {row.raised_by}" if row and row.raised_by else "")
        for panel in (self.partners, self.dependencies, self.notes):
            panel.show_action(self.plan, row.id if row else None)

    def open_in_form(self, action_id: uuid.UUID) -> None:
        """Show the action in the form below and put the cursor in it (from the timeline)."""
        self.select(action_id)
        self.tabs.setCurrentWidget(self.form)
        first = next(iter(self.text_areas.values()))
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ edits

    def add_action(self) -> None:
        from app.plans.operations import AddAction

        operation = AddAction.of(action="New action — say what will be done")
        if self._document.perform(operation):
            self._clear_filters()
            self.select(operation.action_id)
            self.tabs.setCurrentWidget(self.form)
            area = self.text_areas["action"]
            area.setFocus(Qt.FocusReason.OtherFocusReason)
            area.selectAll()

    def start_from(self, template: object) -> None:
        from app.plans.templates import PlanTemplate, start_from_template

        assert isinstance(template, PlanTemplate)
        operation = start_from_template(template)
        if self._document.perform(operation):
            self._clear_filters()
            first = operation.steps[0]
            self.select(getattr(first, "action_id", None))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_filters(self) -> None:
        """After adding, show everything so that the new action is in view."""
        self.lead_filter.setCurrentIndex(0)
        self.status_filter.setCurrentIndex(0)
        self.overdue_filter.setChecked(False)

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
        shown = shown_date(current) if field in ("start", "due") else current
        if value == (shown or "") or value == current:
            return
        if not self._document.perform(UpdateAction(row.id, field, value)):  # type: ignore[arg-type]
            self._show_selected()  # refused: show what the file holds


def create_editor(context: ScreenContext) -> ActionsEditor:
    return ActionsEditor(context.document, context.parent)
