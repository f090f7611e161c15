"""The roll-up report: the assessments of one framework across workbooks, by area."""

from __future__ import annotations

from datetime import date

from app.assessments.rollup import Rollup
from app.reports.model.report import (
    Block,
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
    Table,
    TitlePage,
)

LEVEL_TITLES = {"local": "local area", "sub-regional": "sub-regional area",
                "regional": "region"}


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def build_rollup_report(rollup: Rollup, today: date | None = None) -> Report:
    framework = rollup.framework
    title = framework.title if framework is not None else rollup.framework_id
    level = LEVEL_TITLES.get(rollup.level, rollup.level)
    usable = [s for s in rollup.sources if s.usable]
    summary: list[Block] = [
        Paragraph.of(f"Self-assessments against {title}, collated by {level}. Each area's "
                     "section score is the mean of its assessments' section scores; criteria "
                     "that were not applicable or not answered are left out of scores."),
        KeyFigures((
            KeyFigure("Assessments", str(rollup.assessments)),
            KeyFigure("Workbooks read", f"{len(usable)} of {len(rollup.sources)}"),
            KeyFigure("Areas", str(len(rollup.areas))),
            KeyFigure("Framework versions", ", ".join(rollup.versions) or "none"),
        )),
        Table(
            (Column("Workbook", weight=2.5), Column("Assessments", ColumnKind.NUMBER),
             Column("Could not be used because", weight=4)),
            tuple(Row((s.path.name, s.assessments if s.usable else None, s.problem))
                  for s in rollup.sources),
            caption="Workbooks read", sheet_name="Workbooks",
        ),
    ]
    sections = [Section("Summary", tuple(summary))]
    if framework is not None and rollup.areas:
        top = max(level.score for level in framework.scale.levels)
        keys = list(rollup.areas[0].sections)
        score_rows = tuple(
            Row((s.title if s.depth == 1 else "  " * (s.depth - 1) + s.title,
                 *(_score(area.sections[i].mean) for area in rollup.areas)))
            for i, s in enumerate(keys))
        blocks: list[Block] = [
            Table((Column("Section", weight=3),
                   *(Column(area.name, ColumnKind.NUMBER) for area in rollup.areas)),
                  score_rows, caption=f"Mean section scores by {level} (0 to {top:g})",
                  sheet_name="Section scores"),
            Table((Column(level.capitalize(), weight=2),
                   Column("Assessments", ColumnKind.NUMBER),
                   Column("Workbooks", ColumnKind.NUMBER)),
                  tuple(Row((a.name, a.assessments, a.workbooks)) for a in rollup.areas),
                  caption=f"Assessments by {level}", sheet_name="Areas"),
        ]
        tops = [i for i, s in enumerate(keys) if s.depth == 1]
        blocks.append(Chart(
            ChartKind.RADAR if len(tops) >= 3 else ChartKind.GROUPED_BAR,
            f"Mean section scores by {level}",
            tuple(keys[i].key for i in tops),
            tuple(Series(area.name, tuple(area.sections[i].mean or 0.0 for i in tops))
                  for area in rollup.areas),
            alt_text=f"Mean score of each top-level section for each {level}, on a scale of "
                     f"0 to {top:g}. The same figures are in the table above.",
            value_max=top,
        ))
        sections.append(Section("Section scores", tuple(blocks)))
        labels = [label for _answer, label in rollup.answers]
        for area in rollup.areas:
            sections.append(Section(f"Ratings in {area.name}", (Table(
                (Column("Ref", weight=0.7), Column("Criterion", weight=3),
                 *(Column(label, ColumnKind.NUMBER) for label in labels)),
                tuple(Row((c.ref, c.title, *c.counts)) for c in area.criteria),
                caption=f"How many assessments gave each rating, {area.name}",
                sheet_name=f"Ratings {area.name}"[:31]),)))
    notes: list[Block] = []
    if rollup.unaligned:
        notes.append(Paragraph.of(
            "These answers name criteria that the newest version of the framework does not "
            "have, so they could not be aligned and are not counted above."))
        notes.append(Table(
            (Column("Ref", weight=0.7), Column("Workbook", weight=2),
             Column("Assessment", weight=2), Column("Framework version")),
            tuple(Row((u.ref, u.file_name, u.assessment, u.version))
                  for u in rollup.unaligned),
            caption="Answers that could not be aligned", sheet_name="Not aligned"))
        sections.append(Section("Not aligned", tuple(notes)))
    return Report(
        title_page=TitlePage(title=f"Roll-up: {title}", subtitle=f"By {level}",
                             report_date=today or date.today()),
        sections=tuple(sections),
        notes=(Note("Counts are of assessments, not of people.", "Note"),),
        subject="Self-assessment roll-up",
    )
