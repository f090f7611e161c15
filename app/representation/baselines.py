"""Reading a baseline (an area's population by ethnic group) from a CSV or Excel file.

The usual source is an ONS census area table (such as TS021): one row per area and
category, with the area's code and name, the category's code or label, and the count.
Reading goes in three steps, and nothing is imported until all three have passed:

1. the file is read as a table: CSV as text, XLSX only after `app.archives` has checked it;
2. the columns are matched to what they hold, from the usual ONS headers or from explicit
   `column_map` choices ("count" → "Observation");
3. every row is checked and every problem is listed: an unknown category, a count that is
   not a number or is negative, a category given twice, a total that does not match, an
   area that is not in the file. The caller imports only a fully valid file, unless it asks
   for the valid rows after seeing the problems.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.archives import open_guarded_zip
from app.representation.classifications import Classification, get_classification
from app.representation.errors import BaselineImportError, RepresentationError
from app.representation.store import BaselineRow

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 500_000
ROLES = ("area_code", "area_name", "category_code", "category", "count")
ROLE_WORDS = {
    "area_code": "area code",
    "area_name": "area name",
    "category_code": "category code",
    "category": "category",
    "count": "count",
}
IGNORED_CATEGORIES = {"-8", "doesnotapply"}  # ONS: "Does not apply" (always 0 for ethnicity)
TOTAL_WORDS = {"total", "all", "allpersons", "allusualresidents", "allcategories",
               "totalallusualresidents", "allpeople"}


@dataclass(frozen=True)
class BaselineImport:
    """What a file holds for one area, and every problem found in it."""

    name: str
    classification: str
    area_code: str
    area_name: str
    counts: tuple[tuple[str, int], ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.problems

    def to_baseline(self, *, valid_only: bool = False, source: str = "") -> BaselineRow:
        if self.problems and not valid_only:
            raise BaselineImportError(self.name, list(self.problems),
                                      valid_rows=len(self.counts))
        if not self.counts:
            raise BaselineImportError(self.name, [*self.problems, "No row could be used."])
        label = self.area_name or self.area_code or Path(self.name).stem
        return BaselineRow(uuid.uuid4(), label, self.area_code, self.area_name,
                           self.classification, source or f"Imported from “{self.name}”",
                           self.counts)


def _simple(text: object) -> str:
    return "".join(ch for ch in str(text or "").casefold() if ch.isalnum())


# ---------------------------------------------------------------- 1. the table


def read_table(path: Path) -> list[list[str]]:
    """The file's rows as text cells; a `BaselineImportError` if it is not a table."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise RepresentationError(f"There is no file at {path}.") from None
    if not path.is_file():
        raise RepresentationError(f"{path} is not an ordinary file.")
    if size > MAX_FILE_BYTES:
        raise BaselineImportError(name, ["The file is larger than any census area table."])
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path.read_bytes(), name)
    raise BaselineImportError(name, [
        "The file is not a table this app reads: save it as CSV (.csv) or Excel (.xlsx)."])


def _read_csv(data: bytes, name: str) -> list[list[str]]:
    if b"\x00" in data[:4096]:
        raise BaselineImportError(name, ["The file is not a table: it is not text."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.reader(io.StringIO(text), dialect)
        rows = [row for row in reader if any(c.strip() for c in row)]
    except csv.Error:
        raise BaselineImportError(name, ["The file is not a table: its rows cannot be read."]) \
            from None
    if len(rows) > MAX_ROWS:
        raise BaselineImportError(name, ["The file has more rows than any census area table."])
    return rows


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    with open_guarded_zip(path) as archive:
        archive.check()
        data = archive.data
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise BaselineImportError(path.name, [
            "The file is not a table: Excel could not read a worksheet in it."]) from None
    try:
        for sheet in book.worksheets:
            rows = []
            for values in sheet.iter_rows(values_only=True):
                cells = ["" if v is None else _cell_text(v) for v in values]
                if any(c.strip() for c in cells):
                    rows.append(cells)
                if len(rows) > MAX_ROWS:
                    raise BaselineImportError(path.name, [
                        "The file has more rows than any census area table."])
            if rows:
                return rows
    finally:
        book.close()
    raise BaselineImportError(path.name, ["The file is not a table: every sheet is empty."])


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- 2. the columns


def detect_columns(header: Sequence[str]) -> dict[str, int]:
    """Which column holds what, from the usual ONS headers (role → column index)."""
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        words = str(title).casefold()
        plain = _simple(title)
        is_code = "code" in words
        ethnic = any(w in words for w in ("ethnic", "category", "categories"))
        if ethnic and is_code:
            role = "category_code"
        elif ethnic or plain in ("group", "ethnicgroup"):
            role = "category"
        elif plain in ("observation", "count", "value", "population", "number", "persons",
                       "people", "obsvalue", "usualresidents"):
            role = "count"
        elif is_code:
            role = "area_code"
        elif any(w in words for w in ("authorit", "area", "geograph", "ward", "region",
                                      "country", "district", "county", "msoa", "lsoa")):
            role = "area_name"
        else:
            continue
        found.setdefault(role, index)
    return found


def _apply_map(header: Sequence[str], detected: dict[str, int], column_map: dict[str, str],
               name: str) -> dict[str, int]:
    columns = dict(detected)
    titles = [str(h).strip() for h in header]
    problems = []
    for role, title in column_map.items():
        if role not in ROLES:
            problems.append(f"“{role}” is not something a column can hold; use one of: "
                            f"{', '.join(ROLES)}.")
            continue
        matches = [i for i, t in enumerate(titles) if t.casefold() == title.strip().casefold()]
        if not matches and title.strip().isdigit() and 1 <= int(title) <= len(titles):
            matches = [int(title) - 1]  # a column number, counting from 1
        if not matches:
            problems.append(f"There is no column called “{title}”.")
            continue
        for other, index in list(columns.items()):
            if index == matches[0] and other != role:
                del columns[other]
        columns[role] = matches[0]
    if problems:
        raise BaselineImportError(name, problems)
    return columns


# ---------------------------------------------------------------- 3. the rows


def read_baseline_file(
    path: Path,
    *,
    classification: str = "ons2021",
    area: str | None = None,
    column_map: dict[str, str] | None = None,
) -> BaselineImport:
    """Read and check a baseline file; problems are listed, never raised one at a time."""
    rows = read_table(path)
    return parse_baseline(rows, path.name, get_classification(classification), area=area,
                          column_map=column_map or {})


def areas_in(rows: list[list[str]], columns: dict[str, int]) -> list[tuple[str, str]]:
    """The (code, name) of every area the table's rows give, in the file's order."""
    if not ({"area_code", "area_name"} & columns.keys()):
        return []

    def cell(row: list[str], role: str) -> str:
        index = columns.get(role)
        return str(row[index]).strip() if index is not None and index < len(row) else ""

    found = {(cell(r, "area_code"), cell(r, "area_name")): None for r in rows[1:]}
    return list(found)


def parse_baseline(
    rows: list[list[str]],
    name: str,
    classification: Classification,
    *,
    area: str | None = None,
    column_map: dict[str, str] | None = None,
    columns: dict[str, int] | None = None,
) -> BaselineImport:
    """Check a table's rows. `columns` (role → column index), when given, replaces the
    guess from the headers entirely: a column-mapping step can also say "none"."""
    if len(rows) < 2:
        raise BaselineImportError(name, [
            "The file is not a table of counts: it needs a header row and at least one row "
            "of figures."])
    header, body = rows[0], rows[1:]
    if columns is None:
        columns = _apply_map(header, detect_columns(header), column_map or {}, name)
    if "count" not in columns or not ({"category", "category_code"} & columns.keys()):
        seen = ", ".join(f"“{h}”" for h in header if str(h).strip()) or "none"
        raise BaselineImportError(name, [
            "The file is not a table this app recognises: it needs a column of ethnic group "
            f"categories and a column of counts (the columns found were {seen}). Name them "
            "with --map category=TITLE --map count=TITLE."])

    def cell(row: list[str], role: str) -> str:
        index = columns.get(role)
        return str(row[index]).strip() if index is not None and index < len(row) else ""

    area_problems: list[str] = []
    numbered = list(enumerate(body, start=2))  # row numbers as a spreadsheet shows them
    area_code = area_name = ""
    if "area_code" in columns or "area_name" in columns:
        areas = {(cell(r, "area_code"), cell(r, "area_name")) for _, r in numbered}
        if area:
            wanted = _simple(area)
            numbered = [(i, r) for i, r in numbered
                        if wanted in (_simple(cell(r, "area_code")), _simple(cell(r, "area_name")))]
            if not numbered:
                raise BaselineImportError(name, [
                    f"The area “{area}” is not in the file ({len(areas)} area"
                    f"{'s' if len(areas) != 1 else ''} found, for example "
                    f"“{sorted(areas)[0][0] or sorted(areas)[0][1]}”)."])
        elif len(areas) > 1:
            raise BaselineImportError(name, [
                f"The file holds figures for {len(areas)} areas; choose one with --area CODE "
                f"(for example {sorted(areas)[0][0] or sorted(areas)[0][1]})."])
        area_code = cell(numbered[0][1], "area_code")
        area_name = cell(numbered[0][1], "area_name")
    elif area:
        area_code = area

    problems: list[str] = list(area_problems)
    notes: list[str] = []
    counts: dict[str, int] = {}
    first_row: dict[str, int] = {}
    stated_total: tuple[int, int] | None = None
    for number, row in numbered:
        code, label, raw = cell(row, "category_code"), cell(row, "category"), cell(row, "count")
        shown = label or code
        if _simple(code) in IGNORED_CATEGORIES or _simple(label) in IGNORED_CATEGORIES \
                or code == "-8":
            notes.append(f"Row {number} (“{shown}”) is ONS's “does not apply” and was left out.")
            continue
        value = _count(raw)
        if _simple(label) in TOTAL_WORDS or _simple(code) in TOTAL_WORDS:
            if isinstance(value, int):
                stated_total = (number, value)
            else:
                problems.append(f"Row {number}: the total “{raw}” is not a whole number.")
            continue
        category = (classification.find(code) if code else None) or (
            classification.find(label) if label else None)
        if category is None:
            problems.append(f"Row {number}: “{shown}” is not a category of "
                            f"{classification.title}.")
            continue
        if isinstance(value, str):
            problems.append(f"Row {number}: the count for “{shown}” {value}.")
            continue
        if category in counts:
            problems.append(f"Row {number}: “{shown}” is given twice (first in row "
                            f"{first_row[category]}).")
            continue
        counts[category] = value
        first_row[category] = number
    if stated_total is not None:
        number, total = stated_total
        added = sum(counts.values())
        if total != added and not problems:
            problems.append(f"Row {number}: the total is {total:,} but the categories add up to "
                            f"{added:,}.")
    missing = [c for c in classification.category_ids if c not in counts]
    if missing and counts and not problems:
        notes.append("These categories are not in the file and count as 0: "
                     + ", ".join(classification.category(c).label for c in missing) + ".")
    ordered = tuple((c, counts[c]) for c in (*classification.category_ids,
                                             *classification.not_stated_ids) if c in counts)
    if not ordered and not problems:
        problems.append("No row of the file gives a count for a category.")
    return BaselineImport(name, classification.id, area_code, area_name, ordered,
                          tuple(problems), tuple(notes),
                          {role: str(header[i]) for role, i in columns.items()})


def _count(raw: str) -> int | str:
    """A whole number of people, or the words saying what is wrong with it."""
    text = raw.replace(",", "").strip()
    if not text:
        return "is empty"
    try:
        number = float(text)
    except ValueError:
        return f"“{raw}” is not a number"
    if number != number or number in (float("inf"), float("-inf")):
        return f"“{raw}” is not a number"
    if number < 0:
        return f"{raw} is below zero"
    if not number.is_integer():
        return f"{raw} is not a whole number of people"
    if number > 100_000_000:
        return f"{raw} is more than any real area"
    return int(number)
