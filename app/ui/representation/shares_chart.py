"""The audit screen's chart: the body's share of each group beside the area's, with the
body's 95% interval as a whisker. It draws the report's own chart definition
(`app.representation.report.shares_chart`), so the screen and the exports show the same
bars; it paints with Qt because the report's renderer is too slow to redraw on each edit.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.reports.model.report import Chart
from app.ui.a11y import named

TICKS = 5


class SharesChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Shares chart")
        self.setMinimumSize(300, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart: Chart | None = None
        self.message = "Choose a baseline and enter counts to see the chart."

    def set_chart(self, chart: Chart | None, message: str = "") -> None:
        self.chart = chart
        if message:
            self.message = message
        if chart is None:
            self.setAccessibleDescription(self.message)
        else:
            # A screen reader hears the figures the picture shows.
            fmt = chart.value_format
            body, *others = chart.series
            parts = []
            for i, label in enumerate(chart.categories):
                text = f"{label}: {body.name} {fmt.format(body.values[i])}"
                if body.intervals:
                    low, high = body.intervals[i]
                    text += f" (interval {fmt.format(low)} to {fmt.format(high)})"
                text += "".join(f", {s.name} {fmt.format(s.values[i])}" for s in others)
                parts.append(text)
            self.setAccessibleDescription(f"{chart.alt_text} " + "; ".join(parts))
        self.update()

    def scale_top(self) -> float:
        """The axis's top: the largest share or interval end, rounded up to a tenth."""
        assert self.chart is not None
        highest = max([v for s in self.chart.series for v in s.values]
                      + [h for s in self.chart.series for _, h in (s.intervals or ())]
                      + [0.1])
        return min(1.0, -(-highest * 10 // 1) / 10)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(ink)
        metrics = painter.fontMetrics()
        line = metrics.height()
        if self.chart is None or not self.chart.categories:
            painter.drawText(self.rect().adjusted(8, 8, -8, -8),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                             self.message)
            return
        chart = self.chart
        colours = [palette.color(QPalette.ColorRole.Highlight), QColor(150, 150, 150)]

        # The key: a swatch per series, and what the whisker means.
        x = 8.0
        for index, series in enumerate(chart.series):
            painter.fillRect(QRectF(x, 6, line * 0.9, line * 0.9), colours[index % 2])
            x += line * 1.3
            painter.drawText(QPointF(x, 6 + metrics.ascent()), series.name)
            x += metrics.horizontalAdvance(series.name) + line
        painter.drawText(QPointF(x, 6 + metrics.ascent()), "|—| 95% interval")

        label_width = min(self.width() * 0.38,
                          max(metrics.horizontalAdvance(c) for c in chart.categories) + 12)
        top, bottom = line * 2.0, self.height() - line * 1.8
        left, right = label_width + 8, self.width() - 28
        if right - left < 40 or bottom - top < 20:
            return
        span = self.scale_top()
        band = (bottom - top) / len(chart.categories)
        bar = min(band * 0.36, line * 1.2)

        def at(value: float) -> float:
            return left + (right - left) * max(0.0, min(value, span)) / span

        grid = QColor(ink)
        grid.setAlpha(60)
        for tick in range(TICKS + 1):
            value = span * tick / TICKS
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(at(value), top), QPointF(at(value), bottom))
            painter.setPen(ink)
            text = chart.value_format.format(value)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(at(value) - width / 2, bottom + line), text)

        for row, label in enumerate(chart.categories):
            y = top + band * row + (band - 2 * bar) / 2
            painter.setPen(ink)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width - 8))
            painter.drawText(QRectF(4, top + band * row, label_width - 8, band),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             shown)
            for index, series in enumerate(chart.series):
                y0 = y + bar * index
                painter.fillRect(QRectF(left, y0, at(series.values[row]) - left, bar * 0.9),
                                 colours[index % 2])
                if series.intervals:
                    low, high = series.intervals[row]
                    middle = y0 + bar * 0.45
                    painter.setPen(QPen(ink, 1.5))
                    painter.drawLine(QPointF(at(low), middle), QPointF(at(high), middle))
                    for end in (low, high):
                        painter.drawLine(QPointF(at(end), middle - bar * 0.3),
                                         QPointF(at(end), middle + bar * 0.3))
