"""The record's details tab: title, version, author, team and draft date, with a line
about the stored draft and the scheme it was proofed against."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.proofing.records import RecordData
from app.ui.proofing.record_form import Commit, fill_lines, form_page, line_field

DETAILS = {"title": "&Title", "version": "&Version", "author": "&Author",
           "team": "Owning &team", "drafted_on": "&Draft date"}


class DetailsTab(QWidget):
    def __init__(self, commit: Commit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = form_page(self)
        self.detail_edits = {field: line_field(form, text, field, commit)
                             for field, text in DETAILS.items()}
        self.draft_label = QLabel(self)
        self.draft_label.setWordWrap(True)
        form.addRow(self.draft_label)

    def show_record(self, record: RecordData | None, read_only: bool) -> None:
        fill_lines(self.detail_edits, record, read_only)
        if record:
            self.draft_label.setText(
                f"Draft file: {record.draft_name} ({record.word_count:,} words), "
                f"SHA-256 {record.sha256[:16]}…; scheme: {record.scheme_name}; proofed "
                f"{record.proofed_at:%d/%m/%Y %H:%M}." if record.proofed_at else "")
