"""How the app looks beyond the platform style: readable secondary text, a focus ring that
can be seen, and read-only fields that do not look editable.

`apply_style(application)` runs once at start-up. It keeps the platform's style and
palette and only adjusts them:

- Secondary text (the palette's PlaceholderText role, used for hints, folders and counts)
  is darkened, or lightened on a dark theme, until it has at least 4.5:1 contrast against
  every background it is drawn on (WCAG AA); so is selected text on the Highlight colour.
- A 2-pixel ring in the palette's Highlight colour is drawn round whatever has keyboard
  focus (fields, lists, buttons, boxes), whether or not the platform draws its own.
- Read-only single- and multi-line fields take the window's background and lose their
  frame, so they read as text rather than as boxes to type in (the ring still shows when
  one has focus, for copying from it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

MIN_CONTRAST = 4.5  # WCAG 2.x AA for body text
ERROR_COLOUR = "#b00020"  # problems stated under a field (6:1 on the light window colour)
FOCUS_RING_WIDTH = 2
_BACKGROUNDS = (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
                QPalette.ColorRole.AlternateBase)
# Role-based text colours the app draws secondary text in; each must pass on every background.
SECONDARY_TEXT_ROLES = (QPalette.ColorRole.PlaceholderText,)

def error_label(parent: QWidget) -> QLabel:
    """A hidden, word-wrapped label for a sentence about a problem with what was typed."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    label.hide()
    return label


# ---------------------------------------------------------------------- contrast

def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    return (0.2126 * _channel(colour.red()) + 0.7152 * _channel(colour.green())
            + 0.0722 * _channel(colour.blue()))


def composite(colour: QColor, background: QColor) -> QColor:
    """`colour` as it shows when drawn (with its transparency) on `background`."""
    alpha = colour.alphaF()
    return QColor(*(round(alpha * getattr(colour, c)() + (1 - alpha) * getattr(background, c)())
                    for c in ("red", "green", "blue")))


def contrast(foreground: QColor, background: QColor) -> float:
    """The WCAG contrast ratio of text in `foreground` drawn on `background` (1 to 21)."""
    shown = composite(foreground, background)
    lighter, darker = sorted((luminance(shown), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_secondary(palette: QPalette) -> QColor:
    """A quieter text colour that still has MIN_CONTRAST against each background."""
    text = palette.color(QPalette.ColorRole.Text)
    backgrounds = [palette.color(role) for role in _BACKGROUNDS]
    current = palette.color(QPalette.ColorRole.PlaceholderText)
    if all(contrast(current, bg) >= MIN_CONTRAST for bg in backgrounds):
        return current
    # Blend from the background colour towards the text colour; stop at the first that
    # passes everywhere, so it stays as quiet as it can be.
    base = palette.color(QPalette.ColorRole.Window)
    for step in range(101):
        weight = step / 100
        candidate = QColor(*(round(weight * getattr(text, c)() + (1 - weight) * getattr(base, c)())
                             for c in ("red", "green", "blue")))
        if all(contrast(candidate, bg) >= MIN_CONTRAST + 0.05 for bg in backgrounds):
            return candidate
    return text


def readable_highlight(palette: QPalette) -> QColor:
    """The Highlight colour, deepened until selected text on it reads at MIN_CONTRAST."""
    highlight = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.HighlightedText)
    lighter_text = luminance(text) > luminance(highlight)
    for _ in range(40):
        if contrast(text, highlight) >= MIN_CONTRAST + 0.05:
            break
        highlight = highlight.darker(106) if lighter_text else highlight.lighter(106)
    return highlight


def accessible_palette(palette: QPalette) -> QPalette:
    adjusted = QPalette(palette)
    secondary = readable_secondary(palette)
    highlight = readable_highlight(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        adjusted.setColor(group, QPalette.ColorRole.PlaceholderText, secondary)
        adjusted.setColor(group, QPalette.ColorRole.Highlight, highlight)
    return adjusted


# ---------------------------------------------------------------------- focus ring

def _read_only_text(widget: object) -> bool:
    return isinstance(widget, QPlainTextEdit) and widget.isReadOnly()


def _follow_read_only(edit: QPlainTextEdit) -> None:
    """A read-only multi-line field takes the window's background (see `drawControl`)."""
    edit.viewport().setBackgroundRole(QPalette.ColorRole.Window if edit.isReadOnly()
                                      else QPalette.ColorRole.Base)
    edit.update()


class _FocusRepaint(QObject):
    """Scroll areas and combo boxes repaint their frame when focus comes and goes; a
    multi-line field changes its look when it becomes read-only or editable."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut) and isinstance(
                watched, QWidget):
            watched.update()
        elif kind == QEvent.Type.ReadOnlyChange and isinstance(watched, QPlainTextEdit):
            _follow_read_only(watched)
        return False


_RING_ROOM = "focusRingRoom"


def _ring_room(area: QAbstractScrollArea) -> None:
    """Widen a scroll area's platform frame so the whole ring fits outside the view.

    A plain box frame takes exactly its line width, which Qt reads without asking the
    style; `drawControl` then draws it as the platform's panel. (Overriding pixelMetric
    to widen the frame made Qt call into Python for every size and paint query.)"""
    if area.frameShape() != QFrame.Shape.StyledPanel or area.frameWidth() >= FOCUS_RING_WIDTH:
        return
    area.setProperty(_RING_ROOM, True)
    area.setFrameStyle(QFrame.Shape.Box | QFrame.Shadow.Plain)
    area.setLineWidth(FOCUS_RING_WIDTH)
    area.setMidLineWidth(0)


class FocusRingStyle(QProxyStyle):
    """The platform style, plus a clear ring round the control with keyboard focus."""

    _PRIMITIVES = frozenset({
        QStyle.PrimitiveElement.PE_FrameFocusRect,  # check boxes, radio buttons, items
        QStyle.PrimitiveElement.PE_PanelButtonCommand,  # push buttons
        QStyle.PrimitiveElement.PE_PanelLineEdit,  # line edits (and spin boxes)
    })

    def __init__(self, base: QStyle | None = None) -> None:
        super().__init__(base)
        self._repaint = _FocusRepaint(self)

    def polish(self, target: object) -> object:  # widget, palette or application overloads
        if isinstance(target, QAbstractScrollArea | QComboBox):
            target.installEventFilter(self._repaint)
        if isinstance(target, QAbstractScrollArea):
            _ring_room(target)
        if isinstance(target, QPlainTextEdit):
            _follow_read_only(target)
        return super().polish(target)  # type: ignore[call-overload]

    @staticmethod
    def _ring(option: QStyleOption, painter: QPainter, inset: float) -> None:
        if not option.state & QStyle.StateFlag.State_HasFocus:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), FOCUS_RING_WIDTH)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = FOCUS_RING_WIDTH / 2 + inset
        painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), 2, 2)
        painter.restore()

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            # Ours replaces the platform's dotted line (which Fusion also hides until Tab).
            if isinstance(widget, QAbstractScrollArea):
                return  # the item inside a list: the list's own ring shows focus
            self._ring(option, painter, 0)
            return
        if element == QStyle.PrimitiveElement.PE_PanelLineEdit and isinstance(
                widget, QLineEdit) and widget.isReadOnly():
            # Read-only: text on the window's colour, no box (the ring still shows focus).
            painter.fillRect(option.rect, option.palette.brush(QPalette.ColorRole.Window))
            self._ring(option, painter, 0)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in self._PRIMITIVES:
            self._ring(option, painter, 0)

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,
                    painter: QPainter, widget: QWidget | None = None) -> None:
        framed = element == QStyle.ControlElement.CE_ShapedFrame and isinstance(
            widget, QAbstractScrollArea)
        if framed and widget.property(_RING_ROOM) and option.frameShape == QFrame.Shape.Box:
            # Drawn as the platform's own panel: the plain box only reserved the room.
            option.frameShape = QFrame.Shape.StyledPanel  # type: ignore[attr-defined]
        if not (framed and _read_only_text(widget)):  # read-only text: no box round it
            super().drawControl(element, option, painter, widget)
        if framed and widget.hasFocus():  # type: ignore[union-attr]
            option.state |= QStyle.StateFlag.State_HasFocus
            self._ring(option, painter, 0)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOption,
                           painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)  # type: ignore[arg-type]
        if control == QStyle.ComplexControl.CC_ComboBox:
            self._ring(option, painter, 0)


def apply_style(application: QApplication) -> None:
    """Adjust the platform style and palette (once; calling again changes nothing)."""
    if not isinstance(application.style(), FocusRingStyle):
        # No application style sheet: one puts a rule-matching layer in front of every
        # size and paint query in every window; the read-only look is drawn here instead.
        application.setStyle(FocusRingStyle(application.style().name()))
    application.setPalette(accessible_palette(application.palette()))
