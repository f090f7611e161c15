"""`rrt --self-test`: proves that this copy of the app (above all an installed bundle)
has everything it needs, without a screen and without touching the user's files.

It makes a workbook in a temporary folder, exports the summary report in each format,
runs every module's own self-test (its `self_test` hook: the assessments module scores a
self-assessment and exports it) and checks that each file written is a complete document,
and that every bundled component's version can be read (Help › About lists them).
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.modules import SelfTestOutcome, load_target, modules

if TYPE_CHECKING:
    from app.workbook.store import Workbook

FORMATS = ("docx", "pdf", "xlsx")
# The parts a Word or Excel file cannot be without.
_ZIP_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


class SelfTestFailed(UserError):
    pass


def check_document(path: Path) -> None:
    """Raise SelfTestFailed unless `path` is a non-empty, well-formed file of its kind."""
    kind = path.suffix.lstrip(".").lower()
    if not path.is_file() or path.stat().st_size == 0:
        raise SelfTestFailed(f"The {kind} export {path.name} was not written or is empty.")
    if kind == "pdf":
        data = path.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise SelfTestFailed(f"The PDF export {path.name} is not a complete PDF file.")
        return
    part = _ZIP_PARTS.get(kind)
    if part is None:
        return
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        broken, names = path.name, set()
    if broken is not None or part not in names:
        raise SelfTestFailed(f"The {kind} export {path.name} is not a complete {kind} file.")


def _export_summary(workbook: Workbook, folder: Path) -> SelfTestOutcome:
    from app.reports.export.exporters import ExportFormat, ExportOptions
    from app.reports.workbook_export import prepare_export

    prepared = prepare_export(workbook, "summary")
    files = tuple(
        prepared.run(ExportOptions(ExportFormat(kind), folder / f"summary.{kind}")).path
        for kind in FORMATS
    )
    return SelfTestOutcome("exported the summary", files)


def check_components() -> int:
    """Help › About lists each component's version from its metadata: all must be there."""
    from app.components import bundled_components

    components = bundled_components()
    missing = [component.name for component in components if not component.version]
    if missing:
        raise SelfTestFailed(f"This copy lacks the package details of {', '.join(missing)}.")
    return len(components)


def run_self_test(folder: Path | None = None) -> str:
    """Run every check; return the one-line summary, or raise (UserError on a known
    problem). `folder` keeps the files for a look afterwards; by default they are removed."""
    started = time.perf_counter()
    listed = check_components()
    with tempfile.TemporaryDirectory(prefix="rrt-self-test-") as scratch:
        where = Path(folder) if folder is not None else Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        from app.workbook import Workbook

        outcomes: list[SelfTestOutcome] = []
        with Workbook.create(where / "self-test.rrwb", title="Self-test") as workbook:
            outcomes.append(_export_summary(workbook, where))
            for module in modules():
                if module.self_test is not None:
                    outcomes.append(load_target(module.self_test)(workbook, where))
        files = [path for outcome in outcomes for path in outcome.files]
        for path in files:
            check_document(path)
    done = ", ".join(outcome.done for outcome in outcomes)
    seconds = time.perf_counter() - started
    return (f"self-test passed: created a workbook, {done}; {len(files)} files checked, "
            f"{listed} components listed, in {seconds:.1f} s")
