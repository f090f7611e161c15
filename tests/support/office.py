"""Real office tools for tests: LibreOffice, qpdf and poppler.

A missing tool is a failed test, never a skip: `.ci/run` installs them, so a missing
one means the install step is broken.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; .ci/run must install it", pytrace=False)
    return found


def libreoffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("LibreOffice is not installed; .ci/run must install it", pytrace=False)
    raise AssertionError  # unreachable; keeps type checkers happy


def convert_with_libreoffice(source: Path, target_format: str, timeout: float = 180) -> Path:
    """Convert `source` with LibreOffice headless; fail if it cannot open the file.

    Each call uses its own user profile so parallel conversions never collide.
    """
    out_dir = Path(tempfile.mkdtemp(prefix="lo-out-"))
    profile = Path(tempfile.gettempdir()) / f"lo-profile-{uuid.uuid4().hex}"
    result = subprocess.run(
        [
            libreoffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    shutil.rmtree(profile, ignore_errors=True)
    produced = list(out_dir.iterdir())
    assert result.returncode == 0 and produced, (
        f"LibreOffice could not convert {source.name}: {result.stdout} {result.stderr}"
    )
    return produced[0]


def pdf_text(pdf: Path) -> str:
    tool = require_tool("pdftotext")
    result = subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def qpdf_check(pdf: Path) -> None:
    tool = require_tool("qpdf")
    result = subprocess.run([tool, "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, f"qpdf --check failed for {pdf.name}: {result.stdout}"
