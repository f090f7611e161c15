"""Accessible (tagged, PDF/UA) PDF via LibreOffice, from the Word export.

reportlab cannot write a structure tree, so screen-reader users get a PDF converted from
our Word file, whose real headings, table header rows and alt text LibreOffice turns into
PDF tags. Each call runs LibreOffice headless with its own throw-away user profile, so it
works beside a LibreOffice the user already has open and beside other conversions.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.errors import UserError
from app.reports.export.atomic_file import atomic_output
from app.reports.export.result import ExportCancelled, RenderResult

INSTALL_HINT = (
    "Accessible PDF export needs LibreOffice, which was not found on this computer. "
    "Install it free from https://www.libreoffice.org/download/ (on Linux, from your "
    "package manager, e.g. 'sudo apt install libreoffice-writer'), then export again."
)

CONVERSION_FAILED = (
    "LibreOffice could not turn the Word export into a PDF. Export as Word and open the file "
    "in LibreOffice to check it, or export as an ordinary PDF instead."
)

_EXPORT_OPTIONS = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "ExportNotes": {"type": "boolean", "value": "false"},
}

_WELL_KNOWN = {
    "win32": [
        Path(os.environ.get("PROGRAMFILES", r"C:\Program Files"))
        / "LibreOffice"
        / "program"
        / "soffice.exe",
        Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
        / "LibreOffice"
        / "program"
        / "soffice.exe",
    ],
    "darwin": [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")],
}


class LibreOfficeMissingError(UserError):
    """LibreOffice is not installed; the message says how to get it."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class AccessiblePdfError(UserError):
    """LibreOffice ran but did not produce a PDF; the message is one plain sentence."""


def find_libreoffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _WELL_KNOWN.get(sys.platform, []):
        if candidate.is_file():
            return str(candidate)
    return None


def libreoffice_available() -> bool:
    return find_libreoffice() is not None


def render_accessible_pdf(
    docx_path: Path,
    out_path: Path,
    *,
    timeout: float = 300,
    is_cancelled: Callable[[], bool] | None = None,
) -> RenderResult:
    """Convert a Word export to a tagged PDF/UA file at `out_path` (written atomically)."""
    docx_path, out_path = Path(docx_path), Path(out_path)
    soffice = find_libreoffice()
    if soffice is None:
        raise LibreOfficeMissingError()
    if not docx_path.is_file():
        raise AccessiblePdfError(f"The Word file {docx_path.name} could not be found.")
    if not out_path.parent.is_dir():
        raise AccessiblePdfError(
            f"The folder {out_path.parent} does not exist. Choose another folder and export again."
        )
    work = Path(tempfile.mkdtemp(prefix="rrt-a11y-pdf-"))
    try:
        try:
            produced = _convert(soffice, docx_path, work, timeout, is_cancelled)
        except OSError as error:  # LibreOffice would not start, or its folder was unusable
            raise AccessiblePdfError(CONVERSION_FAILED) from error
        warnings = _check_tagged(produced)
        with atomic_output(out_path) as temp:
            shutil.copyfile(produced, temp)  # the temp folder may be on another drive
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return RenderResult(out_path, warnings)


def _convert(
    soffice: str,
    docx_path: Path,
    work: Path,
    timeout: float,
    is_cancelled: Callable[[], bool] | None,
) -> Path:
    profile, out_dir = work / "profile", work / "out"
    out_dir.mkdir()
    # LibreOffice names its output after the input, so give it a plain, known name.
    source = work / "report.docx"
    shutil.copyfile(docx_path, source)
    filter_spec = "pdf:writer_pdf_Export:" + json.dumps(_EXPORT_OPTIONS, separators=(",", ":"))
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        filter_spec,
        "--outdir",
        str(out_dir),
        str(source),
    ]
    process = _start(command)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                process.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if is_cancelled is not None and is_cancelled():
                    raise ExportCancelled() from None
                if time.monotonic() > deadline:
                    raise AccessiblePdfError(
                        f"LibreOffice took longer than {timeout:g} seconds to convert the report "
                        "and was stopped. Try again, or close other programs first."
                    ) from None
    finally:
        if process.poll() is None:
            _kill(process)
    produced = out_dir / "report.pdf"
    if process.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
        raise AccessiblePdfError(CONVERSION_FAILED)
    return produced


def _start(command: list[str]) -> subprocess.Popen:
    kwargs: dict = {
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "stdin": subprocess.DEVNULL,
    }
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(
            subprocess, "CREATE_NO_WINDOW", 0
        )
    else:
        # Own process group: soffice starts soffice.bin, and a timeout must stop both.
        kwargs["start_new_session"] = True
    return subprocess.Popen(command, **kwargs)


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):  # it may have exited in the meantime
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def _check_tagged(pdf: Path) -> tuple[str, ...]:
    """A cheap sanity check without a PDF library: LibreOffice writes the catalog uncompressed."""
    head = pdf.read_bytes()
    if b"/StructTreeRoot" not in head:
        return (
            "LibreOffice produced a PDF without accessibility tags; screen readers may "
            "not read it well. Updating LibreOffice usually fixes this.",
        )
    return ()
