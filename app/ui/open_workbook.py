"""The open flow: turning a path into an open workbook, with a sentence for every problem.

- Errors (not found, not a workbook, damaged, too new…) → one message, nothing opens.
- Already open elsewhere → a question offering to open it read-only.
- Upgraded from an older format → a note naming the backup copy that was kept.
- In a cloud-sync folder or on a network drive → a warning, once per file per run.
- A lock left by a crash was cleared → a quiet note in the status bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.logging_setup import get_logger
from app.ui import messages

if TYPE_CHECKING:
    from app.ui.document import OpenWorkbook
    from app.workbook.store import Workbook

log = get_logger("ui.open")


class WorkbookOpener(QObject):
    status_note = Signal(str)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._warned_locations: set[Path] = set()

    def open(self, path: Path, *, read_only: bool = False) -> OpenWorkbook | None:
        from app.errors import UserError
        from app.workbook.errors import WorkbookInUse
        from app.workbook.store import Workbook

        path = Path(path).expanduser().absolute()
        try:
            workbook = Workbook.open(path, read_only=read_only)
        except WorkbookInUse as error:
            if not messages.ask(
                self._parent,
                str(error),
                accept="Open &Read-Only",
                informative="Read-only lets you look at everything and save a copy, "
                "but not make changes.",
            ):
                return None
            return self.open(path, read_only=True)
        except UserError as error:
            log.info("Could not open %s: %s", path, error)
            messages.show_error(self._parent, str(error))
            return None
        except OSError as error:
            log.warning("Could not open %s", path, exc_info=True)
            messages.show_error(
                self._parent,
                f"“{path.name}” could not be opened ({error.strerror or error}). "
                "Check that you can read the file and its folder, then try again.",
            )
            return None
        return self._opened(workbook)

    def create(self, path: Path, *, title: str, organisation: str = "", area: str = "",
               owner: str = "") -> OpenWorkbook | None:
        from app.errors import UserError
        from app.workbook.store import Workbook

        try:
            workbook = Workbook.create(path, title=title, organisation=organisation, area=area,
                                       owner=owner)
        except UserError as error:
            messages.show_error(self._parent, str(error))
            return None
        except OSError as error:
            log.warning("Could not create %s", path, exc_info=True)
            messages.show_error(
                self._parent,
                f"The workbook could not be created in {path.parent} "
                f"({error.strerror or error}). Choose another folder and try again.",
            )
            return None
        return self._opened(workbook)

    def _opened(self, workbook: Workbook) -> OpenWorkbook:
        from app.ui.document import OpenWorkbook

        log.info("Opened %s%s", workbook.path, " read-only" if workbook.read_only else "")
        if workbook.cleared_stale_lock:
            self.status_note.emit(
                f"“{workbook.path.name}” was not closed properly last time; "
                "it was checked and opened as normal."
            )
        if workbook.upgraded_from is not None and workbook.backup_path is not None:
            messages.show_info(
                self._parent,
                f"“{workbook.path.name}” was made by an older version of the app, so it has "
                "been upgraded. A copy of the original was kept beside it as "
                f"“{workbook.backup_path.name}”.",
            )
        if workbook.location_warning and workbook.path not in self._warned_locations:
            self._warned_locations.add(workbook.path)
            messages.show_error(self._parent, workbook.location_warning)
        return OpenWorkbook(workbook)
