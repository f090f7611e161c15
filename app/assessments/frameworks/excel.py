"""Frameworks written in Excel: reading a filled-in template, and writing a framework out.

The workbook has these sheets (the template's "Read me" sheet explains them to users):

- **Framework**: two columns, Field and Value (Id, Version, Title, Description, Source,
  Licence note, Not applicable allowed, Not applicable label, Not applicable descriptor);
- **Scale**: one row per answer level: Level id (optional), Answer, Score, Descriptor;
- **Groups** (optional): Group id (optional), Respondent group, Description;
- **Sections** (optional): Section, Sub-section, Ref, Description, and one "Role: <group>"
  column per respondent group;
- **Criteria**: Section, Sub-section, Ref, Criterion, Guidance, Typical evidence, Weight,
  Show when ref, Show when answers, and optional "Descriptor: <answer>" columns.

The file is checked with the guarded archive reader before openpyxl sees it. Every problem
in every sheet is collected and reported at once, naming the sheet and row; nothing is
half-imported.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.archives import open_guarded_zip
from app.assessments.frameworks.errors import (
    FrameworkError,
    FrameworkFileRefused,
    FrameworkImportError,
    FrameworkInvalid,
)
from app.assessments.frameworks.model import (
    NOT_APPLICABLE,
    Framework,
    Section,
    validate_framework,
)

MAX_ROWS = 10_000  # rows read from any one sheet
MAX_COLUMNS = 60

FRAMEWORK_FIELDS = {  # shown name -> key
    "Id": "id",
    "Version": "version",
    "Title": "title",
    "Description": "description",
    "Source": "source",
    "Licence note": "licence",
    "Not applicable allowed": "na_allowed",
    "Not applicable label": "na_label",
    "Not applicable descriptor": "na_descriptor",
}
SCALE_COLUMNS = ["Level id", "Answer", "Score", "Descriptor"]
GROUP_COLUMNS = ["Group id", "Respondent group", "Description"]
SECTION_COLUMNS = ["Section", "Sub-section", "Ref", "Description"]
CRITERIA_COLUMNS = ["Section", "Sub-section", "Ref", "Criterion", "Guidance",
                    "Typical evidence", "Weight", "Show when ref", "Show when answers"]
DESCRIPTOR_PREFIX = "Descriptor: "
ROLE_PREFIX = "Role: "

_REQUIRED = {
    "Scale": ["Answer", "Score"],
    "Groups": ["Respondent group"],
    "Sections": ["Section"],
    "Criteria": ["Section", "Ref", "Criterion"],
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


def slug(text: str) -> str:
    """"Not in place" -> "not-in-place": an id made from a label."""
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return value[:64].rstrip("-") or "level"


def _key(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    return str(value).strip()


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]


# -------------------------------------------------------------------- reading sheets


@dataclass
class _Row:
    number: int
    values: dict[str, object]  # canonical column name -> cell value
    extra: dict[str, object] = field(default_factory=dict)  # prefixed columns, as headed

    def text(self, column: str) -> str:
        return _text(self.values.get(column))


@dataclass
class _Sheet:
    name: str
    rows: list[_Row]
    prefixed: list[str]  # the "Descriptor: X" / "Role: X" headings, as written


def _read_sheet(worksheet: Any, name: str, columns: list[str], prefixes: tuple[str, ...],
                problems: list[str]) -> _Sheet:
    known = {_key(column): column for column in columns}
    rows_iter = worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = next(rows_iter, None) or ()
    mapping: dict[int, str] = {}
    prefixed: list[str] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        heading = _text(cell)
        if not heading:
            continue
        column = known.get(_key(heading))
        prefix = next((p for p in prefixes if _key(heading).startswith(_key(p))), None)
        if column is None and prefix is None:
            problems.append(f"{name} sheet: the column “{heading}” is not one this sheet can "
                            f"have (expected: {', '.join(columns)}).")
            continue
        label = column or heading
        if _key(label) in seen:
            problems.append(f"{name} sheet: the column “{heading}” appears twice.")
            continue
        seen[_key(label)] = index
        mapping[index] = label
        if column is None:
            prefixed.append(heading)
    for required in _REQUIRED.get(name, []):
        if _key(required) not in seen:
            problems.append(f"{name} sheet: there is no “{required}” column.")
    rows: list[_Row] = []
    for number, values in enumerate(rows_iter, start=2):
        if number > MAX_ROWS + 1:
            problems.append(f"{name} sheet: more than {MAX_ROWS:,} rows; only the first "
                            f"{MAX_ROWS:,} were read.")
            break
        if not any(_text(value) for value in values):
            continue
        row = _Row(number, {})
        for index, label in mapping.items():
            value = values[index] if index < len(values) else None
            if label in columns:
                row.values[label] = value
            else:
                row.extra[label] = value
        rows.append(row)
    return _Sheet(name, rows, prefixed)


# -------------------------------------------------------------------- building


@dataclass
class _Built:
    data: dict[str, Any]
    origins: dict[str, str]  # place ("sections[0].criteria[2]") -> "Criteria row 7"
    problems: list[str]


def _framework_sheet(worksheet: Any, problems: list[str]) -> tuple[dict[str, str], dict[str, int]]:
    fields: dict[str, str] = {}
    rows: dict[str, int] = {}
    known = {_key(shown): key for shown, key in FRAMEWORK_FIELDS.items()}
    for number, values in enumerate(worksheet.iter_rows(values_only=True, max_col=2), start=1):
        if number > 200:
            break
        label = _text(values[0] if values else None)
        value = _text(values[1] if len(values) > 1 else None)
        if not label or (number == 1 and _key(label) == "field"):
            continue
        key = known.get(_key(label))
        if key is None:
            problems.append(f"Framework sheet row {number}: “{label}” is not a framework "
                            f"field (expected: {', '.join(FRAMEWORK_FIELDS)}).")
            continue
        fields[key], rows[key] = value, number
    return fields, rows


def _build(book: Any) -> _Built:
    problems: list[str] = []
    origins: dict[str, str] = {}
    sheets = {_key(name): name for name in book.sheetnames}

    def sheet(name: str, required: bool = True) -> Any:
        actual = sheets.get(_key(name))
        if actual is None:
            if required:
                problems.append(f"There is no “{name}” sheet.")
            return None
        return book[actual]

    data: dict[str, Any] = {}
    framework_ws = sheet("Framework")
    if framework_ws is not None:
        fields, rows = _framework_sheet(framework_ws, problems)
        for key in ("id", "version", "title", "description", "source", "licence"):
            if fields.get(key):
                data[key] = fields[key]
                origins[key] = f"Framework sheet row {rows[key]} ({_shown(key)})"
            elif key in ("id", "version", "title", "source"):
                problems.append(f"Framework sheet: “{_shown(key)}” is missing; give it a value.")
        allowed = fields.get("na_allowed", "yes").casefold()
        if allowed not in _YES | _NO:
            problems.append(f"Framework sheet row {rows['na_allowed']}: “Not applicable "
                            f"allowed” must be Yes or No, not “{fields['na_allowed']}”.")
        na_allowed = allowed in _YES
    else:
        na_allowed = True
        fields = {}

    # Scale
    levels: list[dict[str, Any]] = []
    answer_ids: dict[str, str] = {}  # label or id, folded -> id
    scale_ws = sheet("Scale")
    if scale_ws is not None:
        scale = _read_sheet(scale_ws, "Scale", SCALE_COLUMNS, (), problems)
        for row in scale.rows:
            label = row.text("Answer")
            level_id = row.text("Level id") or slug(label)
            if not label:
                problems.append(f"Scale row {row.number}: the answer has no wording.")
                continue
            score = _number(row.values.get("Score"))
            if score is None:
                problems.append(f"Scale row {row.number}: the score “{row.text('Score')}” is "
                                "not a number.")
                continue
            if _key(level_id) in answer_ids or _key(label) in answer_ids:
                problems.append(f"Scale row {row.number}: the answer “{label}” is given twice.")
                continue
            origins[f"scale.levels[{len(levels)}]"] = f"Scale row {row.number}"
            levels.append({"id": level_id, "label": label, "score": score,
                           "descriptor": row.text("Descriptor")})
            answer_ids[_key(level_id)] = level_id
            answer_ids[_key(label)] = level_id
        if not scale.rows:
            problems.append("Scale sheet: there are no answers; give at least two.")
    scale_data: dict[str, Any] = {"levels": levels}
    if na_allowed:
        na_label = fields.get("na_label") or "Not applicable"
        scale_data["not_applicable"] = {"label": na_label,
                                        "descriptor": fields.get("na_descriptor", "")}
        answer_ids.setdefault(_key(NOT_APPLICABLE), NOT_APPLICABLE)
        answer_ids.setdefault(_key(na_label), NOT_APPLICABLE)
        answer_ids.setdefault(_key("Not applicable"), NOT_APPLICABLE)
    data["scale"] = scale_data

    # Groups
    group_ids: dict[str, str] = {}
    groups_ws = sheet("Groups", required=False)
    if groups_ws is not None:
        groups = _read_sheet(groups_ws, "Groups", GROUP_COLUMNS, (), problems)
        data["respondent_groups"] = []
        for row in groups.rows:
            label = row.text("Respondent group")
            if not label:
                problems.append(f"Groups row {row.number}: the group has no name.")
                continue
            group_id = row.text("Group id") or slug(label)
            if _key(label) in group_ids or _key(group_id) in group_ids:
                problems.append(f"Groups row {row.number}: the group “{label}” is given twice.")
                continue
            origins[f"respondent_groups[{len(data['respondent_groups'])}]"] = \
                f"Groups row {row.number}"
            data["respondent_groups"].append(
                {"id": group_id, "label": label, "description": row.text("Description")})
            group_ids[_key(label)] = group_ids[_key(group_id)] = group_id

    # Sections (optional details) and criteria
    tree: dict[tuple[str, str], dict[str, Any]] = {}
    top: list[dict[str, Any]] = []
    section_rows: dict[int, str] = {}  # id(section dict) -> where it was first named

    def section_for(title: str, sub: str, where: str) -> dict[str, Any]:
        parent = tree.get((_key(title), ""))
        if parent is None:
            parent = {"title": title, "sections": [], "criteria": []}
            tree[(_key(title), "")] = parent
            top.append(parent)
            section_rows[id(parent)] = where
        if not sub:
            return parent
        child = tree.get((_key(title), _key(sub)))
        if child is None:
            child = {"title": sub, "sections": [], "criteria": []}
            tree[(_key(title), _key(sub))] = child
            parent["sections"].append(child)
            section_rows[id(child)] = where
        return child

    sections_ws = sheet("Sections", required=False)
    if sections_ws is not None:
        details = _read_sheet(sections_ws, "Sections", SECTION_COLUMNS, (ROLE_PREFIX,), problems)
        for row in details.rows:
            title = row.text("Section")
            if not title:
                problems.append(f"Sections row {row.number}: the section has no title.")
                continue
            target = section_for(title, row.text("Sub-section"), f"Sections row {row.number}")
            if row.text("Ref"):
                target["ref"] = row.text("Ref")
            if row.text("Description"):
                target["description"] = row.text("Description")
            roles: dict[str, str] = {}
            for heading, value in row.extra.items():
                group = heading[len(ROLE_PREFIX):].strip()
                if not _text(value):
                    continue
                if _key(group) not in group_ids:
                    problems.append(f"Sections row {row.number}: the column “{heading}” names "
                                    "a group that is not on the Groups sheet.")
                    continue
                roles[group_ids[_key(group)]] = _text(value)
            if roles:
                target["roles"] = roles

    refs: dict[str, int] = {}
    pending_conditions: list[tuple[_Row, dict[str, Any]]] = []
    criteria_ws = sheet("Criteria")
    if criteria_ws is not None:
        criteria = _read_sheet(criteria_ws, "Criteria", CRITERIA_COLUMNS, (DESCRIPTOR_PREFIX,),
                               problems)
        for heading in criteria.prefixed:
            answer = heading[len(DESCRIPTOR_PREFIX):].strip()
            if _key(answer) not in answer_ids or answer_ids[_key(answer)] == NOT_APPLICABLE:
                problems.append(f"Criteria sheet: the column “{heading}” names an answer that "
                                "is not on the Scale sheet.")
        for row in criteria.rows:
            where = f"Criteria row {row.number}"
            ref, title, section_title = row.text("Ref"), row.text("Criterion"), row.text("Section")
            bad = False
            if not section_title:
                problems.append(f"{where}: the section is missing.")
                bad = True
            if not ref:
                problems.append(f"{where}: the ref is missing.")
                bad = True
            elif ref in refs:
                problems.append(f"{where}: ref {ref} is used twice (also on row {refs[ref]}).")
                bad = True
            else:
                refs[ref] = row.number
            if not title:
                problems.append(f"{where}: the criterion has no wording.")
                bad = True
            weight_text = row.text("Weight")
            weight = _number(row.values.get("Weight")) if weight_text else 1.0
            if weight is None:
                problems.append(f"{where}: the weight “{weight_text}” is not a number.")
                bad = True
            elif weight <= 0:
                problems.append(f"{where}: the weight {weight_text} must be more than 0.")
                bad = True
            if bad:
                continue
            criterion: dict[str, Any] = {
                "ref": ref, "title": title, "guidance": row.text("Guidance"),
                "evidence": _split(row.text("Typical evidence")), "weight": weight,
            }
            descriptors = {}
            for heading, value in row.extra.items():
                answer = heading[len(DESCRIPTOR_PREFIX):].strip()
                if _text(value) and answer_ids.get(_key(answer), NOT_APPLICABLE) != NOT_APPLICABLE:
                    descriptors[answer_ids[_key(answer)]] = _text(value)
            if descriptors:
                criterion["descriptors"] = descriptors
            section = section_for(section_title, row.text("Sub-section"), where)
            section["criteria"].append(criterion)
            pending_conditions.append((row, criterion))
        if not criteria.rows:
            problems.append("Criteria sheet: there are no criteria.")

    for row, criterion in pending_conditions:
        where = f"Criteria row {row.number}"
        on, answers = row.text("Show when ref"), _split(row.text("Show when answers"))
        if not on and not answers:
            continue
        if not on or not answers:
            problems.append(f"{where}: “Show when ref” and “Show when answers” go together; "
                            "fill in both or neither.")
            continue
        if on not in refs:
            problems.append(f"{where}: “Show when ref” names {on}, which is not a ref on the "
                            "Criteria sheet.")
            continue
        unknown = [answer for answer in answers if _key(answer) not in answer_ids]
        if unknown:
            problems.append(f"{where}: the show-when answer “{unknown[0]}” is not an answer "
                            "on the Scale sheet.")
            continue
        criterion["show_when"] = {"criterion": on,
                                  "answer_in": [answer_ids[_key(a)] for a in answers]}

    data["sections"] = [_tidy(section) for section in top]
    for place, section in _places(data["sections"]):
        origin = section_rows.get(id(section))
        if origin:
            origins[place] = origin
    for place, section in _places(data["sections"]):
        for index, criterion in enumerate(section.get("criteria", [])):
            origins[f"{place}.criteria[{index}]"] = f"Criteria row {refs[criterion['ref']]}"
    return _Built(data, origins, problems)


def _tidy(section: dict[str, Any]) -> dict[str, Any]:
    section["sections"] = [_tidy(child) for child in section["sections"]]
    return section


def _places(sections: list[dict[str, Any]], prefix: str = ""
            ) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, section in enumerate(sections):
        place = f"{prefix}sections[{index}]"
        yield place, section
        yield from _places(section.get("sections", []), f"{place}.")


def _shown(key: str) -> str:
    return next(shown for shown, k in FRAMEWORK_FIELDS.items() if k == key)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(_text(value).replace(",", "."))
        except ValueError:
            return None
    return number if number == number and abs(number) != float("inf") else None


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
        built = _build(book)
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
