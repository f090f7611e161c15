"""The roll-up report: the assessments of one framework across workbooks, by area."""

from __future__ import annotations

from datetime import date

from app.assessments.rollup import AreaResult, Rollup
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
LABEL_CHARACTERS = 40  # about three short lines beside a radar chart, where labels wrap
_LOOSE_ENDS = {"and", "or", "of", "the", "for", "to", "in", "with", "a", "an", "by", "on"}


def chart_label(title: str, limit: int = LABEL_CHARACTERS) -> str:
    """A section's title short enough for a chart label: whole words, and "…" when cut
    (the tables beside the chart give it in full). The charts wrap what is left."""
    text = " ".join(title.split())
    if len(text) <= limit:
        return text
    words: list[str] = []
    for word in text.split():
        if len(" ".join([*words, word])) > limit - 1:
            break
        words.append(word)
    while len(words) > 1 and words[-1].casefold().strip(",;:–-") in _LOOSE_ENDS:
        words.pop()  # "Impact of…" reads better than "Impact of the…"
    if not words:  # one very long word
        return text[: limit - 1] + "…"
    return " ".join(words).rstrip(",;:–-") + "…"


def _chart_labels(titles: list[str]) -> tuple[str, ...]:
    """Short titles; two that would read the same keep their whole titles."""
    short = [chart_label(t) for t in titles]
    return tuple(t if short.count(s) > 1 else s for s, t in zip(short, titles, strict=True))


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _spread_table(area: AreaResult, top: float) -> Table:
    """One area's section scores as the roll-up dialog gives them: the mean, the lowest and
    highest of its assessments' scores, and how many assessments had a score."""
    return Table(
        (Column("Section", weight=3), Column("Mean", ColumnKind.NUMBER),
         Column("Lowest", ColumnKind.NUMBER), Column("Highest", ColumnKind.NUMBER),
         Column("Assessments", ColumnKind.NUMBER)),
        tuple(Row((s.title if s.depth == 1 else "  " * (s.depth - 1) + s.title,
                   _score(s.mean), _score(s.low), _score(s.high), s.assessments))
              for s in area.sections),
        caption=f"Section scores in {area.name} (0 to {top:g})",
        sheet_name=f"Scores {area.name}"[:31])


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
            _chart_labels([keys[i].title for i in tops]),
            tuple(Series(area.name, tuple(area.sections[i].mean or 0.0 for i in tops))
                  for area in rollup.areas),
            alt_text=f"Mean score of each top-level section for each {level}, on a scale of "
                     f"0 to {top:g}. The same figures are in the table above.",
            value_max=top,
        ))
        sections.append(Section("Section scores", tuple(blocks)))
        labels = [label for _answer, label in rollup.answers]
        for area in rollup.areas:
            sections.append(Section(f"Scores and ratings in {area.name}", (
                _spread_table(area, top),
                Table(
                    (Column("Ref", weight=0.7), Column("Criterion", weight=3),
                     *(Column(label, ColumnKind.NUMBER) for label in labels)),
                    tuple(Row((c.ref, c.title, *c.counts)) for c in area.criteria),
                    caption=f"How many assessments gave each rating, {area.name}",
                    sheet_name=f"Ratings {area.name}"[:31]))))
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
