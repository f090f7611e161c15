"""What a framework is: a rating scale and a tree of sections and criteria, as plain data.

A framework file (YAML, see `loader.py`, or a spreadsheet, see `excel.py`) becomes a
`Framework`. Pydantic checks each field's shape; `framework_problems` then checks the rules
that span the whole tree (unique refs, known scale levels, conditions that name real
criteria and never go round in a circle, no empty sections). `validate_framework` does both
and raises one `FrameworkInvalid` listing every problem, each naming its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from app.assessments.frameworks.errors import FrameworkInvalid, Problem

NOT_APPLICABLE = "not-applicable"  # the answer id of the scale's "not applicable" option
MAX_DEPTH = 3  # sections, sub-sections, sub-sub-sections
MAX_CRITERIA = 5_000

_ID = r"^[a-z0-9][a-z0-9-]{0,63}$"
_REF = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
_VERSION = r"^\d{1,6}(\.\d{1,6}){0,3}$"
VERSION_PATTERN = re.compile(_VERSION)


def _number_as_text(value: object) -> object:
    """YAML reads `version: 1.0` and `ref: 2.3` as numbers; treat them as the text typed."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


def _text_list(value: object) -> object:
    """One piece of evidence may be written as a single line rather than a list."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    return value


Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=_ID)]
Ref = Annotated[
    str, BeforeValidator(_number_as_text), StringConstraints(strip_whitespace=True, pattern=_REF)
]
Version = Annotated[
    str,
    BeforeValidator(_number_as_text),
    StringConstraints(strip_whitespace=True, pattern=_VERSION),
]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Weight = Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False)]
Score = Annotated[float, Field(ge=-1000, le=1000, allow_inf_nan=False)]


class _Strict(BaseModel):
    # Unknown fields are refused: a misspelt "wieght" must not be dropped without a word.
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScaleLevel(_Strict):
    id: Id
    label: Title
    score: Score
    descriptor: Text = ""


class NotApplicable(_Strict):
    label: Title = "Not applicable"
    descriptor: Text = ""


class Scale(_Strict):
    levels: Annotated[list[ScaleLevel], Field(min_length=2, max_length=20)]
    not_applicable: NotApplicable | None = None  # None: every shown criterion needs a rating

    def answer_ids(self) -> list[str]:
        ids = [level.id for level in self.levels]
        return [*ids, NOT_APPLICABLE] if self.not_applicable is not None else ids

    def label_for(self, answer: str) -> str:
        if answer == NOT_APPLICABLE and self.not_applicable is not None:
            return self.not_applicable.label
        return next((level.label for level in self.levels if level.id == answer), answer)


class RespondentGroup(_Strict):
    id: Id
    label: Title
    description: Text = ""


class ShowWhen(_Strict):
    criterion: Ref
    answer_in: Annotated[list[Id], Field(min_length=1, max_length=20)]


class Criterion(_Strict):
    ref: Ref
    title: Title
    guidance: Text = ""
    evidence: Annotated[list[Text], BeforeValidator(_text_list), Field(max_length=50)] = []
    weight: Weight = 1.0
    descriptors: dict[Id, Text] = {}  # level id -> wording for this criterion
    show_when: ShowWhen | None = None


class Section(_Strict):
    ref: Ref | None = None
    title: Title
    description: Text = ""
    roles: dict[Id, Text] = {}  # respondent group id -> that group's role here
    sections: list[Section] = []
    criteria: list[Criterion] = []


class Framework(_Strict):
    id: Id
    version: Version
    title: Title
    description: Text = ""
    source: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=5_000)]
    licence: Text = ""
    scale: Scale
    respondent_groups: Annotated[list[RespondentGroup], Field(max_length=30)] = []
    sections: Annotated[list[Section], Field(min_length=1)]

    # ---------------------------------------------------------------- reading

    @property
    def version_key(self) -> tuple[int, ...]:
        return version_key(self.version)

    def walk(self) -> Iterator[tuple[str, Section, int]]:
        """Every section, depth first, with its place ("sections[2].sections[0]") and depth."""
        def visit(sections: list[Section], prefix: str, depth: int
                  ) -> Iterator[tuple[str, Section, int]]:
            for index, section in enumerate(sections):
                place = f"{prefix}sections[{index}]"
                yield place, section, depth
                yield from visit(section.sections, f"{place}.", depth + 1)

        yield from visit(self.sections, "", 1)

    def criteria(self) -> Iterator[tuple[str, Criterion]]:
        """Every criterion in order, with its place ("sections[2].criteria[4]")."""
        for place, section, _depth in self.walk():
            for index, criterion in enumerate(section.criteria):
                yield f"{place}.criteria[{index}]", criterion

    def criterion(self, ref: str) -> Criterion | None:
        return next((c for _place, c in self.criteria() if c.ref == ref), None)

    def counts(self) -> tuple[int, int]:
        """(top-level sections, criteria)."""
        return len(self.sections), sum(1 for _ in self.criteria())

    def summary(self) -> str:
        """"ISO performance and BME impact 1.0: 19 sections, 63 criteria"."""
        sections, criteria = self.counts()
        nested = sum(1 for _place, _section, depth in self.walk() if depth > 1)
        inner = f" ({_plural(nested, 'sub-section')})" if nested else ""
        return (f"{self.title} {self.version}: {_plural(sections, 'section')}{inner}, "
                f"{_plural(criteria, 'criterion', 'criteria')}")


Section.model_rebuild()


def version_key(version: str) -> tuple[int, ...]:
    """"1.10" sorts after "1.9"; "1" and "1.0" are the same version."""
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _plural(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"


# -------------------------------------------------------------------- whole-tree rules


def framework_problems(framework: Framework) -> list[Problem]:
    """Every rule broken across the tree, in file order; empty when the framework is sound."""
    problems: list[Problem] = []
    scale = framework.scale
    level_ids = [level.id for level in scale.levels]
    answers = set(scale.answer_ids())
    groups = {group.id for group in framework.respondent_groups}

    for index, level_id in enumerate(level_ids):
        if level_id == NOT_APPLICABLE:
            problems.append(Problem(f"scale.levels[{index}]", f"the id “{NOT_APPLICABLE}” is "
                                    "kept for the not-applicable option; choose another id."))
        elif level_id in level_ids[:index]:
            problems.append(Problem(f"scale.levels[{index}]",
                                    f"the level id “{level_id}” is used twice."))
    for index, group in enumerate(framework.respondent_groups):
        if group.id in [g.id for g in framework.respondent_groups[:index]]:
            problems.append(Problem(f"respondent_groups[{index}]",
                                    f"the group id “{group.id}” is used twice."))

    first_use: dict[str, str] = {}
    criteria: dict[str, Criterion] = {}
    for place, section, depth in framework.walk():
        if section.ref is not None:
            _claim(section.ref, place, first_use, problems)
        if depth > MAX_DEPTH:
            problems.append(Problem(place, f"sections can be nested at most {MAX_DEPTH} deep."))
        if not section.criteria and not section.sections:
            problems.append(Problem(place, f"the section “{section.title}” is empty: give it at "
                                    "least one criterion or sub-section."))
        for group_id in section.roles:
            if group_id not in groups:
                problems.append(Problem(f"{place}.roles", f"“{group_id}” is not one of the "
                                        "framework's respondent groups."))
        for index, criterion in enumerate(section.criteria):
            where = f"{place}.criteria[{index}]"
            if _claim(criterion.ref, where, first_use, problems, criterion=True):
                criteria[criterion.ref] = criterion
            for level_id in criterion.descriptors:
                if level_id not in level_ids:
                    problems.append(Problem(f"{where}.descriptors", f"“{level_id}” is not a "
                                            f"level of the scale ({', '.join(level_ids)}).",
                                            criterion.ref))

    if len(criteria) > MAX_CRITERIA:
        problems.append(Problem("sections", f"a framework can have at most {MAX_CRITERIA:,} "
                                "criteria."))

    for where, criterion in framework.criteria():
        condition = criterion.show_when
        if condition is None:
            continue
        if condition.criterion == criterion.ref:
            problems.append(Problem(f"{where}.show_when", "a criterion cannot depend on its own "
                                    "answer.", criterion.ref))
        elif condition.criterion not in criteria:
            problems.append(Problem(f"{where}.show_when", f"it names “{condition.criterion}”, "
                                    "which is not a criterion in this framework.", criterion.ref))
        for answer in condition.answer_in:
            if answer not in answers:
                problems.append(Problem(f"{where}.show_when.answer_in", f"“{answer}” is not a "
                                        "level of the scale (" + ", ".join(sorted(answers))
                                        + ").", criterion.ref))
    problems.extend(_condition_cycles(framework, criteria))
    return problems


def _claim(ref: str, place: str, first_use: dict[str, str], problems: list[Problem],
           *, criterion: bool = False) -> bool:
    if ref in first_use:
        problems.append(Problem(place, f"the ref “{ref}” is already used at {first_use[ref]}; "
                                "each ref must be unique in the framework.",
                                ref if criterion else None))
        return False
    first_use[ref] = place
    return True


def _condition_cycles(framework: Framework, criteria: dict[str, Criterion]) -> list[Problem]:
    """Conditions that go round in a circle (1.2 shown when 1.3 ..., 1.3 shown when 1.2 ...)."""
    depends = {ref: c.show_when.criterion for ref, c in criteria.items()
               if c.show_when is not None and c.show_when.criterion in criteria}
    places = {c.ref: place for place, c in framework.criteria()}
    problems: list[Problem] = []
    done: set[str] = set()
    for start in depends:
        path: list[str] = []
        ref: str | None = start
        while ref is not None and ref not in done and ref not in path:
            path.append(ref)
            ref = depends.get(ref)
        if ref is not None and ref in path:  # a new circle, reported once
            circle = path[path.index(ref):]
            problems.append(Problem(
                f"{places[circle[0]]}.show_when",
                "the show-when conditions go round in a circle ("
                + " → ".join([*circle, circle[0]]) + "), so none of them could ever be shown.",
                circle[0],
            ))
        done.update(path)
    return problems


# -------------------------------------------------------------------- building


_PLAIN = {
    "missing": "is missing",
    "extra_forbidden": "is not a field a framework can have (check the spelling)",
    "string_type": "must be text",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be an ordinary number",
    "list_type": "must be a list",
    "dict_type": "must be a set of named values",
    "model_type": "must be a set of named values",
    "model_attributes_type": "must be a set of named values",
}


def _place(location: tuple[str | int, ...]) -> str:
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _ref_at(data: object, location: tuple[str | int, ...]) -> str | None:
    """The ref of the criterion (or section) the location points into, when it has one."""
    ref = None
    node = data
    for part in location:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("ref"), str | int | float):
            ref = str(node["ref"])
    return ref


def _plain_message(error: Any) -> str:
    kind = error["type"]
    if kind in _PLAIN:
        return _PLAIN[kind] + "."
    context = error.get("ctx") or {}
    if kind == "greater_than":
        return f"must be more than {context.get('gt')}."
    if kind in ("less_than_equal", "greater_than_equal"):
        bound = context.get("le", context.get("ge"))
        return f"must be {'at most' if kind == 'less_than_equal' else 'at least'} {bound}."
    if kind == "string_pattern_mismatch":
        return ("is not in the expected form (ids use lower-case letters, digits and hyphens; "
                "refs letters, digits, dots and hyphens; versions look like 1.0).")
    if kind == "string_too_short":
        return "must not be empty."
    if kind == "string_too_long":
        return f"is too long (at most {context.get('max_length')} characters)."
    if kind == "too_short":
        return f"needs at least {context.get('min_length')} entries."
    if kind == "too_long":
        return f"has too many entries (at most {context.get('max_length')})."
    return str(error["msg"]).rstrip(".") + "."


def _structure_problems(error: ValidationError, data: object) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        location = tuple(item["loc"])
        last = location[-1] if location else None
        if item["type"] == "missing":
            problems.append(Problem(_place(location[:-1]), f"the field “{last}” is missing.",
                                    _ref_at(data, location)))
        elif isinstance(last, str):
            problems.append(Problem(_place(location[:-1]), _plain_message(item),
                                    _ref_at(data, location), last))
        else:
            problems.append(Problem(_place(location), _plain_message(item),
                                    _ref_at(data, location)))
    return problems


def validate_framework(data: object, name: str) -> Framework:
    """A `Framework` from plain data (a loaded YAML document, a pinned copy), or
    `FrameworkInvalid` naming `name` and every problem with its place."""
    if not isinstance(data, dict):
        raise FrameworkInvalid(name, [Problem("", "the file does not hold a framework (a set "
                                              "of named fields such as id, title and "
                                              "sections).")])
    try:
        framework = Framework.model_validate(data)
    except ValidationError as error:
        raise FrameworkInvalid(name, _structure_problems(error, data)) from None
    problems = framework_problems(framework)
    if problems:
        raise FrameworkInvalid(name, problems)
    return framework


def is_id(text: str) -> bool:
    return re.fullmatch(_ID, text) is not None
