"""What a spreadsheet program shows for a cell: its value through its number format.

Written independently of the renderers, following Excel's rules: the value is taken to 15
significant digits and rounded half away from zero (so 0.305 at whole percent shows 31%).
A number format this does not know fails the test, so a renderer cannot slip in a format
nobody has checked.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.cell.cell import Cell


def _round(value: float, places: int) -> Decimal:
    exact = Decimal(f"{value:.15g}")
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def displayed(cell: Cell) -> str:
    value, fmt = cell.value, cell.number_format
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, date):  # datetimes too
        if fmt == "dd/mm/yyyy":
            return value.strftime("%d/%m/%Y")
        if fmt == "dd/mm/yyyy hh:mm":
            return value.strftime("%d/%m/%Y %H:%M")
        raise AssertionError(f"{cell.coordinate}: unexpected date format {fmt!r}")
    match = re.fullmatch(r"(#,##)?0(?:\.(0+))?(%?)", fmt)
    if not match:
        raise AssertionError(f"{cell.coordinate}: unexpected number format {fmt!r}")
    grouping, decimals, percent = match.groups()
    places = len(decimals or "")
    number = float(value) * (100 if percent else 1)
    rounded = _round(number, places)
    text = f"{rounded:,.{places}f}" if grouping else f"{rounded:.{places}f}"
    return text + percent
