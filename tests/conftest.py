"""Shared fixtures: every test runs with its own settings folder, never the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("RRT_CONFIG_DIR", str(folder))
    yield folder


@pytest.fixture
def new_workbook(tmp_path: Path):
    """A freshly created, open workbook; closed after the test."""
    from app.workbook import Workbook

    workbook = Workbook.create(
        tmp_path / "Test workbook.rrwb",
        title="Test workbook",
        organisation="Testshire CVS",
        area="Testshire",
        owner="Test Owner",
    )
    yield workbook
    workbook.close()
