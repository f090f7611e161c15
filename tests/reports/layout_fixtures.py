"""Reports that test how tables sit on the page: long ones, wide ones."""

from __future__ import annotations

from datetime import date

from app.reports.model.report import (
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

GROUPS = (
    "White British", "White Irish", "Gypsy or Irish Traveller", "Roma", "Other White",
    "White and Black Caribbean", "Indian", "Pakistani", "Bangladeshi", "Chinese",
    "Black African", "Black Caribbean", "Arab",
)
PROSE = "Members met in the community hall to agree the plan for the coming year. " * 8


def wide_table() -> Table:
    return Table(
        columns=(Column("Body", weight=2), *(Column(g, ColumnKind.COUNT) for g in GROUPS)),
        body=tuple(
            Row((f"Board {n}", *(((n * 37 + i * 11) % 900) + 10 for i in range(len(GROUPS)))))
            for n in range(1, 9)
        ),
        caption="Table 2: members by ethnic group and body",
        sheet_name="Table 2",
    )


def long_table(rows: int = 60) -> Table:
    return Table(
        columns=(Column("Member", weight=3), Column("Joined"), Column("Count", ColumnKind.COUNT)),
        body=tuple(
            Row((f"Member row {n}", f"Round {n % 4 + 1}", n * 3)) for n in range(1, rows + 1)
        ),
        caption="Table 1: every member",
        sheet_name="Table 1",
    )


def layout_report() -> Report:
    return Report(
        TitlePage("Layout review", organisation="Northfield CVS", report_date=date(2026, 11, 30)),
        (
            Section(
                "Background",
                (
                    KeyFigures((KeyFigure("Evidence files", "3"), KeyFigure("Changes", "14"),
                                KeyFigure("Last changed", "30 November 2026"))),
                    *(Paragraph.of(PROSE) for _ in range(5)),
                ),
            ),
            Section("Who joined", (long_table(),)),
            Section("Boards", (Paragraph.of("Membership of each board."), wide_table())),
            Section("After the tables", (Paragraph.of("Back on a portrait page."),)),
        ),
    )
