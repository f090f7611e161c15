"""The bundled data is found in a checkout, an installed wheel and a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

from app import paths

ROOT = Path(__file__).resolve().parents[1]


def test_a_checkout_finds_the_top_level_folders() -> None:
    assert paths.resource("sample", "sample.rrwb") == ROOT / "resources" / "sample" / "sample.rrwb"
    assert (paths.docs_dir() / "USER_GUIDE.md").is_file()


def test_an_installed_wheel_finds_the_folders_inside_the_package(tmp_path, monkeypatch) -> None:
    package = tmp_path / "site-packages" / "app"
    (package / "_resources" / "fonts").mkdir(parents=True)
    (package / "_docs").mkdir()
    monkeypatch.setattr(paths, "_PACKAGE", package)
    assert paths.resource("fonts") == package / "_resources" / "fonts"
    assert paths.docs_dir() == package / "_docs"


def test_a_frozen_build_finds_the_folders_beside_the_executable(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.docs_dir() == tmp_path / "docs"
