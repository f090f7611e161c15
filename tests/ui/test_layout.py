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


def test_every_section_of_the_sample_fits_a_laptop_window_without_scrolling(
        main_window, qtbot, tmp_path) -> None:
    # A screen taller than the window scrolls as a whole, which cuts off the lower part
    # of its lists and panels; long forms and texts scroll inside their own areas instead.
    from PySide6.QtWidgets import QScrollArea

    from app.modules import all_sections
    from app.ui.workbook_screen import SectionPage
    from tests.support.sample import sample_copy

    path = sample_copy(tmp_path)
    window = main_window(path)
    window.resize(1280, 800)
    screen = window.workbook_screen
    scrolling = []
    for section in all_sections():
        screen.show_section(section.id)
        qtbot.wait(20)
        page = screen.editor(section.id).parentWidget()
        while not isinstance(page, SectionPage):
            page = page.parentWidget()
        area = page.findChild(QScrollArea, "body_scroll")
        if area.verticalScrollBar().maximum() > 0:
            scrolling.append(section.id)
    assert scrolling == []
