"""The proofing report: about one proofing record (its subject): summary, decision and
sign-off, findings by severity with their triage, the protocol checklist, the impact
screening, and coverage of the scheme's commitments.

`rrt export WORKBOOK --report proofing --subject NAME` chooses the record; by default it is
the most recently proofed.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.proofing.fields import ANSWERS, CHECKLIST, DECISIONS, SCREENING, TRIAGE
from app.proofing.records import FindingRow, RecordData, list_records, load_record
from app.reports.model.report import (
    Block,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
    TitlePage,
)
from app.reports.model.subjects import ReportSubject, UnknownSubjectError
from app.workbook.info import get_info

REPORT_TITLE = "Proofing record"
SEVERITY_ORDER = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Information"}


@dataclass(frozen=True)
class ProofingSnapshot:
    title: str
    organisation: str
    owner: str
    record: RecordData | None


def list_subjects(session: Session) -> list[ReportSubject]:
    """Every proofing record, most recently proofed first."""
    subjects = []
    for row in list_records(session):
        subjects.append(ReportSubject(str(row.id), row.name,
                                      f"proofed {row.proofed_at:%d/%m/%Y %H:%M}"))
    return subjects


def take_snapshot(session: Session, path: Path, subject: str | None = None
                  ) -> ProofingSnapshot:
    info = get_info(session)
    try:
        chosen = uuid.UUID(subject) if subject else None
    except ValueError:
        raise UnknownSubjectError(f"“{subject}” is not a proofing record's id.") from None
    if chosen is None:
        rows = list_records(session)
        chosen = rows[0].id if rows else None
    record = load_record(session, chosen) if chosen else None
    return ProofingSnapshot(info.title, info.organisation, info.owner, record)


def _summary(record: RecordData) -> tuple[Block, ...]:
    facts = [f"Draft: {record.draft_name}"]
    for label, value in (("Version", record.version), ("Author", record.author),
                         ("Owning team", record.team), ("Scheme", record.scheme_name)):
        if value:
            facts.append(f"{label}: {value}")
    if record.drafted_on:
        facts.append(f"Draft date: {record.drafted_on:%d/%m/%Y}")
    if record.proofed_at:
        facts.append(f"Proofed: {record.proofed_at:%d/%m/%Y}")
    states = Counter(f.triage for f in record.findings)
    unaddressed = sum(1 for c in record.coverage if not c.addressed)
    figures = KeyFigures((
        KeyFigure("Findings", str(len(record.findings))),
        KeyFigure("Still open", str(states.get("open", 0))),
        KeyFigure("Commitments not addressed", f"{unaddressed} of {len(record.coverage)}"),
        KeyFigure("Decision", DECISIONS.get(record.decision, "Not yet decided")),
    ))
    return (Paragraph.of(". ".join(facts) + "."), figures)


def _decision(record: RecordData) -> tuple[Block, ...]:
    blocks: list[Block] = [Paragraph.of(
        f"Decision: {DECISIONS.get(record.decision, 'not yet decided')}.")]
    if record.rationale:
        blocks.append(Paragraph.of(record.rationale))
    if record.signed_by:
        role = f", {record.signed_role}" if record.signed_role else ""
        when = f", on {record.signed_on:%d/%m/%Y}" if record.signed_on else ""
        blocks.append(Paragraph.of(f"Signed off by {record.signed_by}{role}{when}."))
    else:
        blocks.append(Paragraph.of("Not signed off yet."))
    return tuple(blocks)


def _findings(record: RecordData) -> tuple[Block, ...]:
    if not record.findings:
        return (Paragraph.of("The rules found nothing to look at in this draft."),)
    blocks: list[Block] = [Paragraph.of(
        "Each finding names the rule, the words it is about and where they are. Triage "
        "says what was done: accepted (to change), dismissed (with the reason) or fixed.")]
    for severity in SEVERITY_ORDER:
        rows = [f for f in record.findings if f.severity == severity]
        if not rows:
            continue
        blocks.append(Table(
            (Column("Where", weight=1.3), Column("Words", weight=1.3),
             Column("Finding", weight=3.2), Column("Triage", weight=1.4)),
            tuple(Row((_where(f), f.excerpt,
                       f"{f.message}" + (f" Suggestion: {f.suggestion}" if f.suggestion
                                         else "") + f" (Rule {f.rule_id}.)",
                       TRIAGE.get(f.triage, f.triage) + (f": {f.reason}" if f.reason else "")))
                  for f in rows),
            caption=f"{SEVERITY_LABELS[severity]} findings",
            sheet_name=f"{SEVERITY_LABELS[severity]} findings"))
    return tuple(blocks)


def _where(finding: FindingRow) -> str:
    # The title (level 0) heads every path, so the nearest heading says more.
    heading = finding.heading_path[-1] if len(finding.heading_path) > 1 else ""
    return f"{heading}, paragraph {finding.paragraph + 1}" if heading else \
        f"Paragraph {finding.paragraph + 1}"


def _checklist(record: RecordData) -> Table:
    answers = {item: (answer, note) for item, answer, note in record.checks}
    return Table(
        (Column("Step", weight=3), Column("Answer", weight=0.9), Column("Note", weight=3)),
        tuple(Row((label, ANSWERS.get(answers.get(item, ("", ""))[0], "Not answered"),
                   answers.get(item, ("", ""))[1]))
              for item, label in CHECKLIST.items()),
        caption="Proofing protocol", sheet_name="Checklist")


def _screening(record: RecordData) -> Table:
    answers = dict(record.screening)
    return Table(
        (Column("Question", weight=2), Column("Answer", weight=4)),
        tuple(Row((label, answers.get(key, "") or "Not answered"))
              for key, label in SCREENING.items()),
        caption="Impact assessment screening", sheet_name="Screening")


def _coverage(record: RecordData) -> tuple[Block, ...]:
    if not record.coverage:
        return (Paragraph.of("No scheme commitments were checked."),)
    return (Table(
        (Column("Commitment", weight=2.4), Column("Addressed", weight=0.9),
         Column("Best match", ColumnKind.NUMBER, weight=0.8),
         Column("Where it is addressed", weight=3.4)),
        tuple(Row((f"{c.id} {c.title}", "Yes" if c.addressed else "No",
                   round(c.matches[0][1], 2) if c.matches else None,
                   "; ".join(f"paragraph {p + 1}: {text}" for p, _, text in c.matches[:2])
                   or "Nothing in the draft addresses it."))
              for c in record.coverage),
        caption="Scheme commitments and the paragraphs that address them",
        sheet_name="Coverage"),
        Paragraph.of("A commitment counts as addressed when a paragraph shares enough of "
                     "its words (ranked text similarity, 0 to 1); read the paragraphs to "
                     "judge how well."))


def build_proofing_report(snapshot: ProofingSnapshot, today: date | None = None) -> Report:
    record = snapshot.record
    title_page = TitlePage(
        title=snapshot.title, organisation=snapshot.organisation,
        subtitle=f"{REPORT_TITLE}: {record.title}" if record else REPORT_TITLE,
        report_date=today or date.today(), author=snapshot.owner,
        version=record.version if record else "")
    if record is None:
        return Report(title_page, (Section("Summary", (Paragraph.of(
            "This workbook has no proofing records yet."),)),), subject=REPORT_TITLE)
    sections = (
        Section("Summary", _summary(record)),
        Section("Decision and sign-off", _decision(record)),
        Section("Findings", _findings(record)),
        Section("Checklist", (_checklist(record),)),
        Section("Screening", (_screening(record),)),
        Section("Coverage of the scheme", _coverage(record)),
    )
    return Report(title_page, sections, subject=REPORT_TITLE)
