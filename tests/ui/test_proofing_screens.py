"""The proofing screens: a new proof runs off the UI thread and lands in the register;
findings follow the text both ways, filter, and triage with undo; the checklist, decision
and sign-off save; schemes are typed in or imported, and the allow-list edited."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from app.proofing.records import list_records, load_record
from app.proofing.schemes_store import list_schemes
from app.proofing.workbook_rules import list_allowed
from app.ui.proofing.new_proof_dialog import ProofRequest, start_proof
from app.workbook import Workbook
from tests.support.sample import sample_copy
from tests.ui.test_accessibility import unnamed_focusable

DRAFT = """# Library strategy

## Access

Some residents are hard to reach. BAME readers use the branches less.

## Targets

We will raise visits by 10%.
"""


def _records(path: Path):
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return [load_record(session, r.id) for r in list_records(session)]


def _actions(path: Path):
    from app.plans.actions import list_actions

    with Workbook.open(path, read_only=True) as book, book.session() as session:
        return list_actions(session)


def _grab(widget, name: str) -> None:
    folder = os.environ.get("RRT_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def test_a_new_proof_is_stored_and_its_findings_triaged_with_undo(
        main_window, qtbot, workbook_path, tmp_path, monkeypatch) -> None:
    draft = tmp_path / "library.md"
    draft.write_text(DRAFT, encoding="utf-8")
    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("proofing")
    editor = screen.editor("proofing")
    assert unnamed_focusable(window) == []
    request = ProofRequest(draft, None, "", "1", "Ann", "Libraries")
    runner = start_proof(editor._document, request, editor, editor.select)
    qtbot.waitUntil(lambda: not runner.is_running() and editor.model.rowCount() == 1,
                    timeout=20_000)
    [record] = _records(workbook_path)
    assert record.title == "Library strategy" and record.team == "Libraries"
    record_editor = editor.record_editor
    qtbot.waitUntil(lambda: not record_editor.is_reading(), timeout=10_000)
    findings = record_editor.findings_model.rows()
    assert {"hard-to-reach", "bame-bme"} <= {f.rule_id for f in findings}

    # Choosing a finding scrolls the text to it; clicking in the text picks the finding.
    bame = record_editor.findings_model.row_of(
        next(f.id for f in findings if f.rule_id == "bame-bme"))
    record_editor.findings_table.selectRow(bame)
    view = record_editor.text_view
    text = view.toPlainText()
    assert view.textCursor().position() == text.index("BAME")
    cursor = view.textCursor()
    cursor.setPosition(text.index("hard to reach") + 3)
    view.setTextCursor(cursor)
    current = record_editor.findings_table.currentIndex().row()
    assert record_editor.findings_model.row_at(current).rule_id == "hard-to-reach"

    record_editor.fixed_button.click()
    stored = {f.rule_id: f.triage for f in _records(workbook_path)[0].findings}
    assert stored["hard-to-reach"] == "fixed"
    record_editor.triage_filter.setCurrentIndex(record_editor.triage_filter.findData("fixed"))
    record_editor.triage_filter.activated.emit(record_editor.triage_filter.currentIndex())
    assert [f.rule_id for f in record_editor.findings_model.rows()] == ["hard-to-reach"]
    window.window_actions.undo.trigger()
    assert {f.triage for f in _records(workbook_path)[0].findings} == {"open"}
    assert record_editor.findings_model.rowCount() == 0  # the filter still shows fixed only

    # Raising an action from a finding adds one action to the plan, once; undo takes it back.
    record_editor.triage_filter.setCurrentIndex(0)
    record_editor.triage_filter.activated.emit(0)
    record_editor.findings_table.selectRow(record_editor.findings_model.row_of(
        next(f.id for f in findings if f.rule_id == "bame-bme")))
    assert record_editor.raise_button.isEnabled()
    record_editor.raise_button.click()
    assert len(_actions(workbook_path)) == 1
    assert "BAME" in _actions(workbook_path)[0].weakness
    assert not record_editor.raise_button.isEnabled()  # never twice for one finding
    assert "action has been raised" in record_editor.finding_detail.text()
    window.window_actions.undo.trigger()
    assert _actions(workbook_path) == []
    assert record_editor.raise_button.isEnabled()

    monkeypatch.setattr("app.ui.proofing.record_findings_tab.QInputDialog.getText",
                        lambda *a, **k: ("Quoting the census", True))
    record_editor.triage_filter.setCurrentIndex(0)
    record_editor.triage_filter.activated.emit(0)
    record_editor.findings_table.selectRow(0)
    record_editor.dismiss_button.click()
    first = _records(workbook_path)[0].findings[0]
    assert (first.triage, first.reason) == ("dismissed", "Quoting the census")


def test_the_draft_is_read_off_the_ui_thread_and_coverage_follows_the_text(
        main_window, qtbot, tmp_path) -> None:
    path = sample_copy(tmp_path)
    window = main_window(path)
    window.resize(1280, 800)
    screen = window.workbook_screen
    screen.show_section("proofing")
    editor = screen.editor("proofing").record_editor
    # Opening the record shows the reading state at once; the text follows from the worker.
    assert editor.is_reading()
    assert editor.text_view.placeholderText() == "Reading the draft…"
    assert editor.text_view.toPlainText() == ""
    qtbot.waitUntil(lambda: not editor.is_reading(), timeout=10_000)
    text = editor.text_view.toPlainText()
    assert text and editor.coverage_text.toPlainText() == text
    assert editor.text_view.placeholderText() == ""

    # Choosing a commitment selects and scrolls to the paragraph that addresses it best.
    editor.tabs.setCurrentIndex(4)
    rows = editor.coverage_model.rows()
    number = next(n for n, row in enumerate(rows) if row.addressed)
    editor.coverage_table.selectRow(number)
    best = rows[number].matches[0][0]
    start, end = editor._spans[best]
    view = editor.coverage_text
    assert view.textCursor().selectedText() == text[start:end]
    assert view.cursorRect().top() >= 0 and view.cursorRect().bottom() <= view.height()
    _grab(window, "proofing-coverage")

    # And back: moving in the text chooses the commitment that paragraph addresses best.
    other = next(n for n, row in enumerate(rows) if row.addressed and n != number
                 and row.matches[0][0] not in {p for p, _, _ in rows[number].matches})
    paragraph = rows[other].matches[0][0]
    cursor = view.textCursor()
    cursor.setPosition(editor._spans[paragraph][0] + 1)
    view.setTextCursor(cursor)
    chosen = editor.coverage_model.row_at(editor.coverage_table.currentIndex().row())
    assert paragraph in {p for p, _, _ in chosen.matches}
    assert view.textCursor().position() == editor._spans[paragraph][0] + 1  # left in place


def test_checklist_decision_and_sign_off_save_by_keyboard(main_window, qtbot, tmp_path
                                                          ) -> None:
    path = sample_copy(tmp_path)
    window = main_window(path)
    window.resize(1280, 800)
    screen = window.workbook_screen
    screen.show_section("proofing")
    editor = screen.editor("proofing").record_editor
    qtbot.waitUntil(lambda: not editor.is_reading(), timeout=10_000)
    _grab(window, "proofing-findings")
    for number in range(1, editor.tabs.count()):
        editor.tabs.setCurrentIndex(number)
        _grab(window, f"proofing-tab-{number}")
    editor.tabs.setCurrentIndex(5)
    combo = editor.decision_combo
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("adopt_with_changes"))
    combo.activated.emit(combo.currentIndex())
    signer = editor.sign_edits["signed_by"]
    signer.setFocus()
    qtbot.keyClicks(signer, "Equality Officer")
    qtbot.keyClick(signer, Qt.Key.Key_Return)
    when = editor.sign_edits["signed_on"]
    when.setFocus()
    qtbot.keyClicks(when, "01/12/2026")
    qtbot.keyClick(when, Qt.Key.Key_Return)
    editor.tabs.setCurrentIndex(2)
    check = editor.check_answers["validated"]
    check.setCurrentIndex(check.findData("yes"))
    check.activated.emit(check.currentIndex())
    record = _records(path)[0]
    assert (record.decision, record.signed_by, f"{record.signed_on:%d/%m/%Y}") == (
        "adopt_with_changes", "Equality Officer", "01/12/2026")
    assert ("validated", "yes", "The targets were set before the scheme was checked.") \
        in record.checks
    window.resize(1024, 600)
    editor.tabs.setCurrentIndex(0)
    _grab(window, "proofing-small")
    screen.show_section("equality_schemes")
    _grab(window, "schemes-small")
    window.resize(1280, 800)
    _grab(window, "schemes")


def test_schemes_typed_in_imported_and_the_allow_list(main_window, qtbot, workbook_path,
                                                      tmp_path) -> None:
    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("equality_schemes")
    editor = screen.editor("equality_schemes")
    assert unnamed_focusable(window) == []
    editor.add_scheme("Our scheme")
    editor.add_commitment()
    assert editor.title_edit.hasFocus()
    editor.title_edit.clear()
    qtbot.keyClicks(editor.title_edit, "Fair access to libraries")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    editor.keywords_edit.setFocus()
    qtbot.keyClicks(editor.keywords_edit, "access; branches")
    qtbot.keyClick(editor.keywords_edit, Qt.Key.Key_Return)
    source = tmp_path / "scheme.md"
    source.write_text("## 1. Know our readers\n\nMonitor use by "
                      "ethnic group.\n\n## 2. Involve communities\n\nConsult early.\n",
                      encoding="utf-8")
    assert editor.import_path(source)
    editor.allow_edit.setFocus()
    qtbot.keyClicks(editor.allow_edit, "Riverside BME Network")
    qtbot.keyClick(editor.allow_edit, Qt.Key.Key_Return)
    with Workbook.open(workbook_path, read_only=True) as book, book.session() as session:
        schemes = {s.name: s for s in list_schemes(session)}
        allowed = list_allowed(session)
    assert [(c.title, c.keywords) for c in schemes["Our scheme"].commitments] == [
        ("Fair access to libraries", ("access", "branches"))]
    imported = next(s for name, s in schemes.items() if name != "Our scheme")
    assert [(c.id, c.title) for c in imported.commitments] == [
        ("1", "Know our readers"), ("2", "Involve communities")]
    assert allowed == ["Riverside BME Network"]
    window.window_actions.undo.trigger()
    assert editor.allow_model.stringList() == []


def test_the_capitalisation_combo_sets_the_style_new_proofs_use(main_window, qtbot,
                                                                 workbook_path, tmp_path
                                                                 ) -> None:
    from app.proofing.workbook_rules import get_capitals
    from app.ui.proofing.new_proof_dialog import proof_work

    def stored() -> str:
        with Workbook.open(workbook_path, read_only=True) as book, \
                book.session() as session:
            return get_capitals(session)

    window = main_window(workbook_path)
    screen = window.workbook_screen
    screen.show_section("equality_schemes")
    editor = screen.editor("equality_schemes")
    combo = editor.capitals_combo
    assert combo.accessibleName() == "Capitalisation of ethnic groups"
    assert combo.currentData() == "ons" and stored() == "ons"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # by keyboard, as a user would choose
    assert combo.currentData() == "lower-colour" and stored() == "lower-colour"
    _grab(window, "schemes-capitals")

    draft = tmp_path / "caps.md"
    draft.write_text("# Plan\n\nOutcomes for White pupils and white British residents.\n",
                     encoding="utf-8")
    request = ProofRequest(draft, None, "Plan", "1", "", "")
    record = proof_work(editor._document, request)(lambda _: None, lambda: False)
    assert [(f.rule_id, f.excerpt) for f in record.findings if "case" in f.rule_id
            or "capitals" in f.rule_id] == [("colour-terms-lower-case", "White")]

    window.window_actions.undo.trigger()
    assert stored() == "ons" and combo.currentData() == "ons"


def test_the_annotated_copy_is_saved_from_the_register(main_window, tmp_path, monkeypatch,
                                                       messages) -> None:
    import zipfile

    from app.ui.proofing.new_proof_dialog import NewProofDialog

    path = sample_copy(tmp_path)
    window = main_window(path)
    window.workbook_screen.show_section("proofing")
    editor = window.workbook_screen.editor("proofing")
    out = tmp_path / "for the author.docx"
    monkeypatch.setattr("app.ui.proofing.register_editor.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out), ""))
    editor.annotate_button.click()
    with zipfile.ZipFile(out) as package:
        comments = package.read("word/comments.xml").decode()
    record = _records(path)[0]
    still_to_act = [f for f in record.findings if f.triage in ("open", "accepted")]
    assert comments.count("<w:comment ") == len(still_to_act) < len(record.findings)
    assert any("annotated copy is saved" in text for text in messages.texts())

    dialog = NewProofDialog(editor._document, editor)
    dialog.path_edit.setText(str(tmp_path / "missing.docx"))
    dialog._accept()
    assert "no file" in dialog.error.text() and dialog.result() == 0
