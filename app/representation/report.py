"""The representation report: each audited body by ethnic group against its area, with
verdicts in plain words, a chart of shares, the body over time, the method and the
representation questionnaire.

Every value worked out from a count (share, ratio, interval, parity gap, verdict, the
sentence that explains it) sits in a column that names its count (`Column.derived_from`)
and knows how to work itself out again from the counts as shown (`Column.recompute`), and
the chart and key figures repeat table cells (`CellRef`): so a published export never lets
a hidden count be worked out from anything it shows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.disclosure.control import internal_banner, internal_note
from app.reports.model.formatting import table_texts
from app.reports.model.report import (
    BulletList,
    CellRef,
    CellValue,
    Chart,
    ChartKind,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Note,
    Paragraph,
    Report,
    Row,
    Section,
    Series,
    Span,
    Table,
    TitlePage,
)
from app.representation.analysis import Comparison, Line, compare
from app.representation.statistics import ALPHA, PROPORTIONATE_WIDTH, Verdict, metrics
from app.representation.store import (
    Answer,
    get_answers,
    get_baseline,
    list_audits,
    list_expanded,
)
from app.representation.vocabulary import BODY_KINDS, QUESTIONS, RATINGS, ROLES
from app.workbook.info import get_info
from app.workbook.models import EvidenceFile

REPORT_TITLE = "Representation audit"
_Block = Paragraph | KeyFigures | Table | Chart | Note | BulletList | Section


@dataclass(frozen=True)
class RepresentationSnapshot:
    title: str
    organisation: str
    owner: str
    comparisons: tuple[Comparison, ...]
    answers: tuple[Answer, ...]
    evidence_names: tuple[tuple[uuid.UUID, str], ...]


def take_snapshot(session: Session, path: Path) -> RepresentationSnapshot:
    info = get_info(session)
    expanded = list_expanded(session)
    comparisons = []
    for audit in list_audits(session):
        baseline = get_baseline(session, audit.baseline_id) if audit.baseline_id else None
        comparisons.append(compare(audit, baseline, expanded))
    answers = get_answers(session)
    names = tuple((e.id, e.name) for e in session.scalars(select(EvidenceFile)))
    return RepresentationSnapshot(
        info.title, info.organisation, info.owner, tuple(comparisons),
        tuple(answers[q.id] for q in QUESTIONS if q.id in answers), names)


# ---------------------------------------------------------------- working values out again

Grid = Sequence[Sequence[CellValue]]
BaseOf = Callable[[int, Grid], CellValue]


def _whole(value: CellValue) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _recompute(field: str, count_col: int, base_of: BaseOf, shares: Sequence[float | None],
               noun: str) -> Callable[[int, Grid], CellValue]:
    """A `Column.recompute` that works `field` out again from the counts as shown."""

    def work_out(row: int, grid: Grid) -> CellValue:
        x, n = _whole(grid[row][count_col]), _whole(base_of(row, grid))
        if x is None or n is None or row >= len(shares) or x > n:
            return None
        return _metric(field, x, n, shares[row], noun)

    return work_out


def _metric(field: str, x: int, n: int, p: float | None, noun: str) -> CellValue:
    m = metrics(x, n, p, noun)
    if field == "share":
        return m.share
    if field == "ratio":
        return m.ratio
    if field == "low":
        return m.interval[0] if m.interval else None
    if field == "high":
        return m.interval[1] if m.interval else None
    if field == "gap":
        return m.parity_gap
    if field == "verdict":
        return m.verdict.words
    return m.explanation


def _metric_columns(count_col: int, base_of: BaseOf, shares: Sequence[float | None],
                    noun: str) -> tuple[Column, ...]:
    def derived(title: str, kind: ColumnKind, field: str, weight: float) -> Column:
        return Column(title, kind, weight, derived_from=count_col,
                      recompute=_recompute(field, count_col, base_of, shares, noun))

    return (
        derived("Share of body", ColumnKind.PERCENT, "share", 1.0),
        derived("Ratio to area", ColumnKind.NUMBER, "ratio", 0.9),
        derived("95% interval from", ColumnKind.PERCENT, "low", 1.0),
        derived("to", ColumnKind.PERCENT, "high", 0.8),
        derived("Parity gap", ColumnKind.NUMBER, "gap", 0.8),
        derived("Verdict", ColumnKind.TEXT, "verdict", 1.4),
        derived("What this means", ColumnKind.TEXT, "explanation", 2.6),
    )


def _metric_cells(line: Line) -> tuple[CellValue, ...]:
    m = line.metrics
    return (m.share, m.ratio, m.interval[0] if m.interval else None,
            m.interval[1] if m.interval else None, m.parity_gap, m.verdict.words,
            m.explanation)


# ---------------------------------------------------------------- one audit


def _title(c: Comparison) -> str:
    return f"{c.audit.body_label}, {c.audit.audit_date:%d/%m/%Y}"


def _group_table(c: Comparison, ref: str) -> Table:
    people = c.noun[:1].upper() + c.noun[1:]
    total_row = len(c.groups)
    shares = [line.metrics.baseline_share for line in c.groups]
    columns = (
        Column("Ethnic group", weight=2.4),
        Column("Share of area", ColumnKind.PERCENT, 1.0, reference=True),
        Column(people, ColumnKind.COUNT, 0.9),
        *_metric_columns(2, lambda _row, grid: grid[total_row][2], shares, c.noun),
    )
    label = {line.key: line.label + (" (approximate)" if line.match != "exact" else "")
             for line in c.groups}
    rows = [Row((label[line.key], line.metrics.baseline_share, line.metrics.count,
                 *_metric_cells(line))) for line in c.groups]
    rows.append(Row(("All who stated their ethnic group",
                     1.0 if c.baseline and any(shares) else None, c.stated,
                     *([None] * 7)), is_total=True))
    return Table(columns, tuple(rows), caption=f"{_title(c)}: by ethnic group",
                 sheet_name=f"Groups {ref[-2:]}", ref=ref)


def _minorities_table(c: Comparison, ref: str) -> Table:
    line = c.minorities
    people = c.noun[:1].upper() + c.noun[1:]
    columns = (
        Column("Group", weight=2.4),
        Column("Share of area", ColumnKind.PERCENT, 1.0, reference=True),
        Column(people, ColumnKind.COUNT, 0.9),
        Column("Of all who stated", ColumnKind.COUNT, 0.9),
        *_metric_columns(2, lambda row, grid: grid[row][3], [line.metrics.baseline_share],
                         c.noun),
    )
    row = Row((line.label, line.metrics.baseline_share, line.metrics.count, c.stated,
               *_metric_cells(line)))
    return Table(columns, (row,), caption=f"{_title(c)}: ethnic minorities together",
                 sheet_name=f"Minorities {ref[-2:]}", ref=ref)


def _not_stated_table(c: Comparison, ref: str) -> Table:
    people = c.noun[:1].upper() + c.noun[1:]
    rows = [Row((label, count)) for label, count in c.not_stated]
    rows.append(Row(("All who did not state it", c.not_stated_total), is_total=True))
    return Table((Column("Ethnic group not stated", weight=2.4),
                  Column(people, ColumnKind.COUNT, 0.9)), tuple(rows),
                 caption=f"{_title(c)}: ethnic group not stated",
                 sheet_name=f"Not stated {ref[-2:]}", ref=ref)


def shares_chart(c: Comparison, ref: str) -> Chart:
    """The body's shares against the area's, by group (the report's chart and the audit
    screen's draw this one definition)."""
    n = len(c.groups)
    body = c.audit.body_label
    return Chart(
        ChartKind.GROUPED_BAR,
        f"{body}: share of the body and of the area, by ethnic group",
        tuple(line.label for line in c.groups),
        (
            Series(body, tuple(line.metrics.share or 0.0 for line in c.groups),
                   intervals=tuple(line.metrics.interval or (0.0, 0.0) for line in c.groups),
                   cells=tuple(CellRef(ref, r, 3) for r in range(n)),
                   interval_cells=tuple((CellRef(ref, r, 5), CellRef(ref, r, 6))
                                        for r in range(n))),
            Series("Area population", tuple(line.metrics.baseline_share or 0.0
                                            for line in c.groups),
                   cells=tuple(CellRef(ref, r, 1) for r in range(n))),
        ),
        alt_text=f"Grouped bar chart comparing each ethnic group's share of the {body} with "
                 "its share of the area's population; lines on the body's bars show the 95% "
                 "interval. The table above gives the figures.",
        value_axis_title="Share",
        category_axis_title="Ethnic group",
        value_format="{:.0%}",
    )


def _audit_section(c: Comparison, index: int) -> Section:
    ref = f"audit-{index:02d}"
    audit = c.audit
    kind = BODY_KINDS.get(audit.body_kind, audit.body_kind)
    role = f" Its role of engagement: {ROLES[audit.role].lower()}." if audit.role in ROLES else ""
    if c.baseline is None:
        compared = "It has no baseline yet, so shares are shown without a comparison."
    else:
        area = c.baseline.area_name or c.baseline.name
        code = f" ({c.baseline.area_code})" if c.baseline.area_code else ""
        compared = (f"It is compared with the population of {area}{code}, from "
                    f"“{c.baseline.name}”: {c.baseline.source}")
    tables = {ref: _group_table(c, ref), f"{ref}-em": _minorities_table(c, f"{ref}-em"),
              f"{ref}-ns": _not_stated_table(c, f"{ref}-ns")}

    def figure(label: str, cell: CellRef) -> KeyFigure:
        # The exact text here; disclosure control replaces it with the protected cell's.
        return KeyFigure(label, table_texts(tables[cell.table])[cell.row][cell.column],
                         cell=cell)

    blocks: list[_Block] = [
        Paragraph.of(f"{kind}: {audit.body_label}, as at {audit.audit_date:%d/%m/%Y}, in the "
                     f"{c.classification.title} categories. {compared}{role}"),
        KeyFigures((
            figure("Stated their ethnic group", CellRef(ref, len(c.groups), 2)),
            figure("Did not state it", CellRef(f"{ref}-ns", len(c.not_stated), 1)),
            figure("Ethnic minorities: verdict", CellRef(f"{ref}-em", 0, 9)),
        )),
        *tables.values(),
    ]
    if c.baseline is not None and c.stated:
        blocks.append(shares_chart(c, ref))
    blocks.extend(Note(note) for note in c.notes)
    if audit.notes:
        blocks.append(Note(audit.notes, label="Where the figures come from"))
    return Section(_title(c), tuple(blocks))


# ---------------------------------------------------------------- over time


def _history_sections(comparisons: Sequence[Comparison]) -> list[Section]:
    bodies: dict[tuple[str, str], list[Comparison]] = {}
    for c in comparisons:
        bodies.setdefault((c.audit.body_kind, c.audit.body_name), []).append(c)
    sections = []
    for number, series in enumerate(b for b in bodies.values() if len(b) > 1):
        series.sort(key=lambda c: c.audit.audit_date)
        ref = f"history-{number:02d}"
        shares = [c.minorities.metrics.baseline_share for c in series]
        noun = series[0].noun
        columns = (
            Column("Date", ColumnKind.DATE, 1.0),
            Column("Ethnic minorities", ColumnKind.COUNT, 1.0),
            Column("All who stated", ColumnKind.COUNT, 1.0),
            Column("Share of area", ColumnKind.PERCENT, 1.0, reference=True),
            Column("Share of body", ColumnKind.PERCENT, 1.0, derived_from=1,
                   recompute=_recompute("share", 1, lambda r, g: g[r][2], shares, noun)),
            Column("Verdict", ColumnKind.TEXT, 1.4, derived_from=1,
                   recompute=_recompute("verdict", 1, lambda r, g: g[r][2], shares, noun)),
        )
        rows = tuple(Row((c.audit.audit_date, c.minorities.metrics.count, c.stated,
                          c.minorities.metrics.baseline_share, c.minorities.metrics.share,
                          c.minorities.metrics.verdict.words)) for c in series)
        sections.append(Section(f"{series[0].audit.body_label} over time", (
            Paragraph.of("Ethnic minorities on the body at each audit, against the area's "
                         "share at the time of each audit's baseline."),
            Table(columns, rows, caption=f"{series[0].audit.body_label} over time",
                  sheet_name=f"Over time {number + 1}", ref=ref),
        )))
    return sections


# ---------------------------------------------------------------- words around the figures


def _legend() -> Section:
    items = tuple(Paragraph.of(Span(f"{v.words}: ", bold=True), v.meaning)
                  for v in (Verdict.UNDER, Verdict.PROPORTIONATE, Verdict.OVER,
                            Verdict.INCONCLUSIVE, Verdict.NO_BASELINE))
    return Section("What the verdicts mean", (BulletList(items),))


def _method() -> Section:
    return Section("How the figures are worked out", (
        Paragraph.of(
            "Shares are worked out among the people who stated their ethnic group; those who "
            "preferred not to say, or whose ethnic group is not known, are shown apart and "
            "left out of the shares, as the area's figures leave them out too. The ratio to "
            "area is the group's share of the body divided by its share of the area's "
            "population: 1.00 means in proportion, below 1.00 fewer than in proportion."),
        Paragraph.of(
            "The 95% interval is the Wilson score interval: the range of shares the body's "
            "figures are consistent with. It stays honest for small bodies and for groups "
            "with no members at all. The exact binomial test asks how likely a difference "
            "at least this large would be if the body were drawn at random from the area's "
            "population."),
        Paragraph.of(
            "A group is called under- or over-represented only when the interval leaves out "
            f"the area's share and the test gives a probability below {ALPHA:.2f}. It is "
            "called proportionate only when the interval holds the area's share and is no "
            f"wider than {PROPORTIONATE_WIDTH:.0%} points. Otherwise the verdict is "
            "inconclusive: with a small body, chance alone could explain the difference."),
        Paragraph.of(
            "The parity gap is how many more members from the group the body would need, "
            "with everyone else unchanged, for the group's share to reach the area's share."),
        Paragraph.of(
            "When this report is published, small numbers are controlled as the Notes "
            "describe. Shares, ratios, intervals, parity gaps, verdicts and the chart are "
            "then worked out from the counts as shown: where a count is hidden they are "
            "hidden too, and where counts are rounded they come from the rounded counts, "
            "so no hidden number can be worked out from them."),
    ))


def _questionnaire(snapshot: RepresentationSnapshot) -> Section:
    answers = {a.question: a for a in snapshot.answers}
    names = dict(snapshot.evidence_names)
    blocks: list[_Block] = [Paragraph.of(
        "How the organisation represents BME voluntary and community organisations, in "
        "answer to the five questions of the audit.")]
    for q in QUESTIONS:
        answer = answers.get(q.id)
        blocks.append(Paragraph.of(Span(f"{q.number}. {q.text}", bold=True)))
        if answer is None or not (answer.rating or answer.narrative):
            blocks.append(Paragraph.of("Not answered yet."))
            continue
        blocks.append(Paragraph.of(Span("Rating: ", bold=True), RATINGS[answer.rating]))
        if answer.narrative:
            blocks.append(Paragraph.of(answer.narrative))
        files = [names[e] for e in answer.evidence if e in names]
        if files:
            blocks.append(Paragraph.of(Span("Evidence: ", bold=True), "; ".join(files)))
    return Section("Representation questionnaire", tuple(blocks))


def build_representation_report(snapshot: RepresentationSnapshot,
                                today: date | None = None) -> Report:
    comparisons = snapshot.comparisons
    summary: list[_Block] = [internal_banner()]
    if comparisons:
        summary.append(Paragraph.of(
            f"This report compares the make-up of {len(comparisons)} bod"
            f"{'y' if len(comparisons) == 1 else 'ies'} by ethnic group with the population "
            "of the area each serves. Each verdict says in plain words what the figures can "
            "show and what they cannot: with a small body, most differences could be "
            "chance, and the report says so rather than call them under-representation."))
    else:
        summary.append(Paragraph.of("No representation audits have been recorded yet."))
    sections = [Section("Summary", tuple(summary))]
    sections += [_audit_section(c, i) for i, c in enumerate(comparisons, start=1)]
    sections += _history_sections(comparisons)
    sections += [_legend(), _method(), _questionnaire(snapshot)]
    return Report(
        title_page=TitlePage(
            title=snapshot.title,
            organisation=snapshot.organisation,
            subtitle=REPORT_TITLE,
            report_date=today or date.today(),
            author=snapshot.owner,
        ),
        sections=tuple(sections),
        notes=(internal_note(),),
        subject=REPORT_TITLE,
    )
