"""Column widths for report tables, shared by the PDF and Word renderers.

Words never break inside themselves unless a single word is wider than its whole column:
"Britis/h" reads as two words. Numbers and dates never wrap at all ("1,234.50" split over
two lines reads as two numbers). So each column first gets the width its longest word (or,
for number-like columns, its widest value) needs, measured in the bold face as header and
total cells are; the rest of the width is shared by weight. Only if even that does not fit
does the whole table drop to a smaller type size, and below the smallest size the columns
are scaled down together, which is when a very long word must break.

A table too wide for a portrait page even so is set on a landscape page
(`needs_landscape`): Word and PDF both do this.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports.model.report import Column, ColumnKind

MIN_TEXT_WIDTH = 42.0  # points: about six characters, so a text column still reads
MIN_FONT_SIZE = 6.5
LONGEST_WORD_SHARE = 0.4  # one word (a web address) may not claim more of the width
_WORDS = re.compile(r"\S+")


def weighted(columns: Sequence[Column], width: float) -> list[float]:
    weights = [max(column.weight, 0.05) for column in columns]
    total = sum(weights)
    return [width * w / total for w in weights]


def _widest(texts: Sequence[str], font: str, *, by_word: bool) -> float:
    """Width at 1 pt of the widest value, or of the longest word, among `texts`."""
    best = 0.0
    seen: set[str] = set()
    for text in texts:
        for part in _WORDS.findall(text) if by_word else text.split("\n"):
            if part not in seen:
                seen.add(part)
                best = max(best, _unit_width(part, font))
    return best


@functools.lru_cache(maxsize=16_384)
def _unit_width(text: str, font: str) -> float:
    """A word's width at 1 pt: the tables of a report repeat the same words and numbers."""
    return stringWidth(text, font, 1.0)


def unit_needs(
    columns: Sequence[Column], texts: Sequence[Sequence[str]], bold: str
) -> list[float]:
    """Each column's unbreakable width at a 1 pt type size (multiply by the size)."""
    needs = []
    for i, column in enumerate(columns):
        values = [row[i] for row in texts if i < len(row)]
        title_word = _widest([column.title], bold, by_word=True)
        if column.kind is ColumnKind.TEXT:
            needs.append(max(title_word, _widest(values, bold, by_word=True)))
        else:
            needs.append(max(title_word, _widest(values, bold, by_word=False)))
    return needs


def _needs_at(units: Sequence[float], size: float, padding: float, width: float) -> list[float]:
    cap = width * LONGEST_WORD_SHARE
    return [min(u * size + padding + 1, max(cap, padding + 1)) for u in units]


def fits_at(
    columns: Sequence[Column],
    texts: Sequence[Sequence[str]],
    width: float,
    bold: str,
    size: float,
    padding: float,
) -> bool:
    """Whether every column's longest word and widest number fit in `width` at `size`."""
    return sum(_needs_at(unit_needs(columns, texts, bold), size, padding, width)) <= width


def fit_columns(
    columns: Sequence[Column],
    texts: Sequence[Sequence[str]],
    width: float,
    bold: str,
    size: float,
    padding: float,
) -> tuple[list[float], float]:
    """(column widths, font size) so that no word and no number has to break."""
    units = unit_needs(columns, texts, bold)
    needs = _needs_at(units, size, padding, width)
    if sum(needs) > width:
        # Text widths scale with the type size, so the size that fits is a simple ratio.
        fixed = (padding + 1) * len(columns)
        scale = max(width - fixed, 1.0) / max(sum(needs) - fixed, 1.0)
        size = max(MIN_FONT_SIZE, size * scale)
        needs = _needs_at(units, size, padding, width)
    needs = [max(n, MIN_TEXT_WIDTH) if c.kind is ColumnKind.TEXT else n
             for n, c in zip(needs, columns, strict=True)]
    if sum(needs) - width > 0.01:
        # Even the smallest type does not fit: scale together (long words now break).
        total = sum(needs)
        return [n * width / total for n in needs], size
    # Share the room left over by weight, never going below what a column needs.
    widths = list(needs)
    spare = width - sum(widths)
    base = weighted(columns, width)
    wants = {i: base[i] - widths[i] for i in range(len(columns)) if base[i] > widths[i]}
    total_want = sum(wants.values())
    share = min(1.0, spare / total_want) if total_want > 0 else 0.0
    for i, want in wants.items():
        widths[i] += want * share
    spare -= total_want * share
    if spare > 0.01:  # every column has its weighted share: give the rest by weight too
        widths = [w + extra for w, extra in zip(widths, weighted(columns, spare), strict=True)]
    return widths, size


LANDSCAPE_BELOW_SIZE = 7.0  # points: smaller table text is hard to read on paper


def needs_landscape(
    columns: Sequence[Column],
    texts: Sequence[Sequence[str]],
    portrait_width: float,
    bold: str,
    padding: float,
) -> bool:
    """A table whose words fit a portrait page only in type smaller than
    LANDSCAPE_BELOW_SIZE is set on a landscape page."""
    return len(columns) > 1 and not fits_at(
        columns, texts, portrait_width, bold, LANDSCAPE_BELOW_SIZE, padding
    )


def one_line_size(texts: Sequence[str], font: str, width: float, size: float,
                  minimum: float) -> float:
    """The largest size up to `size` at which each text fits `width` on one line (never
    below `minimum`): a big figure such as a date reads as one figure only on one line."""
    widest = max((stringWidth(text, font, 1.0) for text in texts), default=0.0)
    if widest * size <= width:
        return size
    return max(minimum, width / widest)
