"""Checking the framework template's sheets row by row and building the framework's data.

Each sheet's rows are checked in turn (answers, groups, sections, criteria, then the
show-when conditions, which may name criteria further down); every problem is collected
with its sheet and row. Where each part of the data came from is kept too, so the model's
own checks can be told by sheet and row as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.assessments.frameworks.excel_layout import (
    CRITERIA_COLUMNS,
    DESCRIPTOR_PREFIX,
    GROUP_COLUMNS,
    ROLE_PREFIX,
    SCALE_COLUMNS,
    SECTION_COLUMNS,
    shown,
)
from app.assessments.frameworks.excel_sheets import (
    Row,
    cell_number,
    cell_text,
    folded,
    framework_sheet,
    read_sheet,
    slug,
    split_list,
)
from app.assessments.frameworks.model import NOT_APPLICABLE

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


@dataclass
class Built:
    data: dict[str, Any]
    origins: dict[str, str]  # place ("sections[0].criteria[2]") -> "Criteria row 7"
    problems: list[str]


def build(book: Any) -> Built:
    """The framework's data from an open workbook, with every problem found in it."""
    return _Builder(book).build()


class _Builder:
    """One pass over the sheets; what later sheets refer to is kept as it is read."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self._sheets = {folded(name): name for name in book.sheetnames}
        self.problems: list[str] = []
        self.origins: dict[str, str] = {}
        self.data: dict[str, Any] = {}
        self._answer_ids: dict[str, str] = {}  # label or id, folded -> id
        self._group_ids: dict[str, str] = {}
        self._tree: dict[tuple[str, str], dict[str, Any]] = {}
        self._top: list[dict[str, Any]] = []
        self._section_rows: dict[int, str] = {}  # id(section dict) -> where it was first named
        self._refs: dict[str, int] = {}

    def build(self) -> Built:
        fields, na_allowed = self._framework()
        self._scale(fields, na_allowed)
        self._groups()
        self._sections()
        self._conditions(self._criteria())
        self._place_sections()
        return Built(self.data, self.origins, self.problems)

    def _sheet(self, name: str, required: bool = True) -> Any:
        actual = self._sheets.get(folded(name))
        if actual is None:
            if required:
                self.problems.append(f"There is no “{name}” sheet.")
            return None
        return self._book[actual]

    def _framework(self) -> tuple[dict[str, str], bool]:
        """The Framework sheet's fields, and whether "not applicable" is an answer."""
        problems, data, origins = self.problems, self.data, self.origins
        framework_ws = self._sheet("Framework")
        if framework_ws is None:
            return {}, True
        fields, rows = framework_sheet(framework_ws, problems)
        for key in ("id", "version", "title", "description", "source", "licence"):
            if fields.get(key):
                data[key] = fields[key]
                origins[key] = f"Framework sheet row {rows[key]} ({shown(key)})"
            elif key in ("id", "version", "title", "source"):
                problems.append(f"Framework sheet: “{shown(key)}” is missing; give it a value.")
        allowed = fields.get("na_allowed", "yes").casefold()
        if allowed not in _YES | _NO:
            problems.append(f"Framework sheet row {rows['na_allowed']}: “Not applicable "
                            f"allowed” must be Yes or No, not “{fields['na_allowed']}”.")
        return fields, allowed in _YES

    def _scale(self, fields: dict[str, str], na_allowed: bool) -> None:
        problems, answer_ids = self.problems, self._answer_ids
        levels: list[dict[str, Any]] = []
        scale_ws = self._sheet("Scale")
        if scale_ws is not None:
            scale = read_sheet(scale_ws, "Scale", SCALE_COLUMNS, (), problems)
            for row in scale.rows:
                label = row.text("Answer")
                level_id = row.text("Level id") or slug(label)
                if not label:
                    problems.append(f"Scale row {row.number}: the answer has no wording.")
                    continue
                score = cell_number(row.values.get("Score"))
                if score is None:
                    problems.append(f"Scale row {row.number}: the score “{row.text('Score')}” "
                                    "is not a number.")
                    continue
                if folded(level_id) in answer_ids or folded(label) in answer_ids:
                    problems.append(f"Scale row {row.number}: the answer “{label}” is given "
                                    "twice.")
                    continue
                self.origins[f"scale.levels[{len(levels)}]"] = f"Scale row {row.number}"
                levels.append({"id": level_id, "label": label, "score": score,
                               "descriptor": row.text("Descriptor")})
                answer_ids[folded(level_id)] = level_id
                answer_ids[folded(label)] = level_id
            if not scale.rows:
                problems.append("Scale sheet: there are no answers; give at least two.")
        scale_data: dict[str, Any] = {"levels": levels}
        if na_allowed:
            na_label = fields.get("na_label") or "Not applicable"
            scale_data["not_applicable"] = {"label": na_label,
                                            "descriptor": fields.get("na_descriptor", "")}
            answer_ids.setdefault(folded(NOT_APPLICABLE), NOT_APPLICABLE)
            answer_ids.setdefault(folded(na_label), NOT_APPLICABLE)
            answer_ids.setdefault(folded("Not applicable"), NOT_APPLICABLE)
        self.data["scale"] = scale_data

    def _groups(self) -> None:
        problems, data, group_ids = self.problems, self.data, self._group_ids
        groups_ws = self._sheet("Groups", required=False)
        if groups_ws is None:
            return
        groups = read_sheet(groups_ws, "Groups", GROUP_COLUMNS, (), problems)
        data["respondent_groups"] = []
        for row in groups.rows:
            label = row.text("Respondent group")
            if not label:
                problems.append(f"Groups row {row.number}: the group has no name.")
                continue
            group_id = row.text("Group id") or slug(label)
            if folded(label) in group_ids or folded(group_id) in group_ids:
                problems.append(f"Groups row {row.number}: the group “{label}” is given twice.")
                continue
            self.origins[f"respondent_groups[{len(data['respondent_groups'])}]"] = \
                f"Groups row {row.number}"
            data["respondent_groups"].append(
                {"id": group_id, "label": label, "description": row.text("Description")})
            group_ids[folded(label)] = group_ids[folded(group_id)] = group_id

    def _section_for(self, title: str, sub: str, where: str) -> dict[str, Any]:
        """The section (or sub-section) named, made the first time it is named."""
        tree = self._tree
        parent = tree.get((folded(title), ""))
        if parent is None:
            parent = {"title": title, "sections": [], "criteria": []}
            tree[(folded(title), "")] = parent
            self._top.append(parent)
            self._section_rows[id(parent)] = where
        if not sub:
            return parent
        child = tree.get((folded(title), folded(sub)))
        if child is None:
            child = {"title": sub, "sections": [], "criteria": []}
            tree[(folded(title), folded(sub))] = child
            parent["sections"].append(child)
            self._section_rows[id(child)] = where
        return child

    def _sections(self) -> None:
        """The Sections sheet's optional details: refs, descriptions and roles."""
        problems, group_ids = self.problems, self._group_ids
        sections_ws = self._sheet("Sections", required=False)
        if sections_ws is None:
            return
        details = read_sheet(sections_ws, "Sections", SECTION_COLUMNS, (ROLE_PREFIX,), problems)
        for row in details.rows:
            title = row.text("Section")
            if not title:
                problems.append(f"Sections row {row.number}: the section has no title.")
                continue
            target = self._section_for(title, row.text("Sub-section"),
                                       f"Sections row {row.number}")
            if row.text("Ref"):
                target["ref"] = row.text("Ref")
            if row.text("Description"):
                target["description"] = row.text("Description")
            roles: dict[str, str] = {}
            for heading, value in row.extra.items():
                group = heading[len(ROLE_PREFIX):].strip()
                if not cell_text(value):
                    continue
                if folded(group) not in group_ids:
                    problems.append(f"Sections row {row.number}: the column “{heading}” names "
                                    "a group that is not on the Groups sheet.")
                    continue
                roles[group_ids[folded(group)]] = cell_text(value)
            if roles:
                target["roles"] = roles

    def _criteria(self) -> list[tuple[Row, dict[str, Any]]]:
        """The criteria, put in their sections; returns each with its row, for the
        show-when conditions (checked once every ref is known)."""
        problems, answer_ids, refs = self.problems, self._answer_ids, self._refs
        pending_conditions: list[tuple[Row, dict[str, Any]]] = []
        criteria_ws = self._sheet("Criteria")
        if criteria_ws is None:
            return pending_conditions
        criteria = read_sheet(criteria_ws, "Criteria", CRITERIA_COLUMNS, (DESCRIPTOR_PREFIX,),
                              problems)
        for heading in criteria.prefixed:
            answer = heading[len(DESCRIPTOR_PREFIX):].strip()
            if folded(answer) not in answer_ids or answer_ids[folded(answer)] == NOT_APPLICABLE:
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
            weight = cell_number(row.values.get("Weight")) if weight_text else 1.0
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
                "evidence": split_list(row.text("Typical evidence")), "weight": weight,
            }
            descriptors = {}
            for heading, value in row.extra.items():
                answer = heading[len(DESCRIPTOR_PREFIX):].strip()
                if (cell_text(value)
                        and answer_ids.get(folded(answer), NOT_APPLICABLE) != NOT_APPLICABLE):
                    descriptors[answer_ids[folded(answer)]] = cell_text(value)
            if descriptors:
                criterion["descriptors"] = descriptors
            section = self._section_for(section_title, row.text("Sub-section"), where)
            section["criteria"].append(criterion)
            pending_conditions.append((row, criterion))
        if not criteria.rows:
            problems.append("Criteria sheet: there are no criteria.")
        return pending_conditions

    def _conditions(self, pending_conditions: list[tuple[Row, dict[str, Any]]]) -> None:
        problems, answer_ids = self.problems, self._answer_ids
        for row, criterion in pending_conditions:
            where = f"Criteria row {row.number}"
            on, answers = row.text("Show when ref"), split_list(row.text("Show when answers"))
            if not on and not answers:
                continue
            if not on or not answers:
                problems.append(f"{where}: “Show when ref” and “Show when answers” go "
                                "together; fill in both or neither.")
                continue
            if on not in self._refs:
                problems.append(f"{where}: “Show when ref” names {on}, which is not a ref on "
                                "the Criteria sheet.")
                continue
            unknown = [answer for answer in answers if folded(answer) not in answer_ids]
            if unknown:
                problems.append(f"{where}: the show-when answer “{unknown[0]}” is not an "
                                "answer on the Scale sheet.")
                continue
            criterion["show_when"] = {"criterion": on,
                                      "answer_in": [answer_ids[folded(a)] for a in answers]}

    def _place_sections(self) -> None:
        """The sections into the data, each (and each criterion) with the row it came from."""
        data, origins = self.data, self.origins
        data["sections"] = [_tidy(section) for section in self._top]
        for place, section in _places(data["sections"]):
            origin = self._section_rows.get(id(section))
            if origin:
                origins[place] = origin
        for place, section in _places(data["sections"]):
            for index, criterion in enumerate(section.get("criteria", [])):
                origins[f"{place}.criteria[{index}]"] = \
                    f"Criteria row {self._refs[criterion['ref']]}"


def _tidy(section: dict[str, Any]) -> dict[str, Any]:
    section["sections"] = [_tidy(child) for child in section["sections"]]
    return section


def _places(sections: list[dict[str, Any]], prefix: str = ""
            ) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, section in enumerate(sections):
        place = f"{prefix}sections[{index}]"
        yield place, section
        yield from _places(section.get("sections", []), f"{place}.")
