"""Chart images for the Word renderer.

Drawing a chart is the slowest step of a Word export (PNG encoding dominates), so every
chart is started on a background thread as soon as the render begins and collected when the
body writer reaches it. The encoders release the GIL, so the pictures are drawn while the
main thread is writing tables.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from app.reports.model.report import Chart
from app.reports.render.docx.xml import EMU_PER_INCH, esc

if TYPE_CHECKING:
    from docx.parts.document import DocumentPart

CHART_DPI = 200  # print quality: Word shows images at their physical size, so 200 dpi is crisp
MAX_CHART_WIDTH_INCHES = 6.0
_WORKERS = 1  # one drawing thread: measured as fast as two on 2 cores, ~10 MB less peak each


class ChartImages:
    """PNG bytes for each chart, drawn in the background; None when charts are unavailable."""

    def __init__(self, charts: list[Chart], width_inches: float) -> None:
        self.width_inches = min(width_inches, MAX_CHART_WIDTH_INCHES)
        self.available = True
        self._futures: dict[int, Future[bytes]] = {}
        self._pool: ThreadPoolExecutor | None = None
        if not charts:
            return
        try:
            from app.reports.charts.drawing import chart_png
        except ImportError:  # the charts module is optional for the Word export
            self.available = False
            return
        workers = max(1, min(_WORKERS, os.cpu_count() or 1, len(charts)))
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="docx-chart")
        for chart in charts:
            # Keyed by identity: equal charts may appear twice and each is drawn once each.
            self._futures[id(chart)] = self._pool.submit(
                chart_png, chart, self.width_inches, CHART_DPI
            )

    def ready(self, chart: Chart) -> bool:
        """True when png() would not wait."""
        future = self._futures.get(id(chart))
        return future is None or future.done()

    def png(self, chart: Chart) -> bytes | None:
        future = self._futures.get(id(chart))
        return None if future is None else future.result()

    def close(self) -> None:
        """Stop drawing charts nobody will collect (after a cancel or an error)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class ImageInserter:
    """Adds PNGs to the package and writes inline w:drawing elements with alt text."""

    def __init__(self, part: DocumentPart, first_id: int) -> None:
        self._part = part
        self._next_id = first_id

    def drawing(self, png: bytes, width_inches: float, title: str, description: str) -> str:
        rid, image = self._part.get_or_add_image(io.BytesIO(png))
        cx = round(width_inches * EMU_PER_INCH)
        cy = round(cx * image.px_height / max(1, image.px_width))
        shape_id = self._next_id
        self._next_id += 1
        # Screen readers read descr; Word shows title and descr in its Alt Text pane.
        alt = f'descr="{esc(description)}" title="{esc(title)}"'
        name = f"Chart {shape_id}"
        return (
            "<w:drawing>"
            '<wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{shape_id}" name="{name}" {alt}/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            "</wp:cNvGraphicFramePr>"
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{shape_id}" name="{name}.png" {alt}/>'
            "<pic:cNvPicPr/></pic:nvPicPr>"
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
            "</pic:blipFill>"
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
        )
