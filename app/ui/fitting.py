"""Windows that fit the screen they open on, at any display scale.

At 150 % or 200 % a 1024×600 laptop screen is only 683×400 or 512×300 logical pixels, so
no window may insist on a size: each asks for a comfortable size, gets what the screen has
room for, and lets its content scroll (never its buttons) when that is less.

- `fit_to_screen(window)` resizes and moves a top-level window so all of it is on its
  screen's available area; `keep_on_screen(window)` does that each time it is shown.
- `scrolling(body)` wraps a dialog's content in a frameless scroll area.
- `fitted_rect` and `restored_size` are the arithmetic, testable without a screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room left for the window manager's title bar and borders, which Qt cannot measure
# before the window is on screen.
FRAME_ALLOWANCE = QSize(16, 40)
# A saved size smaller than this share of the default (say saved at 200 % and restored
# at 100 %) is too small to be what anyone meant: the default is used instead.
SMALLEST_RESTORED_SHARE = 0.6


def available_area(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_rect(wanted: QRect, available: QRect, frame: QSize = FRAME_ALLOWANCE) -> QRect:
    """`wanted` made no larger than `available` (less the frame) and moved to lie inside it."""
    size = wanted.size().boundedTo(available.size() - frame)
    size = size.expandedTo(QSize(1, 1))
    x = min(max(wanted.x(), available.left()), available.right() + 1 - size.width() - frame.width())
    y = min(max(wanted.y(), available.top()),
            available.bottom() + 1 - size.height() - frame.height())
    return QRect(max(x, available.left()), max(y, available.top()), size.width(), size.height())


def restored_size(saved: QSize | None, default: QSize, available: QRect) -> QSize:
    """The size to open a window at: the saved one if it suits this screen, else the default;
    never larger than the screen."""
    room = available.size() - FRAME_ALLOWANCE
    fallback = default.boundedTo(room)
    if saved is None or not saved.isValid():
        return fallback
    too_small = (saved.width() < fallback.width() * SMALLEST_RESTORED_SHARE
                 or saved.height() < fallback.height() * SMALLEST_RESTORED_SHARE)
    return fallback if too_small else saved.boundedTo(room)


def fit_to_screen(window: QWidget, wanted: QSize | None = None,
                  available: QRect | None = None) -> None:
    """Resize (to `wanted`, or as it is) and move `window` so all of it is on screen."""
    area = available if available is not None else available_area(window)
    size = wanted if wanted is not None else window.size()
    rect = fitted_rect(QRect(window.pos(), size), area)
    # Never demand more than the screen has: the content scrolls instead.
    window.setMinimumSize(window.minimumSize().boundedTo(rect.size()))
    window.resize(rect.size())
    window.move(rect.topLeft())


Wanted = QSize | Callable[[], QSize] | None


class _KeepOnScreen(QObject):
    def __init__(self, window: QWidget, wanted: Wanted) -> None:
        super().__init__(window)
        self._wanted = wanted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            wanted = self._wanted() if callable(self._wanted) else self._wanted
            fit_to_screen(watched, wanted or watched.size())
            # Qt places dialogs over their parent as they show: check again after that.
            QTimer.singleShot(0, watched, lambda: fit_to_screen(watched))
        return False


def keep_on_screen(window: QWidget, wanted: Wanted = None) -> None:
    """Fit `window` to its screen each time it is shown (at `wanted` size if given)."""
    window.installEventFilter(_KeepOnScreen(window, wanted))


def scrolling(body: QWidget, parent: QWidget) -> QScrollArea:
    """`body` in a frameless scroll area that scrolls only when the window is too small."""
    area = QScrollArea(parent)
    area.setObjectName("body_scroll")
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside
    area.viewport().setAutoFillBackground(False)
    body.setAutoFillBackground(False)
    return area


def comfortable_size(window: QWidget, area: QScrollArea, width: int) -> QSize:
    """`width` wide and tall enough to show all of `area`'s content without scrolling."""
    body = area.widget()
    margins = window.contentsMargins()
    layout = window.layout()
    if layout is not None:
        left, _top, right, _bottom = layout.getContentsMargins()
        inner = width - left - right - margins.left() - margins.right()
    else:
        inner = width
    content = (body.heightForWidth(inner) if body.hasHeightForWidth()
               else body.sizeHint().height())
    rest = window.sizeHint().height() - area.sizeHint().height()
    return QSize(width, max(content, body.minimumSizeHint().height()) + rest + 2)


def grow_to_fit(window: QWidget, area: QScrollArea) -> None:
    """Grow `window` (as far as its screen allows) to show all of `area`, say when a note
    has appeared in it; beyond that the area scrolls."""
    if not window.isVisible():
        return
    wanted = comfortable_size(window, area, window.width())
    if window.height() < wanted.height():
        fit_to_screen(window, wanted)
