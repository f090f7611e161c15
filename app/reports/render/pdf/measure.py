"""String widths for one PDF export, cached per font and size, and the faces of bold/italic runs."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase.pdfmetrics import getFont

WidthOf = Callable[[str, float], float]  # (text, font size) -> width in points


class Measure:
    """String widths for one export, cached per font and size: words repeat a lot."""

    def __init__(self) -> None:
        self._tables: dict[tuple[str, float], tuple[dict[str, float], WidthOf]] = {}
        self._faces: dict[tuple[str, bool, bool], str] = {}

    def table(self, font: str, size: float) -> tuple[dict[str, float], WidthOf]:
        key = (font, size)
        found = self._tables.get(key)
        if found is None:
            found = self._tables[key] = ({}, getFont(font).stringWidth)
        return found

    def width(self, text: str, font: str, size: float) -> float:
        cache, measure = self.table(font, size)
        found = cache.get(text)
        if found is None:
            found = cache[text] = measure(text, size)
        return found

    def face(self, base: str, bold: bool, italic: bool) -> str:
        """The face reportlab's <b> and <i> pick inside a style whose font is `base`."""
        if not (bold or italic):
            return base
        key = (base, bold, italic)
        name = self._faces.get(key)
        if name is None:
            family, b, i = ps2tt(base)
            name = self._faces[key] = tt2ps(family, b | bold, i | italic)
        return name
