"""The report layers hold: renderers and charts read only the neutral report model.

Files under app/reports/render/ and app/reports/charts/ may import the report model,
disclosure control, charts, each other and the two leaf modules that define what a
renderer hands back (export.result, export.atomic_file) - never the workbook store, the
UI or the exporter registry that dispatches to them.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "app" / "reports"
RENDERERS = sorted([*(REPORTS / "render").rglob("*.py"), *(REPORTS / "charts").rglob("*.py")])

FORBIDDEN = ("app.workbook", "app.ui", "PySide6", "sqlalchemy")
ALLOWED_APP = (
    "app.errors",
    "app.paths",
    "app.logging_setup",
    "app.archives",
    "app.reports.model.report",
    "app.reports.model.dates",
    "app.reports.model.formatting",  # how values read: one place for every renderer
    "app.reports.model.outline",  # reading order and the contents rule
    "app.reports.disclosure",
    "app.reports.charts",
    "app.reports.render",
    "app.reports.export.result",
    "app.reports.export.atomic_file",
)


def imports_of(path: Path) -> set[str]:
    """Every absolute module an import statement names, including lazy ones in functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # `from app.reports.model import report` names the module app.reports.model.report
            names.update(f"{node.module}.{alias.name}" for alias in node.names
                         if node.module.startswith("app."))
        elif isinstance(node, ast.ImportFrom) and node.level:
            names.add(f"<relative import in {path.name}>")
    return names


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_there_are_renderers_to_check() -> None:
    assert len(RENDERERS) > 20


def test_renderers_never_import_the_store_or_the_ui() -> None:
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in RENDERERS
        for name in imports_of(path)
        if within(name, FORBIDDEN)
    )
    assert offenders == []


def test_renderers_import_only_the_report_model_and_each_other() -> None:
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in RENDERERS
        for name in imports_of(path)
        if name.startswith(("app.", "<")) and not within(name, ALLOWED_APP)
        # `from app.reports.model import report` also records the package itself
        and name not in {"app.reports.model", "app.reports.export"}
    )
    assert offenders == []


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("def f():\n    from app.workbook.store import Workbook\n")
    assert any(within(name, FORBIDDEN) for name in imports_of(sample))
