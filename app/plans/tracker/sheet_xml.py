"""The cells of an .xlsx file's sheets, read straight from its XML with lxml.

Why not openpyxl: a tracker is one plain grid that we wrote, and openpyxl builds a Python
object per shared string and per cell, which is most of the time a long plan's import
takes. Here each part is parsed once, by libxml2, from the bytes the guarded archive
reader has already checked (no DTDs or entities; sizes within limits).

A cell comes back as openpyxl would give it (text, a whole number or a float, True/False,
a `datetime` for a number shown as a date), wrapped in `Cell` so a formula can be told
from text that only looks like one.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.archives import GuardedZip

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_V, _F, _IS = f"{MAIN}v", f"{MAIN}f", f"{MAIN}is"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True, slots=True)
class Cell:
    value: Any
    formula: bool = False


class SheetBook:
    """A checked .xlsx archive's sheets by name; `rows(name)` reads one. Raises KeyError or
    an lxml error for a file that is not a spreadsheet (the caller words the refusal)."""

    def __init__(self, archive: GuardedZip) -> None:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        self._archive = archive
        book = self._parse("xl/workbook.xml")
        targets = {rel.get("Id"): rel for rel in self._parse(
            "xl/_rels/workbook.xml.rels").iter(f"{PACKAGE_REL}Relationship")}
        self.sheets = {sheet.get("name"): _part(targets[sheet.get(f"{REL}id")].get("Target"))
                       for sheet in book.iter(f"{MAIN}sheet")}
        by_type = {rel.get("Type", "").rsplit("/", 1)[-1]: _part(rel.get("Target"))
                   for rel in targets.values()}
        properties = book.find(f"{MAIN}workbookPr")
        self._epoch = datetime(1904, 1, 1) if properties is not None and properties.get(
            "date1904") in ("1", "true") else datetime(1899, 12, 30)
        self._strings: list[str] = []
        if by_type.get("sharedStrings", "") in archive:
            self._strings = [_text(si) for si in self._parse(
                by_type["sharedStrings"]).iter(f"{MAIN}si")]
        self._date_styles: set[int] = set()
        if by_type.get("styles", "") in archive:
            styles = self._parse(by_type["styles"])
            codes = dict(BUILTIN_FORMATS)
            codes.update({int(f.get("numFmtId", "0")): f.get("formatCode", "")
                          for f in styles.iter(f"{MAIN}numFmt")})
            xfs = styles.find(f"{MAIN}cellXfs")
            for index, xf in enumerate(() if xfs is None else xfs.iter(f"{MAIN}xf")):
                if is_date_format(codes.get(int(xf.get("numFmtId", "0")), "")):
                    self._date_styles.add(index)

    def _parse(self, member: str) -> Any:
        from lxml import etree

        # The archive check refused DTDs and entities; the parser refuses them again.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(self._archive.read(member), parser)

    def rows(self, name: str, max_rows: int | None = None) -> list[list[Cell | None]]:
        """The sheet's rows from the first, each a list of cells by column (None where a
        row or a cell is missing); stops after `max_rows` rows."""
        sheet = self._parse(self.sheets[name])
        data = sheet.find(f"{MAIN}sheetData")
        rows: list[list[Cell | None]] = []
        for row in () if data is None else data.iter(f"{MAIN}row"):
            number = int(row.get("r") or len(rows) + 1)
            if max_rows is not None and number > max_rows:
                break
            rows.extend([] for _ in range(number - 1 - len(rows)))  # rows left out
            cells: list[Cell | None] = []
            for c in row.iter(f"{MAIN}c"):
                ref = c.get("r")
                column = _column(ref) if ref else len(cells)
                cells.extend(None for _ in range(column - len(cells)))
                cells.append(self._cell(c))
            rows.append(cells)
        return rows

    def _cell(self, c: Any) -> Cell:
        kind = c.get("t", "n")
        raw: str | None = None
        formula = False
        for child in c:  # one pass over <f>, <v> or <is>
            tag = child.tag
            if tag == _V:
                raw = child.text
            elif tag == _F:
                formula = True
            elif tag == _IS:
                return Cell(_text(child), formula)
        if raw is None:
            return Cell(None, formula)
        if kind == "s":
            return Cell(self._strings[int(raw)], formula)
        if kind in ("str", "e", "inlineStr"):
            return Cell(raw, formula)
        if kind == "b":
            return Cell(raw in ("1", "true"), formula)
        number: int | float = int(raw) if raw.lstrip("-").isdigit() else float(raw)
        if self._date_styles and int(c.get("s", "0")) in self._date_styles:
            from openpyxl.utils.datetime import from_excel

            return Cell(from_excel(number, self._epoch), formula)
        return Cell(number, formula)


def _part(target: str | None) -> str:
    """A relationship's target as a path in the archive (targets are relative to xl/)."""
    target = target or ""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(
        posixpath.join("xl", target))


def _text(item: Any) -> str:
    """A string item's text: its plain text, or its rich-text runs (not phonetic hints)."""
    return "".join(t.text or "" for t in item.iterchildren(f"{MAIN}t", f"{MAIN}r")
                   for t in ((t,) if t.tag == f"{MAIN}t" else t.iterchildren(f"{MAIN}t")))


def _column(ref: str) -> int:
    """The 0-based column of a cell reference such as "K12"."""
    index = 0
    for char in ref:
        if not char.isalpha():
            break
        index = index * 26 + ord(char.upper()) - 64
    return index - 1
