"""The criteria tree and, beside it, the selected criterion: guidance, levels, evidence.

Keys in the tree: arrows move; 1..N rate with the scale's levels in order; N or 0 marks
not applicable (when the scale allows it); Delete or Backspace clears the rating.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.assessments.fields import CONFIDENCE
from app.assessments.frameworks import NOT_APPLICABLE, Criterion, Framework
from app.ui.a11y import named
from app.ui.assessments.criteria_model import (
    CONFIDENCE_COLUMN,
    EVIDENCE,
    RATING,
    REF,
    TITLE,
    CriteriaModel,
)
from app.ui.plans.actions_editor import CommitOnLeave

CLEAR = ""  # what `rate` carries to clear a rating


class CriteriaTree(QTreeView):
    """A tree of criteria that rates the current one from the keyboard."""

    rate = Signal(str, str)  # ref, answer (a level id, NOT_APPLICABLE, or CLEAR)
    left = Signal()  # focus went elsewhere (say, to the criterion's panel)

    def __init__(self, model: CriteriaModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Criteria", "Number keys rate the selected criterion; N or 0: not "
                                "applicable; Delete clears")
        self.setObjectName("criteria_tree")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setIndentation(14)  # leaves the criteria's titles more of the width
        self.setAllColumnsShowFocus(True)
        header = self.header()
        # The narrow columns are sized from what they can hold (the refs, the scale's
        # labels), once per framework: sizing them to their contents made the view measure
        # every row of a long framework on each layout.
        for column in range(model.columnCount()):
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column == TITLE
                else QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        model.modelReset.connect(self.fit_columns)
        self.fit_columns()
        self.read_only = False

    def fit_columns(self) -> None:
        model = self.model()
        assert isinstance(model, CriteriaModel)
        framework = model.framework
        metrics = self.fontMetrics()
        header = self.header()
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                               self) + 1) + metrics.averageCharWidth()
        texts: dict[int, list[str]] = {
            RATING: [level.label for level in framework.scale.levels] + (
                [framework.scale.not_applicable.label]
                if framework.scale.not_applicable is not None else [])
            if framework is not None else [],
            CONFIDENCE_COLUMN: list(CONFIDENCE.values()),
            EVIDENCE: ["✓"],
        }
        refs = [c.ref for _place, c in framework.criteria()] if framework is not None else []
        # The widest ref is among the longest: measuring only those keeps this quick for a
        # framework of hundreds of criteria.
        longest = max((len(r) for r in refs), default=0)
        refs = [r for r in refs if len(r) >= longest - 1]
        depth = max((d for _p, _s, d in framework.walk()), default=0) if framework else 0
        for column in range(model.columnCount()):
            if column == TITLE:
                continue
            width = max((metrics.horizontalAdvance(t) for t in texts.get(column, [])),
                        default=0) + margin
            if column == REF:
                width = max((metrics.horizontalAdvance(r) for r in refs), default=0) + margin \
                    + self.indentation() * (depth + 1)  # a criterion sits below its section
            header.resizeSection(column, max(width, header.sectionSizeFromContents(
                column).width()))

    def answer_for_key(self, key: int) -> str | None:
        """The answer a key stands for, or None when it is not a rating key."""
        model = self.model()
        assert isinstance(model, CriteriaModel)
        framework = model.framework
        if framework is None:
            return None
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return CLEAR
        if key in (Qt.Key.Key_N, Qt.Key.Key_0):
            return NOT_APPLICABLE if framework.scale.not_applicable is not None else None
        number = key - Qt.Key.Key_0
        if 1 <= number <= min(9, len(framework.scale.levels)):
            return framework.scale.levels[number - 1].id
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        answer = self.answer_for_key(event.key()) if plain else None
        model = self.model()
        assert isinstance(model, CriteriaModel)
        criterion = model.criterion_at(self.currentIndex())
        if answer is not None and criterion is not None:
            if not self.read_only:
                self.rate.emit(criterion.ref, answer)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.left.emit()
        super().focusOutEvent(event)

    def select_ref(self, ref: str) -> None:
        model = self.model()
        assert isinstance(model, CriteriaModel)
        index = model.index_of_ref(ref)
        if index.isValid():
            self.scrollTo(index)
            self.setCurrentIndex(index)


def _label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class ResponsePanel(QWidget):
    """The selected criterion: what it asks, its levels, and what supports the answer."""

    def __init__(self, commit: Callable[[str, str], None], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._commit = commit
        self.heading = _label(self)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.guidance = _label(self)
        self.typical = _label(self)
        self.levels = _label(self)

        self.notes_edit = CommitOnLeave(self._commit_notes, self)
        self.notes_edit.setObjectName("notes_edit")
        named(self.notes_edit, "Evidence notes")
        self.notes_edit.setPlaceholderText("What shows this rating is fair")
        self.notes_edit.setMaximumHeight(70)
        self.confidence_combo = named(QComboBox(self), "Confidence")
        named(self.confidence_combo.view(), "Confidence choices")
        self.confidence_combo.addItem("Not recorded", "")
        for key, text in CONFIDENCE.items():
            self.confidence_combo.addItem(text, key)
        self.confidence_combo.activated.connect(
            lambda _i: self._commit("confidence", self.confidence_combo.currentData()))
        self.files = named(QListWidget(self), "Linked evidence files")
        self.files.setMaximumHeight(64)
        self.link_button = named(QPushButton("&Link…", self), "Link evidence file",
                                 "Link one of the workbook's evidence files to this criterion")
        self.unlink_button = named(QPushButton("U&nlink", self), "Unlink evidence file",
                                   "Unlink the selected evidence file from this criterion")
        files_buttons = QHBoxLayout()
        files_buttons.addWidget(self.link_button)
        files_buttons.addWidget(self.unlink_button)
        files_buttons.addStretch(1)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in (("Evidence &notes", self.notes_edit),
                             ("Con&fidence", self.confidence_combo),
                             ("Evidence &files", self.files)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", files_buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        for label in (self.heading, self.guidance, self.typical, self.levels):
            layout.addWidget(label)
        layout.addLayout(form)
        layout.addStretch(1)

    def _commit_notes(self) -> None:
        self._commit("notes", self.notes_edit.toPlainText())

    def show_criterion(self, framework: Framework | None, criterion: Criterion | None,
                       notes: str, confidence: str, files: tuple[str, ...],
                       editable: bool) -> None:
        if framework is None or criterion is None:
            self.heading.setText("Choose a criterion to see its guidance and rate it.")
            for label in (self.guidance, self.typical, self.levels):
                label.clear()
        else:
            self.heading.setText(f"{criterion.ref} {criterion.title}")
            self.guidance.setText(criterion.guidance)
            self.typical.setText("Typical evidence: " + "; ".join(criterion.evidence)
                                 if criterion.evidence else "")
            lines = []
            for number, level in enumerate(framework.scale.levels, start=1):
                wording = criterion.descriptors.get(level.id) or level.descriptor
                lines.append(f"{number}  {level.label}" + (f" — {wording}" if wording else ""))
            if framework.scale.not_applicable is not None:
                lines.append(f"N  {framework.scale.not_applicable.label}")
            lines.append("Delete  clear the rating")
            self.levels.setText("\n".join(lines))
        has = criterion is not None
        if self.notes_edit.toPlainText() != notes:
            self.notes_edit.setPlainText(notes)
        self.notes_edit.setReadOnly(not (has and editable))
        self.confidence_combo.setCurrentIndex(max(0, self.confidence_combo.findData(confidence)))
        self.confidence_combo.setEnabled(has and editable)
        self.files.clear()
        self.files.addItems(list(files))
        if files:
            self.files.setCurrentRow(0)
        self.link_button.setEnabled(has and editable)
        self.unlink_button.setEnabled(has and editable and bool(files))
        self.notes_edit.setEnabled(has)
        self.files.setEnabled(has)


def ref_of(index: QModelIndex) -> str | None:
    value = index.siblingAtColumn(REF).data(Qt.ItemDataRole.UserRole + 1)
    return value if isinstance(value, str) else None
