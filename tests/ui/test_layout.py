"""The app remembers its window and splitter layout between sessions."""

from __future__ import annotations

from app.settings import Settings


def test_window_geometry_and_splitter_are_remembered(main_window, workbook_path) -> None:
    window = main_window(workbook_path)
    window.resize(700, 500)  # within the offscreen screen
    window.workbook_screen.splitter.setSizes([250, 450])
    window.close()
    saved = Settings.load()
    assert saved.window_geometry and saved.window_state and saved.splitter_state

    again = main_window(workbook_path)
    assert again.size().width() == 700 and again.size().height() == 500
    assert again.workbook_screen.splitter.sizes()[0] == 250
