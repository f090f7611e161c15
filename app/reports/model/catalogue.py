"""The report catalogue: every report the modules declare, by the name typed after
`--report`. The CLI and the export dialog look reports up here, so a new report needs no
change to either: it is one `ReportSpec` in its module's manifest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.modules import ReportSpec, all_reports, load_target

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.reports.model.report import Report
    from app.reports.model.subjects import ReportSubject

ReportBuilder = Callable[[Any], "Report"]  # (workbook snapshot) -> Report
# Takes the read-only snapshot a builder needs, inside one short session on the caller's
# thread; the builder and renderer then work on plain data, off the UI thread.
SnapshotTaker = Callable[["Session", Path], Any]  # (…, subject id) when it has subjects
SubjectSnapshotTaker = Callable[["Session", Path, str | None], Any]
SubjectLister = Callable[["Session"], Sequence["ReportSubject"]]


@dataclass(frozen=True)
class ReportEntry:
    spec: ReportSpec

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def builder(self) -> ReportBuilder:
        builder: ReportBuilder = load_target(self.spec.builder)
        return builder

    @property
    def snapshot(self) -> SnapshotTaker:
        taker: SnapshotTaker = load_target(self.spec.snapshot)
        return taker

    @property
    def subject_snapshot(self) -> SubjectSnapshotTaker:
        """The snapshot taker of a report with subjects: it is also given the chosen id."""
        taker: SubjectSnapshotTaker = load_target(self.spec.snapshot)
        return taker

    @property
    def has_subjects(self) -> bool:
        return self.spec.subjects is not None

    def subjects(self, session: Session) -> Sequence[ReportSubject]:
        """The things this report can be about, most recent first (none: not that kind)."""
        if self.spec.subjects is None:
            return ()
        lister: SubjectLister = load_target(self.spec.subjects)
        return lister(session)


class UnknownReportError(UserError):
    """No report has this name; the message lists the ones there are."""


def available_reports() -> tuple[ReportEntry, ...]:
    """Every report, in module order."""
    seen: dict[str, ReportEntry] = {}
    for spec in all_reports():
        if spec.name in seen:
            raise ValueError(f"Two modules declare a report called {spec.name!r}.")
        seen[spec.name] = ReportEntry(spec)
    return tuple(seen.values())


def get_report(name: str) -> ReportEntry:
    wanted = name.strip().lower()
    reports = available_reports()
    for entry in reports:
        if entry.name == wanted:
            return entry
    known = ", ".join(sorted(entry.name for entry in reports)) or "none yet"
    raise UnknownReportError(f"There is no report called “{name}”. Available reports: {known}.")


def get_report_builder(name: str) -> ReportBuilder:
    return get_report(name).builder
