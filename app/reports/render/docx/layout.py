"""Where a Word table goes on the page: column widths that keep words whole, and landscape
sections for tables too wide for a portrait page. The same rules as the PDF
(`app.reports.render.columns`), measured in the same font, which Word now also uses."""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Sequence

from lxml import etree

from app.reports.model.formatting import table_texts
from app.reports.model.report import KeyFigures, Table
from app.reports.render.columns import fit_columns, needs_landscape
from app.reports.render.docx.styles import Resolved
from app.reports.render.docx.tables import _KEY_FIGURE_GAP as KEY_FIGURE_GAP
from app.reports.render.docx.tables import _KEY_FIGURES_PER_ROW as KEY_FIGURES_PER_ROW
from app.reports.render.docx.xml import W_NS

_W = f"{{{W_NS}}}"
TABLE_TEXT_SIZE = 9.0  # points: the template's Table Text style
CELL_PADDING = 2 * 85 / 20  # points: the left and right cell margins the tables set
LANDSCAPE_MIN_COLUMNS = 6  # fewer columns always fit a portrait page


def fitted_widths(
    table: Table, width: int, texts: Sequence[Sequence[str]] | None = None
) -> list[int]:
    """Column widths in twips, no column narrower than its longest word or widest number
    (`texts`: the table's `table_texts`, when the caller has them already)."""
    from app.reports.render.fonts import register_fonts  # reportlab: only when needed

    texts = table_texts(table) if texts is None else texts
    points, _ = fit_columns(
        table.columns, texts, width / 20, register_fonts().bold, TABLE_TEXT_SIZE, CELL_PADDING
    )
    widths = [int(p * 20) for p in points]
    widths[-1] += width - sum(widths)
    return widths


KEY_FIGURE_SIZE = 20.0  # points: the template's Key Figure Value style
KEY_FIGURE_MIN_SIZE = 11.0
KEY_FIGURE_PADDING = 2 * 140 / 20  # points: the tiles' left and right cell margins


def fit_key_figures(block: KeyFigures, width: int, value: Resolved) -> Resolved:
    """The value style, with a smaller size where a figure (a date) would wrap in its tile."""
    from app.reports.render.columns import one_line_size
    from app.reports.render.fonts import register_fonts

    per_row = max(1, min(KEY_FIGURES_PER_ROW, len(block.figures)))
    tile = (width - KEY_FIGURE_GAP * (per_row - 1)) / per_row / 20 - KEY_FIGURE_PADDING - 1
    size = one_line_size([f.value for f in block.figures], register_fonts().bold, tile,
                         KEY_FIGURE_SIZE, KEY_FIGURE_MIN_SIZE)
    if size >= KEY_FIGURE_SIZE:
        return value
    half_points = int(size * 2)  # rounded down, so it surely fits
    rpr = re.sub(r"<w:sz w:val=\"\d+\"/><w:szCs w:val=\"\d+\"/>", "", value.fallback_rpr)
    return dataclasses.replace(
        value,
        fallback_rpr=rpr + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>',
    )


def wants_landscape(
    table: Table, portrait_width: int, texts: Sequence[Sequence[str]] | None = None
) -> bool:
    if len(table.columns) < LANDSCAPE_MIN_COLUMNS:
        return False
    from app.reports.render.fonts import register_fonts

    return needs_landscape(
        table.columns, table_texts(table) if texts is None else texts, portrait_width / 20,
        register_fonts().bold, CELL_PADDING,
    )


def section_properties(body_sect: etree._Element, *, landscape: bool, first: bool) -> str:
    """A w:sectPr that ends a section: the document's own page setup, turned for landscape.

    Only the first section (the one with the title page) keeps the different first page.
    """
    sect = copy.deepcopy(body_sect)
    if not first:
        for title_pg in sect.findall(f"{_W}titlePg"):
            sect.remove(title_pg)
    if landscape:
        size = sect.find(f"{_W}pgSz")
        if size is not None:
            w, h = size.get(f"{_W}w"), size.get(f"{_W}h")
            if w and h and int(w) < int(h):
                size.set(f"{_W}w", h)
                size.set(f"{_W}h", w)
            size.set(f"{_W}orient", "landscape")
    return etree.tostring(sect, encoding="unicode")


def landscape_width(body_sect: etree._Element, portrait_width: int) -> int:
    """Text width of a landscape page with the same margins, in twips."""
    size = body_sect.find(f"{_W}pgSz")
    margins = body_sect.find(f"{_W}pgMar")
    if size is None or margins is None:
        return portrait_width
    try:
        long_side = max(int(size.get(f"{_W}w", "0")), int(size.get(f"{_W}h", "0")))
        side = int(margins.get(f"{_W}left", "0")) + int(margins.get(f"{_W}right", "0"))
    except ValueError:
        return portrait_width
    return max(portrait_width, long_side - side)
