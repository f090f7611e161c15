"""The exporter registry, export options, file names, overwrite safety and the report catalogue."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.errors import UserError
from app.reports.disclosure.control import DisclosurePreset
from app.reports.export.exporters import (
    EXPORTERS,
    PUBLICATION_DEFAULT,
    ExportFileExistsError,
    ExportFormat,
    ExportOptions,
    default_file_name,
    export_report,
    long_date,
)
from app.reports.export.result import ExportCancelled
from app.reports.model import catalogue
from app.reports.model.report import (
    Column,
    ColumnKind,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
    TitlePage,
)
from tests.support.office import convert_with_libreoffice

REPO = Path(__file__).resolve().parents[2]


def small_report() -> Report:
    table = Table(
        (Column("Role"), Column("People", ColumnKind.COUNT)),
        (Row(("Trustees", 3)), Row(("Staff", 48)), Row(("Total", 51), is_total=True)),
        caption="Table 1: people by role",
    )
    return Report(
        TitlePage("Board monitoring", organisation="Canal Side Women's Network",
                  report_date=date(2026, 11, 25)),
        (Section("Findings", (Paragraph.of("Who is on the board."), table)),),
        appendices=(Section("Appendix A: method", (Paragraph.of("How we counted."),)),),
    )


def xlsx_values(path: Path) -> list[object]:
    wb = load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


# ---------------------------------------------------------------- registry and options


def test_every_format_has_an_exporter_the_dialog_can_read() -> None:
    assert set(EXPORTERS) == set(ExportFormat)
    for fmt, exporter in EXPORTERS.items():
        assert exporter.format is fmt and exporter.label and exporter.description
        assert exporter.file_suffix.startswith(".")
    assert EXPORTERS[ExportFormat.DOCX].supports_template
    assert not EXPORTERS[ExportFormat.XLSX].supports_template
    assert EXPORTERS[ExportFormat.ACCESSIBLE_PDF].needs_libreoffice
    assert not EXPORTERS[ExportFormat.PDF].needs_libreoffice
    assert EXPORTERS[ExportFormat.ACCESSIBLE_PDF].available()  # LibreOffice is installed here


def test_publication_exports_suppress_by_default_and_an_explicit_choice_wins() -> None:
    out = Path("x.xlsx")
    assert ExportOptions(ExportFormat.XLSX, out).effective_preset is PUBLICATION_DEFAULT
    assert PUBLICATION_DEFAULT.suppresses
    internal = ExportOptions(ExportFormat.XLSX, out, for_publication=False)
    assert internal.effective_preset is DisclosurePreset.NONE
    chosen = ExportOptions(ExportFormat.XLSX, out, suppression=DisclosurePreset.SUPPRESS_UNDER_10)
    assert chosen.effective_preset is DisclosurePreset.SUPPRESS_UNDER_10


def test_importing_the_registry_loads_no_renderer_library() -> None:
    code = (
        "import sys, app.reports.export.exporters, app.reports.model.catalogue\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('docx', 'reportlab', 'openpyxl')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


# ---------------------------------------------------------------- file names


def test_default_file_name_reads_title_report_and_long_date() -> None:
    name = default_file_name("Board monitoring", "Workbook summary", date(2026, 11, 25),
                             ExportFormat.DOCX)
    assert name == "Board monitoring – Workbook summary – 25 November 2026.docx"
    assert long_date(date(2027, 1, 3)) == "3 January 2027"


def test_default_file_name_names_the_subject_once() -> None:
    # The subject's name already says "self-assessment": the report's title would repeat it.
    when = date(2026, 11, 30)
    name = default_file_name("Anytown CVS", "Self-assessment", when, ExportFormat.XLSX,
                             subject="ISO self-assessment 2026")
    assert name == "Anytown CVS – ISO self-assessment 2026 – 30 November 2026.xlsx"
    other = default_file_name("Anytown CVS", "Self-assessment", when, ExportFormat.XLSX,
                              subject="ISO self-assessment 2025")
    assert other != name
    # A subject that does not say what the report is keeps the report's title.
    assert default_file_name("Anytown CVS", "Improvement plan", when, ExportFormat.PDF,
                             subject="Spring review") == (
        "Anytown CVS – Improvement plan – Spring review – 30 November 2026.pdf")


def test_default_file_name_is_safe_on_windows() -> None:
    name = default_file_name('Q1/Q2: "draft"? <v2>|*. ', "Audit\\summary", date(2026, 11, 25),
                             ExportFormat.XLSX)
    assert not set('<>:"/\\|?*') & set(name)
    assert name == "Q1 Q2 draft v2 – Audit summary – 25 November 2026.xlsx"
    long = default_file_name("x" * 400, "summary", date(2026, 11, 25), ExportFormat.PDF)
    assert len(long) <= 160 and long.endswith(".pdf")
    assert default_file_name("", "Summary", date(2026, 11, 25), ExportFormat.PDF) == (
        "Summary – 25 November 2026.pdf"
    )


# ---------------------------------------------------------------- export_report


def test_export_applies_disclosure_before_rendering(tmp_path: Path) -> None:
    options = ExportOptions(ExportFormat.XLSX, tmp_path / "board.xlsx")
    result = export_report(small_report(), options)
    values = xlsx_values(result.path)
    assert 3 not in values and 48 not in values and "[c]" in values
    assert any(isinstance(v, str) and "hidden and marked [c]" in v for v in values)
    convert_with_libreoffice(result.path, "pdf")


def test_export_never_overwrites_silently(tmp_path: Path) -> None:
    target = tmp_path / "board.xlsx"
    target.write_bytes(b"someone's work")
    options = ExportOptions(ExportFormat.XLSX, target)
    with pytest.raises(ExportFileExistsError) as raised:
        export_report(small_report(), options)
    assert isinstance(raised.value, FileExistsError)
    assert "board.xlsx" in str(raised.value) and "replace" in str(raised.value)
    assert target.read_bytes() == b"someone's work"
    export_report(small_report(), options, overwrite=True)
    assert load_workbook(target).sheetnames[0] == "Summary"
    convert_with_libreoffice(target, "pdf")


def test_a_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    options = ExportOptions(ExportFormat.XLSX, tmp_path / "nowhere" / "board.xlsx")
    with pytest.raises(UserError, match="does not exist"):
        export_report(small_report(), options)


def test_appendices_can_be_left_out(tmp_path: Path) -> None:
    options = ExportOptions(ExportFormat.XLSX, tmp_path / "board.xlsx", include_appendices=False,
                            for_publication=False)
    result = export_report(small_report(), options)
    assert result.path == tmp_path / "board.xlsx"
    values = xlsx_values(result.path)
    assert "Appendix A: method" not in values and 3 in values
    convert_with_libreoffice(result.path, "pdf")


def test_warnings_for_an_unused_template_and_for_unprotected_publication(tmp_path: Path) -> None:
    options = ExportOptions(ExportFormat.XLSX, tmp_path / "board.xlsx",
                            template=tmp_path / "house.dotx",
                            suppression=DisclosurePreset.NONE)
    warnings = export_report(small_report(), options).warnings
    assert any("template" in w for w in warnings)
    assert any("small counts are not hidden" in w for w in warnings)
    convert_with_libreoffice(tmp_path / "board.xlsx", "pdf")


def test_cancelling_an_export_writes_nothing(tmp_path: Path) -> None:
    options = ExportOptions(ExportFormat.XLSX, tmp_path / "board.xlsx")
    with pytest.raises(ExportCancelled):
        export_report(small_report(), options, is_cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.PDF])
def test_word_and_pdf_exports_go_through_their_renderers(tmp_path: Path, fmt: ExportFormat) -> None:
    out = tmp_path / default_file_name("Board", "Summary", date(2026, 11, 25), fmt)
    seen: list[float] = []
    result = export_report(small_report(), ExportOptions(fmt, out), progress=seen.append)
    assert result.path == out and out.stat().st_size > 1000
    assert seen and seen[-1] == 1.0
    with pytest.raises(ExportFileExistsError):
        export_report(small_report(), ExportOptions(fmt, out))


# ---------------------------------------------------------------- catalogue


def board_report(snapshot: object) -> Report:
    """A report builder a test module names in its manifest."""
    return small_report()


@pytest.fixture
def board_module():
    from app.modules import ModuleManifest, ReportSpec, add_module, remove_module

    spec = ReportSpec("test-board", "Board monitoring", f"{__name__}:board_report")
    add_module(ModuleManifest(name="test-board-module", title="Board", reports=(spec,)))
    yield spec
    remove_module("test-board-module")


def test_a_module_s_reports_are_found_by_name(board_module) -> None:
    assert catalogue.get_report_builder("test-board") is board_report
    assert catalogue.get_report_builder(" Test-Board ") is board_report
    assert catalogue.get_report("test-board").title == "Board monitoring"
    names = [entry.name for entry in catalogue.available_reports()]
    assert names.index("summary") < names.index("test-board")  # module order


def test_two_modules_cannot_offer_the_same_report(board_module) -> None:
    from app.modules import ModuleManifest, add_module, remove_module

    add_module(ModuleManifest(name="test-twin", title="Twin", reports=(board_module,)))
    try:
        with pytest.raises(ValueError, match="test-board"):
            catalogue.available_reports()
    finally:
        remove_module("test-twin")


def test_an_unknown_report_name_lists_the_known_ones(board_module) -> None:
    from app.errors import UserError
    from app.modules import ReportSpec

    with pytest.raises(UserError) as raised:
        catalogue.get_report_builder("nope")
    assert str(raised.value).startswith("There is no report called “nope”")
    assert "test-board" in str(raised.value)
    with pytest.raises(ValueError):
        ReportSpec("Bad Name!", "x", f"{__name__}:board_report").check()


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.PDF, ExportFormat.XLSX])
def test_exports_get_ordinary_file_permissions(tmp_path: Path, fmt: ExportFormat) -> None:
    # A shared folder's colleagues must be able to read an export, as with any saved file.
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / f"report{EXPORTERS[fmt].file_suffix}"
    export_report(_permission_report(), ExportOptions(fmt, out, for_publication=False))
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def _permission_report() -> Report:
    return Report(TitlePage("Permissions"), (Section("One", (Paragraph.of("Text."),)),))
