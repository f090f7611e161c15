"""Fixtures for the GUI tests: a main-window factory, workbooks, and captured messages.

Nothing here ever shows a real modal box: every message goes to `messages.shown`, and
questions are answered from `messages.answers` (default: the cautious answer, False).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.settings import Settings
from app.ui import messages as ui_messages
from app.ui.main_window import MainWindow
from app.ui.style import apply_style
from app.workbook import Workbook


@dataclass
class Messages:
    shown: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    answers: list[bool] = field(default_factory=list)
    options: list[dict[str, object]] = field(default_factory=list)  # each question's keywords

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, text in self.shown if kind is None or k == kind]


@pytest.fixture(autouse=True)
def app_style(qapp: QApplication) -> None:
    """The app's own adjustments to the platform style, as `make_application` applies."""
    apply_style(qapp)


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    captured = Messages()

    def box(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(_parent: object, _title: str, text: str, *_args: object,
                 **_kwargs: object) -> QMessageBox.StandardButton:
            captured.shown.append((kind, text))
            return QMessageBox.StandardButton.Ok
        return show

    def ask(_parent: object, text: str, **kwargs: object) -> bool:
        captured.shown.append(("question", text))
        captured.options.append(kwargs)
        return captured.answers.pop(0) if captured.answers else False

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(box(kind)))
    monkeypatch.setattr(ui_messages, "ask", ask)
    return captured


@pytest.fixture
def main_window(qtbot) -> Iterator[Callable[..., MainWindow]]:
    """Factory: `main_window(path=None, read_only=False)` → a shown MainWindow."""
    windows: list[MainWindow] = []

    def make(path: Path | None = None, *, read_only: bool = False,
             settings: Settings | None = None) -> MainWindow:
        settings = settings if settings is not None else Settings.load()
        window = MainWindow(settings)
        qtbot.addWidget(window)
        if not settings.window_geometry:
            window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # for shortcuts
        windows.append(window)
        if path is not None:
            assert window.open_path(path, read_only=read_only)
        return window

    yield make
    for window in windows:
        window.close()  # closes the workbook and releases its lock


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    """A closed workbook file with known details and no evidence."""
    path = tmp_path / "Local plan.rrwb"
    Workbook.create(path, title="Local plan", organisation="Testshire CVS", area="Testshire",
                    owner="Sam").close()
    return path


def read_detail(path: Path, field_name: str) -> str:
    """A detail as stored in the file, read through a separate read-only Workbook."""
    from app.workbook.info import get_info

    with Workbook.open(path, read_only=True) as workbook, workbook.session() as session:
        return str(getattr(get_info(session), field_name))


def evidence_names(path: Path) -> list[str]:
    from app.workbook.evidence import list_evidence

    with Workbook.open(path, read_only=True) as workbook, workbook.session() as session:
        return [e.name for e in list_evidence(session)]
