"""Frameworks written in Excel: reading a filled-in template, and writing a framework out.

The sheets and their columns are described in `excel_layout`; `excel_sheets` reads a sheet's
rows and `excel_build` checks them and builds the framework's data. This module opens the
file: it is checked with the guarded archive reader before openpyxl sees it. Every problem
in every sheet is collected and reported at once, naming the sheet and row; nothing is
half-imported.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from app.archives import open_guarded_zip
from app.assessments.frameworks.errors import (
    FrameworkError,
    FrameworkFileRefused,
    FrameworkImportError,
    FrameworkInvalid,
)
from app.assessments.frameworks.excel_build import build
from app.assessments.frameworks.excel_layout import (
    CRITERIA_COLUMNS,
    DESCRIPTOR_PREFIX,
    GROUP_COLUMNS,
    ROLE_PREFIX,
    SCALE_COLUMNS,
    SECTION_COLUMNS,
)
from app.assessments.frameworks.model import Framework, Section, validate_framework


def _located(error: FrameworkInvalid, origins: dict[str, str]) -> list[str]:
    """The model's problems, each told by sheet and row where the place came from one."""
    sentences = []
    for problem in error.details:
        place = problem.full_place()
        best = max((known for known in origins
                    if place == known or place.startswith((known + ".", known + "["))),
                   key=len, default=None)
        if best is None:
            sentence = problem.sentence()
            sentences.append(sentence[0].upper() + sentence[1:])
        else:
            sentences.append(f"{origins[best]}: {problem.detail()}")
    return sentences


def import_framework_xlsx(path: Path | str) -> Framework:
    """The framework in a filled-in template, or `FrameworkImportError` listing every
    problem by sheet and row (`FrameworkFileRefused` if the file itself is refused)."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise FrameworkFileRefused(f"There is no spreadsheet at {path}.")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise FrameworkFileRefused(
            f"“{name}” is not an Excel workbook (.xlsx). Fill in the framework template in "
            "Excel or LibreOffice and save it as .xlsx.")
    with open_guarded_zip(path) as archive:  # refuses bombs, hostile XML, damage
        archive.check()
        content = archive.data
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for files that are not workbooks
        raise FrameworkFileRefused(
            f"“{name}” could not be read as an Excel workbook. Open it in Excel or "
            "LibreOffice, save it as .xlsx and try again.") from exc
    try:
        built = build(book)
    finally:
        book.close()
    if built.problems:
        raise FrameworkImportError(name, built.problems)
    try:
        return validate_framework(built.data, name)
    except FrameworkInvalid as error:
        raise FrameworkImportError(name, _located(error, built.origins)) from None


# -------------------------------------------------------------------- writing


def framework_workbook(framework: Framework, *, read_me: Iterable[tuple[str, str]] = ()) -> Any:
    """An openpyxl workbook holding `framework` in the template's layout."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def add(title: str, header: list[str], rows: list[list[object]],
            widths: dict[int, int] | None = None) -> None:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            sheet.append(row)
        for index in range(1, len(header) + 1):
            width = (widths or {}).get(index, 18 if len(header) > 2 else 40)
            sheet.column_dimensions[get_column_letter(index)].width = width
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                cell.alignment = wrap
        sheet.freeze_panes = "A2"

    book.remove(book.active)
    notes = list(read_me)
    if notes:
        add("Read me", ["Sheet or column", "What to put there"], [list(n) for n in notes],
            {1: 28, 2: 100})
    na = framework.scale.not_applicable
    add("Framework", ["Field", "Value"], [
        ["Id", framework.id], ["Version", framework.version], ["Title", framework.title],
        ["Description", framework.description], ["Source", framework.source],
        ["Licence note", framework.licence],
        ["Not applicable allowed", "Yes" if na is not None else "No"],
        ["Not applicable label", na.label if na else ""],
        ["Not applicable descriptor", na.descriptor if na else ""],
    ], {1: 26, 2: 100})
    add("Scale", SCALE_COLUMNS, [[level.id, level.label, _plain(level.score), level.descriptor]
                                 for level in framework.scale.levels], {4: 60})
    groups = framework.respondent_groups
    add("Groups", GROUP_COLUMNS, [[g.id, g.label, g.description] for g in groups], {3: 60})
    role_headers = [f"{ROLE_PREFIX}{g.label}" for g in groups]
    section_rows: list[list[object]] = []
    criteria_rows: list[list[object]] = []
    levels = framework.scale.levels
    for outer, inner, section in _excel_sections(framework.sections):
        section_rows.append([outer, inner, section.ref or "", section.description,
                             *[section.roles.get(g.id, "") for g in groups]])
        for criterion in section.criteria:
            condition = criterion.show_when
            criteria_rows.append([
                outer, inner, criterion.ref, criterion.title, criterion.guidance,
                "\n".join(criterion.evidence), _plain(criterion.weight),
                condition.criterion if condition else "",
                "; ".join(framework.scale.label_for(a) for a in condition.answer_in)
                if condition else "",
                *[criterion.descriptors.get(level.id, "") for level in levels],
            ])
    add("Sections", [*SECTION_COLUMNS, *role_headers], section_rows, {1: 28, 2: 28, 4: 60})
    add("Criteria", [*CRITERIA_COLUMNS,
                     *[f"{DESCRIPTOR_PREFIX}{level.label}" for level in levels]],
        criteria_rows, {1: 24, 2: 24, 4: 40, 5: 60, 6: 40})
    return book


def _excel_sections(sections: list[Section]) -> Iterator[tuple[str, str, Section]]:
    for section in sections:
        yield section.title, "", section
        for child in section.sections:
            if child.sections:
                raise FrameworkError(
                    f"Sections nested more than two levels deep (“{child.title}”) cannot be "
                    "written to Excel; export the framework as YAML instead.")
            yield section.title, child.title, child


def _plain(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


def export_framework_xlsx(framework: Framework, destination: Path | str, *,
                          overwrite: bool = False) -> Path:
    """Write `framework` as a spreadsheet in the template's layout; returns the path."""
    from app.destinations import check_destination, commit_partial, partial_path_for, write_failed

    target = check_destination(destination, suffix=".xlsx", overwrite=overwrite)
    book = framework_workbook(framework)
    partial = partial_path_for(target)
    try:
        book.save(partial)
        commit_partial(partial, target, overwrite=overwrite)
    except OSError as error:
        raise write_failed(target, error) from error
    finally:
        partial.unlink(missing_ok=True)
    return target
