"""The action plan screen's Timeline tab: a bar per dated action from its start to its due
date, an arrow from each action to what depends on it, ⚠ and a red outline on an action
with a date warning, and the actions without dates listed under the chart.

Keyboard: Up/Down (or Left/Right) select the previous or next action, Home/End the first
or last; Enter opens the selected action in the form. The selection follows the list's,
so the two tabs and the form below always show the same action.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.plans.plan import Plan
from app.plans.timeline import Timeline, build_timeline
from app.ui.a11y import named
from app.ui.style import ERROR_COLOUR, FOCUS_RING_WIDTH

ROW = 26  # pixels per action
LABEL_SHARE = 0.34  # of the width, for the actions' names
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class TimelineChart(QWidget):
    """The painted chart; `selected` is the index of the chosen bar (-1 for none)."""

    selection_changed = Signal(object)  # the action's id
    opened = Signal(object)  # Enter (or a double click) on an action: its id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Timeline of the actions")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.timeline = Timeline((), (), ())
        self.selected = -1

    def set_timeline(self, timeline: Timeline, selected: uuid.UUID | None) -> None:
        self.timeline = timeline
        self.selected = timeline.index_of(selected)
        self.setFixedHeight(self.sizeHint().height())
        self._describe()
        self.update()

    def select_action(self, action_id: uuid.UUID | None) -> None:
        index = self.timeline.index_of(action_id)
        if index != self.selected:
            self.selected = index
            self._describe()
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, ROW * (len(self.timeline.bars) + 1) + 12)

    def _describe(self) -> None:
        # A screen reader hears the summary, then the chosen action and its warnings.
        text = self.timeline.summary()
        if self.selected >= 0:
            text += " Selected: " + self.timeline.bars[self.selected].describe()
        self.setAccessibleDescription(text)

    # ------------------------------------------------------------------ keyboard and mouse

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = len(self.timeline.bars)
        key = event.key()
        moves = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1,
                 Qt.Key.Key_Right: 1}
        if count and key in moves:
            self._choose(max(0, min(count - 1, self.selected + moves[Qt.Key(key)]))
                         if self.selected >= 0 else 0)
        elif count and key == Qt.Key.Key_Home:
            self._choose(0)
        elif count and key == Qt.Key.Key_End:
            self._choose(count - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected >= 0:
            self.opened.emit(self.timeline.bars[self.selected].action_id)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = int((event.position().y() - ROW) // ROW)
        if 0 <= index < len(self.timeline.bars):
            self._choose(index)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mousePressEvent(event)
        if self.selected >= 0:
            self.opened.emit(self.timeline.bars[self.selected].action_id)

    def _choose(self, index: int) -> None:
        self.selected = index
        self._describe()
        self.update()
        self.selection_changed.emit(self.timeline.bars[index].action_id)

    # ------------------------------------------------------------------ painting

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        timeline = self.timeline
        first, last = timeline.first, timeline.last
        if first is None or last is None:
            painter.setPen(ink)
            painter.drawText(self.rect().adjusted(8, 8, -8, -8),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                             timeline.summary())
            return
        label_width = self.width() * LABEL_SHARE
        left, right = label_width + 8, self.width() - 12
        days = max(1, (last - first).days + 1)

        def x_of(day: date) -> float:
            return left + (right - left) * (day - first).days / days

        # Month lines and names along the top.
        grid = QColor(ink)
        grid.setAlpha(50)
        month = date(first.year, first.month, 1)
        step_months = max(1, int(days / 30 / max(1, (right - left) / 48)) + 1)
        while month <= last:
            x = max(left, x_of(month))
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, ROW - 4), QPointF(x, self.height()))
            painter.setPen(ink)
            text = MONTHS[month.month - 1] + (f" {month:%y}" if month.month == 1
                                              or month <= first else "")
            painter.drawText(QPointF(x + 2, ROW - 8), text)
            month = _add_months(month, step_months)

        highlight = palette.color(QPalette.ColorRole.Highlight)
        done = QColor(130, 130, 130)
        warning = QColor(ERROR_COLOUR)
        centres: list[QPointF] = []
        for index, bar in enumerate(timeline.bars):
            top = ROW * (index + 1)
            rect = QRectF(x_of(bar.start), top + 5,
                          max(6.0, x_of(bar.end + timedelta(days=1)) - x_of(bar.start)),
                          ROW - 10)
            centres.append(QPointF(rect.left(), rect.center().y()))
            if index == self.selected:
                painter.fillRect(QRectF(0, top, self.width(), ROW),
                                 palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(ink)
            label = ("⚠ " if bar.warnings else "") + bar.label
            painter.drawText(QRectF(6, top, label_width - 6, ROW),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                                int(label_width - 10)))
            painter.fillRect(rect, done if bar.status in ("done", "dropped") else highlight)
            if bar.warnings:
                painter.setPen(QPen(warning, 2))
                painter.drawRect(rect)
        # A dependency: from the end of what is depended on to the start of the action.
        for on, action in timeline.arrows:
            bar_on = timeline.bars[on]
            start = QPointF(x_of(bar_on.end + timedelta(days=1)), centres[on].y())
            end = centres[action]
            colour = warning if timeline.bars[action].warnings else ink
            painter.setPen(QPen(colour, 1.3))
            bend = start.x() + 5
            painter.drawPolyline([start, QPointF(bend, start.y()), QPointF(bend, end.y()),
                                  end])
            back = -5 if end.x() >= bend else 5  # the head points the way the line runs
            painter.drawLine(end, end + QPointF(back, -4))
            painter.drawLine(end, end + QPointF(back, 4))
        if self.hasFocus() and self.selected >= 0:
            painter.setPen(QPen(highlight, FOCUS_RING_WIDTH))
            painter.drawRect(QRectF(1, ROW * (self.selected + 1) + 1, self.width() - 2,
                                    ROW - 2))


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    return date(day.year + total // 12, total % 12 + 1, 1)


class TimelineView(QWidget):
    """The chart in a scroll area, the key, and the actions without dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Timeline")
        self.chart = TimelineChart(self)
        scroll = named(QScrollArea(self), "Timeline chart")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chart itself takes focus
        self.key = QLabel("Bars run from start to due date; grey bars are done or "
                          "dropped; an arrow leads from an action to one that depends on "
                          "it; ⚠ and a red outline mark a date warning. Up and Down choose "
                          "an action, Enter opens it.", self)
        self.key.setWordWrap(True)
        self.undated = QLabel(self)
        self.undated.setWordWrap(True)
        self.undated.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.key)
        layout.addWidget(self.undated)
        self.setFocusProxy(self.chart)

    def set_plan(self, plan: Plan, selected: uuid.UUID | None) -> None:
        timeline = build_timeline(plan)
        self.chart.set_timeline(timeline, selected)
        self.undated.setText("Without dates (not on the timeline): "
                             + "; ".join(label for _id, label in timeline.undated)
                             if timeline.undated else "")
        self.undated.setVisible(bool(timeline.undated))
