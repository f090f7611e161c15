"""Disclosure control, checked against small tables worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from app.reports.disclosure.control import (
    NOTE_LABEL,
    DisclosurePreset,
    apply_disclosure,
    disclosure_note,
    protect_table,
)
from app.reports.model.report import (
    Column,
    ColumnKind,
    Note,
    Paragraph,
    Report,
    Row,
    RowGroup,
    Section,
    Table,
    TitlePage,
)

TEXT = Column("Group")
COUNT = ColumnKind.COUNT
HES = DisclosurePreset.SUPPRESS_1_TO_7_ROUND_5
UNDER_10 = DisclosurePreset.SUPPRESS_UNDER_10
OFQUAL = DisclosurePreset.FEWER_THAN_5


def cells(table: Table) -> list[tuple]:
    return [row.cells[1:] for row in table.iter_rows()]


def crosstab(rows: list[tuple[str, int, int]], *, total_row: bool = True) -> Table:
    """Women, men and a row-total column, with a total row underneath if asked."""
    body = [Row((name, a, b, a + b)) for name, a, b in rows]
    if total_row:
        a_sum, b_sum = sum(r[1] for r in rows), sum(r[2] for r in rows)
        body.append(Row(("Total", a_sum, b_sum, a_sum + b_sum), is_total=True))
    return Table(
        (TEXT, Column("Women", COUNT), Column("Men", COUNT), Column("All", COUNT)),
        tuple(body),
        has_row_totals=True,
    )


def report_with(*tables: Table) -> Report:
    return Report(TitlePage("Board monitoring", report_date=date(2026, 11, 25)),
                  (Section("Findings", (Paragraph.of("Intro."), *tables)),))


# ---------------------------------------------------------------- secondary suppression


def test_a_one_in_a_row_with_a_shown_total_hides_a_second_cell_in_that_row() -> None:
    # Row A: 1 + 30 = 31. With 31 shown, 1 could be worked out as 31 - 30, so 30 goes too.
    table = crosstab([("A", 1, 30), ("B", 40, 29)], total_row=False)
    assert cells(protect_table(table, UNDER_10)) == [("[c]", "[c]", 31), (40, 29, 69)]


def test_a_hidden_cell_in_a_column_with_a_total_row_hides_a_second_cell_in_that_column() -> None:
    # Women column: 2 + 45 + 60 = 107 shown in the total row, so the smallest other (45) goes.
    table = Table(
        (TEXT, Column("Women", COUNT)),
        (Row(("A", 2)), Row(("B", 45)), Row(("C", 60)), Row(("Total", 107), is_total=True)),
    )
    assert cells(protect_table(table, UNDER_10)) == [("[c]",), ("[c]",), (60,), (107,)]


def test_a_row_with_two_small_cells_needs_nothing_more() -> None:
    # 3 + 4 = 7 with both hidden: neither can be worked out, so the other cells stay.
    table = Table(
        (TEXT, Column("A", COUNT), Column("B", COUNT), Column("C", COUNT), Column("All", COUNT)),
        (Row(("Row", 3, 4, 50, 57)),),
        has_row_totals=True,
    )
    assert cells(protect_table(table, UNDER_10)) == [("[c]", "[c]", 50, 57)]


def test_secondary_suppression_repeats_until_nothing_changes() -> None:
    # Row A hides 30 beside its 1; then the Men column has one hidden cell (30) against the
    # total 59, so 29 goes; then row B has one hidden cell (29) against 69, so 40 goes.
    table = crosstab([("A", 1, 30), ("B", 40, 29)])
    assert cells(protect_table(table, UNDER_10)) == [
        ("[c]", "[c]", 31),
        ("[c]", "[c]", 69),
        (41, 59, 100),
    ]


def test_the_total_is_hidden_when_no_other_cell_can_protect_a_lone_small_count() -> None:
    table = Table(
        (TEXT, Column("Only", COUNT), Column("All", COUNT)),
        (Row(("A", 3, 3)), Row(("B", 40, 40))),
        has_row_totals=True,
    )
    assert cells(protect_table(table, UNDER_10)) == [("[c]", "[c]"), (40, 40)]


def test_zero_is_not_used_to_protect_a_hidden_cell() -> None:
    # A hidden 2 beside a 0 and a 50: hiding the 0 would protect nothing, so the 50 goes.
    table = Table(
        (TEXT, Column("A", COUNT), Column("B", COUNT), Column("C", COUNT), Column("All", COUNT)),
        (Row(("Row", 2, 0, 50, 52)),),
        has_row_totals=True,
    )
    assert cells(protect_table(table, UNDER_10)) == [("[c]", 0, "[c]", 52)]


def test_a_percentage_column_counts_as_a_total_and_hidden_rows_lose_their_percentages() -> None:
    # Shares of the shown rows give the base away (40 is 40% of 100), so the 3 could be worked
    # out without a total row; the next smallest (17) is hidden, and both rows' shares too.
    table = Table(
        (TEXT, Column("People", COUNT), Column("Share", ColumnKind.PERCENT)),
        (Row(("A", 3, 0.03)), Row(("B", 17, 0.17)), Row(("C", 40, 0.40)), Row(("D", 40, 0.40))),
    )
    assert cells(protect_table(table, UNDER_10)) == [
        ("[c]", "[c]"),
        ("[c]", "[c]"),
        (40, 0.40),
        (40, 0.40),
    ]


def test_a_group_total_protects_within_its_group() -> None:
    table = Table(
        (TEXT, Column("People", COUNT)),
        (
            RowGroup("Board", (Row(("a", 12)), Row(("b", 28)), Row(("Board total", 40), True))),
            RowGroup("Staff", (Row(("c", 2)), Row(("d", 48)), Row(("Staff total", 50), True))),
            Row(("Total", 90), is_total=True),
        ),
    )
    assert cells(protect_table(table, UNDER_10)) == [
        (12,), (28,), (40,), ("[c]",), ("[c]",), (50,), (90,)
    ]


# ---------------------------------------------------------------- presets


def test_hes_hides_1_to_7_and_rounds_everything_else_to_5_totals_included() -> None:
    table = Table(
        (TEXT, Column("People", COUNT)),
        (Row(("A", 7)), Row(("B", 8)), Row(("C", 12)), Row(("D", 13)), Row(("E", 0)),
         Row(("Total", 40), is_total=True)),
    )
    # 7 is hidden; 8 (the next smallest) goes with it because the total is shown.
    assert cells(protect_table(table, HES)) == [("[c]",), ("[c]",), (10,), (15,), (0,), (40,)]


def test_fewer_than_5_shows_1_to_4_as_less_than_5_and_rounds_the_rest() -> None:
    table = Table(
        (TEXT, Column("People", COUNT)),
        (Row(("A", 4)), Row(("B", 1)), Row(("C", 5)), Row(("D", 7)), Row(("E", 8)),
         Row(("F", 0))),
    )
    assert cells(protect_table(table, OFQUAL)) == [("<5",), ("<5",), (5,), (5,), (10,), (0,)]


def test_under_10_keeps_other_counts_exact() -> None:
    table = Table((TEXT, Column("People", COUNT)), (Row(("A", 9)), Row(("B", 10)), Row(("C", 11)),
                                                     Row(("D", 12))))
    assert cells(protect_table(table, UNDER_10)) == [("[c]",), (10,), (11,), (12,)]


@pytest.mark.parametrize("preset", list(DisclosurePreset))
def test_zero_is_always_shown_as_zero(preset: DisclosurePreset) -> None:
    table = Table((TEXT, Column("People", COUNT)), (Row(("A", 0)), Row(("B", 250))))
    assert cells(protect_table(table, preset))[0] == (0,)


def test_percentages_are_worked_out_again_from_rounded_counts() -> None:
    # 23 of 200 would be 11.5% and give the exact count away; 25 of 200 is 12.5%.
    table = Table(
        (TEXT, Column("People", COUNT), Column("Share", ColumnKind.PERCENT)),
        (Row(("A", 23, 0.115)), Row(("B", 177, 0.885)), Row(("Total", 200, 1.0), is_total=True)),
    )
    assert cells(protect_table(table, HES)) == [(25, 0.125), (175, 0.875), (200, 1.0)]


def test_text_and_number_columns_are_left_alone() -> None:
    table = Table(
        (TEXT, Column("People", COUNT), Column("Ratio", ColumnKind.NUMBER)),
        (Row(("3 members", 3, 2.0)), Row(("B", 40, 0.5)), Row(("C", 50, 1.5))),
    )
    protected = protect_table(table, UNDER_10)
    assert [r.cells[0] for r in protected.iter_rows()] == ["3 members", "B", "C"]
    assert [r.cells[2] for r in protected.iter_rows()] == [2.0, 0.5, 1.5]


# ---------------------------------------------------------------- the report


def test_none_changes_nothing() -> None:
    report = report_with(crosstab([("A", 1, 30), ("B", 40, 29)]))
    assert apply_disclosure(report, DisclosurePreset.NONE) is report


def test_the_rule_is_stated_in_plain_words_in_the_report_and_under_each_changed_table() -> None:
    changed = crosstab([("A", 1, 30), ("B", 40, 29)])
    unchanged = crosstab([("A", 10, 30), ("B", 40, 29)])
    report = apply_disclosure(report_with(changed, unchanged), UNDER_10)
    note = report.notes[-1]
    assert note.label == NOTE_LABEL
    assert "Counts from 1 to 9 are hidden and marked [c]" in note.text
    assert "Zero is shown as 0." in note.text
    blocks = report.sections[0].blocks
    assert isinstance(blocks[2], Note) and "[c]" in blocks[2].text
    assert blocks[3] == unchanged  # no note under a table nothing happened to
    assert len(blocks) == 4


def test_each_preset_describes_itself() -> None:
    for preset in DisclosurePreset:
        assert preset.label and preset.description.endswith(".")
        assert preset.source.endswith(".") and preset.source in preset.help_text
    # Labels say what the choice does; where a rule comes from is help text, not the label.
    assert [p.label for p in DisclosurePreset] == [
        "Show all numbers",
        "Hide numbers below 5 and round others to 5",
        "Hide 1 to 7 and round others to 5",
        "Hide numbers below 10",
    ]
    for preset in DisclosurePreset:
        assert not any(word in preset.label for word in ("Ofqual", "NHS", "Hospital", "style",
                                                          "university", "disclosure"))
    assert "Hospital Episode Statistics" in HES.help_text
    assert "rounded to the nearest 5" in disclosure_note(HES).text
    assert "<5" in disclosure_note(OFQUAL).text


def test_applying_twice_adds_no_second_note_and_hides_nothing_more() -> None:
    report = report_with(crosstab([("A", 1, 30), ("B", 40, 29)]))
    once = apply_disclosure(report, UNDER_10)
    assert apply_disclosure(once, UNDER_10) == once


def test_appendix_tables_are_protected_too() -> None:
    base = report_with()
    appendix = Section("Appendix", (crosstab([("A", 1, 30), ("B", 40, 29)]),))
    protected = apply_disclosure(Report(base.title_page, base.sections, (appendix,)), HES)
    assert protected.tables()[0].iter_rows()[0].cells[1] == "[c]"


def test_the_note_under_a_table_mentions_only_what_happened_to_it() -> None:
    rounded_only = Table((TEXT, Column("People", COUNT)), (Row(("A", 12)), Row(("B", 48))))
    small = Table((TEXT, Column("People", COUNT)), (Row(("A", 2)), Row(("B", 4)),
                                                    Row(("C", 48))))
    report = apply_disclosure(report_with(rounded_only, small), OFQUAL)
    blocks = report.sections[0].blocks
    assert blocks[2] == Note("Counts rounded to the nearest 5.", label=NOTE_LABEL)
    assert blocks[4].text == "<5: between 1 and 4. Counts rounded to the nearest 5."
