"""A deterministic ~100-page report for the export benchmarks.

Shared by the Word, PDF and Excel benchmarks so all three measure the same document:
a title page, 20 sections with nested subsections, ~300 paragraphs of voluntary-sector
prose, 200 ten-row tables, 10 charts (every ChartKind), lists, key figures, notes and an
appendix. Seeded, so every run builds the identical report.

Import it with ``from bench.report_fixture import build_benchmark_report`` from the repository
root (or run ``python -m bench.report_fixture`` for a summary).
"""

from __future__ import annotations

import random
from datetime import date

from app.reports.model.report import (
    BulletList,
    Chart,
    ChartKind,
    Column,
    ColumnKind,
    KeyFigure,
    KeyFigures,
    Note,
    PageBreak,
    Paragraph,
    Report,
    Row,
    RowGroup,
    Section,
    Series,
    Span,
    Table,
    TitlePage,
)

SEED = 20261125
SECTION_COUNT = 20
TABLE_COUNT = 200
CHART_COUNT = 10

PEOPLE = (
    "Zażółć Gęślą",
    "Şükrü Ağaoğlu",
    "Nguyễn Thị Hương",
    "Siobhán Ní Bhriain",
    "Chidi Okonkwo",
    "Priya Ramanathan",
    "Eilidh MacLeòid",
    "José Núñez",
)
ORGANISATIONS = (
    "Northfield Community Forum",
    "Riverside Refugee Welcome",
    "Eastgate Elders' Lunch Club",
    "Hillcrest Youth Partnership",
    "Canal Side Women's Network",
)
TOPICS = (
    "board recruitment",
    "volunteer induction",
    "service-user feedback",
    "partnership working",
    "the equality scheme",
    "outreach to Gypsy and Traveller families",
    "interpreting and translation",
    "trustee training",
    "complaints handling",
    "monitoring of ethnicity data",
)
CATEGORIES = (
    "Bangladeshi",
    "Chinese",
    "Indian",
    "Pakistani",
    "Other Asian",
    "African",
    "Caribbean",
    "Other Black",
    "White and Asian",
    "White and Black African",
    "White and Black Caribbean",
    "Other Mixed or Multiple",
    "English, Welsh, Scottish, Northern Irish or British",
    "Irish",
    "Gypsy or Irish Traveller",
    "Roma",
    "Other White",
    "Arab",
    "Any other ethnic group",
)
GROUPS = (
    ("Asian, Asian British or Asian Welsh", CATEGORIES[0:5]),
    ("Black, Black British, Black Welsh, Caribbean or African", CATEGORIES[5:8]),
    ("Mixed or Multiple ethnic groups", CATEGORIES[8:12]),
    ("White", CATEGORIES[12:17]),
)
SENTENCES = (
    "During the year {org} reviewed its approach to {topic}, led by {person}.",
    "Members told us that {topic} had improved, although progress was uneven across the area.",
    "{person} chaired three workshops on {topic}, attended by {n} people from {k} organisations.",
    "The partnership agreed to prioritise {topic} in the next programme of work.",
    "Evidence gathered by {org} suggests that {topic} remains the area most in need of support.",
    "Volunteers highlighted the value of plain-English materials and of meeting people where "
    "they already gather.",
    "We recognise that the figures for smaller groups are uncertain and should be read with care.",
    "{org} has committed to publishing its monitoring results each autumn.",
    "Feedback from {n} service users was broadly positive, with particular praise for {topic}.",
    "The steering group, co-ordinated by {person}, will report back to members in the spring.",
)


def _sentence(rng: random.Random) -> str:
    template = rng.choice(SENTENCES)
    return template.format(
        org=rng.choice(ORGANISATIONS),
        topic=rng.choice(TOPICS),
        person=rng.choice(PEOPLE),
        n=rng.randint(12, 480),
        k=rng.randint(3, 40),
    )


def _paragraph(rng: random.Random) -> Paragraph:
    parts: list[str | Span] = [" ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))]
    roll = rng.random()
    if roll < 0.2:
        parts.append(" ")
        parts.append(Span("This is a priority for the coming year.", bold=True))
    elif roll < 0.35:
        parts.append(" See ")
        parts.append(Span("the ONS ethnicity guidance", link="https://www.ons.gov.uk/"))
        parts.append(" for definitions.")
    elif roll < 0.5:
        parts.append(" ")
        parts.append(Span("Figures are provisional.", italic=True))
    return Paragraph(tuple(parts))


def _table(rng: random.Random, index: int) -> Table:
    columns = (
        Column("Ethnic group", ColumnKind.TEXT, weight=3.0),
        Column("People", ColumnKind.COUNT),
        Column("Share", ColumnKind.PERCENT),
        Column("Ratio to population", ColumnKind.NUMBER),
    )
    style = index % 3
    if style == 1:  # grouped: two groups of four rows plus a total row, ten rows in all
        first, second = rng.choice(((0, 3), (0, 2), (3, 2), (3, 0)))
        head = GROUPS[first]
        tail = (GROUPS[second][0], GROUPS[second][1][: 9 - len(head[1])])
        labelled = [head, tail]
        counts = [[rng.randint(0, 120) for _ in cats] for _, cats in labelled]
    else:
        labelled = [("", tuple(rng.sample(CATEGORIES, 9 if style == 2 else 10)))]
        counts = [[rng.randint(0, 400) for _ in labelled[0][1]]]
    total = sum(sum(group) for group in counts) or 1
    body: list[Row | RowGroup] = []
    for (label, cats), group_counts in zip(labelled, counts, strict=True):
        rows = tuple(
            Row((cat, n, n / total, round(rng.uniform(0.2, 2.4), 2)))
            for cat, n in zip(cats, group_counts, strict=True)
        )
        body.append(RowGroup(label, rows) if label else rows[0])
        if not label:
            body.extend(rows[1:])
    if style != 0:
        body.append(Row(("Total", total, 1.0, None), is_total=True))
    return Table(
        columns=columns,
        body=tuple(body),
        caption=f"Table {index + 1}: people by ethnic group, {rng.choice(ORGANISATIONS)}",
        sheet_name=f"Table {index + 1}",
    )


def _chart(rng: random.Random, index: int) -> Chart:
    kinds = list(ChartKind)
    kind = kinds[index % len(kinds)]
    label = kind.value.replace("_", " ")
    n_cats = 6 if kind is ChartKind.RADAR else rng.randint(4, 7)
    categories = tuple(rng.sample(CATEGORIES[:12], n_cats))
    n_series = 1 if kind is ChartKind.BAR else rng.randint(2, 3)
    series = []
    for s in range(n_series):
        values = tuple(round(rng.uniform(0.05, 0.6), 3) for _ in categories)
        intervals = None
        if kind is ChartKind.GROUPED_BAR:
            intervals = tuple((max(0.0, v - 0.08), min(1.0, v + 0.08)) for v in values)
        series.append(Series(f"Round {s + 1}", values, intervals))
    return Chart(
        kind=kind,
        title=f"Figure {index + 1}: share of members by ethnic group ({label})",
        categories=categories,
        series=tuple(series),
        alt_text=(
            f"A {label} chart of the share of members in "
            f"{n_cats} ethnic groups across {n_series} round(s)."
        ),
        value_axis_title="Share of members",
        category_axis_title="Ethnic group",
        value_format="{:.0%}",
        value_max=1.0 if kind is not ChartKind.STACKED_BAR else None,
    )


def build_benchmark_report(table_count: int = TABLE_COUNT) -> Report:
    """Build the same ~100-page report on every call (fewer tables: a shorter one)."""
    rng = random.Random(SEED)
    tables = [_table(rng, i) for i in range(table_count)]
    charts = [_chart(rng, i) for i in range(CHART_COUNT)]
    per_section = table_count // SECTION_COUNT
    sections: list[Section] = []
    for s in range(SECTION_COUNT):
        topic = TOPICS[s % len(TOPICS)]
        heading = topic[0].upper() + topic[1:]  # not capitalize(): it would lower "Gypsy"
        subsections: list[Section] = []
        for sub in range(2):
            blocks: list[object] = [_paragraph(rng) for _ in range(3)]
            half = per_section // 2
            chunk = tables[s * per_section + sub * half : s * per_section + (sub + 1) * half]
            for table in chunk:
                blocks.append(table)
                blocks.append(_paragraph(rng))
            if sub == 1:
                blocks.append(
                    Section(
                        f"What we will do next on {topic}",
                        (
                            _paragraph(rng),
                            BulletList(
                                tuple(Paragraph.of(_sentence(rng)) for _ in range(4)), numbered=True
                            ),
                        ),
                    )
                )
            subsections.append(Section(f"{heading}: part {sub + 1}", tuple(blocks)))
        intro: list[object] = [_paragraph(rng) for _ in range(2)]
        intro.append(BulletList(tuple(Paragraph.of(_sentence(rng)) for _ in range(5))))
        if s % 4 == 0:
            intro.append(
                KeyFigures(
                    (
                        KeyFigure("Members", f"{rng.randint(120, 900):,}"),
                        KeyFigure(
                            "Representation ratio",
                            f"{rng.uniform(0.3, 1.4):.2f}",
                            "1.00 means proportional",
                        ),
                        KeyFigure("Response rate", f"{rng.randint(40, 95)}%"),
                    )
                )
            )
        if s % 2 == 0:
            intro.append(charts[s // 2])
        intro.append(
            Note(
                f"Figures for {topic} come from the {2020 + s % 6} members' survey.", label="Source"
            )
        )
        sections.append(
            Section(f"{s + 1}. {heading}", tuple(intro) + tuple(subsections) + (PageBreak(),))
        )
    appendix = Section(
        "Appendix A: method and definitions",
        (
            _paragraph(rng),
            BulletList(
                tuple(Paragraph.of(f"{c}: category from the 2021 Census.") for c in CATEGORIES[:8])
            ),
            Section("Data sources", (_paragraph(rng), Note("ONS Census 2021, table TS021."))),
        ),
    )
    return Report(
        title_page=TitlePage(
            title="Representation and Participation Review 2026",
            organisation="Northfield Council for Voluntary Service",
            subtitle="Annual report to members and partners",
            report_date=date(2026, 11, 25),
            author="Nguyễn Thị Hương and Şükrü Ağaoğlu",
            version="1.0",
        ),
        sections=tuple(sections),
        appendices=(appendix,),
        notes=(Note("Percentages may not sum to 100 because of rounding."),),
        subject="Benchmark report for the export engines",
    )


if __name__ == "__main__":
    report = build_benchmark_report()
    paragraphs = sum(1 for _, b in report.walk() if isinstance(b, Paragraph))
    print(f"{len(report.tables())} tables, {len(report.charts())} charts, {paragraphs} paragraphs")
