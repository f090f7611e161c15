"""A chart with its caption as one flowable that gives a little in height to fit a page.

A chart kept whole with its caption would otherwise leave up to half a page blank whenever it
just misses the space left; letting it shrink to 70% of its natural height fills most of
those gaps without making any chart illegible.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from app.reports.charts import drawing as charts
from app.reports.model.report import Chart

MIN_SHARE = 0.7
CAPTION_GAP = 2.0


class ChartFlowable(Flowable):
    def __init__(self, chart: Chart, caption: Paragraph | None, preferred_height: float) -> None:
        super().__init__()
        self.chart = chart
        self.caption = caption
        self.preferred = preferred_height
        self._drawing = None
        self._drawing_key: tuple[float, float] | None = None
        self._caption_height = 0.0
        self._chart_height = preferred_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        caption_height = 0.0
        if self.caption is not None:
            caption_height = self.caption.wrap(avail_width, avail_height)[1] + CAPTION_GAP
            caption_height += self.caption.getSpaceBefore()
        room = avail_height - caption_height
        # Full size if it fits, shrunk if that is enough, else full size on the next page.
        height = (
            self.preferred if room >= self.preferred or room < self.preferred * MIN_SHARE else room
        )
        self._caption_height = caption_height
        self._chart_height = height
        self.width = avail_width
        self.height = caption_height + height
        return self.width, self.height

    def _drawing_for(self, width: float, height: float):
        key = (round(width, 1), round(height, 1))
        if self._drawing_key != key:  # layout passes re-wrap often; draw each size once
            self._drawing = charts.chart_drawing(self.chart, width, height)
            self._drawing_key = key
        return self._drawing

    def draw(self) -> None:
        top = self.height
        if self.caption is not None:
            _, caption_h = self.caption.wrap(self.width, self.height)
            self.caption.drawOn(self.canv, 0, top - self.caption.getSpaceBefore() - caption_h)
        drawing = self._drawing_for(self.width, self._chart_height)
        drawing.drawOn(self.canv, 0, 0)
