"""Message boxes: one plain sentence each, never a traceback or an exception name.

Call sites use these functions (through the module) so tests can capture them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app import APP_NAME


def show_error(parent: QWidget | None, text: str, title: str = APP_NAME) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, text: str, title: str = APP_NAME) -> None:
    QMessageBox.information(parent, title, text)


def question_box(
    parent: QWidget | None,
    text: str,
    *,
    accept: str,
    reject: str = "Cancel",
    title: str = APP_NAME,
    informative: str = "",
    destructive: bool = False,
) -> QMessageBox:
    """The box `ask` shows. With `destructive` (say replacing a file), Enter picks `reject`,
    so a hurried key press keeps what is there."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    if informative:
        box.setInformativeText(informative)
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(reject, QMessageBox.ButtonRole.RejectRole)
    yes.setAccessibleName(accept.replace("&", ""))
    no.setAccessibleName(reject.replace("&", ""))
    box.setDefaultButton(no if destructive else yes)
    box.setEscapeButton(no)
    return box


def ask(
    parent: QWidget | None,
    text: str,
    *,
    accept: str,
    reject: str = "Cancel",
    title: str = APP_NAME,
    informative: str = "",
    destructive: bool = False,
) -> bool:
    """Ask a question with buttons that say what they do; True for `accept`."""
    box = question_box(parent, text, accept=accept, reject=reject, title=title,
                       informative=informative, destructive=destructive)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole
