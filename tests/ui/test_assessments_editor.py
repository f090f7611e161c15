"""The self-assessments screen: start one by keyboard, delete it, undo brings it back; the
navigator's count follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.assessments.records import list_assessments
from app.ui.navigator_model import COUNT_ROLE
from app.workbook import Workbook
from tests.ui.test_accessibility import unnamed_focusable


def _stored(path):
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return list_assessments(session)


def _count(screen, section: str = "assessments") -> int:
    navigator = screen.navigator_model
    return navigator.index(navigator.row_of(section), 0).data(COUNT_ROLE)


def _start_by_keyboard(qtbot, editor, name: str = "Our first look") -> None:
    editor.new_button.setFocus()
    qtbot.keyClick(editor.new_button, Qt.Key.Key_Space)
    dialog = editor.dialog
    assert dialog is not None and dialog.isVisible()
    assert unnamed_focusable(dialog) == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name_edit)
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.round_edit, "2027")
    qtbot.keyClick(dialog.round_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.date_edit, "31/03/2027")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)  # the default button: Start
    assert editor.dialog is None


def test_start_delete_and_undo_by_keyboard(main_window, qtbot, workbook_path) -> None:
    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("assessments")
    editor = screen.editor("assessments")
    assert editor.empty_state.isVisible()
    assert "start one from a framework" in editor.empty_state.label.text()
    assert unnamed_focusable(window) == []

    _start_by_keyboard(qtbot, editor)
    [row] = _stored(workbook_path)
    assert (row.name, row.round_label, row.assessed_on.isoformat()) == (
        "Our first look", "2027", "2027-03-31")
    assert editor.model.rowCount() == 1 and _count(screen) == 1
    assert "answered" in editor.model.index(0, 4).data()
    window.activateWindow()  # the offscreen platform hands activation back to no one
    qtbot.waitUntil(editor.table.hasFocus)

    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert _stored(workbook_path) == [] and _count(screen) == 0
    assert editor.empty_state.isVisible()

    window.window_actions.undo.trigger()
    assert [r.name for r in _stored(workbook_path)] == ["Our first look"]
    assert editor.model.rowCount() == 1 and _count(screen) == 1


def _responses(path, assessment_id):
    from app.assessments.records import load_assessment

    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return load_assessment(session, assessment_id).responses


def _started(main_window, qtbot, workbook_path):
    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("assessments")
    editor = screen.editor("assessments")
    framework = next(f for f in editor.frameworks() if f.id == "iso-performance")
    from app.assessments.operations import CreateAssessment

    assert window.document.perform(CreateAssessment.of(framework, name="Spring review"))
    return window, editor, framework


def test_criteria_model_passes_the_model_tester(main_window, qtbot, qtmodeltester,
                                                workbook_path) -> None:
    _window, editor, _framework = _started(main_window, qtbot, workbook_path)
    assert editor.criteria_model.rowCount() > 0
    qtmodeltester.check(editor.criteria_model)


def test_rate_three_criteria_by_keyboard_then_undo_one(main_window, qtbot,
                                                       workbook_path) -> None:
    window, editor, framework = _started(main_window, qtbot, workbook_path)
    assessment_id = editor.selected_id()
    tree = editor.tree
    assert tree.isVisible()
    tree.setFocus()
    refs = [criterion.ref for _place, criterion in framework.criteria()]
    assert editor.current_ref() == refs[0]
    levels = [level.id for level in framework.scale.levels]

    qtbot.keyClick(tree, Qt.Key.Key_1)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert editor.current_ref() == refs[1]
    qtbot.keyClick(tree, Qt.Key.Key_2)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_3)
    stored = _responses(workbook_path, assessment_id)
    assert [stored[ref].answer for ref in refs[:3]] == levels[:3]
    rating = editor.criteria_model.index_of_ref(refs[1]).siblingAtColumn(2)
    assert rating.data() == framework.scale.label_for(levels[1])

    window.window_actions.undo.trigger()
    stored = _responses(workbook_path, assessment_id)
    assert refs[2] not in stored and stored[refs[1]].answer == levels[1]
    assert editor.criteria_model.index_of_ref(refs[2]).siblingAtColumn(2).data() == ""
    assert editor.model.index(0, 4).data().startswith("2 of ")

    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_Delete)  # clears the rating, keeps the assessment
    assert refs[1] not in _responses(workbook_path, assessment_id)
    assert editor.model.rowCount() == 1


def test_notes_confidence_and_evidence_of_a_criterion(main_window, qtbot, workbook_path,
                                                      monkeypatch) -> None:
    from app.evidence.operations import AttachEvidence

    window, editor, _framework = _started(main_window, qtbot, workbook_path)
    assert window.document.perform(AttachEvidence("minutes.txt", b"Minutes"))
    assessment_id = editor.selected_id()
    ref = editor.current_ref()
    panel = editor.panel
    assert ref in panel.heading.text() and "1  " in panel.levels.text()

    panel.notes_edit.setFocus()
    qtbot.keyClicks(panel.notes_edit, "Minutes of the March meeting")
    qtbot.keyClick(panel.notes_edit, Qt.Key.Key_Tab)  # leaving the field saves it
    panel.confidence_combo.setCurrentIndex(panel.confidence_combo.findData("low"))
    panel.confidence_combo.activated.emit(panel.confidence_combo.currentIndex())
    monkeypatch.setattr(editor, "choose_evidence", lambda names: names[0])
    qtbot.keyClick(panel.link_button, Qt.Key.Key_Space)
    response = _responses(workbook_path, assessment_id)[ref]
    assert (response.notes, response.confidence, response.evidence) == (
        "Minutes of the March meeting", "low", ("minutes.txt",))
    assert [panel.files.item(i).text() for i in range(panel.files.count())] == ["minutes.txt"]

    qtbot.keyClick(panel.unlink_button, Qt.Key.Key_Space)
    assert _responses(workbook_path, assessment_id)[ref].evidence == ()
    window.window_actions.undo.trigger()
    assert _responses(workbook_path, assessment_id)[ref].evidence == ("minutes.txt",)


def test_warnings_follow_ratings_and_actions_are_raised(main_window, qtbot,
                                                        workbook_path) -> None:
    window, editor, framework = _started(main_window, qtbot, workbook_path)
    screen = window.workbook_screen
    scores = editor.scores
    refs = [criterion.ref for _place, criterion in framework.criteria()]
    assert not scores.built  # made when its tab is first chosen
    editor.tabs.setCurrentWidget(scores)
    warnings = [scores.warnings.item(i).text() for i in range(scores.warnings.count())]
    assert f"{refs[0]} has not been answered." in warnings
    assert scores.model.rowCount() > 0 and "rests on 0 criteria" in scores.model.index(
        0, 2).data()

    editor.tabs.setCurrentIndex(0)
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_1)  # the lowest level, with no evidence
    editor.tabs.setCurrentWidget(scores)  # shows the figures at once, not the old ones
    warnings = [scores.warnings.item(i).text() for i in range(scores.warnings.count())]
    assert f"{refs[0]} has not been answered." not in warnings
    assert any(text.startswith(f"{refs[0]} is rated") for text in warnings)
    assert "1 of " in scores.progress.text()

    row = next(i for i in range(scores.warnings.count())
               if scores.warnings.item(i).text().startswith(refs[0]))
    scores.warnings.setFocus()
    scores.warnings.setCurrentRow(row)
    qtbot.keyClick(scores.warnings, Qt.Key.Key_Return)  # goes to the criterion
    assert editor.tabs.currentIndex() == 0 and editor.current_ref() == refs[0]
    assert editor.tree.hasFocus()

    editor.tabs.setCurrentWidget(scores)
    qtbot.keyClick(scores.raise_button, Qt.Key.Key_Space)
    assert _count(screen, "actions") == 1
    assert "Raised 1 improvement action" in window.statusBar().currentMessage()
    qtbot.keyClick(scores.raise_button, Qt.Key.Key_Space)  # nothing new to raise
    assert _count(screen, "actions") == 1
    window.window_actions.undo.trigger()
    assert _count(screen, "actions") == 0


def test_the_chart_draws_the_section_scores_it_is_given(main_window, qtbot, workbook_path
                                                        ) -> None:
    _window, editor, _framework = _started(main_window, qtbot, workbook_path)
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_3)
    editor.tabs.setCurrentWidget(editor.chart)
    editor.tabs.setCurrentWidget(editor.scores)
    top = [s for s in editor.scores.model.rows() if s.depth == 1]
    assert editor.chart.shares() == [s.score.share for s in top]
    assert editor.chart.shares()[0] is not None and editor.chart.shares()[1] is None
    assert top[0].label in editor.chart.accessibleDescription()
    assert editor.chart.accessibleName()
    editor.tabs.setCurrentWidget(editor.chart)
    assert not editor.chart.grab().isNull()  # paints without error


def test_ratings_in_a_row_repaint_at_once_and_are_scored_when_typing_pauses(
        main_window, qtbot, workbook_path) -> None:
    from app.ui.assessments.list_model import PROGRESS

    _window, editor, framework = _started(main_window, qtbot, workbook_path)
    refs = [criterion.ref for _place, criterion in framework.criteria()]
    editor.tree.setFocus()
    progress = editor.model.index(0, PROGRESS)
    for _ref in refs[:3]:
        qtbot.keyClick(editor.tree, Qt.Key.Key_2)
        qtbot.keyClick(editor.tree, Qt.Key.Key_Down)
    label = framework.scale.levels[1].label
    # Each row shows its rating as soon as the key is pressed ...
    assert [editor.criteria_model.index_of_ref(ref).siblingAtColumn(2).data()
            for ref in refs[:3]] == [label] * 3
    assert editor.data is not None and all(
        editor.data.responses[ref].answer == framework.scale.levels[1].id for ref in refs[:3])
    # ... and the list's figures follow once the typing pauses.
    qtbot.waitUntil(lambda: progress.data().startswith("3 of "))


def test_the_welcome_screen_starts_a_workbook_with_a_self_assessment(main_window, qtbot,
                                                                     tmp_path) -> None:
    from app.ui.dialogs.new_workbook_dialog import NewWorkbookDialog

    window = main_window()
    menu = window.welcome.assessment_menu
    menu.aboutToShow.emit()  # fills it, as opening it does
    titles = [action.text() for action in menu.actions()]
    assert any(title.startswith("ISO performance and BME impact") for title in titles)
    action = next(a for a in menu.actions() if a.text().startswith("ISO performance"))
    action.trigger()
    [new_workbook] = [d for d in window.findChildren(NewWorkbookDialog) if d.isVisible()]
    new_workbook.folder_edit.setText(str(tmp_path))
    qtbot.keyClicks(new_workbook.title_edit, "Spring review")
    qtbot.keyClick(new_workbook.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document is not None)
    screen = window.workbook_screen
    assert screen.current_section_id() == "assessments"
    start = screen.editor("assessments").dialog
    assert start is not None and start.framework().id == "iso-performance"


def test_the_sample_s_assessment_is_reached_by_tab_in_reading_order(main_window,
                                                                     qtbot) -> None:
    from tests.ui.test_keyboard_reach import _check_tab_walk, _reading_order

    window = main_window()
    window.open_sample()
    screen = window.workbook_screen
    screen.show_section("assessments")
    editor = screen.editor("assessments")
    walks = []
    for tab in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(tab)
        walk = _check_tab_walk(qtbot, window, screen.navigator)
        assert walk[1:] == _reading_order(walk[1:])
        walks.append(walk)
    assert editor.tree in walks[0] and editor.panel.notes_edit in walks[0]
    assert editor.scores.raise_button in walks[1] and editor.scores.warnings in walks[1]
    compare = editor.compare
    assert [w for w in walks[3] if w in (compare.choice, compare.only_changes,
                                         compare.tables.tabBar(), compare.sections)] == [
        compare.choice, compare.only_changes, compare.tables.tabBar(), compare.sections]


def test_compare_tab_puts_the_sample_s_rounds_side_by_side_by_keyboard(main_window,
                                                                       qtbot) -> None:
    from app.assessments.compare import ROUND, compare

    window = main_window()
    window.open_sample()
    screen = window.workbook_screen
    screen.show_section("assessments")
    editor = screen.editor("assessments")
    view = editor.compare
    selected = editor.model.row_at(editor.table.currentIndex().row())
    assert not view.built  # made and filled when its tab is first chosen
    editor.tabs.setCurrentWidget(view)
    # The newest round is selected; the one before it is chosen for it.
    assert view.choice.count() == 1 and "the previous round" in view.choice.currentText()
    previous = editor.model.row_at(0)
    expected = compare(selected.data, previous.data, ROUND)
    assert view.sections_model.rows() == list(expected.sections)
    assert view.criteria_model.rows() == list(expected.criteria)
    assert f"{expected.counts['improved']} improved" in view.summary.text()
    headers = [view.criteria_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(view.criteria_model.columnCount())]
    assert headers[2:4] == [previous.row.round_label, selected.row.round_label]
    chart = view.chart.chart
    assert chart is not None and [s.name for s in chart.series] == headers[2:4]
    assert previous.row.round_label in view.chart.accessibleDescription()
    assert not view.grab().isNull()

    # By keyboard: the inner tabs, then hide what did not change.
    view.only_changes.setFocus()
    qtbot.keyClick(view.only_changes, Qt.Key.Key_Space)
    shown = view.criteria_model.rows()
    assert shown and all(row.status != "Unchanged" for row in shown)
    assert len(shown) < len(expected.criteria)
    assert unnamed_focusable(view) == []

    # Choosing the older round compares it with the newer one the same way round.
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Up)
    assert editor.selected_id() == previous.row.id
    assert "2026" in view.choice.currentText() and "later round" in view.choice.currentText()
    assert "previous" not in view.choice.currentText()
    assert view.sections_model.rows() == list(expected.sections)


def test_compare_tab_sets_respondent_groups_of_one_round_side_by_side(main_window, qtbot,
                                                                      workbook_path) -> None:
    from app.assessments.operations import CreateAssessment, RateCriterion

    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("assessments")
    editor = screen.editor("assessments")
    framework = next(f for f in editor.frameworks() if f.id == "community-participation")
    groups = [group.id for group in framework.respondent_groups][:2]
    first = next(c.ref for _place, c in framework.criteria())
    levels = [level.id for level in framework.scale.levels]
    created = []
    for group, level in zip(groups, (levels[0], levels[-1]), strict=True):
        create = CreateAssessment.of(framework, name=f"Views of {group}", round_label="2026",
                                     respondent_group=group)
        assert window.document.perform(create)
        assert window.document.perform(RateCriterion(create.assessment_id, first, level))
        created.append(create.assessment_id)
    assert editor.selected_id() == created[0]  # the first stays selected
    editor.tabs.setCurrentWidget(editor.compare)
    view = editor.compare
    assert "another respondent group" in view.choice.currentText()
    [row] = [r for r in view.criteria_model.rows() if r.key == first]
    labels = {g.id: g.label for g in framework.respondent_groups}
    assert row.status == f"Higher for {labels[groups[1]]}"
    # The other group's strand and column come first, the selected assessment's second.
    assert view.summary.text().startswith(f"{labels[groups[1]]} and {labels[groups[0]]}")
    assert view.chart.chart is not None
    assert [s.name for s in view.chart.chart.series] == [labels[groups[1]], labels[groups[0]]]


def test_idle_time_after_opening_reads_the_assessments_ahead(main_window, qtbot,
                                                             monkeypatch) -> None:
    import pytest

    from app.modules import ModuleManifest

    read = []
    monkeypatch.setattr("app.assessments.records.prime", lambda session: read.append(session))
    window = main_window()
    window.open_sample()
    qtbot.waitUntil(window.document.warmed_up.is_set, timeout=10_000)
    assert len(read) == 1  # one short session, before the screen is chosen
    with pytest.raises(ValueError, match="target"):
        ModuleManifest("odd", "Odd", prime="not a target").check()


def test_the_panel_follows_the_criteria_once_the_arrows_pause_or_focus_leaves(
        main_window, qtbot, workbook_path) -> None:
    _window, editor, framework = _started(main_window, qtbot, workbook_path)
    refs = [criterion.ref for _place, criterion in framework.criteria()]
    panel = editor.panel
    editor.tree.setFocus()
    assert panel.heading.text().startswith(refs[0])
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down)
    assert editor.current_ref() == refs[2]
    qtbot.waitUntil(lambda: panel.heading.text().startswith(refs[2] + " "))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up)
    panel.notes_edit.setFocus()  # leaving the tree shows the criterion at once
    assert panel.heading.text().startswith(refs[1] + " ")
