"""The record's screening tab: one multi-line answer for each screening question."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.proofing.fields import SCREENING
from app.proofing.records import RecordData
from app.ui.proofing.record_form import Commit, area_field, fill_area, form_page


class ScreeningTab(QWidget):
    def __init__(self, commit: Commit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = form_page(self)
        self.screening_areas = {field: area_field(form, text, field, commit)
                                for field, text in SCREENING.items()}

    def show_record(self, record: RecordData | None, read_only: bool) -> None:
        screening = dict(record.screening) if record else {}
        for field, area in self.screening_areas.items():
            fill_area(area, screening.get(field, ""), read_only)
