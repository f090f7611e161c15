"""The representation screens: baselines typed in or imported (with the validation report),
an audit's counts typed by keyboard with live verdicts, undo, and the questionnaire."""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.representation.store import (
    AuditRow,
    BaselineRow,
    get_answers,
    list_audits,
    list_baselines,
)
from app.ui.representation.counts_table import COUNT, VERDICT
from app.workbook import Workbook
from tests.ui.test_accessibility import unnamed_focusable

SHOTS = os.environ.get("RRT_SCREENSHOTS")  # a folder: save the screens to look at them

AREA = (("british", 640), ("indian", 120), ("pakistani", 80), ("caribbean", 60),
        ("african", 100))


def _stored(path: Path, what):
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return what(session)


def _with_baseline(main_window, workbook_path):
    from app.representation.operations import CreateBaseline

    window = main_window(workbook_path)
    baseline = BaselineRow(uuid.uuid4(), "Testshire", "E00000001", "Testshire", "ons2021",
                           "Typed in", AREA)
    assert window.document.perform(CreateBaseline(baseline))
    return window, baseline


def _audit_screen(window, baseline):
    from app.representation.operations import CreateAudit

    row = AuditRow(uuid.uuid4(), "board", "Board of trustees", "", date(2026, 4, 1),
                   "ons2021", baseline.id, "", ())
    assert window.document.perform(CreateAudit(row))
    screen = window.workbook_screen
    screen.show_section("representation_audits")
    return screen.editor("representation_audits"), row


def test_new_audit_by_keyboard(main_window, qtbot, workbook_path) -> None:
    window, baseline = _with_baseline(main_window, workbook_path)
    screen = window.workbook_screen
    screen.show_section("representation_audits")
    editor = screen.editor("representation_audits")
    assert editor.empty_state.isVisible() and not editor.tabs.isVisible()
    editor.new_button.setFocus()
    qtbot.keyClick(editor.new_button, Qt.Key.Key_Space)
    dialog = editor.dialog
    assert dialog is not None and unnamed_focusable(dialog) == []
    dialog.name_edit.setText("Trustees")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    [stored] = _stored(workbook_path, list_audits)
    assert (stored.body_name, stored.baseline_id, stored.classification) == (
        "Trustees", baseline.id, "ons2021")
    assert editor.tabs.isVisible() and editor.model.rowCount() == 1
    assert unnamed_focusable(window) == []


def test_type_counts_see_verdicts_and_undo_one(main_window, qtbot, workbook_path) -> None:
    window, baseline = _with_baseline(main_window, workbook_path)
    editor, _row = _audit_screen(window, baseline)
    table, model = editor.counts_table, editor.counts_model
    british, indian = model.row_of("british"), model.row_of("indian")
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(model.index(indian, COUNT))
    qtbot.keyClicks(table, "1")  # typing starts editing the count
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # saves, edits the next
    assert table.currentIndex().row() == indian + 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    table.setCurrentIndex(model.index(british, COUNT))
    qtbot.keyClicks(table, "1")  # the first key opens the editor, the rest go to it
    qtbot.keyClicks(QApplication.focusWidget(), "1")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.counts.get("british") == 11)  # Enter commits queued

    counts = _stored(workbook_path, list_audits)[0].count_map
    assert counts == {"indian": 1, "british": 11}
    assert model.index(indian, COUNT).data() == "1"
    assert model.index(indian, VERDICT).data() == "Inconclusive"
    minorities = editor.groups_model.rows()[-1]
    assert (minorities.metrics.count, minorities.metrics.total) == (1, 12)
    assert minorities.metrics.verdict.words == "Inconclusive"  # a small body: never "under"
    assert editor.chart.chart is not None and "Board of trustees" in \
        editor.chart.accessibleDescription()

    window.window_actions.undo.trigger()  # the last count only
    assert _stored(workbook_path, list_audits)[0].count_map == {"indian": 1}
    assert model.index(british, COUNT).data() == ""
    assert editor.groups_model.rows()[-1].metrics.total == 1


def test_bad_count_is_refused_and_changes_nothing(main_window, qtbot, messages,
                                                  workbook_path) -> None:
    window, baseline = _with_baseline(main_window, workbook_path)
    editor, _row = _audit_screen(window, baseline)
    model = editor.counts_model
    assert not model.setData(model.index(model.row_of("indian"), COUNT), "-3")
    assert any("below zero" in text for text in messages.texts())
    assert _stored(workbook_path, list_audits)[0].count_map == {}


def test_local_categories_added_renamed_and_removed_from_the_audit_screen(
        main_window, qtbot, messages, workbook_path) -> None:
    from app.representation.store import list_expanded

    window, baseline = _with_baseline(main_window, workbook_path)
    editor, _row = _audit_screen(window, baseline)
    editor.categories_button.setFocus()
    qtbot.keyClick(editor.categories_button, Qt.Key.Key_Space)
    dialog = editor.dialog
    assert dialog is not None and unnamed_focusable(dialog) == []
    assert dialog.classification_combo.currentData() == "ons2021"  # the audit's own
    assert not dialog.remove_button.isEnabled()

    # Add by keyboard: type the name, choose the census category, Enter.
    qtbot.waitUntil(dialog.name_edit.hasFocus)
    qtbot.keyClicks(dialog.name_edit, "Somali")
    dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData("african"))
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    [somali] = _stored(workbook_path, lambda s: list_expanded(s, "ons2021"))
    assert (somali.label, somali.parent, somali.key) == ("Somali", "african", "x-somali")
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "Black, Black British, Black Welsh, Caribbean " \
        "or African: African"
    # The counts table shows it under its parent at once.
    model = editor.counts_model
    assert model.row_of("x-somali") == model.row_of("african") + 1
    assert model.lines[model.row_of("x-somali")].label == "African: Somali (local)"
    shots = os.environ.get("RRT_SCREENSHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "local_categories.png"))
        editor.grab().save(str(Path(shots) / "audit_with_local_category.png"))

    # Rename keeps the key, so counts recorded under it stay.
    dialog.rename_button.click()
    box = dialog.rename_box
    assert box is not None and unnamed_focusable(box) == []
    box.setTextValue("Somali and Somalilander")
    box.accept()
    [renamed] = _stored(workbook_path, list_expanded)
    assert (renamed.label, renamed.key) == ("Somali and Somalilander", "x-somali")
    assert model.lines[model.row_of("x-somali")].label == \
        "African: Somali and Somalilander (local)"

    # Remove is refused with a sentence while an audit counts the category.
    assert editor._set_count("x-somali", "2")
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert any("has counts in 1 audit" in text for text in messages.texts())
    assert len(_stored(workbook_path, list_expanded)) == 1
    assert editor._set_count("x-somali", None)
    dialog.remove_button.click()
    assert _stored(workbook_path, list_expanded) == []
    assert dialog.model.rowCount() == 0 and model.row_of("x-somali") == -1
    dialog.reject()

    # Each step undoes: the removal, the cleared count... back to the renamed category.
    undo = window.window_actions.undo
    undo.trigger()
    assert editor.counts_model.row_of("x-somali") >= 0
    undo.trigger()
    undo.trigger()
    undo.trigger()  # the rename
    assert _stored(workbook_path, list_expanded)[0].label == "Somali"
    undo.trigger()  # the addition
    assert _stored(workbook_path, list_expanded) == []
    assert editor.counts_model.row_of("x-somali") == -1


def test_tab_walks_the_counts_then_leaves(main_window, qtbot, workbook_path) -> None:
    window, baseline = _with_baseline(main_window, workbook_path)
    editor, _row = _audit_screen(window, baseline)
    table, model = editor.counts_table, editor.counts_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, COUNT))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert table.currentIndex().row() == 1 and table.currentIndex().column() == COUNT
    last = model.rowCount() - 1
    assert model.lines[last].group == "Not stated"  # "prefer not to say", "not known" shown
    table.setCurrentIndex(model.index(last, COUNT))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()


def test_remove_audit_and_undo(main_window, qtbot, workbook_path) -> None:
    window, baseline = _with_baseline(main_window, workbook_path)
    editor, row = _audit_screen(window, baseline)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert _stored(workbook_path, list_audits) == [] and editor.empty_state.isVisible()
    window.window_actions.undo.trigger()
    assert [a.id for a in _stored(workbook_path, list_audits)] == [row.id]
    assert editor.model.rowCount() == 1


def test_change_baseline_from_the_header(main_window, qtbot, workbook_path) -> None:
    window, baseline = _with_baseline(main_window, workbook_path)
    editor, _row = _audit_screen(window, baseline)
    combo = editor.baseline_combo
    combo.setCurrentIndex(combo.findData(""))
    combo.activated.emit(combo.currentIndex())
    assert _stored(workbook_path, list_audits)[0].baseline_id is None
    assert editor.chart.chart is None
    window.window_actions.undo.trigger()
    assert _stored(workbook_path, list_audits)[0].baseline_id == baseline.id


def _baselines_screen(main_window, workbook_path):
    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("baselines")
    return window, screen.editor("baselines")


def _import_dialog(qtbot, editor, path: Path):
    editor.import_button.click()
    dialog = editor.dialog
    assert dialog is not None and unnamed_focusable(dialog) == []
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.runner is not None and not dialog.runner.is_running())
    qtbot.waitUntil(lambda: "Reading" not in dialog.report.toPlainText())
    qtbot.waitUntil(lambda: not dialog.pending)
    return dialog


def test_import_bad_file_shows_the_report_and_changes_nothing(main_window, qtbot,
                                                             tmp_path, workbook_path) -> None:
    _window, editor = _baselines_screen(main_window, workbook_path)
    bad = tmp_path / "area.csv"
    bad.write_text(
        "Area code,Area,Ethnic group,Observation\n"
        "E1,Testshire,Asian: Indian,120\n"
        "E1,Testshire,Asian: Chinese,lots\n"
        "E1,Testshire,Martian,4\n"
        "E1,Testshire,Asian: Indian,3\n"
        "E2,Otherton,Asian: Indian,7\n", encoding="utf-8")
    dialog = _import_dialog(qtbot, editor, bad)
    assert dialog.area_combo.isEnabled() and dialog.area_combo.count() == 2
    report = dialog.report.toPlainText()
    assert "3 problems" in report
    for words in ("“lots” is not a number", "“Martian” is not a category",
                  "given twice"):
        assert words in report
    assert not dialog.import_button.isEnabled()
    assert dialog.valid_only.isEnabled()
    dialog.valid_only.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert _stored(workbook_path, list_baselines) == []
    assert editor.model.rowCount() == 0


def test_import_file_that_is_not_a_table(main_window, qtbot, tmp_path, workbook_path) -> None:
    _window, editor = _baselines_screen(main_window, workbook_path)
    junk = tmp_path / "notes.pdf"
    junk.write_bytes(b"%PDF-1.4 nothing")
    dialog = _import_dialog(qtbot, editor, junk)
    assert "not a table" in dialog.report.toPlainText()
    assert not dialog.import_button.isEnabled() and not dialog.valid_only.isEnabled()
    dialog.accept()  # Enter on a disabled Import does nothing
    assert _stored(workbook_path, list_baselines) == []


def test_import_choose_columns_and_area_then_undo(main_window, qtbot, tmp_path,
                                                  workbook_path) -> None:
    window, editor = _baselines_screen(main_window, workbook_path)
    good = tmp_path / "ts021.csv"
    good.write_text(
        "Place,Where,Who,People\n"
        "E1,Testshire,Asian: Indian,120\n"
        "E1,Testshire,White: English Welsh Scottish Northern Irish or British,880\n"
        "E2,Otherton,Asian: Indian,7\n", encoding="utf-8")
    dialog = _import_dialog(qtbot, editor, good)
    assert "Nothing can be imported" in dialog.report.toPlainText()  # headers not guessed
    for role, column in (("area_code", 0), ("area_name", 1), ("category", 2), ("count", 3)):
        box = dialog.column_combos[role]
        box.setCurrentIndex(box.findData(column))
    # The changes are checked together, off the UI thread; Import waits for the report.
    assert dialog.pending and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.pending)
    assert dialog.area_combo.count() == 2
    dialog.area_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not dialog.pending)
    assert "Otherton" in dialog.report.toPlainText()
    dialog.area_combo.setCurrentIndex(0)
    assert not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.pending)
    assert "No problems" in dialog.report.toPlainText()
    assert "1,000 people" in dialog.report.toPlainText()
    dialog.import_button.click()
    [stored] = _stored(workbook_path, list_baselines)
    assert (stored.area_code, stored.count_map) == ("E1", {"indian": 120, "british": 880})
    assert editor.model.rowCount() == 1 and editor.dialog is None
    window.window_actions.undo.trigger()
    assert _stored(workbook_path, list_baselines) == []


def test_import_checks_off_the_ui_thread_once_per_burst_of_changes(
        main_window, qtbot, monkeypatch, tmp_path, workbook_path) -> None:
    import threading

    from app.ui.representation import import_dialog

    _window, editor = _baselines_screen(main_window, workbook_path)
    table = tmp_path / "areas.csv"
    table.write_text("Place,Where,Who,People\n"
                     "E1,Testshire,Asian: Indian,120\n"
                     "E2,Otherton,Asian: Indian,7\n", encoding="utf-8")
    dialog = _import_dialog(qtbot, editor, table)
    real = import_dialog.check_table
    calls: list[tuple[str | None, bool]] = []
    gate = threading.Event()

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append((args[4], threading.current_thread() is threading.main_thread()))
        if len(calls) == 2:
            gate.wait(10)  # held, so the choices can change while it runs
        return real(*args, **kwargs)

    monkeypatch.setattr(import_dialog, "check_table", watched)
    for role, column in (("area_code", 0), ("area_name", 1), ("category", 2), ("count", 3)):
        box = dialog.column_combos[role]
        box.setCurrentIndex(box.findData(column))
    qtbot.waitUntil(lambda: not dialog.pending)
    assert calls == [(None, False)]  # four changes, one check, not on the UI thread
    assert dialog.area_combo.count() == 2 and dialog.import_button.isEnabled()

    # A change while a check runs: its result is set aside and the new choice checked.
    dialog.area_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(calls) == 2)
    dialog.area_combo.setCurrentIndex(0)
    assert not dialog.import_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.pending)
    assert [area for area, _ in calls] == [None, "E2", "E1"]
    assert "Testshire" in dialog.report.toPlainText()
    assert dialog.area_combo.currentData() == "E1" and dialog.import_button.isEnabled()
    dialog.reject()


def test_type_in_a_baseline(main_window, qtbot, workbook_path) -> None:
    _window, editor = _baselines_screen(main_window, workbook_path)
    editor.type_button.click()
    dialog = editor.dialog
    assert unnamed_focusable(dialog) == []
    dialog.name_edit.setText("Testshire")
    model = dialog.model
    assert not model.setData(model.index(model.row_of("indian"), COUNT), "many")
    assert dialog.problem.isVisibleTo(dialog)
    assert model.setData(model.index(model.row_of("indian"), COUNT), "1,200")
    assert model.setData(model.index(model.row_of("british"), COUNT), "8800")
    assert "10,000 people" in dialog.total.text()
    dialog.accept()
    [stored] = _stored(workbook_path, list_baselines)
    assert stored.count_map == {"indian": 1200, "british": 8800}
    assert editor.model.rowCount() == 1


def test_baseline_in_use_cannot_be_removed(main_window, qtbot, messages,
                                           workbook_path) -> None:
    window, baseline = _with_baseline(main_window, workbook_path)
    _audit_screen(window, baseline)
    window.workbook_screen.show_section("baselines")
    editor = window.workbook_screen.editor("baselines")
    editor.remove_button.click()
    assert any("used by 1 audit" in text for text in messages.texts())
    assert len(_stored(workbook_path, list_baselines)) == 1


def test_questionnaire_rating_answer_evidence_and_undo(main_window, qtbot, monkeypatch,
                                                       workbook_path) -> None:
    from app.evidence.operations import AttachEvidence

    window = main_window(workbook_path)
    assert window.document.perform(AttachEvidence("minutes.txt", b"Minutes"))
    screen = window.workbook_screen
    screen.show_section("representation_questionnaire")
    editor = screen.editor("representation_questionnaire")
    assert editor.questions_model.rowCount() == 5
    editor.questions.setCurrentIndex(editor.questions_model.index(3, 0))
    combo = editor.rating_combo
    combo.setCurrentIndex(combo.findData("developing"))
    combo.activated.emit(combo.currentIndex())
    editor.narrative_edit.setFocus()
    qtbot.keyClicks(editor.narrative_edit, "We ask BME-led groups each year.")
    editor.rating_combo.setFocus()  # leaving the answer saves it
    monkeypatch.setattr(editor, "choose_evidence", lambda names: names[0])
    editor.link_button.click()
    answer = _stored(workbook_path, get_answers)["impact"]
    assert answer.rating == "developing"
    assert answer.narrative == "We ask BME-led groups each year."
    assert len(answer.evidence) == 1 and editor.files.item(0).text() == "minutes.txt"
    assert editor.questions_model.index(3, 2).data() == "Developing"
    window.window_actions.undo.trigger()
    assert _stored(workbook_path, get_answers)["impact"].evidence == ()
    assert editor.files.count() == 0
    assert unnamed_focusable(window) == []


def test_roles_of_engagement_count_the_audits(main_window, qtbot, workbook_path) -> None:
    window = main_window()
    window.open_sample()
    screen = window.workbook_screen
    screen.show_section("representation_questionnaire")
    editor = screen.editor("representation_questionnaire")
    rows = {r.role: r for r in editor.roles_model.rows()}
    assert rows["partners"].audits == 1 and rows["partners"].stated == 12
    assert rows["consultees"].audits == 0


def test_counts_model_passes_the_model_tester(main_window, qtbot, qtmodeltester,
                                              workbook_path) -> None:
    window, baseline = _with_baseline(main_window, workbook_path)
    editor, _row = _audit_screen(window, baseline)
    assert editor.counts_model.rowCount() == 21  # 19 census categories and 2 not stated
    qtmodeltester.check(editor.counts_model)


def test_raise_action_from_a_group_once_and_undo(main_window, qtbot, workbook_path,
                                                 messages) -> None:
    from app.plans.plan import read_plan
    from app.representation.operations import SetCount

    window, baseline = _with_baseline(main_window, workbook_path)
    editor, row = _audit_screen(window, baseline)
    assert window.document.perform(SetCount(row.id, "british", 60))
    editor.tabs.setCurrentIndex(1)  # Groups and verdicts
    model = editor.groups_model
    white = next(i for i in range(model.rowCount()) if model.row_at(i).key == "white")
    editor.groups_table.setCurrentIndex(model.index(white, 0))
    assert not editor.raise_button.isEnabled()  # all white: not under its share
    minorities = model.rowCount() - 1
    editor.groups_table.setCurrentIndex(model.index(minorities, 0))
    assert editor.raise_button.isEnabled()
    assert unnamed_focusable(window) == []
    if SHOTS:
        editor.grab().save(str(Path(SHOTS) / "audit_raise_action.png"))
    messages.answers.append(True)
    editor.raise_button.click()
    assert "Add an action to the plan about Ethnic minorities" in messages.texts()[-1]
    plan = _stored(workbook_path, read_plan)
    assert [a.priority for a in plan.actions] == ["high"]
    assert not editor.raise_button.isEnabled()  # never twice
    assert "already raised" in editor.raise_button.toolTip()
    window.window_actions.undo.trigger()
    assert _stored(workbook_path, read_plan).actions == ()
    assert editor.raise_button.isEnabled()
