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
5. Derived values: a column that declares the count it is worked out from
   (`Column.derived_from`: a share, a ratio, an interval, a parity gap, a verdict) is
   treated like a percentage in rules 2 and 3, and where counts are rounded it is worked
   out again from the rounded counts (`Column.recompute`) or hidden.
Charts and key figures that repeat a table's cells (`Series.cells`, `KeyFigure.cell`) show
exactly what the protected table shows: a hidden value leaves its category out of the chart
and reads "[c]" as a key figure. Other charts and key figures are not touched, so modules
must not put counts of people, or values worked out from them, in them without naming the
cells. An internal report may carry `internal_banner()` and `internal_note()`; a report
protected for publication loses them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from app.reports.disclosure.suppression import HIDDEN_MARKS, TableGrid, as_count
from app.reports.model.formatting import table_texts
from app.reports.model.report import (
    CellRef,
    CellValue,
    Chart,
    KeyFigures,
    Note,
    Paragraph,
    Report,
    Row,
    RowGroup,
    Section,
    Span,
    Table,
)

CONFIDENTIAL = "[c]"  # the ONS symbol for a value withheld to protect confidentiality
FEWER_THAN_5 = "<5"
NOTE_LABEL = "Disclosure control"
INTERNAL_WARNING = "Contains small numbers — do not publish"


def internal_banner() -> Paragraph:
    """The warning an internal report (exact counts) carries at its top; publication
    removes it."""
    return Paragraph.of(Span(f"{INTERNAL_WARNING}.", bold=True))


def internal_note() -> Note:
    """The same warning as a report note, which every format shows (Excel on its summary
    sheet); publication removes it."""
    return Note("This report shows exact counts, including numbers small enough to identify "
                "people. Keep it inside the organisation; export it for publication to hide "
                "them.", label=INTERNAL_WARNING)


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
    protected_tables = {t.ref: protect_table(t, preset) for t in report.tables() if t.ref}
    banner = internal_banner()

    def protect(section: Section) -> Section:
        blocks: list = []
        for index, block in enumerate(section.blocks):
            if block == banner:
                continue
            if isinstance(block, KeyFigures):
                blocks.append(_protect_figures(block, protected_tables))
            elif isinstance(block, Chart):
                blocks.append(_protect_chart(block, protected_tables))
            elif isinstance(block, Section):
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
    kept = tuple(note for note in report.notes if note != internal_note())
    notes = kept if report_note in kept else (*kept, report_note)
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


def _shown(tables: dict[str, Table], ref: CellRef) -> tuple[CellValue, str]:
    """A cell as the protected table shows it: its value and its text."""
    table = tables.get(ref.table)
    if table is None:
        raise ValueError(f"no table with ref {ref.table!r} in the report")
    rows = table.iter_rows()
    cells = rows[ref.row].cells
    value = cells[ref.column] if ref.column < len(cells) else None
    return value, table_texts(table)[ref.row][ref.column]


def _protect_figures(block: KeyFigures, tables: dict[str, Table]) -> KeyFigures:
    figures = []
    for figure in block.figures:
        if figure.cell is None:
            figures.append(figure)
            continue
        _value, text = _shown(tables, figure.cell)
        figures.append(replace(figure, value=text or CONFIDENTIAL))
    return replace(block, figures=tuple(figures))


def _number(tables: dict[str, Table], ref: CellRef) -> float | None:
    value, _text = _shown(tables, ref)
    if isinstance(value, str) and value.strip() in HIDDEN_MARKS:
        return None
    number = as_count(value) if not isinstance(value, str) else None
    return None if number is None else float(number)


def _protect_chart(chart: Chart, tables: dict[str, Table]) -> Chart:
    """Chart values repeat their cells as protected; a category with a hidden value is left
    out, and the description says so."""
    if not any(s.cells or s.interval_cells for s in chart.series):
        return chart
    count = len(chart.categories)
    values: list[list[float | None]] = []
    intervals: list[list[tuple[float | None, float | None]] | None] = []
    for series in chart.series:
        if series.cells:
            values.append([_number(tables, ref) for ref in series.cells[:count]])
        else:
            values.append([float(v) for v in series.values[:count]])
        if series.interval_cells:
            intervals.append([(_number(tables, lo), _number(tables, hi))
                              for lo, hi in series.interval_cells[:count]])
        elif series.intervals:
            intervals.append([(lo, hi) for lo, hi in series.intervals[:count]])
        else:
            intervals.append(None)
    keep = [i for i in range(count)
            if all(i < len(v) and v[i] is not None for v in values)
            and all(b is None or (i < len(b) and None not in b[i]) for b in intervals)]
    series_out = []
    for series, vals, bounds in zip(chart.series, values, intervals, strict=True):
        series_out.append(replace(
            series,
            values=tuple(float(vals[i]) for i in keep),  # type: ignore[arg-type]
            intervals=None if bounds is None else tuple(
                (float(bounds[i][0]), float(bounds[i][1])) for i in keep),  # type: ignore[arg-type]
            cells=None, interval_cells=None))
    left_out = [chart.categories[i] for i in range(count) if i not in keep]
    alt_text = chart.alt_text
    if left_out:
        alt_text = (f"{alt_text} Left out to protect confidentiality: "
                    f"{', '.join(left_out)}.")
    return replace(chart, categories=tuple(chart.categories[i] for i in keep),
                   series=tuple(series_out), alt_text=alt_text)
