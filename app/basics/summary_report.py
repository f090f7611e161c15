"""The workbook summary report: what a workbook holds, for a cover note or an audit trail."""

from __future__ import annotations

from datetime import date

from app.formatting import file_kind, format_size
from app.modules import all_counts
from app.reports.model.dates import long_date
from app.reports.model.formatting import format_count
from app.reports.model.report import (
    Align,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Note,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
    TitlePage,
)
from app.workbook.snapshot import WorkbookSnapshot

REPORT_NAME = "summary"
REPORT_TITLE = "Workbook summary"
KEY_COUNTS = 2  # counts shown as key figures too, beside the date of the last change


def _details_table(snapshot: WorkbookSnapshot) -> Table:
    rows = [
        ("Title", snapshot.title),
        ("Organisation", snapshot.organisation or "Not recorded"),
        ("Area", snapshot.area or "Not recorded"),
        ("Owner", snapshot.owner or "Not recorded"),
        ("Created", long_date(snapshot.created_at)),
        ("Last changed", long_date(snapshot.updated_at)),
        ("File", snapshot.file_name),
    ]
    return Table(
        columns=(Column("Detail", weight=1), Column("Value", weight=3)),
        body=tuple(Row(cells) for cells in rows),
        caption="Workbook details",
        sheet_name="Details",
    )


def _evidence_section(snapshot: WorkbookSnapshot) -> Section:
    if not snapshot.evidence:
        return Section(
            "Evidence files",
            (Paragraph.of("No evidence files have been attached to this workbook yet."),),
        )
    table = Table(
        columns=(
            Column("File", weight=4),
            Column("Kind", weight=2),
            Column("Size", weight=1, align=Align.RIGHT),
            Column("Added", kind=ColumnKind.DATE, weight=1.4),
        ),
        body=tuple(
            Row((
                item.name,
                file_kind(item.name, item.media_type),
                format_size(item.size),
                item.added_at.date(),
            ))
            for item in snapshot.evidence
        ),
        caption=f"Evidence files held in the workbook ({len(snapshot.evidence)})",
        sheet_name="Evidence files",
    )
    return Section(
        "Evidence files",
        (
            Paragraph.of(
                "Evidence is stored inside the workbook, so it travels with the file. "
                "A file attached more than once is kept once."
            ),
            table,
        ),
    )


def _changes_section(snapshot: WorkbookSnapshot) -> Section:
    if not snapshot.recent_changes:
        return Section("Recent changes", (Paragraph.of("No changes have been recorded yet."),))
    table = Table(
        columns=(
            Column("When", kind=ColumnKind.DATE, weight=1.2),
            Column("What changed", weight=5),
        ),
        body=tuple(
            Row((change.at.date(), change.summary)) for change in snapshot.recent_changes
        ),
        caption="Most recent changes first",
        sheet_name="Changes",
    )
    return Section("Recent changes", (table,))


def _holdings_table(snapshot: WorkbookSnapshot) -> Table:
    """What each module keeps in the workbook, from the counts the modules declare, so a new
    module's records are listed without a change here."""
    return Table(
        columns=(Column("Held in the workbook", weight=3), Column("Number", ColumnKind.NUMBER)),
        body=tuple(
            Row((spec.label, snapshot.counts.get(spec.name, 0))) for spec in all_counts()
        ),
        caption="What the workbook holds",
        sheet_name="Contents of workbook",
    )


def build_workbook_summary(snapshot: WorkbookSnapshot, today: date | None = None) -> Report:
    """A short report of the workbook's details, what it holds, evidence and recent changes."""
    figures = KeyFigures(
        (
            *(
                KeyFigure(spec.label, format_count(snapshot.counts.get(spec.name, 0)))
                for spec in all_counts()[:KEY_COUNTS]
            ),
            KeyFigure("Last changed", long_date(snapshot.updated_at)),
        )
    )
    about = Section(
        "About this workbook",
        (
            Paragraph.of(
                f"This summary describes the workbook “{snapshot.title}”"
                + (f" kept by {snapshot.organisation}" if snapshot.organisation else "")
                + "."
            ),
            figures,
            _holdings_table(snapshot),
            _details_table(snapshot),
        ),
    )
    return Report(
        title_page=TitlePage(
            title=snapshot.title,
            organisation=snapshot.organisation,
            subtitle=REPORT_TITLE,
            report_date=today or date.today(),
            author=snapshot.owner,
        ),
        sections=(about, _evidence_section(snapshot), _changes_section(snapshot)),
        notes=(
            Note(
                "Times in this report are in Coordinated Universal Time (UTC).", label="Times"
            ),
        ),
        subject=REPORT_TITLE,
    )
