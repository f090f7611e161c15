"""The selected assessment beside another of the same framework: another round (improved,
declined, unchanged or not comparable, per section and per criterion) or, in the same
round, another respondent group. The chart is the report's section radar with both
strands. The figures come from `app.assessments.compare`, which uses the same scoring
comparisons as the report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.assessments.compare import (
    GROUP,
    ROUND,
    CompareRow,
    Comparison,
    Counterpart,
    compare,
    counterparts,
    default_counterpart,
    round_name,
    summary,
)
from app.assessments.data import AssessmentRow
from app.ui.a11y import named
from app.ui.assessments.lazy import show_built
from app.ui.assessments.list_model import ListedAssessment
from app.ui.assessments.radar_chart import RadarChart
from app.ui.list_table import row_table
from app.ui.row_table_model import RowTableModel

REF, TITLE, BEFORE, AFTER, CHANGE, DIRECTION = range(6)
NOTHING_TO_COMPARE = ("Nothing to compare with yet: this is the only assessment against "
                      "its framework. Start the next round with New… (or another respondent "
                      "group's assessment of this round) to compare them here.")


class CompareRowsModel(RowTableModel):
    right_aligned = frozenset({BEFORE, AFTER, CHANGE})

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self.headers = ("Ref", what, "Before", "Now", "Change", "Direction")

    def set_names(self, before: str, after: str) -> None:
        self.headers = ("Ref", self._what, before, after, "Change", "Direction")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def display(self, row: CompareRow, column: int) -> str:
        if column == REF:
            return row.key if row.key != row.title else ""
        if column == TITLE:
            return "    " * max(0, row.depth - 1) + row.title  # sub-sections indented
        if column == BEFORE:
            return row.before
        if column == AFTER:
            return row.after
        if column == CHANGE:
            if row.change is None:
                return ""
            return "0.00" if abs(row.change) < 0.005 else f"{row.change:+.2f}"
        return row.status

    def other_data(self, row: CompareRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return row.title  # a long title is cut short in its column
        return None


def _choice_text(counterpart: Counterpart, selected: AssessmentRow, note: str) -> str:
    row = counterpart.row
    if counterpart.kind == GROUP:
        what = "another respondent group, same round"
    else:
        what = "earlier round" if row.when < selected.when else "later round"
    group = f", {row.respondent_group}" if row.respondent_group else ""
    return f"{round_name(row)} — {row.name} ({what}{group}){note}"


class CompareView(QWidget):
    """Built the first time it is shown: the screen opens faster without it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selected: ListedAssessment | None = None
        self._others: dict[object, ListedAssessment] = {}
        self._comparison: Comparison | None = None
        self.built = False

    def build(self) -> None:
        if self.built:
            return
        self.built = True
        self.choice = named(QComboBox(self), "Compare with",
                            "Another round of this framework, or another respondent group")
        named(self.choice.view(), "Assessments to compare with")
        self.choice.currentIndexChanged.connect(lambda _index: self._show_choice())
        choice_label = QLabel("Compare wi&th", self)
        choice_label.setBuddy(self.choice)
        self.only_changes = named(QCheckBox("Hide &unchanged criteria", self),
                                  "Hide unchanged criteria")
        self.only_changes.toggled.connect(lambda _on: self._show_criteria())
        top = QHBoxLayout()
        top.addWidget(choice_label)
        top.addWidget(self.choice, 1)
        top.addWidget(self.only_changes)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.sections_model = CompareRowsModel("Section", self)
        self.sections = row_table(self, self.sections_model, name="Section comparison",
                                  object_name="section_comparison", stretch_column=TITLE)
        self.criteria_model = CompareRowsModel("Criterion", self)
        self.criteria = row_table(self, self.criteria_model, name="Criterion comparison",
                                  object_name="criterion_comparison", stretch_column=TITLE)
        self.chart = RadarChart(self, "Comparison chart")
        self.chart.setMinimumSize(160, 100)  # fits beside the tables on a small screen

        # One table at a time: on a small screen both at once leave no room for either.
        self.tables = named(QTabWidget(self), "Comparison tables")
        named(self.tables.tabBar(), "Sections or criteria")
        self.tables.addTab(self.sections, "Sect&ions")
        self.tables.addTab(self.criteria, "Criteri&a")
        # Reading order: the tabs' names before the table under them.
        for earlier, later in ((self.only_changes, self.tables.tabBar()),
                               (self.tables.tabBar(), self.sections),
                               (self.sections, self.criteria)):
            QWidget.setTabOrder(earlier, later)
        self.body = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(self.tables)
        self.body.addWidget(self.chart)
        self.body.setStretchFactor(0, 2)  # the criteria's titles need the room more
        self.body.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.body, 1)
        show_built(self)

    # ------------------------------------------------------------------ contents

    def show_for(self, selected: ListedAssessment | None,
                 listed: list[ListedAssessment]) -> None:
        """Compare `selected` with one of the `listed` (it keeps the one chosen before, if it
        is still there; else the previous round)."""
        self.build()
        chosen = self.choice.currentData()
        self._selected = selected
        self._others = {item.row.id: item for item in listed
                        if selected is None or item.row.id != selected.row.id}
        found = counterparts([item.row for item in listed], selected.row) if selected else []
        default = default_counterpart(found, selected.row) if selected else None
        self.choice.blockSignals(True)
        self.choice.clear()
        for counterpart in found:
            previous = counterpart is default and counterpart.kind == ROUND and \
                selected is not None and counterpart.row.when < selected.row.when
            note = " — the previous round" if previous else ""
            self.choice.addItem(_choice_text(counterpart, selected.row, note),
                                (counterpart.row.id, counterpart.kind))
        ids = [data[0] for data in (self.choice.itemData(i) for i in range(self.choice.count()))]
        keep = chosen[0] if chosen and chosen[0] in ids else (
            default.row.id if default is not None else None)
        self.choice.setCurrentIndex(ids.index(keep) if keep in ids else -1)
        self.choice.blockSignals(False)
        self._show_choice()

    def _show_choice(self) -> None:
        data = self.choice.currentData()
        enabled = self._selected is not None and data is not None
        for widget in (self.choice, self.only_changes, self.body):
            widget.setEnabled(enabled)
        self.body.setVisible(enabled)
        if not enabled or self._selected is None:
            self._comparison = None
            self.summary.setText(NOTHING_TO_COMPARE)
            self.sections_model.set_rows(())
            self.criteria_model.set_rows(())
            self.chart.set_chart(None)
            return
        other_id, kind = data
        selected, other = self._selected, self._others[other_id]
        comparison = compare(selected.data, other.data, kind)
        self._comparison = comparison
        self.summary.setText(summary(comparison, selected.top))
        for model in (self.sections_model, self.criteria_model):
            model.set_names(comparison.earlier_name, comparison.later_name)
        self.sections_model.set_rows(comparison.sections)
        self._show_criteria()
        self._show_chart(selected, other, comparison)

    def _show_criteria(self) -> None:
        comparison = self._comparison
        rows = comparison.criteria if comparison is not None else ()
        if self.only_changes.isChecked():
            rows = tuple(r for r in rows if r.change is None or abs(r.change) > 1e-9)
        self.criteria_model.set_rows(rows)

    def _show_chart(self, selected: ListedAssessment, other: ListedAssessment,
                    comparison: Comparison) -> None:
        from app.assessments.charts import section_radar

        first_is_other = comparison.kind == GROUP or other.row.when <= selected.row.when
        earlier, later = (other, selected) if first_is_other else (selected, other)
        pair = (f", for {comparison.earlier_name} and for {comparison.later_name}"
                if comparison.kind == GROUP else
                f", {comparison.earlier_name} and {comparison.later_name}")
        chart = section_radar(later.data.framework, later.scores, earlier.scores,
                              comparison.later_name, comparison.earlier_name, pair=pair)
        keys = [s.key for s in later.scores.top_sections]
        before = {s.key: s.score.value for s in earlier.scores.top_sections}
        self.chart.set_chart(chart, (
            tuple(before.get(key) is None for key in keys),
            tuple(s.score.value is None for s in later.scores.top_sections)),
            [s.label for s in later.scores.top_sections])
