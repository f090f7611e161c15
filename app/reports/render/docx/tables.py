"""Report tables and key-figure callouts as WordprocessingML strings.

Each table is written in one pass: per-column cell openings are worked out once and reused
for every row, which is what makes 200 tables take milliseconds rather than a second.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.reports.model.formatting import table_texts
from app.reports.model.report import Align, Column, KeyFigure, KeyFigures, Row, RowGroup, Table
from app.reports.render.docx.styles import Resolved
from app.reports.render.docx.theme import BORDER, GROUP_FILL, HEADER_FILL, NAVY
from app.reports.render.docx.xml import BOLD, ITALIC, esc, run

_JC = {Align.LEFT: "left", Align.CENTRE: "center", Align.RIGHT: "right"}
_THIN = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"'
_NO_SPACING = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
# Tables up to this many rows are kept on one page (every row "keeps with next").
_KEEP_TOGETHER_ROWS = 20
TABLE_END = "</w:tbl>"
_ROWS_PER_PIECE = 256  # a few hundred KB of XML: big enough to feed the parser cheaply
_GROUP_INDENT = 170  # twips: rows under a group label are indented a little
_KEY_FIGURE_GAP = 170  # twips between key-figure tiles
_KEY_FIGURES_PER_ROW = 4


@dataclass(frozen=True)
class TableStyles:
    """The resolved styles a table needs; None for table_style means direct formatting."""

    table_style: str | None
    text: Resolved


def column_widths(columns: Sequence[Column], total: int) -> list[int]:
    """Share `total` twips by weight; the last column takes the rounding remainder."""
    weights = [col.weight if col.weight > 0 else 1.0 for col in columns]
    scale = total / sum(weights)
    widths = [int(w * scale) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def _table_properties(table_style: str | None, width: int, caption: str) -> str:
    style = f'<w:tblStyle w:val="{table_style}"/>' if table_style else ""
    borders = ""
    if table_style is None:  # no style to draw borders: draw them directly
        edges = ("top", "left", "bottom", "right", "insideH", "insideV")
        lines = "".join(f"<w:{edge} {_THIN}/>" for edge in edges)
        borders = f"<w:tblBorders>{lines}</w:tblBorders>"
    margins = (
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
    )
    alt = f'<w:tblCaption w:val="{esc(caption)}"/>' if caption else ""
    return (
        f'<w:tblPr>{style}<w:tblW w:w="{width}" w:type="dxa"/>{borders}'
        f'<w:tblLayout w:type="fixed"/>{margins}'
        '<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        f'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>{alt}</w:tblPr>'
    )


def _grid(widths: Sequence[int]) -> str:
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"<w:tblGrid>{cols}</w:tblGrid>"


class _CellOpenings:
    """Cached '<w:tc>…<w:pPr>…</w:pPr>' prefixes per column and row variant."""

    def __init__(self, widths: Sequence[int], jcs: Sequence[str], styles: TableStyles) -> None:
        self._widths = widths
        self._jcs = jcs
        text = styles.text
        self._pstyle = f'<w:pStyle w:val="{text.style_id}"/>' if text.style_id else ""
        self._spacing = "" if text.style_id else _NO_SPACING
        self._direct = styles.table_style is None
        self._cache: dict[tuple[bool, bool, bool, bool], list[str]] = {}

    def get(self, *, header: bool, total: bool, grouped: bool, keep: bool) -> list[str]:
        key = (header, total, grouped, keep)
        found = self._cache.get(key)
        if found is None:
            found = [self._opening(i, key) for i in range(len(self._widths))]
            self._cache[key] = found
        return found

    def _opening(self, index: int, key: tuple[bool, bool, bool, bool]) -> str:
        header, total, grouped, keep = key
        tc_extra = ""
        if total:  # a firmer rule above totals, as in printed statistics
            tc_extra += (
                f'<w:tcBorders><w:top w:val="single" w:sz="8" w:color="{NAVY}"/></w:tcBorders>'
            )
        if header and self._direct:
            tc_extra += f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
        if header:
            tc_extra += '<w:vAlign w:val="bottom"/>'
        indent = f'<w:ind w:left="{_GROUP_INDENT}"/>' if grouped and index == 0 else ""
        keep_next = "<w:keepNext/>" if keep else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{self._widths[index]}" w:type="dxa"/>{tc_extra}</w:tcPr>'
            f"<w:p><w:pPr>{self._pstyle}{keep_next}{self._spacing}{indent}"
            f'<w:jc w:val="{self._jcs[index]}"/></w:pPr>'
        )


def table_xml(
    table: Table, width: int, styles: TableStyles, widths: Sequence[int] | None = None
) -> str:
    """The whole w:tbl element for a report table (`widths` in twips: by weight if None)."""
    return "".join(table_xml_pieces(table, width, styles, widths))


def table_xml_pieces(
    table: Table,
    width: int,
    styles: TableStyles,
    widths: Sequence[int] | None = None,
    texts: Sequence[Sequence[str]] | None = None,
) -> Iterator[str]:
    """The w:tbl element in pieces of up to _ROWS_PER_PIECE rows, so a long table can be
    parsed as it is written instead of existing whole as one string (`widths` as for
    table_xml; `texts`: the body's `table_texts`, when the caller has them already)."""
    columns = table.columns
    widths = list(widths) if widths is not None else column_widths(columns, width)
    openings = _CellOpenings(widths, [_JC[c.effective_align] for c in columns], styles)
    fallback_rpr = styles.text.fallback_rpr
    keep_all = len(table.iter_rows()) <= _KEEP_TOGETHER_ROWS
    body_texts = iter(texts if texts is not None else table_texts(table))
    out = [
        "<w:tbl>",
        _table_properties(styles.table_style, width, table.caption),
        _grid(widths),
        # The header row repeats on every page and never splits.
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
    ]
    header_bold = BOLD if styles.table_style is None else ""
    starts = openings.get(header=True, total=False, grouped=False, keep=True)
    for start, column in zip(starts, columns, strict=True):
        out.append(_cell(start, column.title, header_bold + fallback_rpr))
    out.append("</w:tr>")
    # Pieces: the opening (to the header row), runs of whole rows, then the closing tag;
    # the Word renderer checks each as it comes without holding the table's tree.
    yield "".join(out)
    out = []
    entries = _flatten(table.body)
    for position, (row, group_label, grouped) in enumerate(entries):
        keep = keep_all and position < len(entries) - 1
        if group_label is not None:
            out.append(_group_row(group_label, width, len(columns), openings, styles))
            continue  # (a group label never ends a piece: pieces only bound memory)
        assert row is not None
        starts = openings.get(header=False, total=row.is_total, grouped=grouped, keep=keep)
        rpr = (BOLD if row.is_total else "") + fallback_rpr
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for start, text in zip(starts, next(body_texts), strict=True):
            out.append(_cell(start, text, rpr))
        out.append("</w:tr>")
        if position % _ROWS_PER_PIECE == _ROWS_PER_PIECE - 1:
            yield "".join(out)
            out = []
    if out:
        yield "".join(out)
    yield TABLE_END


def _flatten(body: Sequence[Row | RowGroup]) -> list[tuple[Row | None, str | None, bool]]:
    """(row, group label, is grouped) in display order; a label entry has no row."""
    entries: list[tuple[Row | None, str | None, bool]] = []
    for item in body:
        if isinstance(item, RowGroup):
            entries.append((None, item.label, False))
            entries.extend((row, None, True) for row in item.rows)
        else:
            entries.append((item, None, False))
    return entries


def _cell(start: str, text: str, rpr: str) -> str:
    if not text:
        return f"{start}</w:p></w:tc>"
    if "\n" in text or "\t" in text:  # rare: let the general builder make breaks and tabs
        return f"{start}{run(text, extra_rpr=rpr)}</w:p></w:tc>"
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'{start}<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p></w:tc>'


def _group_row(
    label: str, width: int, span: int, openings: _CellOpenings, styles: TableStyles
) -> str:
    """A full-width shaded label row that stays with the rows under it."""
    text = styles.text
    pstyle = f'<w:pStyle w:val="{text.style_id}"/>' if text.style_id else ""
    spacing = "" if text.style_id else _NO_SPACING
    return (
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:gridSpan w:val="{span}"/>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{GROUP_FILL}"/></w:tcPr>'
        f"<w:p><w:pPr>{pstyle}<w:keepNext/>{spacing}</w:pPr>"
        f"{run(label, bold=True, extra_rpr=text.fallback_rpr)}</w:p></w:tc></w:tr>"
    )


# ---------------------------------------------------------------- key figures


def key_figures_xml(block: KeyFigures, width: int, value: Resolved, label: Resolved) -> str:
    """Tiles in a borderless table: big value, label and note on a pale fill, navy rule above.

    Spacer columns between tiles give real gaps, which Word and LibreOffice both draw the
    same way (cell spacing is rendered differently by each).
    """
    figures = block.figures
    per_row = max(1, min(_KEY_FIGURES_PER_ROW, len(figures)))
    tile = (width - _KEY_FIGURE_GAP * (per_row - 1)) // per_row
    widths: list[int] = []
    for i in range(per_row):
        widths.append(tile)
        if i < per_row - 1:
            widths.append(_KEY_FIGURE_GAP)
    out = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>',
        '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="140" w:type="dxa"/>',
        '<w:bottom w:w="100" w:type="dxa"/><w:right w:w="140" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
        '<w:tblCaption w:val="Key figures"/></w:tblPr>',
        _grid(widths),
    ]
    for start in range(0, len(figures), per_row):
        if start:  # a thin empty row separates rows of tiles
            out.append(
                f'<w:tr><w:trPr><w:trHeight w:val="{_KEY_FIGURE_GAP}" w:hRule="exact"/></w:trPr>'
            )
            out.extend(_empty_cell(w, tiny=True) for w in widths)
            out.append("</w:tr>")
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        chunk = figures[start : start + per_row]
        for i in range(per_row):
            if i:
                out.append(_empty_cell(_KEY_FIGURE_GAP))
            figure = chunk[i] if i < len(chunk) else None
            out.append(_tile(figure, tile, value, label) if figure else _empty_cell(tile))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _style_ppr(resolved: Resolved, extra: str = "") -> str:
    pstyle = f'<w:pStyle w:val="{resolved.style_id}"/>' if resolved.style_id else ""
    return f"<w:pPr>{pstyle}{extra}</w:pPr>" if pstyle or extra else ""


def _tile(figure: KeyFigure, width: int, value: Resolved, label: Resolved) -> str:
    parts = [
        f"<w:p>{_style_ppr(value, '<w:keepNext/>')}"
        f"{run(figure.value, extra_rpr=value.fallback_rpr)}</w:p>",
        f"<w:p>{_style_ppr(label)}{run(figure.label, extra_rpr=label.fallback_rpr)}</w:p>",
    ]
    if figure.note:
        parts.append(f"<w:p>{_style_ppr(label)}{run(figure.note, extra_rpr=ITALIC)}</w:p>")
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
        f'<w:tcBorders><w:top w:val="single" w:sz="18" w:space="0" w:color="{NAVY}"/>'
        '<w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/></w:tcBorders>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{GROUP_FILL}"/></w:tcPr>'
        f"{''.join(parts)}</w:tc>"
    )


def _empty_cell(width: int, *, tiny: bool = False) -> str:
    # A tiny paragraph keeps the spacer row exactly as high as trHeight asks.
    rpr = '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>' if tiny else ""
    spacing = _NO_SPACING if tiny else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
        '<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
        '<w:right w:val="nil"/></w:tcBorders></w:tcPr>'
        f"<w:p><w:pPr>{spacing}{rpr}</w:pPr></w:p></w:tc>"
    )
