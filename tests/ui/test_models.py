"""Every Qt model passes pytest-qt's model tester."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.ui.editors.change_log_model import ChangeLogModel, ChangeRow
from app.ui.editors.evidence_model import ID_ROLE, SORT_ROLE, EvidenceRow, EvidenceTableModel
from app.ui.navigator_model import COUNT_ROLE, NavigatorModel
from app.ui.recent_files_model import RecentFilesModel
from app.ui.screens import sections

WHEN = datetime(2026, 11, 25, 14, 32, tzinfo=UTC)


def test_navigator_model(qtmodeltester) -> None:
    model = NavigatorModel(sections())
    qtmodeltester.check(model)
    model.set_count("evidence", 3)
    qtmodeltester.check(model)
    row = model.row_of("evidence")
    assert model.index(row, 0).data(COUNT_ROLE) == 3
    assert model.index(row, 0).data() == "Evidence files"
    assert model.index(model.row_of("details"), 0).data(COUNT_ROLE) is None


def test_evidence_model(qtmodeltester) -> None:
    model = EvidenceTableModel()
    qtmodeltester.check(model)
    rows = [
        EvidenceRow(uuid.uuid4(), "Minutes.docx", "application/octet-stream", 2048, WHEN, "", "a"),
        EvidenceRow(uuid.uuid4(), "Survey.pdf", "application/pdf", 12, WHEN, "Q1", "b"),
    ]
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(4)] == [
        "Minutes.docx", "Word document", "2.0 KB", WHEN.astimezone().strftime("%d/%m/%Y")]
    assert model.index(1, 2).data(SORT_ROLE) == 12
    assert model.index(1, 0).data(ID_ROLE) == str(rows[1].id)


def test_change_log_model(qtmodeltester) -> None:
    model = ChangeLogModel()
    qtmodeltester.check(model)
    model.set_rows([ChangeRow(WHEN, "sam", "Title changed from “a” to “b”")])
    qtmodeltester.check(model)
    assert model.index(0, 2).data() == "Title changed from “a” to “b”"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "What changed"


def test_recent_files_model(qtmodeltester, tmp_path) -> None:
    here = tmp_path / "Here.rrwb"
    here.write_bytes(b"")
    model = RecentFilesModel()
    qtmodeltester.check(model)
    model.set_paths([str(here), str(tmp_path / "Gone.rrwb")])
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Here"
    assert model.index(1, 0).data() == "Gone (unavailable)"
    assert "unavailable" in model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole)
