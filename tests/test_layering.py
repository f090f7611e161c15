"""The core is Qt-free: only app/ui/ may import PySide6, and the core runs without it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def core_modules() -> list[Path]:
    return [p for p in APP.rglob("*.py") if "ui" not in p.relative_to(APP).parts[:1]]


def test_only_the_ui_package_imports_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in core_modules()
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in imported_modules(path))
    ]
    assert offenders == []


def test_the_core_imports_and_runs_with_qt_unavailable(tmp_path: Path) -> None:
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in core_modules()
        if "migrations" not in path.parts and path.name != "__main__.py"
    )
    script = textwrap.dedent(
        f"""
        import importlib, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("Qt is not available in this environment")
                return None

        sys.meta_path.insert(0, BlockQt())
        for name in {modules!r}:
            importlib.import_module(name)
        from app.cli import run
        status = run(["new", sys.argv[1], "--title", "Qt-free"])
        status = status or run(["info", sys.argv[1]])
        assert not any(m.startswith("PySide6") for m in sys.modules)
        sys.exit(status)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "core.rrwb")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"title": "Qt-free"' in result.stdout


def test_core_test_suite_passes_without_qt() -> None:
    core_tests = [
        "tests/workbook",
        "tests/test_settings.py",
        "tests/test_cli.py",
        "tests/reports/test_disclosure.py",
        "tests/reports/test_charts.py",
        "tests/test_archives.py",
        "tests/test_report_layers.py",
        "tests/assessments",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:pytest-qt", "-p", "no:cacheprovider",
         "--deselect", "tests/workbook/test_crash_safety.py", *core_tests],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
        env={**os.environ, "RRT_BLOCK_QT": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "PySide6" not in result.stdout
