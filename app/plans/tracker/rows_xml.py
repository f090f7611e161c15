"""The tracker's action rows written straight into the sheet's XML.

Why: openpyxl makes a Python object per cell and writes each through its own serializer,
which was most of the time a long plan took to export. openpyxl still writes everything
else (styles, widths, drop-down lists, protection, the stamp sheet) with one styled
prototype row; this module then writes one row per action in the prototype's styles, as
inline strings (never formulas), numbers and date serials.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

_EPOCH = date(1899, 12, 30)  # Excel's day 0 (1900 date system, as openpyxl writes)
_ROW_DATA = re.compile(rb"<sheetData>.*</sheetData>|<sheetData\s*/>", re.S)
_STYLE = re.compile(rb'<c r="([A-Z]+)2"[^>]*?\ss="(\d+)"')
_HEADER = re.compile(rb'<row r="1"[ >].*?</row>', re.S)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def write_with_rows(saved: bytes, sheet_part: str, rows: Sequence[Sequence[Any]],
                    heights: dict[int, float], spare: int, out: Path) -> None:
    """Copy the workbook `saved` (as openpyxl wrote it: a heading row and a prototype
    row 2 on the sheet `sheet_part`) to `out`, row 2 replaced by `rows` and `spare` empty
    rows, all in the prototype's styles; `heights` maps a row number to its height."""
    with zipfile.ZipFile(io.BytesIO(saved)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == sheet_part:
                data = _with_rows(data, rows, heights, spare)
            target.writestr(info, data)


def _with_rows(sheet: bytes, rows: Sequence[Sequence[Any]], heights: dict[int, float],
               spare: int) -> bytes:
    styles = {letter.decode(): style.decode() for letter, style in _STYLE.findall(sheet)}
    header = _HEADER.search(sheet)
    if header is None:
        raise ValueError("the sheet has no heading row")
    width = len(rows[0]) if rows else len(styles)
    letters = [get_column_letter(index) for index in range(1, width + 1)]
    parts = ["<sheetData>", header.group(0).decode()]
    for number, values in enumerate(rows, 2):
        height = heights.get(number)
        parts.append(f'<row r="{number}" ht="{height}" customHeight="1">' if height
                     else f'<row r="{number}">')
        for letter, value in zip(letters, values, strict=True):
            parts.append(_cell(f"{letter}{number}", styles.get(letter, "0"), value))
        parts.append("</row>")
    for number in range(len(rows) + 2, len(rows) + 2 + spare):
        parts.append(f'<row r="{number}">')
        parts.extend(f'<c r="{letter}{number}" s="{styles.get(letter, "0")}"/>'
                     for letter in letters)
        parts.append("</row>")
    parts.append("</sheetData>")
    last = f"{letters[-1] if letters else 'A'}{len(rows) + 1 + spare}"
    sheet = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>'.encode(), sheet, count=1)
    body = "".join(parts).encode()
    return _ROW_DATA.sub(lambda _match: body, sheet, count=1)


def _cell(ref: str, style: str, value: Any) -> str:
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{style}"><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    # Inline text: stored as typed, so "=SUM(1)" or "+44" stay text, never a formula.
    return (f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
            f"{escape(str(value))}</t></is></c>")
