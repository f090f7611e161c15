"""What a user with low vision relies on: readable secondary text, a visible focus ring
and read-only fields that look read-only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.style import (
    FOCUS_RING_WIDTH,
    MIN_CONTRAST,
    SECONDARY_TEXT_ROLES,
    accessible_palette,
    contrast,
)

Role = QPalette.ColorRole
BACKGROUNDS = (Role.Window, Role.Base, Role.AlternateBase)


def _dark() -> QPalette:
    palette = QPalette(QColor("#2b2b2b"))
    palette.setColor(Role.Base, QColor("#1e1e1e"))
    palette.setColor(Role.Text, QColor("#e6e6e6"))
    palette.setColor(Role.WindowText, QColor("#e6e6e6"))
    palette.setColor(Role.PlaceholderText, QColor(255, 255, 255, 90))
    return palette


@pytest.mark.parametrize("which", ["app", "dark"])
def test_text_roles_have_enough_contrast(qapp, which: str) -> None:
    palette = qapp.palette() if which == "app" else accessible_palette(_dark())
    pairs = [(Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
             (Role.WindowText, Role.Window), (Role.HighlightedText, Role.Highlight) if which
             == "app" else (Role.Text, Role.Base)]
    pairs += [(text, background) for text in SECONDARY_TEXT_ROLES for background in BACKGROUNDS]
    for text, background in pairs:
        ratio = contrast(palette.color(text), palette.color(background))
        assert ratio >= MIN_CONTRAST, f"{text.name} on {background.name}: {ratio:.2f}:1"


def _host(qtbot, widget: QWidget) -> tuple[QWidget, QLineEdit]:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    elsewhere = QLineEdit(host)  # somewhere else for focus to be
    layout.addWidget(elsewhere)
    layout.addWidget(widget)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    elsewhere.setFocus()
    return host, elsewhere


def _highlight_pixels(widget: QWidget) -> int:
    """How many of the widget's pixels are in the Highlight colour."""
    image = widget.grab().toImage()
    highlight = widget.palette().color(Role.Highlight)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if max(abs(pixel.red() - highlight.red()), abs(pixel.green() - highlight.green()),
                   abs(pixel.blue() - highlight.blue())) < 40:
                count += 1
    return count


def _ring_thickness(widget: QWidget) -> int:
    """The run of Highlight pixels where the middle row first meets the ring."""
    image = widget.grab().toImage()
    highlight = widget.palette().color(Role.Highlight)
    y, run = image.height() // 2, 0
    for x in range(image.width() // 2):
        pixel = image.pixelColor(x, y)
        close = max(abs(pixel.red() - highlight.red()), abs(pixel.green() - highlight.green()),
                    abs(pixel.blue() - highlight.blue())) < 40
        if close:
            run += 1
        elif run:
            break
    return run


@pytest.mark.parametrize(
    "kind", [QLineEdit, QPushButton, QListWidget, QComboBox, QCheckBox, QTableView])
def test_focus_shows_as_a_ring_in_the_highlight_colour(qtbot, kind) -> None:
    widget = kind("Text") if kind in (QPushButton, QCheckBox) else kind()
    host, _elsewhere = _host(qtbot, widget)
    qtbot.waitUntil(lambda: not widget.hasFocus())
    before = _highlight_pixels(widget)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)  # shown at once, not only after a Tab
    qtbot.waitUntil(widget.hasFocus)
    # At least both sides of a ring round a line of text...
    line = widget.fontMetrics().height()
    assert _highlight_pixels(widget) - before >= 2 * FOCUS_RING_WIDTH * line
    # ...and FOCUS_RING_WIDTH thick where it crosses the middle row, not a hairline.
    assert _ring_thickness(widget) >= FOCUS_RING_WIDTH
    host.close()


def test_read_only_fields_look_read_only(qtbot) -> None:
    edit = QLineEdit("Saved in /somewhere")
    edit.setReadOnly(True)
    host, _elsewhere = _host(qtbot, edit)
    image = edit.grab().toImage()
    window = host.palette().color(Role.Window)
    # No box: the edges and the inside are the window's own colour.
    for x, y in ((0, image.height() // 2), (image.width() - 1, image.height() // 2),
                 (image.width() - 3, 2)):
        assert image.pixelColor(x, y).name() == window.name()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    assert _ring_thickness(edit) >= FOCUS_RING_WIDTH  # still shows focus
