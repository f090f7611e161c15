"""Start-up, help, the crash handler and the menu extension hook."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu

from app.logging_setup import log_file_path
from app.ui import actions as ui_actions
from app.ui.dialogs.about_dialog import AboutDialog
from app.ui.dialogs.user_guide import UserGuideDialog
from app.ui.excepthook import handle_exception

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "docx", "reportlab", "openpyxl")


def test_start_up_imports_only_qt(tmp_path) -> None:
    """The window paints before the workbook layer (or any exporter) is imported."""
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["RRT_CONFIG_DIR"] = {str(tmp_path)!r}
        from app.ui.app import make_application
        from app.ui.main_window import MainWindow
        app = make_application()
        window = MainWindow()
        window.show()
        app.processEvents()
        print(",".join(m for m in {HEAVY!r} if m in sys.modules))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_an_opened_workbook_paints_from_its_overview_without_sqlalchemy(tmp_path) -> None:
    """The workbook screen paints the file's real details and counts before SQLAlchemy is
    loaded; it loads once the screen is up, and editing then works as usual."""
    from app.workbook.sample import bundled_sample
    from tests.ui.conftest import evidence_names, read_detail

    path = tmp_path / "Sample.rrwb"
    path.write_bytes(bundled_sample().read_bytes())
    expected = {name: read_detail(path, name) for name in ("title", "organisation", "area",
                                                            "owner")}
    evidence = len(evidence_names(path))
    assert evidence > 0  # the sample has some, so the count below means something
    code = textwrap.dedent(f"""
        import json, os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["RRT_CONFIG_DIR"] = {str(tmp_path)!r}
        from pathlib import Path
        from app.ui.app import make_application
        from app.ui.main_window import MainWindow
        from app.ui.navigator_model import COUNT_ROLE
        app = make_application()
        window = MainWindow()
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        assert window.open_path(Path({str(path)!r}))
        screen = window.workbook_screen
        screen.repaint()  # painted now, before any event (such as the warm-up) is handled
        model = screen.navigator_model
        details = screen.editor("details")
        seen = {{
            "heavy_at_paint": [m for m in {HEAVY!r} if m in sys.modules],
            "window_title": window.windowTitle(),
            "evidence_count": model.index(model.row_of("evidence"), 0).data(COUNT_ROLE),
            "fields": {{name: edit.text() for name, edit in details.fields.items()}},
        }}
        app.processEvents()  # the warm-up, queued by the paint, starts its thread
        seen["sqlalchemy_after_idle"] = window.document.warmed_up.wait(30) and (
            "sqlalchemy.orm" in sys.modules)
        details.fields["title"].setText("Renamed after first paint")
        details.fields["title"].editingFinished.emit()
        seen["edited_title"] = window.windowTitle()
        window.document.undo_stack.undo()
        seen["undone_title"] = window.windowTitle()
        seen["undone_field"] = details.fields["title"].text()
        window.close()
        print(json.dumps(seen))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["heavy_at_paint"] == []
    assert seen["window_title"] == f"{expected['title']} – Sample.rrwb"
    assert seen["evidence_count"] == evidence
    assert seen["fields"] == expected
    assert seen["sqlalchemy_after_idle"]
    assert seen["edited_title"] == "Renamed after first paint – Sample.rrwb"
    assert seen["undone_title"] == f"{expected['title']} – Sample.rrwb"
    assert seen["undone_field"] == expected["title"]
    assert read_detail(path, "title") == expected["title"]


def test_run_gui_opens_the_given_workbook(qtbot, workbook_path) -> None:
    from app.ui.app import run_gui
    from app.ui.main_window import MainWindow

    seen = {}

    def look_then_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        seen["title"] = windows[0].windowTitle() if windows else None
        for window in windows:
            window.close()

    QTimer.singleShot(300, look_then_quit)
    QTimer.singleShot(10000, QApplication.quit)  # never hang the suite
    assert run_gui(workbook_path) == 0
    assert seen["title"] == "Local plan – Local plan.rrwb"
    assert log_file_path().exists()
    from app.workbook import Workbook

    Workbook.open(workbook_path).close()  # released on close


def test_a_workbook_named_at_start_up_paints_without_the_welcome_screen(
        tmp_path, workbook_path) -> None:
    """Opening straight onto a workbook skips building the welcome screen, and (on Linux,
    with no copy running) the single-instance check and server load no QtNetwork first."""
    code = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["RRT_CONFIG_DIR"] = {str(tmp_path)!r}
        from PySide6.QtWidgets import QApplication
        from app.ui.app import run_gui

        def ready(window):
            seen = [m for m in ("app.ui.welcome_screen", "PySide6.QtNetwork")
                    if m in sys.modules]
            print(window.workbook_screen is not None, ",".join(seen))
            QApplication.setQuitOnLastWindowClosed(False)
            window.close()
            QApplication.exit(0)

        run_gui(Path({str(workbook_path)!r}), on_ready=ready)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    opened, _, loaded = result.stdout.strip().partition(" ")
    assert opened == "True"
    assert "app.ui.welcome_screen" not in loaded
    if sys.platform.startswith("linux"):
        assert "PySide6.QtNetwork" not in loaded


def test_unexpected_errors_are_logged_and_explained(messages) -> None:
    from app.logging_setup import configure_logging

    configure_logging()
    try:
        raise KeyError("internal detail")
    except KeyError as error:
        handle_exception(type(error), error, error.__traceback__)
    (text,) = messages.texts("warning")
    assert "Something went wrong" in text and str(log_file_path()) in text
    assert "KeyError" not in text and "Traceback" not in text
    assert "KeyError: 'internal detail'" in log_file_path().read_text(encoding="utf-8")


def test_a_workbook_error_that_escapes_shows_its_own_sentence(messages) -> None:
    from app.workbook.errors import WorkbookReadOnly

    error = WorkbookReadOnly()
    handle_exception(type(error), error, None)
    assert messages.texts("warning") == [str(error)]


def test_user_guide_shows_the_markdown(qtbot) -> None:
    dialog = UserGuideDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "There is no Save button" in text
    assert "# " not in text.splitlines()[0]  # rendered, not raw Markdown


def test_about_shows_version_and_log_location(qtbot, messages) -> None:
    from app import __version__

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.log_label.text() == str(log_file_path())
    assert any(__version__ in label.text() for label in dialog.findChildren(type(dialog.log_label)))
    if not log_file_path().exists():
        dialog.show_log_button.click()
        assert "Nothing has been written to the log yet" in messages.texts("information")[-1]


def test_menu_extensions_add_actions_that_need_a_workbook(main_window, workbook_path,
                                                          monkeypatch) -> None:
    monkeypatch.setitem(ui_actions._extensions, "file.export", [])
    added = {}

    def add_export(menu: QMenu, context: ui_actions.MenuContext) -> None:
        added["action"] = context.needs_workbook(menu.addAction("&Export…"))
        added["context"] = context

    ui_actions.register_menu_extension("file.export", add_export)
    window = main_window()
    action = added["action"]
    assert not action.isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Export…") == texts.index("Save a &Copy…") + 1
    window.open_path(workbook_path)
    assert action.isEnabled()
    assert added["context"].document() is window.document
    window.close_workbook()
    assert not action.isEnabled()


def test_about_lists_the_bundled_components_with_their_licences(qtbot) -> None:
    from importlib import metadata

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    model = dialog.components_table.model()
    rows = {model.index(r, 0).data(): (model.index(r, 1).data(), model.index(r, 2).data())
            for r in range(model.rowCount())}
    # The versions are the installed ones, read at run time, not written down.
    assert rows["PySide6-Essentials"][0] == metadata.version("PySide6-Essentials")
    assert "LGPL-3.0" in rows["PySide6-Essentials"][1]
    assert rows["SQLAlchemy"][1] == "MIT"
    assert rows["reportlab"][1].startswith("BSD")
    for name in ("python-docx", "openpyxl", "lxml", "Python"):
        assert rows[name][0] and rows[name][1]
    assert dialog.components_table.accessibleName() == "Components and licences"
