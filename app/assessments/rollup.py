"""Roll-up across workbooks: the assessments of one framework in many workbooks, collated by
area (local, sub-regional or regional), as the seed asks for results "by individual ISOs
and/or for a geographic area".

Each workbook is only read, the light way (`rollup_source.py`: plain read-only SQLite, a
few files at a time on a small thread pool, since SQLite lets go of Python's lock while it
reads). One that cannot be read (damaged, not a workbook, from a newer version) is listed
with its sentence and the roll-up carries on. Assessments are aligned by criterion ref
against the newest version of the framework found; answered refs that version does not
have are listed, not guessed at.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from app.assessments.data import AssessmentData
from app.assessments.fields import AREA_LEVELS
from app.assessments.frameworks import NOT_APPLICABLE, Framework
from app.assessments.frameworks.model import version_key
from app.assessments.rollup_source import (
    Expected,
    FrameworkFound,
    expected,
    read_assessments,
    read_frameworks,
)
from app.assessments.scoring import section_key, section_scores
from app.errors import UserError

log = logging.getLogger(__name__)

NO_AREA = "Area not given"
NOT_ANSWERED = "not-answered"
# Files read at once. More than the two or three cores most laptops have gains nothing:
# the Python half of each read holds the interpreter's lock.
READERS = 3
T = TypeVar("T")


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
    low: float | None = None  # the lowest and highest of those scores
    high: float | None = None


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


def _problem(path: Path, error: BaseException) -> str:
    if isinstance(error, UserError):
        text = str(error)
        # Every sentence in the list names its file, even one about a framework inside it.
        return text if path.name in text else f"“{path.name}”: {text}"
    if isinstance(error, OSError):
        return f"“{path.name}” could not be read ({error.strerror or error})."
    log.warning("Roll-up could not read %s", path, exc_info=error)
    return (f"“{path.name}” could not be read as a workbook; it may be damaged. Ask whoever "
            "sent it for a fresh copy.")


def _unique(paths: Iterable[Path]) -> list[Path]:
    return list(dict.fromkeys(Path(path).expanduser().absolute() for path in paths))


def _each(paths: list[Path], read: Callable[[Path], T],
          progress: Callable[[float], None] | None,
          is_cancelled: Callable[[], bool] | None) -> list[T | str]:
    """`read(path)` for every path, a few at a time; each result, or the sentence saying
    why that file could not be read, in the order given. Progress is reported, and
    cancelling is noticed, on the calling thread."""
    def one(path: Path) -> T | str:
        if is_cancelled is not None and is_cancelled():
            return ""  # not read: the caller raises RollupCancelled
        try:
            return read(path)
        except Exception as error:  # each file's failure is reported, not fatal
            return _problem(path, error)

    results: list[T | str] = []
    with ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="rollup") as pool:
        futures: list[Future[T | str]] = [pool.submit(one, path) for path in paths]
        try:
            for index, future in enumerate(futures):
                if is_cancelled is not None and is_cancelled():
                    raise RollupCancelled
                results.append(future.result())
                if progress is not None:
                    progress((index + 1) / len(paths))
        finally:
            for future in futures:
                future.cancel()
    if is_cancelled is not None and is_cancelled():
        raise RollupCancelled
    return results


@dataclass(frozen=True)
class Survey:
    """What a set of workbooks holds: the frameworks assessed in each, or why it could not
    be read. The roll-up dialog shows it before anything is collated."""

    sources: tuple[SourceFile, ...]
    frameworks: tuple[tuple[SourceFile, tuple[FrameworkFound, ...]], ...]


def survey(paths: Iterable[Path], *, progress: Callable[[float], None] | None = None,
           is_cancelled: Callable[[], bool] | None = None) -> Survey:
    """Which frameworks each workbook's assessments use (each file only read)."""
    unique = _unique(paths)
    want = expected()
    results = _each(unique, lambda path: read_frameworks(path, want), progress, is_cancelled)
    sources, frameworks = [], []
    for path, result in zip(unique, results, strict=True):
        if isinstance(result, str):
            sources.append(SourceFile(path, problem=result))
        else:
            source = SourceFile(path, sum(item.assessments for item in result))
            sources.append(source)
            frameworks.append((source, tuple(result)))
    return Survey(tuple(sources), tuple(frameworks))


def roll_up(paths: Iterable[Path], framework_id: str, level: str = "local", *,
            progress: Callable[[float], None] | None = None,
            is_cancelled: Callable[[], bool] | None = None) -> Rollup:
    """Collate the assessments of `framework_id` in every workbook, by area at `level`."""
    if level not in AREA_LEVELS:
        raise UserError(f"“{level}” is not an area level. Choose local, sub-regional or "
                        "regional.")
    unique = _unique(paths)
    want: Expected = expected()
    results = _each(unique, lambda path: read_assessments(path, framework_id, want),
                    progress, is_cancelled)
    sources: list[SourceFile] = []
    found: list[_Found] = []
    for path, result in zip(unique, results, strict=True):
        if isinstance(result, str):
            sources.append(SourceFile(path, problem=result))
        else:
            sources.append(SourceFile(path, len(result)))
            found.extend(_Found(path, data) for data in result)
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
               section_scores(item.data.framework, item.data.responses)}
              for item in items]
    sections = []
    for _place, section, depth in reference.walk():
        key = section_key(section)
        values = [v for found in scored if (v := found.get(key)) is not None]
        sections.append(SectionMean(key, section.title, depth,
                                    sum(values) / len(values) if values else None,
                                    len(values), min(values, default=None),
                                    max(values, default=None)))
    columns = [answer for answer, _label in answers]
    # Each version's refs, once: looking a ref up criterion by criterion costs the
    # framework's length each time.
    refs: dict[int, frozenset[str]] = {}
    for item in items:
        framework = item.data.framework
        if id(framework) not in refs:
            refs[id(framework)] = frozenset(c.ref for _place, c in framework.criteria())
    criteria = []
    for _place, criterion in reference.criteria():
        counts: Counter[str] = Counter()
        for item in items:
            if criterion.ref not in refs[id(item.data.framework)]:
                continue  # not in that version: neither answered nor unanswered
            response = item.data.responses.get(criterion.ref)
            answer = response.answer if response is not None else None
            counts[answer if answer in columns else NOT_ANSWERED] += 1
        criteria.append(CriterionDistribution(criterion.ref, criterion.title,
                                              tuple(counts[c] for c in columns)))
    return AreaResult(name, len(items), len({item.path for item in items}),
                      tuple(sections), tuple(criteria))
