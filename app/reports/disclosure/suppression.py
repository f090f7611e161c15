"""The cell-level work behind `disclosure.protect_table`: primary and secondary suppression,
hidden percentages, rounding and recalculated percentages on one table's grid.

Cells are addressed as (row index, column index) over `Table.iter_rows()`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.reports.model.report import CellValue, ColumnKind, RowGroup, Table

if TYPE_CHECKING:
    from app.reports.disclosure.control import DisclosureRule

Cell = tuple[int, int]
Base = Callable[[int, bool], "float | None"]  # (row, rounded) -> a percentage's denominator
HIDDEN_MARKS = frozenset({"[c]", "<5"})
PERCENT_TOLERANCE = 0.0051  # a percentage rounded to whole percent still matches its count


@dataclass(frozen=True)
class Relation:
    """`total` is the sum of `members`; None means an implicit total (a percentage base)."""

    members: tuple[Cell, ...]
    total: Cell | None


def as_count(value: CellValue) -> float | None:
    """A count cell's number, or None for blanks, marks and text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").strip())
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value):
        return value
    return None


def round_to(value: float, step: int) -> int | float:
    if step <= 1:
        return value
    return int(step * ((value + step / 2) // step))  # halves round up: 12.5 -> 15


class TableGrid:
    def __init__(self, table: Table, rule: DisclosureRule) -> None:
        self.table = table
        self.rule = rule
        self.rows = table.iter_rows()
        width = len(table.columns)
        self.values: list[list[CellValue]] = [
            [*row.cells, *([None] * (width - len(row.cells)))] for row in self.rows
        ]
        kinds = [c.kind for c in table.columns]
        self.count_cols = [i for i, k in enumerate(kinds) if k is ColumnKind.COUNT]
        # Values worked out from a count: declared (`Column.derived_from`), or a percentage
        # of the nearest count to its left; `reference` columns are not from the counts.
        self.derived: dict[int, int] = {}
        for i, column in enumerate(table.columns):
            if column.derived_from is not None:
                if column.derived_from not in self.count_cols:
                    raise ValueError(f"column {i} is derived from column "
                                     f"{column.derived_from}, which is not a COUNT column")
                self.derived[i] = column.derived_from
        self.pct_cols = [i for i, k in enumerate(kinds) if k is ColumnKind.PERCENT
                         and not table.columns[i].reference]
        self.shown_from_counts = sorted({*self.pct_cols, *self.derived})
        self.total_col = self.count_cols[-1] if table.has_row_totals and self.count_cols else None
        self.member_cols = [c for c in self.count_cols if c != self.total_col]
        self.is_total = [row.is_total for row in self.rows]
        self.group_of: list[int | None] = []
        for index, item in enumerate(table.body):
            if isinstance(item, RowGroup):
                self.group_of.extend([index] * len(item.rows))
            else:
                self.group_of.append(None)
        self.counts = {
            (r, c): n
            for r in range(len(self.rows))
            for c in self.count_cols
            if (n := as_count(self.values[r][c])) is not None
        }
        self.hidden = {
            (r, c)
            for r in range(len(self.rows))
            for c in self.count_cols
            if isinstance(value := self.values[r][c], str) and value.strip() in HIDDEN_MARKS
        }
        self.hidden_pct_cols: set[int] = set()
        self.reworked: set[int] = set()  # percentage columns worked out from rounded counts
        self.primary: set[Cell] = set()

    # ------------------------------------------------------------ relations

    def members_of_total_row(self, t: int) -> list[int]:
        """Rows a total row sums: its own group's rows, or every plain row at the top level."""
        group = self.group_of[t]
        return [
            r
            for r in range(len(self.rows))
            if not self.is_total[r] and (group is None or self.group_of[r] == group)
        ]

    def percent_source(self, p: int) -> int | None:
        """The COUNT column a derived column comes from: as declared, or for a percentage
        column the nearest one to its left."""
        if p in self.derived:
            return self.derived[p]
        left = [c for c in self.count_cols if c < p]
        return left[-1] if left else None

    def shows_value(self, value: CellValue, column: int) -> bool:
        if column in self.derived and self.table.columns[column].kind is not ColumnKind.PERCENT:
            return value not in (None, "") and value not in HIDDEN_MARKS
        return as_count(value) is not None

    def relations(self) -> list[Relation]:
        out: list[Relation] = []
        n = len(self.rows)
        if self.total_col is not None and self.member_cols:
            for r in range(n):
                members = tuple((r, c) for c in self.member_cols)
                out.append(Relation(members, (r, self.total_col)))
        for t in (r for r in range(n) if self.is_total[r]):
            rows = self.members_of_total_row(t)
            for c in self.count_cols:
                out.append(Relation(tuple((r, c) for r in rows), (t, c)))
        # Shares of the shown rows give away their base, so a percentage column acts as a total
        # of its count column over the whole table and over each group.
        plain = [r for r in range(n) if not self.is_total[r]]
        scopes = [plain] + [
            [r for r in plain if self.group_of[r] == g]
            for g in sorted({g for g in self.group_of if g is not None})
        ]
        for p in self.shown_from_counts:
            source = self.percent_source(p)
            if source is None or not any(self.shows_value(v[p], p) for v in self.values):
                continue
            for scope in scopes:
                out.append(Relation(tuple((r, source) for r in scope), None))
        return out

    # ------------------------------------------------------------ the rules

    def protect(self) -> None:
        for cell, n in self.counts.items():
            if 0 < n < self.rule.suppress_up_to + 1:
                self.hidden.add(cell)
        self.primary = set(self.hidden)
        self.secondary_suppression(self.relations())

    def secondary_suppression(self, relations: list[Relation]) -> None:
        changed = True
        while changed:  # each pass can only add cells, so this ends
            changed = False
            for rel in relations:
                if rel.total is not None and rel.total in self.hidden:
                    continue
                if sum(1 for m in rel.members if m in self.hidden) != 1:
                    continue
                pick = self.complement(rel)
                if pick is None:
                    self.hidden_pct_cols.update(p for p in self.shown_from_counts
                                                if self.percent_source(p) == rel.members[0][1])
                    continue
                self.hidden.add(pick)
                changed = True

    def complement(self, rel: Relation) -> Cell | None:
        """The cell to hide alongside a lone hidden member: smallest non-zero shown member,
        else the total itself, else (implicit totals only) a zero member."""
        shown = [m for m in rel.members if m not in self.hidden and m in self.counts]
        positive = [m for m in shown if self.counts[m] > 0]
        if positive:
            return min(positive, key=lambda m: (self.counts[m], m))
        if rel.total is not None:
            return rel.total
        return min(shown) if shown else None

    # ------------------------------------------------------------ output

    def result_cells(self) -> list[tuple[CellValue, ...]]:
        rule = self.rule
        out = [list(v) for v in self.values]
        for r, c in self.hidden:
            if (r, c) in self.counts:  # cells already marked keep their mark
                out[r][c] = rule.symbol if (r, c) in self.primary else "[c]"
        if rule.round_to > 1:
            for (r, c), n in self.counts.items():
                if (r, c) not in self.hidden:
                    out[r][c] = round_to(n, rule.round_to)
            self.recalculate_percentages(out, rule.round_to)
        rows_with_hidden = {r for r, _ in self.hidden}
        for p in self.shown_from_counts:
            for r in range(len(out)):
                if out[r][p] is not None and (r in rows_with_hidden or p in self.hidden_pct_cols):
                    out[r][p] = "[c]"
        if rule.round_to > 1:
            self.rework_derived(out)
        return [tuple(v[: len(row.cells)]) for v, row in zip(out, self.rows, strict=True)]

    def rework_derived(self, out: list[list[CellValue]]) -> None:
        """Where counts are rounded, a value derived from the exact count would give it
        away: work it out again from the shown counts, or hide it if it cannot be."""
        columns = self.table.columns
        for d, source in self.derived.items():
            recompute = columns[d].recompute
            reworked_here = d in self.pct_cols and d in self.reworked
            for r in range(len(out)):
                if out[r][d] is None or out[r][d] in HIDDEN_MARKS:
                    continue
                if recompute is not None:
                    value = recompute(r, out)
                    out[r][d] = "[c]" if value is None else value
                elif not (reworked_here and isinstance(out[r][source], int | float)):
                    out[r][d] = "[c]"

    def recalculate_percentages(self, out: list[list[CellValue]], step: int) -> None:
        """Rework each percentage from rounded figures, so it cannot reveal the exact count.

        The base is whichever of the table's totals the original percentages match: the row
        total, the covering total row, or the column's sum over the table or the row's group.
        Where none matches, the percentages are left as the module gave them.
        """
        for p in self.pct_cols:
            source = self.percent_source(p)
            if source is None or self.table.columns[p].recompute is not None:
                continue
            for base in self.bases(source):
                if self.matches(p, source, base):
                    self.rework_column(out, p, source, base)
                    self.reworked.add(p)
                    break

    def rework_column(
        self, out: list[list[CellValue]], p: int, source: int, base: Base
    ) -> None:
        for r in range(len(out)):
            shown = out[r][source]
            if not isinstance(out[r][p], int | float) or base(r, False) is None:
                continue  # no percentage here, or this row is not a share of this base
            rounded_base = base(r, True)
            if isinstance(shown, int | float) and rounded_base:
                out[r][p] = shown / rounded_base
            else:  # the base itself is hidden: a share of it would give the count away
                out[r][p] = "[c]"

    def bases(self, source: int) -> list[Base]:
        """Candidate bases: f(row, rounded) -> the denominator, before or after rounding."""
        step = self.rule.round_to
        plain = [r for r in range(len(self.rows)) if not self.is_total[r]]

        def cell_base(cell: Cell | None, rounded: bool) -> float | None:
            if cell is None or cell not in self.counts:
                return None
            if rounded:
                return None if cell in self.hidden else round_to(self.counts[cell], step)
            return self.counts[cell]

        def total_row_of(r: int) -> int | None:
            if self.is_total[r]:
                return r
            covering = [t for t in range(len(self.rows)) if self.is_total[t]
                        and r in self.members_of_total_row(t)]
            return covering[0] if covering else None

        def column_sum(rows: list[int], rounded: bool) -> float | None:
            total = sum(self.counts.get((r, source), 0) for r in rows)
            return round_to(total, step) if rounded else total

        def group_rows(r: int) -> list[int]:
            return [q for q in plain if self.group_of[q] == self.group_of[r]]

        out: list[Base] = []
        if self.total_col is not None:
            total_col = self.total_col
            out.append(lambda r, rnd: cell_base((r, total_col), rnd))
        if any(self.is_total):
            out.append(lambda r, rnd: cell_base(
                None if (t := total_row_of(r)) is None else (t, source), rnd))
        out.append(lambda r, rnd: column_sum(plain, rnd) if not self.is_total[r] else None)
        out.append(lambda r, rnd: column_sum(group_rows(r), rnd) if not self.is_total[r] else None)
        return out

    def matches(self, p: int, source: int, base: Base) -> bool:
        checked = 0
        for r, values in enumerate(self.values):
            pct, count = as_count(values[p]), self.counts.get((r, source))
            if pct is None or count is None:
                continue
            denominator = base(r, False)
            if denominator is None:
                continue
            if denominator == 0:
                return False
            if abs(count / denominator - pct) > PERCENT_TOLERANCE:
                return False
            checked += 1
        return checked > 0
