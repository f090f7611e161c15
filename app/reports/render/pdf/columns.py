"""Column widths for PDF tables: shared by weight, but numbers never wrap.

Text columns can wrap, numbers and dates cannot ("1,234.50" split over two lines reads as
two numbers). So number-like columns first get the width their widest value (and the
longest word of their title) needs, text columns share what is left by weight, and only if
even that does not fit does the whole table drop to a smaller type size.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports.model.report import Column, ColumnKind

MIN_TEXT_WIDTH = 42.0  # points: about six characters, so a text column still reads
MIN_FONT_SIZE = 6.0


def weighted(columns: Sequence[Column], width: float) -> list[float]:
    weights = [max(column.weight, 0.05) for column in columns]
    total = sum(weights)
    return [width * w / total for w in weights]


def needed_widths(
    columns: Sequence[Column],
    texts: Sequence[Sequence[str]],
    bold: str,
    size: float,
    padding: float,
) -> list[float]:
    """Unbreakable width of each number-like column at `size` (measured in bold, as totals
    are); 0 for text columns."""
    needs = []
    for i, column in enumerate(columns):
        if column.kind is ColumnKind.TEXT:
            needs.append(0.0)
            continue
        widest_value = max((stringWidth(row[i], bold, size) for row in texts), default=0.0)
        longest_word = max(
            (stringWidth(word, bold, size) for word in column.title.split()), default=0.0
        )
        needs.append(max(widest_value, longest_word) + padding + 1)
    return needs


def fit_columns(
    columns: Sequence[Column],
    texts: Sequence[Sequence[str]],
    width: float,
    bold: str,
    size: float,
    padding: float,
) -> tuple[list[float], float]:
    """(column widths, font size) so that no number has to wrap."""
    base = weighted(columns, width)
    text_cols = [i for i, c in enumerate(columns) if c.kind is ColumnKind.TEXT]
    text_floor = MIN_TEXT_WIDTH * len(text_cols)
    needs = needed_widths(columns, texts, bold, size, padding)
    numeric_total = sum(needs)
    if numeric_total + text_floor > width:
        # Shrink the type until the numbers fit (text widths scale with the font size).
        text_part = numeric_total - padding * (len(columns) - len(text_cols))
        room = width - text_floor - padding * (len(columns) - len(text_cols))
        scale = max(room, 1.0) / max(text_part, 1.0)
        size = max(MIN_FONT_SIZE, size * scale)
        needs = needed_widths(columns, texts, bold, size, padding)
        numeric_total = sum(needs)
    widths = [max(b, n) for b, n in zip(base, needs, strict=True)]
    extra = sum(widths) - width
    if extra > 0 and text_cols:
        # Take the numbers' extra room from the text columns, in proportion to their share.
        text_total = sum(widths[i] for i in text_cols)
        spare = max(text_total - text_floor, 0.0)
        take = min(extra, spare)
        for i in text_cols:
            widths[i] -= take * (widths[i] - MIN_TEXT_WIDTH) / max(spare, 1e-9)
        extra -= take
    if extra > 0.01:  # still too wide (numbers only, at the smallest type): share fairly
        total = sum(widths)
        widths = [w * width / total for w in widths]
    return widths, size
