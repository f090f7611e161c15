"""Ethnicity classifications and the mappings between census vintages, as data.

Each classification is a YAML file in `resources/classifications/` (ONS 2001, 2011, 2021):
high-level groups of census categories, each with its ONS code, plus the "not stated"
categories ("Prefer not to say", "Not known") that every audit keeps and reports apart.
Each mapping (`resources/classifications/mappings/`) places every category of an older
vintage in a category of a newer one and says whether the two are the same question
("exact") or not quite ("approximate"). Whether a high-level group compares honestly is
worked out from those pairs, never declared (see `Mapping.group_match`).

Files are checked with pydantic and refused with one `ClassificationError` sentence that
names every problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from app.errors import UserError
from app.paths import resource

MAX_FILE_BYTES = 512 * 1024
EXACT = "exact"
APPROXIMATE = "approximate"

_Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
_Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
_Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


class ClassificationError(UserError):
    """A classification or mapping file that could not be used; the sentence says why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(_Strict):
    id: _Id
    code: _Code
    label: _Label


class Group(_Strict):
    id: _Id
    label: _Label
    categories: tuple[Category, ...] = Field(min_length=1)


class Classification(_Strict):
    id: _Id
    vintage: int = Field(ge=1900, le=2200)
    title: _Label
    source: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    groups: tuple[Group, ...] = Field(min_length=1)
    majority: _Id  # the category "ethnic minorities" are counted against (White British)
    not_stated: tuple[Category, ...] = Field(min_length=1)

    def categories(self) -> Iterator[tuple[Group, Category]]:
        for group in self.groups:
            for category in group.categories:
                yield group, category

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for _, c in self.categories())

    @property
    def not_stated_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.not_stated)

    def category(self, category_id: str) -> Category:
        for _, category in self.categories():
            if category.id == category_id:
                return category
        for category in self.not_stated:
            if category.id == category_id:
                return category
        raise ClassificationError(
            f"“{category_id}” is not a category of {self.title}."
        )

    def group_of(self, category_id: str) -> Group | None:
        """The high-level group of a census category (None for the not-stated ones)."""
        for group, category in self.categories():
            if category.id == category_id:
                return group
        if category_id in self.not_stated_ids:
            return None
        raise ClassificationError(f"“{category_id}” is not a category of {self.title}.")

    def is_known(self, category_id: str) -> bool:
        return category_id in self.category_ids or category_id in self.not_stated_ids

    def find(self, text: str) -> str | None:
        """The category a code or label names (as ONS tables and monitoring forms write
        them), ignoring case, spacing and punctuation; None when nothing matches."""
        wanted = _simple(text)
        if not wanted:
            return None
        everything = [c for _, c in self.categories()] + list(self.not_stated)
        for category in everything:
            if wanted in (_simple(category.code), _simple(category.id),
                          _simple(category.label)):
                return category.id
        for group, category in self.categories():  # "Asian: Indian", "White: Irish"
            if wanted == _simple(f"{group.label} {category.label}"):
                return category.id
        for category in everything:  # ONS table labels: "Asian, Asian British or Asian
            if _simple(category.label) and wanted.endswith(_simple(category.label)):
                return category.id  # Welsh: Bangladeshi"
        return None

    def check(self) -> None:
        problems: list[str] = []
        ids = [c.id for _, c in self.categories()] + list(self.not_stated_ids)
        codes = [c.code for _, c in self.categories()] + [c.code for c in self.not_stated]
        problems += [f"the category id “{i}” is used twice." for i in _twice(ids)]
        problems += [f"the code “{c}” is used twice." for c in _twice(codes)]
        groups = [g.id for g in self.groups]
        problems += [f"the group id “{g}” is used twice." for g in _twice(groups)]
        if self.majority not in self.category_ids:
            problems.append(f"the majority category “{self.majority}” is not a category.")
        if problems:
            raise ClassificationError(
                f"The classification “{self.id}” cannot be used: {' '.join(problems)}"
            )


class Pair(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    source: _Id = Field(alias="from")
    target: _Id = Field(alias="to")
    match: Literal["exact", "approximate"]
    why: str = ""


class MappingFile(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    source: _Id = Field(alias="from")
    target: _Id = Field(alias="to")
    pairs: tuple[Pair, ...] = Field(min_length=1)
    source_note: str = Field("", alias="source")


@dataclass(frozen=True)
class GroupMatch:
    """How honestly a high-level group of the older vintage compares with the newer one."""

    source_group: str
    target_group: str | None  # None: its people went to more than one newer group
    match: str  # EXACT or APPROXIMATE
    why: str


@dataclass(frozen=True)
class Mapping:
    source: Classification
    target: Classification
    pairs: tuple[Pair, ...]

    def pair(self, category_id: str) -> Pair:
        for pair in self.pairs:
            if pair.source == category_id:
                return pair
        raise ClassificationError(
            f"The mapping from {self.source.title} does not place “{category_id}”."
        )

    def map_counts(self, counts: dict[str, int]) -> dict[str, int]:
        """Counts by the older categories, as counts by the newer ones."""
        out: dict[str, int] = {}
        for category, count in counts.items():
            target = self.pair(category).target
            out[target] = out.get(target, 0) + count
        return out

    def group_match(self, source_group: str) -> GroupMatch:
        """Exact only when every category of the group maps exactly into one newer group
        and no category of another older group lands in that newer group too."""
        group = next((g for g in self.source.groups if g.id == source_group), None)
        if group is None:
            raise ClassificationError(f"“{source_group}” is not a group of {self.source.title}.")
        pairs = [self.pair(c.id) for c in group.categories]
        targets = {self._target_group(p.target) for p in pairs}
        if len(targets) != 1:
            names = ", ".join(sorted(t or "" for t in targets))
            return GroupMatch(source_group, None, APPROXIMATE,
                              f"Its people are in different groups in {self.target.vintage} "
                              f"({names}).")
        target = targets.pop()
        incoming = [
            g.id for g in self.source.groups if g.id != source_group
            and any(self._target_group(self.pair(c.id).target) == target for c in g.categories)
        ]
        loose = [p for p in pairs if p.match != EXACT]
        if incoming:
            why = (f"In {self.target.vintage} the group also holds people who were in another "
                   f"group in {self.source.vintage}.")
            return GroupMatch(source_group, target, APPROXIMATE, why)
        if loose:
            return GroupMatch(source_group, target, APPROXIMATE, " ".join(
                p.why for p in loose if p.why) or "Some of its categories differ.")
        return GroupMatch(source_group, target, EXACT, "The same categories in both.")

    def _target_group(self, category_id: str) -> str | None:
        group = self.target.group_of(category_id)
        return group.id if group else None

    def check(self) -> None:
        problems: list[str] = []
        for pair in self.pairs:
            if not self.source.is_known(pair.source):
                problems.append(f"“{pair.source}” is not a category of {self.source.id}.")
            if not self.target.is_known(pair.target):
                problems.append(f"“{pair.target}” is not a category of {self.target.id}.")
        placed = {p.source for p in self.pairs}
        for category in (*self.source.category_ids, *self.source.not_stated_ids):
            if category not in placed:
                problems.append(f"“{category}” is not placed anywhere.")
        problems += [f"“{c}” is placed twice." for c in _twice([p.source for p in self.pairs])]
        if problems:
            raise ClassificationError(
                f"The mapping from {self.source.id} to {self.target.id} cannot be used: "
                f"{' '.join(problems)}"
            )


def _twice(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({i for i in items if i in seen or seen.add(i)})  # type: ignore[func-returns-value]


def _simple(text: str) -> str:
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


def read_yaml(path: Path) -> Any:
    """Plain data from a small YAML file, with the safe loader; aliases are refused."""
    try:
        data = path.read_bytes()
    except OSError:
        raise ClassificationError(f"The classification file {path} could not be read.") from None
    if len(data) > MAX_FILE_BYTES:
        raise ClassificationError(f"“{path.name}” is too large to be a classification file.")
    try:
        text = data.decode("utf-8-sig")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader)):
            raise ClassificationError(f"“{path.name}” uses YAML aliases, which are not allowed.")
        return yaml.load(text, Loader=loader)
    except UnicodeDecodeError:
        raise ClassificationError(f"“{path.name}” is not UTF-8 text.") from None
    except yaml.YAMLError as error:
        raise ClassificationError(f"“{path.name}” is not valid YAML: {error}.") from None


def _problems(error: ValidationError) -> str:
    return " ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'the file'}: {e['msg']}."
        for e in error.errors()[:20]
    )


def classification_from_file(path: Path) -> Classification:
    try:
        classification = Classification.model_validate(read_yaml(path))
    except ValidationError as error:
        raise ClassificationError(
            f"The classification “{path.name}” cannot be used: {_problems(error)}"
        ) from None
    classification.check()
    return classification


def classifications_dir() -> Path:
    return resource("classifications")


@cache
def classifications() -> dict[str, Classification]:
    """Every bundled classification by id, oldest vintage first."""
    found = [classification_from_file(p)
             for p in sorted(classifications_dir().glob("*.yaml"))]
    return {c.id: c for c in sorted(found, key=lambda c: c.vintage)}


def get_classification(classification_id: str) -> Classification:
    known = classifications()
    if classification_id not in known:
        names = ", ".join(known)
        raise ClassificationError(
            f"“{classification_id}” is not a classification this app knows. Choose one of: "
            f"{names}."
        )
    return known[classification_id]


def mapping_from_file(path: Path) -> Mapping:
    try:
        data = MappingFile.model_validate(read_yaml(path))
    except ValidationError as error:
        raise ClassificationError(
            f"The mapping “{path.name}” cannot be used: {_problems(error)}"
        ) from None
    mapping = Mapping(get_classification(data.source), get_classification(data.target),
                      data.pairs)
    mapping.check()
    return mapping


@cache
def mappings() -> dict[tuple[str, str], Mapping]:
    out = {}
    for path in sorted((classifications_dir() / "mappings").glob("*.yaml")):
        mapping = mapping_from_file(path)
        out[(mapping.source.id, mapping.target.id)] = mapping
    return out


def get_mapping(source: str, target: str) -> Mapping:
    found = mappings().get((source, target))
    if found is None:
        raise ClassificationError(
            f"There is no mapping from {get_classification(source).title} to "
            f"{get_classification(target).title}, so the two cannot be compared."
        )
    return found
