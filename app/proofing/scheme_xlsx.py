"""Reading an equality scheme from a spreadsheet: one commitment a row.

The first row that has a cell headed "title" (or "commitment" / "objective") names the
columns; "id", "text" (or "description") and "keywords" are optional. The file goes
through the guarded archive reader before openpyxl sees it.
"""

from __future__ import annotations

import io
from pathlib import Path

from app.archives import open_guarded_zip
from app.proofing.errors import SchemeRefused
from app.proofing.readers.package import DRAFT_LIMITS, OLE_MAGIC
from app.proofing.scheme import (
    MAX_COMMITMENTS,
    Commitment,
    Scheme,
    refuse_duplicate_ids,
    split_keywords,
)

_COLUMNS = {
    "id": "id", "ref": "id", "number": "id", "no": "id", "no.": "id",
    "title": "title", "commitment": "title", "objective": "title",
    "text": "text", "description": "text", "detail": "text",
    "keywords": "keywords", "keyword": "keywords", "key words": "keywords",
}


def read_scheme_xlsx(path: Path) -> Scheme:
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SchemeRefused(f"There is no file at {path}.") from None
    if data.startswith(OLE_MAGIC):
        raise SchemeRefused(f"“{name}” is password-protected or an old Excel file; save it "
                            "as an Excel workbook (.xlsx) without a password and try again.")
    with open_guarded_zip(data, name=name, limits=DRAFT_LIMITS) as package:
        package.check()
        if any(n.lower().endswith("vbaproject.bin") for n in package.namelist()):
            raise SchemeRefused(f"“{name}” contains macros, so it was not opened.")
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise SchemeRefused(f"“{name}” is not an Excel workbook or is damaged, so it was not "
                            "read.") from error
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        columns: dict[str, int] | None = None
        commitments: list[Commitment] = []
        for row in rows:
            cells = ["" if v is None else str(v).strip() for v in row]
            if columns is None:
                found = {_COLUMNS[c.lower()]: i for i, c in enumerate(cells)
                         if c.lower() in _COLUMNS}
                if "title" in found:
                    columns = found
                continue
            title = _cell(cells, columns, "title")
            if not title:
                continue
            commitment_id = _cell(cells, columns, "id") or str(len(commitments) + 1)
            commitments.append(Commitment(
                commitment_id.removesuffix(".0"), title, _cell(cells, columns, "text"),
                split_keywords(_cell(cells, columns, "keywords"))))
            if len(commitments) > MAX_COMMITMENTS:
                raise SchemeRefused(f"“{name}” has more than {MAX_COMMITMENTS} commitments, "
                                    "more than any real scheme; check it is the right file.")
    finally:
        book.close()
    if columns is None:
        raise SchemeRefused(
            f"“{name}” has no column headed “title” on its first sheet. Head the columns id, "
            "title, text and keywords and try again."
        )
    if not commitments:
        raise SchemeRefused(f"“{name}” has no commitments under its “title” column.")
    refuse_duplicate_ids(commitments, name)
    return Scheme(path.stem, tuple(commitments))


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""
