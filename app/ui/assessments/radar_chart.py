"""A radar chart of the top-level section scores. It paints the report's own chart
definition (`app.assessments.charts.section_radar`), so the screen and the exports show
the same spokes and strands; it paints with Qt because the report's renderer is too slow
to redraw after each rating.

One spoke per section, the scale's maximum at the rim. With two strands (an earlier round
or another respondent group, then this assessment) the first is dashed and grey, so the
two differ by more than colour. A section with nothing scored sits at the centre with a
hollow marker, so a gap is not mistaken for a low score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.reports.model.report import Chart
from app.ui.a11y import named

RINGS = 4  # guide rings at quarters of the scale
EARLIER = QColor(120, 120, 120)
CAPTION = ("Each spoke is a section, by number; the rim is the top of the scale. "
           "A hollow dot at the centre: nothing scored yet.")


class RadarChart(QWidget):
    def __init__(self, parent: QWidget | None = None, name: str = "Section scores chart"
                 ) -> None:
        super().__init__(parent)
        named(self, name)
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart: Chart | None = None
        self._missing: tuple[tuple[bool, ...], ...] = ()

    def set_chart(self, chart: Chart | None, missing: Sequence[Sequence[bool]] = (),
                  names: Sequence[str] = ()) -> None:
        """Show `chart`; `missing` says, per strand and spoke, where nothing was scored;
        `names` are the spokes' full names for a screen reader (the picture shows keys)."""
        self.chart = chart
        self._missing = tuple(tuple(m) for m in missing)
        if chart is None:
            self.setAccessibleDescription("")
        else:
            # A screen reader hears the numbers the picture shows.
            parts = []
            for spoke, category in enumerate(chart.categories):
                category = names[spoke] if spoke < len(names) else category
                values = ", ".join(
                    f"{series.name} {self._value_text(strand, spoke)}"
                    if len(chart.series) > 1 else self._value_text(strand, spoke)
                    for strand, series in enumerate(chart.series))
                parts.append(f"{category}: {values}")
            self.setAccessibleDescription(f"{chart.alt_text} " + "; ".join(parts))
        self.update()

    def _is_missing(self, strand: int, spoke: int) -> bool:
        return strand < len(self._missing) and spoke < len(self._missing[strand]) and \
            self._missing[strand][spoke]

    def _value_text(self, strand: int, spoke: int) -> str:
        assert self.chart is not None
        if self._is_missing(strand, spoke):
            return "not scored"
        value = self.chart.series[strand].values[spoke]
        top = self.chart.value_max
        return f"{value:.2f}" + (f" of {top:g}" if top else "")

    def shares(self, strand: int = -1) -> list[float | None]:
        """Each spoke's length as a share of the rim, for one strand (the last: this
        assessment); None where nothing was scored."""
        if self.chart is None or not self.chart.series:
            return []
        strand %= len(self.chart.series)
        top = self.chart.value_max or 1.0
        return [None if self._is_missing(strand, spoke) else value / top
                for spoke, value in enumerate(self.chart.series[strand].values)]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        chart = self.chart
        count = len(chart.categories) if chart is not None else 0
        painter.setPen(text)
        if chart is None or count < 3:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "A chart needs at least three sections.")
            return
        metrics = painter.fontMetrics()
        line = metrics.height()
        # Says how to read it: without this, a section at the centre looks rated zero.
        wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        caption_height = metrics.boundingRect(QRectF(6, 4, self.width() - 12, 10000).toRect(),
                                              wrap, CAPTION).height()
        painter.drawText(QRectF(6, 4, self.width() - 12, caption_height), wrap, CAPTION)
        top_edge = 4 + caption_height
        accent = palette.color(QPalette.ColorRole.Highlight)
        strands = len(chart.series)
        colours = [EARLIER] * (strands - 1) + [accent]
        if strands > 1:  # the key: which strand is which
            x = 8.0
            for index, series in enumerate(chart.series):
                y = top_edge + line / 2
                painter.setPen(self._pen(colours[index], index, strands))
                painter.drawLine(QPointF(x, y), QPointF(x + line * 1.6, y))
                x += line * 2
                painter.setPen(text)
                painter.drawText(QPointF(x, top_edge + metrics.ascent()), series.name)
                x += metrics.horizontalAdvance(series.name) + line
            top_edge += line * 1.4
        margin = line * 2
        height = self.height() - top_edge
        radius = max(10.0, min(self.width(), height) / 2 - margin)
        centre = QPointF(self.width() / 2, top_edge + height / 2)
        rim = chart.value_max or max((v for s in chart.series for v in s.values), default=1.0)
        rim = rim or 1.0

        def point(spoke: int, share: float) -> QPointF:
            angle = -math.pi / 2 + 2 * math.pi * spoke / count  # the first spoke points up
            return QPointF(centre.x() + math.cos(angle) * radius * share,
                           centre.y() + math.sin(angle) * radius * share)

        guide = QColor(text)
        guide.setAlpha(70)
        painter.setPen(QPen(guide, 1))
        for ring in range(1, RINGS + 1):
            painter.drawPolygon(QPolygonF([point(i, ring / RINGS) for i in range(count)]))
        for spoke in range(count):
            painter.drawLine(centre, point(spoke, 1.0))

        painter.setPen(text)
        for spoke, label in enumerate(chart.categories):
            anchor = point(spoke, 1.0 + margin / 2 / radius)
            width = metrics.horizontalAdvance(label) + 4
            painter.drawText(QRectF(anchor.x() - width / 2, anchor.y() - line / 2, width, line),
                             Qt.AlignmentFlag.AlignCenter, label)

        for strand, series in enumerate(chart.series):
            colour = colours[strand]
            fill = QColor(colour)
            fill.setAlpha(60 if strand == strands - 1 else 25)
            shares = [min(max(v / rim, 0.0), 1.0) for v in series.values]
            painter.setPen(self._pen(colour, strand, strands))
            painter.setBrush(QBrush(fill))
            painter.drawPolygon(QPolygonF([point(i, s) for i, s in enumerate(shares)]))
            painter.setPen(QPen(colour, 1.5))
            for i, share in enumerate(shares):
                hollow = self._is_missing(strand, i)
                painter.setBrush(Qt.BrushStyle.NoBrush if hollow else QBrush(colour))
                spot = point(i, share)
                if strand == strands - 1:
                    painter.drawEllipse(spot, 3.5, 3.5)
                else:  # squares for the earlier strand: told apart without colour
                    painter.drawRect(QRectF(spot.x() - 3, spot.y() - 3, 6, 6))

    @staticmethod
    def _pen(colour: QColor, strand: int, strands: int) -> QPen:
        pen = QPen(colour, 2)
        if strand < strands - 1:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen
