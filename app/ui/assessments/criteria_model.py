"""The framework's sections and criteria as a tree, with each criterion's answer.

Nodes are numbered once per framework; an index carries its node's number as its internal
id, so a change of answers only repaints (selection and expansion stay where they were).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.assessments.data import AssessmentData, ResponseData
from app.assessments.fields import CONFIDENCE
from app.assessments.frameworks import Criterion, Framework, Section
from app.assessments.scoring import section_key, visible_refs

Index = QModelIndex | QPersistentModelIndex
REF, TITLE, RATING, CONFIDENCE_COLUMN, EVIDENCE = range(5)
HEADERS = ("Ref", "Criterion", "Rating", "Confidence", "Evidence")
REF_ROLE = Qt.ItemDataRole.UserRole + 1  # a criterion's ref (None on a section)
# Looked up once: the view asks for every role of every cell it paints, and reading Qt's
# enums in each call cost more than the answers.
_DISPLAY, _ACCESSIBLE = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP, _FOREGROUND = int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.ForegroundRole)
_TEXT_ROLES = frozenset({_DISPLAY, _ACCESSIBLE})
_ROLES = frozenset({_DISPLAY, _ACCESSIBLE, _TOOLTIP, _FOREGROUND, int(REF_ROLE)})
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass
class _Node:
    number: int
    parent: int  # -1: the invisible root
    row: int
    section: Section | None = None
    criterion: Criterion | None = None
    children: list[int] = field(default_factory=list)


class CriteriaModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = [_Node(0, -1, 0)]
        self._framework: Framework | None = None
        self._fingerprint: object = None
        self._responses: dict[str, ResponseData] = {}
        self._visible: set[str] = set()
        self._by_ref: dict[str, int] = {}
        self._conditional = False  # some criterion is shown only after a given answer

    # ------------------------------------------------------------------ contents

    @property
    def framework(self) -> Framework | None:
        return self._framework

    def set_data(self, data: AssessmentData | None) -> None:
        """Show `data`; the same framework again only repaints what it shows."""
        same = data is not None and self._framework is not None and \
            data.framework is self._framework
        old_responses, old_visible = self._responses, self._visible
        self._responses = dict(data.responses) if data is not None else {}
        self._visible = visible_refs(data.framework, data.responses) if data else set()
        if same:
            # Only the rows whose response or visibility changed: a signal per section
            # made the view re-measure every row of every section after each rating.
            changed = {ref for ref in old_responses.keys() | self._responses.keys()
                       if old_responses.get(ref) != self._responses.get(ref)}
            changed |= old_visible ^ self._visible
            for ref in changed:
                index = self.index_of_ref(ref)
                if index.isValid():
                    self.dataChanged.emit(index, index.siblingAtColumn(len(HEADERS) - 1))
            return
        self.beginResetModel()
        self._framework = data.framework if data is not None else None
        # Only a framework with conditions needs visibility worked out again per answer.
        self._conditional = self._framework is not None and any(
            c.show_when is not None for _place, c in self._framework.criteria())
        self._nodes = [_Node(0, -1, 0)]
        self._by_ref = {}
        if self._framework is not None:
            self._add_sections(0, self._framework.sections)
        self.endResetModel()

    def set_response(self, ref: str, response: ResponseData | None) -> None:
        """One response changed (None: removed): repaint its row, and the rows whose
        visibility depends on it."""
        if self._framework is None:
            return
        if response is None:
            self._responses.pop(ref, None)
        else:
            self._responses[ref] = response
        changed = {ref}
        if self._conditional:
            old_visible = self._visible
            self._visible = visible_refs(self._framework, self._responses)
            changed |= old_visible ^ self._visible
        for changed_ref in changed:
            index = self.index_of_ref(changed_ref)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(len(HEADERS) - 1))

    def _add_sections(self, parent: int, sections: list[Section]) -> None:
        for section in sections:
            node = self._add(parent, section=section)
            self._add_sections(node, section.sections)
            for criterion in section.criteria:
                self._by_ref[criterion.ref] = self._add(node, criterion=criterion)

    def _add(self, parent: int, **what: Any) -> int:
        number = len(self._nodes)
        self._nodes.append(_Node(number, parent, len(self._nodes[parent].children), **what))
        self._nodes[parent].children.append(number)
        return number

    def response(self, ref: str) -> ResponseData:
        return self._responses.get(ref) or ResponseData()

    def criterion_at(self, index: Index) -> Criterion | None:
        return self._nodes[index.internalId()].criterion if index.isValid() else None

    def index_of_ref(self, ref: str) -> QModelIndex:
        number = self._by_ref.get(ref)
        return self._index_of(number) if number is not None else QModelIndex()

    def _index_of(self, number: int, column: int = 0) -> QModelIndex:
        if number == 0:
            return QModelIndex()
        return self.createIndex(self._nodes[number].row, column, number)

    # ------------------------------------------------------------------ the model

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            node = self._nodes[parent.internalId()]
        else:
            node = self._nodes[0]
        if not (0 <= row < len(node.children) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        return self._index_of(self._nodes[child.internalId()].parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._nodes[parent.internalId()] if parent.isValid() else self._nodes[0]
        return len(node.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        column = index.column()
        if node.section is not None:
            if role in _TEXT_ROLES:
                if column == REF:
                    return section_key(node.section) if node.section.ref else ""
                return node.section.title if column == TITLE else ""
            return None
        criterion = node.criterion
        assert criterion is not None
        if role == REF_ROLE:
            return criterion.ref
        hidden = criterion.ref not in self._visible
        if role in _TEXT_ROLES:
            return self._text(criterion, self.response(criterion.ref), column, hidden,
                              role == _ACCESSIBLE)
        if role == _TOOLTIP:
            if hidden:
                return "Hidden by the answer it depends on: left out of the scores."
            return criterion.title if column == TITLE else None
        if role == _FOREGROUND and hidden:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        return None

    def _text(self, criterion: Criterion, response: ResponseData, column: int, hidden: bool,
              accessible: bool) -> str:
        if column == REF:
            return criterion.ref
        if column == TITLE:
            return criterion.title + (" (hidden)" if hidden and accessible else "")
        if column == RATING:
            if response.answer is None or self._framework is None:
                return "Not answered" if accessible else ""
            return self._framework.scale.label_for(response.answer)
        if column == CONFIDENCE_COLUMN:
            return CONFIDENCE.get(response.confidence, "")
        if response.has_evidence:
            return "Has evidence" if accessible else "✓"
        return "No evidence" if accessible else ""
