"""A radar chart of the top-level section scores, drawn from the same numbers as the table.

One spoke per section, the scale's maximum at the rim; a section with nothing scored yet
sits at the centre with a hollow marker, so a gap is not mistaken for a low score.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.assessments.scoring import SectionScore
from app.ui.a11y import named
from app.ui.assessments.list_model import score_text

RINGS = 4  # guide rings at quarters of the scale


class RadarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Section scores chart")
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._sections: tuple[SectionScore, ...] = ()
        self._top: float | None = None

    def set_scores(self, sections: tuple[SectionScore, ...], top: float | None) -> None:
        self._sections = tuple(s for s in sections if s.depth == 1)
        self._top = top
        # A screen reader hears the numbers the picture shows.
        self.setAccessibleDescription("; ".join(
            f"{s.label}: {score_text(s.score.value, top)}" for s in self._sections))
        self.update()

    def shares(self) -> list[float | None]:
        """Each spoke's length as a share of the rim (None: nothing scored)."""
        return [s.score.share for s in self._sections]

    def paintEvent(self, _event: QPaintEvent) -> None:
        count = len(self._sections)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        if count < 3:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "A chart needs at least three sections.")
            return
        # Says how to read it: without this, a section at the centre looks rated zero.
        caption = ("Each spoke is a section, by number; the rim is the top of the scale. "
                   "A hollow dot at the centre: nothing scored yet.")
        caption_height = painter.fontMetrics().height() * 2
        painter.setPen(text)
        painter.drawText(QRectF(6, 4, self.width() - 12, caption_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), caption)
        painter.translate(0, caption_height / 2)
        margin = painter.fontMetrics().height() * 2
        radius = max(10.0, min(self.width(), self.height() - caption_height) / 2 - margin)
        centre = QPointF(self.width() / 2, self.height() / 2)

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
        metrics = painter.fontMetrics()
        for spoke, section in enumerate(self._sections):
            anchor = point(spoke, 1.0 + margin / 2 / radius)
            label = section.key
            width = metrics.horizontalAdvance(label) + 4
            painter.drawText(QRectF(anchor.x() - width / 2, anchor.y() - metrics.height() / 2,
                                    width, metrics.height()), Qt.AlignmentFlag.AlignCenter,
                             label)

        accent = palette.color(QPalette.ColorRole.Highlight)
        fill = QColor(accent)
        fill.setAlpha(60)
        shares = self.shares()
        polygon = QPolygonF([point(i, share or 0.0) for i, share in enumerate(shares)])
        painter.setPen(QPen(accent, 2))
        painter.setBrush(QBrush(fill))
        painter.drawPolygon(polygon)
        for i, share in enumerate(shares):
            painter.setBrush(QBrush(accent) if share is not None else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(point(i, share or 0.0), 3.5, 3.5)
