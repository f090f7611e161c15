"""Shared workbooks for the representation tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.representation.operations import CreateAudit, CreateBaseline
from app.representation.store import AuditRow, BaselineRow
from app.workbook import Workbook
from app.workbook.operations import run_operation

# Area shares chosen so that none matches a body's share, ratio or interval by chance.
AREA = (("bangladeshi", 9_700), ("african", 5_300), ("white-and-asian", 2_600),
        ("british", 70_000), ("irish", 10_100), ("arab", 2_300))


@pytest.fixture
def workbook(tmp_path: Path) -> Iterator[Workbook]:
    book = Workbook.create(tmp_path / "audit.rrwb", title="Representation", organisation="CVS")
    yield book
    book.close()


def add_baseline(workbook: Workbook, counts: tuple[tuple[str, int], ...] = AREA,
                 classification: str = "ons2021") -> uuid.UUID:
    row = BaselineRow(uuid.uuid4(), "Testshire", "E99999999", "Testshire", classification,
                      "Made up for the tests", counts)
    run_operation(workbook, CreateBaseline(row))
    return row.id


def add_audit(workbook: Workbook, counts: tuple[tuple[str, int], ...],
              baseline: uuid.UUID | None, *, when: date = date(2026, 4, 1),
              classification: str = "ons2021", kind: str = "board",
              name: str = "Board of trustees") -> uuid.UUID:
    row = AuditRow(uuid.uuid4(), kind, name, "", when, classification, baseline, "", counts)
    run_operation(workbook, CreateAudit(row))
    return row.id
