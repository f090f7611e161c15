"""Moving the selected assessment to a newer version of its framework.

`MoveVersion` owns the editor's "Move to newer version…" button: it is enabled when this
computer's frameworks (or another assessment in the workbook) have a newer version of the
selected assessment's framework. `MoveVersionDialog` shows what changes (the responses
that carry over, are cleared or dropped; criteria added, removed and changed; the scale)
before the user confirms; the move is one undo step.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.a11y import name_buttons, named
from app.ui.fitting import keep_on_screen
from app.ui.worker import TaskRunner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.assessments.frameworks import Framework
    from app.assessments.frameworks.catalogue import Catalogue
    from app.assessments.versions import MovePlan
    from app.ui.assessments.list_model import AssessmentsTableModel
    from app.ui.document import OpenWorkbook

SIZE = QSize(720, 600)


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def plan_html(plan: MovePlan) -> str:
    """What the move does, as simple HTML: the responses first, then the framework."""
    changes = plan.changes
    parts = [f"<h3>Your responses</h3><p>{_e(plan.summary())}.</p>"]
    if plan.cleared:
        parts.append("<p><b>Ratings cleared</b> (the earlier rating is kept in the "
                     "response's comment; the notes, evidence and confidence carry over):</p>")
        parts.append(_list([f"{_e(c.ref)} {_e(c.title)}: was “{_e(c.rating)}”"
                            for c in plan.cleared]))
    if plan.dropped:
        parts.append("<p><b>Responses dropped</b>, as the new version has no such criterion "
                     "(written out whole in the change log):</p>")
        parts.append(_list([f"{_e(d.ref)} {_e(d.title)}: {_e(d.held)}"
                            for d in plan.dropped]))
    if plan.carried:
        parts.append(f"<p><b>Carried over whole:</b> {_e(', '.join(plan.carried))}</p>")
    parts.append("<h3>Criteria</h3>")
    if not (changes.added or changes.removed or changes.changed):
        parts.append("<p>No criterion was added, removed or changed.</p>")
    if changes.added:
        parts.append(f"<p><b>Added ({len(changes.added)})</b></p>")
        parts.append(_list([f"{_e(c.ref)} {_e(c.title)} <i>({_e(c.section)})</i>"
                            for c in changes.added]))
    if changes.removed:
        parts.append(f"<p><b>Removed ({len(changes.removed)})</b></p>")
        parts.append(_list([f"{_e(c.ref)} {_e(c.title)} <i>({_e(c.section)})</i>"
                            for c in changes.removed]))
    if changes.changed:
        parts.append(f"<p><b>Changed ({len(changes.changed)})</b></p>")
        parts.append(_list([f"{_e(c.ref)} {_e(c.title)}: {_e(' '.join(c.changes))}"
                            for c in changes.changed]))
    parts.append("<h3>Rating scale</h3>")
    parts.append(_list([_e(line) for line in changes.scale]) if changes.scale
                 else "<p>The rating scale is unchanged.</p>")
    if changes.groups:
        parts.append("<h3>Respondent groups</h3>")
        parts.append(_list([_e(line) for line in changes.groups]))
    return "".join(parts)


def _load_catalogue() -> Catalogue:
    from app.assessments.frameworks.catalogue import load_catalogue

    return load_catalogue()


class MoveVersionDialog(QDialog):
    """Shows what moving to each newer version would do; the user picks one and confirms."""

    def __init__(self, name: str, plans: Sequence[MovePlan],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert plans, "the dialog needs at least one newer version"
        self.setWindowTitle("Move to a Newer Framework Version")
        self.setObjectName("move_version_dialog")
        self.plans = list(plans)
        first = self.plans[0].changes
        intro = QLabel(
            f"“{name}” is assessed against {first.title} {first.old_version}. Moving it "
            "carries each response over by its reference. Check what changes below; Undo "
            "takes the whole move back.", self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro = intro
        self.version_combo = named(QComboBox(self), "Version to move to",
                                   "The newer version of the framework to move to")
        named(self.version_combo.view(), "Versions")
        for index, plan in enumerate(self.plans):
            newest = " (newest)" if index == 0 and len(self.plans) > 1 else ""
            self.version_combo.addItem(f"{plan.changes.new_version}{newest}")
        version_label = QLabel("Move to &version:", self)
        version_label.setBuddy(self.version_combo)
        self.changes_view = named(QTextBrowser(self), "What changes",
                                  "What moving to this version does to the responses and "
                                  "which criteria change")
        self.changes_view.setOpenLinks(False)
        changes_label = QLabel("What &changes:", self)
        changes_label.setBuddy(self.changes_view)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.move_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(version_label, self.version_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(changes_label)
        layout.addWidget(self.changes_view, 1)
        layout.addWidget(self.buttons)
        self.version_combo.currentIndexChanged.connect(self._show)
        self._show()
        keep_on_screen(self, SIZE)  # on a small screen the list of changes scrolls
        self.version_combo.setFocus()

    def chosen(self) -> int:
        """The index of the chosen version among the plans (newest first)."""
        return max(0, self.version_combo.currentIndex())

    def plan(self) -> MovePlan:
        return self.plans[self.chosen()]

    def _show(self) -> None:
        plan = self.plan()
        self.changes_view.setHtml(plan_html(plan))
        self.move_button.setText(f"&Move to version {plan.changes.new_version}")
        name_buttons(self.buttons)


class MoveVersion(QObject):
    """The editor's "Move to newer version…" button and what it does."""

    def __init__(self, document: OpenWorkbook, parent: QWidget,
                 selected: Callable[[], uuid.UUID | None]) -> None:
        super().__init__(parent)
        self._document = document
        self._parent = parent
        self._selected = selected
        self._catalogue: Catalogue | None = None
        self.dialog: MoveVersionDialog | None = None
        self.button = named(QPushButton("Move to newer &version…", parent),
                            "Move to newer framework version",
                            "Move the selected self-assessment to a newer version of its "
                            "framework, carrying its responses over")
        self.button.setEnabled(False)
        self.button.clicked.connect(self.open_dialog)
        self._model: AssessmentsTableModel | None = None
        self._runner: TaskRunner | None = None

    def follow(self, table: QTableView, model: AssessmentsTableModel) -> None:
        """Keep the button's state with the selected row (once the table exists)."""
        self._model = model
        table.selectionModel().currentRowChanged.connect(lambda *_: self.update())
        model.modelReset.connect(self.update)
        self.update()
        # The frameworks on this computer are read off the UI thread (tens of milliseconds,
        # which would stall rating by keyboard); until then only the workbook's own
        # versions count.
        runner = TaskRunner(lambda _progress, _cancelled: _load_catalogue(),
                            parent=self._parent, show_progress=False)
        runner.finished.connect(self._catalogue_read)
        self._runner = runner
        runner.start()

    def _catalogue_read(self, catalogue: object) -> None:
        from app.assessments.frameworks.catalogue import Catalogue

        if isinstance(catalogue, Catalogue) and self._catalogue is None:
            self._catalogue = catalogue
        self.update()

    def catalogue(self) -> Catalogue:
        """This computer's frameworks, read once (the files do not change while open)."""
        if self._catalogue is None:
            self._catalogue = _load_catalogue()
        return self._catalogue

    def has_newer(self, assessment_id: uuid.UUID) -> bool:
        """Whether a newer version is on this computer or used by another assessment."""
        from app.assessments.frameworks.model import version_key

        model = self._model
        rows = [item.row for item in model.rows()] if model is not None else []
        row = next((r for r in rows if r.id == assessment_id), None)
        if row is None:
            return False
        current = version_key(row.framework_version)
        on_computer = self._catalogue.every_version if self._catalogue is not None else ()
        keys = [e.framework.version_key for e in on_computer if e.id == row.framework_id]
        keys += [version_key(r.framework_version) for r in rows
                 if r.framework_id == row.framework_id]
        return any(key > current for key in keys)

    def update(self) -> None:
        assessment_id = self._selected()
        self.button.setEnabled(not self._document.read_only and assessment_id is not None
                               and self.has_newer(assessment_id))

    def plans(self, assessment_id: uuid.UUID
              ) -> tuple[str, list[tuple[Framework, MovePlan]]]:
        """The assessment's name, and each newer version with what moving to it does."""
        from app.assessments.moving import newer_versions
        from app.assessments.records import load_assessment
        from app.assessments.versions import plan_move

        catalogue = self.catalogue()

        def read(session: Session) -> tuple[str, list[tuple[Framework, MovePlan]]]:
            data = load_assessment(session, assessment_id)
            newer = newer_versions(session, data.row.framework_id,
                                   data.row.framework_version, catalogue)
            return data.row.name, [(framework, plan_move(data, framework))
                                   for framework in newer]

        return self._document.read(read)

    def open_dialog(self) -> None:
        from app.assessments.operations import MoveAssessmentToFrameworkVersion

        assessment_id = self._selected()
        if assessment_id is None or self._document.read_only:
            return
        name, targets = self.plans(assessment_id)
        if not targets:
            self.update()
            return
        dialog = MoveVersionDialog(name, [plan for _framework, plan in targets], self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._document.perform(
            MoveAssessmentToFrameworkVersion(assessment_id, targets[dialog.chosen()][0])))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()  # window-modal without blocking, like the editor's other dialogs
