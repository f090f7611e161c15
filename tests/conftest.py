"""Shared fixtures: every test runs with its own settings folder, never the user's."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Chart shapes are checked attribute by attribute in tests (users' exports skip it).
os.environ["RRT_CHECK_CHART_SHAPES"] = "1"


class _QtUnavailable:
    """Import hook that makes PySide6 look uninstalled (RRT_BLOCK_QT=1)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is not installed in this environment")


if os.environ.get("RRT_BLOCK_QT") == "1":
    # The core's tests must pass on a machine without Qt: test_layering runs them so.
    sys.meta_path.insert(0, _QtUnavailable())


@pytest.fixture(autouse=True, scope="session")
def shared_structure_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache of expected workbook structures for the whole run, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("RRT_CACHE_DIR")
    os.environ["RRT_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("RRT_CACHE_DIR", None)
    else:
        os.environ["RRT_CACHE_DIR"] = previous


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
