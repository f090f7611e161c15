"""The workbook summary is for people: plain kinds and sizes, no internals, and a list of
what every module holds that grows as modules arrive."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from app.basics.summary_report import build_workbook_summary
from app.modules import CountSpec, ModuleManifest, add_module, all_counts, remove_module
from app.reports.model.report import KeyFigures, Table
from app.workbook.snapshot import ChangeSummary, EvidenceSummary, WorkbookSnapshot

WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def snapshot(counts: dict[str, int]) -> WorkbookSnapshot:
    return WorkbookSnapshot(
        file_name="Board monitoring.rrwb",
        title="Board monitoring",
        organisation="Northfield CVS",
        area="Northfield",
        owner="Priya Ramanathan",
        created_at=WHEN,
        updated_at=WHEN,
        schema_version=7,
        evidence=(
            EvidenceSummary("minutes.txt", "text/plain", 73, WHEN),
            EvidenceSummary("scheme.docx",
                            "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document", 1229, WHEN),
        ),
        recent_changes=(ChangeSummary(WHEN, "svc-rrt-admin", "Attached evidence"),),
        counts=counts,
    )


@pytest.fixture
def extra_module() -> Iterator[CountSpec]:
    spec = CountSpec("audits", "Representation audits", "audit", frozenset({"audits"}))
    add_module(ModuleManifest(name="audits_test", title="Audits", counts=(spec,)))
    yield spec
    remove_module("audits_test")


def all_text(report) -> str:
    parts: list[str] = []
    for _, block in report.walk():
        if isinstance(block, Table):
            parts += [c.title for c in block.columns]
            parts += [str(v) for row in block.iter_rows() for v in row.cells]
        elif isinstance(block, KeyFigures):
            parts += [f"{f.label} {f.value}" for f in block.figures]
        else:
            parts.append(str(getattr(block, "plain_text", getattr(block, "title", ""))))
    return " | ".join(parts)


def test_no_developer_details_and_plain_kinds_and_sizes() -> None:
    report = build_workbook_summary(snapshot({"evidence": 2, "changes": 1}), date(2026, 11, 25))
    text = all_text(report)
    assert "Workbook format" not in text and "7" not in text.split("|")
    assert "text/plain" not in text and "application/" not in text  # no media types
    assert "svc-rrt-admin" not in text  # no account names
    assert "Text file" in text and "Word document" in text
    assert "73 bytes" in text and "1.2 KB" in text


def test_lists_what_each_module_holds(extra_module: CountSpec) -> None:
    counts = {spec.name: n for n, spec in enumerate(all_counts(), start=3)}
    report = build_workbook_summary(snapshot(counts), date(2026, 11, 25))
    holdings = next(t for t in report.tables() if t.caption == "What the workbook holds")
    rows = [tuple(row.cells) for row in holdings.iter_rows()]
    assert rows == [(spec.label, counts[spec.name]) for spec in all_counts()]
    assert ("Representation audits", counts["audits"]) in rows  # a new module is listed
