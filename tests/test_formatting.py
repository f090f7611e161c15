"""File kinds and sizes read the same in the app and in the reports (app/formatting.py)."""

from __future__ import annotations

from pathlib import Path

from app.formatting import file_kind, format_size


def test_sizes_read_naturally() -> None:
    assert format_size(0) == "0 bytes"
    assert format_size(1) == "1 byte"
    assert format_size(73) == "73 bytes"
    assert format_size(1023) == "1,023 bytes"
    assert format_size(2350) == "2.3 KB"
    assert format_size(300 * 1024) == "300 KB"
    assert format_size(14 * 1024 * 1024) == "14 MB"
    assert format_size(5 * 1024**4) == "5.0 TB"


def test_kinds_are_words_not_media_types() -> None:
    assert file_kind("notes.txt", "text/plain") == "Text file"
    assert file_kind("Plan.DOCX") == "Word document"
    assert file_kind("scan", "image/tiff") == "Image"
    assert file_kind("data.parquet") == "PARQUET file"
    assert file_kind("README") == "File"


def test_the_summary_report_uses_the_same_words(tmp_path: Path) -> None:
    from app.basics.summary_report import build_workbook_summary
    from app.reports.model.report import Table
    from app.workbook import Workbook
    from app.workbook.evidence import attach_evidence
    from app.workbook.snapshot import take_snapshot

    with Workbook.create(tmp_path / "w.rrwb", title="W") as workbook:
        with workbook.session() as session:
            attach_evidence(session, "notes.txt", b"x" * 73)
        with workbook.session() as session:
            snapshot = take_snapshot(session, workbook.path)
    report = build_workbook_summary(snapshot)
    tables = [block for _, block in report.walk() if isinstance(block, Table)]
    cells = [row.cells for table in tables for row in table.iter_rows()]
    assert any(c[:3] == ("notes.txt", "Text file", "73 bytes") for c in cells), cells
