"""Roll-up across workbooks: the assessments of one framework in many workbooks, collated by
area (local, sub-regional or regional), as the seed asks for results "by individual ISOs
and/or for a geographic area".

Each workbook is opened read-only and only read. One that cannot be opened (damaged, not a
workbook, from a newer version) is listed with its sentence and the roll-up carries on.
Assessments are aligned by criterion ref against the newest version of the framework
found; answered refs that version does not have are listed, not guessed at.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.assessments.data import AssessmentData
from app.assessments.fields import AREA_LEVELS
from app.assessments.frameworks import NOT_APPLICABLE, Framework
from app.assessments.frameworks.model import version_key
from app.assessments.scoring import score_assessment, section_key
from app.errors import UserError

log = logging.getLogger(__name__)

NO_AREA = "Area not given"
NOT_ANSWERED = "not-answered"


class RollupCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("The roll-up was cancelled; no file was written.")


class NothingToRollUp(UserError):
    """No workbook held an assessment of the framework asked for."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    assessments: int = 0
    problem: str = ""  # the sentence saying why the file could not be used

    @property
    def usable(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class Unaligned:
    ref: str
    file_name: str
    assessment: str
    version: str


@dataclass(frozen=True)
class CriterionDistribution:
    ref: str
    title: str
    counts: tuple[int, ...]  # one per `Rollup.answers` entry


@dataclass(frozen=True)
class SectionMean:
    key: str
    title: str
    depth: int
    mean: float | None  # the mean of the assessments' section scores
    assessments: int  # how many assessments had a score for the section


@dataclass(frozen=True)
class AreaResult:
    name: str
    assessments: int
    workbooks: int
    sections: tuple[SectionMean, ...]
    criteria: tuple[CriterionDistribution, ...]


@dataclass(frozen=True)
class Rollup:
    framework_id: str
    level: str  # "local", "sub-regional" or "regional"
    framework: Framework | None  # the newest version found: the layout aligned to
    versions: tuple[str, ...]  # every version of the framework met
    answers: tuple[tuple[str, str], ...]  # (answer id, label): the distribution's columns
    areas: tuple[AreaResult, ...]
    sources: tuple[SourceFile, ...]
    unaligned: tuple[Unaligned, ...]

    @property
    def assessments(self) -> int:
        return sum(area.assessments for area in self.areas)

    @property
    def problems(self) -> tuple[SourceFile, ...]:
        return tuple(source for source in self.sources if not source.usable)


@dataclass(frozen=True)
class _Found:
    path: Path
    data: AssessmentData

    @property
    def file_name(self) -> str:
        return self.path.name


def _read(path: Path, framework_id: str) -> list[AssessmentData]:
    from app.assessments.records import list_assessments, load_assessment
    from app.workbook import Workbook

    with Workbook.open(path, read_only=True) as workbook, workbook.session() as session:
        return [load_assessment(session, row.id) for row in list_assessments(session)
                if row.framework_id == framework_id]


def _problem(path: Path, error: BaseException) -> str:
    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, OSError):
        return f"“{path.name}” could not be read ({error.strerror or error})."
    log.warning("Roll-up could not read %s", path, exc_info=error)
    return (f"“{path.name}” could not be read as a workbook; it may be damaged. Ask whoever "
            "sent it for a fresh copy.")


def roll_up(paths: Iterable[Path], framework_id: str, level: str = "local", *,
            progress: Callable[[float], None] | None = None,
            is_cancelled: Callable[[], bool] | None = None) -> Rollup:
    """Collate the assessments of `framework_id` in every workbook, by area at `level`."""
    if level not in AREA_LEVELS:
        raise UserError(f"“{level}” is not an area level. Choose local, sub-regional or "
                        "regional.")
    unique: list[Path] = []
    for path in paths:
        resolved = Path(path).expanduser().absolute()
        if resolved not in unique:
            unique.append(resolved)
    sources: list[SourceFile] = []
    found: list[_Found] = []
    for index, path in enumerate(unique):
        if is_cancelled is not None and is_cancelled():
            raise RollupCancelled
        try:
            assessments = _read(path, framework_id)
        except Exception as error:  # each file's failure is reported, not fatal
            sources.append(SourceFile(path, problem=_problem(path, error)))
        else:
            sources.append(SourceFile(path, len(assessments)))
            found.extend(_Found(path, data) for data in assessments)
        if progress is not None:
            progress((index + 1) / len(unique))
    return _collate(framework_id, level, found, sources)


def _collate(framework_id: str, level: str, found: list[_Found], sources: list[SourceFile]
             ) -> Rollup:
    frameworks = sorted({f.data.framework.version: f.data.framework for f in found}.values(),
                        key=lambda fw: version_key(fw.version))
    if not frameworks:
        return Rollup(framework_id, level, None, (), (), (), tuple(sources), ())
    reference = frameworks[-1]
    answers = (*((lvl.id, lvl.label) for lvl in reference.scale.levels),
               (NOT_APPLICABLE, reference.scale.not_applicable.label
                if reference.scale.not_applicable else "Not applicable"),
               (NOT_ANSWERED, "Not answered"))
    refs = {c.ref for _p, c in reference.criteria()}
    unaligned = []
    by_area: dict[str, list[_Found]] = {}
    for item in found:
        by_area.setdefault(item.data.row.area(level) or NO_AREA, []).append(item)
        for ref, response in item.data.responses.items():
            if ref not in refs and response.answer is not None:
                unaligned.append(Unaligned(ref, item.file_name, item.data.row.name,
                                           item.data.framework.version))
    areas = tuple(_area(name, by_area[name], reference, answers)
                  for name in sorted(by_area, key=lambda n: (n == NO_AREA, n.casefold())))
    return Rollup(framework_id, level, reference, tuple(fw.version for fw in frameworks),
                  answers, areas, tuple(sources), tuple(unaligned))


def _area(name: str, items: list[_Found], reference: Framework,
          answers: tuple[tuple[str, str], ...]) -> AreaResult:
    scored = [{s.key: s.score.value for s in
               score_assessment(item.data.framework, item.data.responses).sections}
              for item in items]
    sections = []
    for _place, section, depth in reference.walk():
        key = section_key(section)
        values = [v for found in scored if (v := found.get(key)) is not None]
        sections.append(SectionMean(key, section.title, depth,
                                    sum(values) / len(values) if values else None,
                                    len(values)))
    columns = [answer for answer, _label in answers]
    criteria = []
    for _place, criterion in reference.criteria():
        counts: Counter[str] = Counter()
        for item in items:
            if item.data.framework.criterion(criterion.ref) is None:
                continue  # not in that version: neither answered nor unanswered
            response = item.data.responses.get(criterion.ref)
            answer = response.answer if response is not None else None
            counts[answer if answer in columns else NOT_ANSWERED] += 1
        criteria.append(CriterionDistribution(criterion.ref, criterion.title,
                                              tuple(counts[c] for c in columns)))
    return AreaResult(name, len(items), len({item.path for item in items}),
                      tuple(sections), tuple(criteria))
