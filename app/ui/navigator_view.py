"""The navigator list: section titles with their counts drawn on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.a11y import named
from app.ui.navigator_model import COUNT_ROLE

Index = QModelIndex | QPersistentModelIndex


class CountDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        count = index.data(COUNT_ROLE)
        if count is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (QPalette.ColorRole.HighlightedText if selected
                else QPalette.ColorRole.PlaceholderText)
        painter.save()
        painter.setPen(option.palette.color(role))
        area = QRect(option.rect).adjusted(0, 0, -10, 0)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         f"{count:n}")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 40, max(size.height(), 30))


class NavigatorView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Sections", "Choose which part of the workbook to show")
        self.setObjectName("navigator")
        self.setItemDelegate(CountDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setMinimumWidth(160)
        self.setSpacing(1)
        self.setStyleSheet("QListView#navigator::item { padding-left: 10px; }")
