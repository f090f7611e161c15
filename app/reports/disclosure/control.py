"""Disclosure control: hide and round small counts before a report is published.

`apply_disclosure(report, preset)` returns a new report in which every COUNT cell follows
the preset's rule, a plain-words note states the rule, and secondary suppression stops a
hidden count being worked out from a total. The cell-level work lives in
`app.reports.disclosure.suppression.TableGrid`; both modules are pure Python so the CLI, the GUI and
the tests share them.

Rules, in the order they are applied to each table:
1. Primary: counts from 1 to the preset's limit are hidden ("<5" or "[c]"). Zero stays 0.
2. Secondary: a total "reveals" its members when every member but one is shown. Totals are
   the row-total column (`Table.has_row_totals`), each total row (`Row.is_total`; inside a
   row group it totals that group, at the top level the whole table) and, implicitly, the
   denominator of a percentage column, because shares of the shown rows give the total away.
   Where exactly one member of a shown total is hidden, the smallest shown non-zero member is
   hidden too (or, failing that, the total); repeated until nothing changes.
3. Percentages: in a row where any count is hidden, every PERCENT cell is hidden as well.
4. Rounding: shown counts, totals included, are rounded to the nearest 5 where the preset
   rounds, and percentages are recalculated from the rounded figures when the table shows
   what they are a percentage of (see `TableGrid.recalculate_percentages`).
Charts and key figures are not touched: modules must not put raw counts of people in them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from app.reports.disclosure.suppression import TableGrid
from app.reports.model.report import Note, Report, Row, RowGroup, Section, Table

CONFIDENTIAL = "[c]"  # the ONS symbol for a value withheld to protect confidentiality
FEWER_THAN_5 = "<5"
NOTE_LABEL = "Disclosure control"


@dataclass(frozen=True)
class DisclosureRule:
    suppress_up_to: int  # counts 1..suppress_up_to are hidden; 0 hides nothing
    round_to: int  # 1 shows counts exactly
    symbol: str  # what a primary-suppressed cell shows
    label: str  # what the choice does, in a few plain words, for a dialog
    rule_words: str  # the rule in plain words, for the report's note
    source: str = ""  # where the rule comes from: a help line, never the label


class DisclosurePreset(Enum):
    NONE = "none"
    FEWER_THAN_5 = "fewer_than_5"
    SUPPRESS_1_TO_7_ROUND_5 = "suppress_1_to_7_round_5"
    SUPPRESS_UNDER_10 = "suppress_under_10"

    @property
    def rule(self) -> DisclosureRule:
        return _RULES[self]

    @property
    def label(self) -> str:
        return self.rule.label

    @property
    def description(self) -> str:
        """One sentence for a dialog or a tooltip."""
        return self.rule.rule_words

    @property
    def source(self) -> str:
        """Where the rule comes from, as a sentence ("" for none)."""
        return self.rule.source

    @property
    def help_text(self) -> str:
        """What the rule does and where it comes from: a dialog's help line or tooltip."""
        return " ".join(part for part in (self.description, self.source) if part)

    @property
    def suppresses(self) -> bool:
        return self is not DisclosurePreset.NONE


_RULES: dict[DisclosurePreset, DisclosureRule] = {
    DisclosurePreset.NONE: DisclosureRule(
        0, 1, "", "Show all numbers",
        "All counts are shown exactly, including counts small enough to identify a person.",
        "Use this only for reports that stay inside your organisation.",
    ),
    DisclosurePreset.FEWER_THAN_5: DisclosureRule(
        4, 5, FEWER_THAN_5, "Hide numbers below 5 and round others to 5",
        "Counts from 1 to 4 are shown as <5 and all other counts, including totals, are "
        "rounded to the nearest 5.",
        "Ofqual publishes its statistics this way.",
    ),
    DisclosurePreset.SUPPRESS_1_TO_7_ROUND_5: DisclosureRule(
        7, 5, CONFIDENTIAL, "Hide 1 to 7 and round others to 5",
        "Counts from 1 to 7 are hidden and marked [c], and all other counts, including totals, "
        "are rounded to the nearest 5.",
        "This is the rule the NHS uses for Hospital Episode Statistics.",
    ),
    DisclosurePreset.SUPPRESS_UNDER_10: DisclosureRule(
        9, 1, CONFIDENTIAL, "Hide numbers below 10",
        "Counts from 1 to 9 are hidden and marked [c]; all other counts are shown exactly.",
        "Many universities publish their equality data this way.",
    ),
}


def disclosure_note(preset: DisclosurePreset) -> Note:
    """The report-level note that states the rule in plain words."""
    rule = preset.rule
    if not preset.suppresses:
        return Note(rule.rule_words, label=NOTE_LABEL)
    words = [
        "To protect people's privacy, small numbers in this report's tables are controlled.",
        rule.rule_words,
        "Zero is shown as 0.",
        "[c] marks a figure withheld to protect confidentiality: where a hidden count could be "
        "worked out from a total or from percentages, another count in the same row or column "
        "is hidden too, and percentages in a row with a hidden count are also hidden.",
    ]
    if rule.source:
        words.append(rule.source)
    if rule.round_to > 1:
        words.append(
            "Because of rounding, figures may not add up to the totals shown, and percentages "
            "are worked out from the rounded figures where possible."
        )
    return Note(" ".join(words), label=NOTE_LABEL)


def table_note(preset: DisclosurePreset, table: Table) -> Note:
    """The short note under a table that disclosure control changed: only what applies."""
    shown = {cell for row in table.iter_rows() for cell in row.cells if isinstance(cell, str)}
    parts = []
    if FEWER_THAN_5 in shown:
        parts.append("<5: between 1 and 4.")
    if CONFIDENTIAL in shown:
        parts.append("[c]: withheld to protect confidentiality.")
    if preset.rule.round_to > 1:
        parts.append(f"Counts rounded to the nearest {preset.rule.round_to}.")
    return Note(" ".join(parts), label=NOTE_LABEL)


def apply_disclosure(report: Report, preset: DisclosurePreset) -> Report:
    """Return a copy of `report` with every table protected by `preset`.

    NONE returns the report unchanged, and so does a report with no counts of people in
    it (a note about hidden counts would only puzzle its readers); applying a preset twice
    hides nothing more.
    """
    if not preset.suppresses or not any(
        column.is_count for table in report.tables() for column in table.columns
    ):
        return report

    def protect(section: Section) -> Section:
        blocks: list = []
        for index, block in enumerate(section.blocks):
            if isinstance(block, Section):
                blocks.append(protect(block))
            elif isinstance(block, Table):
                protected = protect_table(block, preset)
                blocks.append(protected)
                following = section.blocks[index + 1] if index + 1 < len(section.blocks) else None
                noted = isinstance(following, Note) and following.label == NOTE_LABEL
                if protected != block and not noted:
                    blocks.append(table_note(preset, protected))
            else:
                blocks.append(block)
        return replace(section, blocks=tuple(blocks))

    report_note = disclosure_note(preset)
    notes = report.notes if report_note in report.notes else (*report.notes, report_note)
    return replace(
        report,
        sections=tuple(protect(s) for s in report.sections),
        appendices=tuple(protect(s) for s in report.appendices),
        notes=notes,
    )


def protect_table(table: Table, preset: DisclosurePreset) -> Table:
    """Apply `preset` to one table; tables without COUNT columns come back unchanged."""
    if not preset.suppresses or not any(c.is_count for c in table.columns):
        return table
    grid = TableGrid(table, preset.rule)
    grid.protect()
    cells = grid.result_cells()
    if all(new == row.cells for new, row in zip(cells, grid.rows, strict=True)):
        return table
    return _rebuild(table, cells)


def _rebuild(table: Table, cells: list[tuple]) -> Table:
    """Put new cell values back into the table's original row and group structure."""
    feed = iter(cells)

    def row(old: Row) -> Row:
        return replace(old, cells=next(feed))

    body: list[Row | RowGroup] = []
    for item in table.body:
        if isinstance(item, RowGroup):
            body.append(replace(item, rows=tuple(row(r) for r in item.rows)))
        else:
            body.append(row(item))
    return replace(table, body=tuple(body))
