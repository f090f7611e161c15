"""The order in which a report's parts are read, the same in Word, PDF and Excel.

Sections first, then the report's notes under a "Notes" heading, then the appendices
(each on a new page, titled "Appendix A: …"), because appendices close a document. Every
renderer walks `reading_order` rather than deciding this for itself, and decides from
`wants_contents` whether the report is long enough for a table of contents.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from app.reports.model.report import (
    Chart,
    Paragraph,
    Report,
    Section,
    Table,
)

NOTES_TITLE = "Notes"
CONTENTS_TITLE = "Contents"
CONTENTS_DEPTH = 2  # headings listed in a printed table of contents
# A report with fewer pages than this reads without a contents page: on a short summary
# the contents would spend a whole page on a handful of entries.
CONTENTS_MIN_PAGES = 5


@dataclass(frozen=True)
class Part:
    """A top-level section as it is shown."""

    section: Section
    title: str
    appendix: bool = False
    notes: bool = False  # the report-level notes


def appendix_title(index: int, title: str) -> str:
    """'Appendix A: Method', unless the module already wrote 'Appendix …' itself."""
    if title.lower().startswith("appendix"):
        return title
    letters = string.ascii_uppercase
    letter = letters[index] if index < len(letters) else str(index + 1)
    return f"Appendix {letter}: {title}"


def reading_order(report: Report) -> tuple[Part, ...]:
    parts = [Part(section, section.title) for section in report.sections]
    if report.notes:
        parts.append(Part(Section(NOTES_TITLE, report.notes), NOTES_TITLE, notes=True))
    parts.extend(
        Part(section, appendix_title(index, section.title), appendix=True)
        for index, section in enumerate(report.appendices)
    )
    return tuple(parts)


def headings(report: Report, depth: int = CONTENTS_DEPTH) -> list[tuple[int, str]]:
    """(level, title) of every heading down to `depth`, in reading order (level 1 is top)."""
    out: list[tuple[int, str]] = []

    def visit(section: Section, title: str, level: int) -> None:
        if level > depth:
            return
        out.append((level, title))
        for block in section.blocks:
            if isinstance(block, Section):
                visit(block, block.title, level + 1)

    for part in reading_order(report):
        visit(part.section, part.title, 1)
    return out


# Rough A4 page budget, in the units below: enough to tell a one-page summary from a
# report of many pages, which is all the contents rule needs.
_PAGE_UNITS = 46.0  # body lines on a page
_CHARS_PER_LINE = 95


def estimated_pages(report: Report) -> float:
    """About how many body pages the report fills (title and contents pages excluded)."""
    units = 0.0
    for _, block in report.walk():
        if isinstance(block, Section):
            units += 3
        elif isinstance(block, Paragraph):
            units += 1 + len(block.plain_text) / _CHARS_PER_LINE
        elif isinstance(block, Table):
            units += 3 + 1.1 * len(block.iter_rows())
        elif isinstance(block, Chart):
            units += 22
        else:
            units += 3
    units += 3 * len(report.notes) + 3 * len(report.appendices)
    return units / _PAGE_UNITS


def wants_contents(report: Report) -> bool:
    """One rule for every format: a contents page only for a report long enough to need it."""
    return len(headings(report)) > 1 and estimated_pages(report) >= CONTENTS_MIN_PAGES
