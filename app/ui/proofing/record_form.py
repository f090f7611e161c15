"""The form pieces the record's details, screening and decision tabs share: a page of
labelled rows at the top of the tab, one-line and multi-line fields that save as the user
leaves them, and filling one-line fields (dates shown as dd/mm/yyyy) from the record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.proofing.records import RecordData
from app.reports.model.dates import short_date
from app.ui.a11y import named
from app.ui.fitting import scrolling
from app.ui.plans.actions_editor import CommitOnLeave

Commit = Callable[[str, object], None]  # saves one field of the record
DATE_FIELDS = ("drafted_on", "signed_on")


def form_page(page: QWidget) -> QFormLayout:
    """Lay out page as a form whose rows stay together at the top of a tall tab, and
    scroll within the tab when it is short (a long form would otherwise make the whole
    screen taller than a laptop's window and cut off the other tabs' lower parts)."""
    body = QWidget(page)
    outer = QVBoxLayout(body)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    outer.addLayout(form)
    outer.addStretch(1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scrolling(body, page))
    return form


def line_field(form: QFormLayout, label_text: str, field: str, commit: Commit) -> QLineEdit:
    edit = named(QLineEdit(form.parentWidget()), label_text.replace("&", ""))
    edit.setObjectName(f"{field}_edit")
    if field in DATE_FIELDS:
        edit.setPlaceholderText("dd/mm/yyyy")
    edit.editingFinished.connect(lambda: commit(field, edit.text()))
    label = QLabel(label_text, form.parentWidget())
    label.setBuddy(edit)
    form.addRow(label, edit)
    return edit


def area_field(form: QFormLayout, label_text: str, field: str,
               commit: Commit) -> CommitOnLeave:
    area = CommitOnLeave(lambda: commit(field, area.toPlainText()), form.parentWidget())
    named(area, label_text.replace("&", ""))
    area.setObjectName(f"{field}_edit")
    area.setMaximumHeight(64)
    label = QLabel(label_text, form.parentWidget())
    label.setWordWrap(True)
    label.setBuddy(area)
    form.addRow(label, area)
    return area


def fill_lines(edits: dict[str, QLineEdit], record: RecordData | None,
               read_only: bool) -> None:
    """Show each field's value from the record (blank without one)."""
    for field, edit in edits.items():
        value = getattr(record, field) if record else ""
        if field in DATE_FIELDS:
            edit.setText(short_date(value) if isinstance(value, date) else "")
        else:
            edit.setText(str(value or ""))
        edit.setReadOnly(read_only)


def fill_area(area: CommitOnLeave, text: str, read_only: bool) -> None:
    if area.toPlainText() != text:  # an unchanged text keeps the cursor where it is
        area.setPlainText(text)
    area.setReadOnly(read_only)
