"""`rrt --self-test`: what an installed copy runs to prove it has everything it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.self_test import SelfTestFailed, check_document, run_self_test
from app.main import main
from app.modules import ModuleManifest, SelfTestOutcome, add_module, remove_module

ROOT = Path(__file__).resolve().parents[1]


def test_self_test_passes_in_a_fresh_process(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "RRT_CONFIG_DIR": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "app", "--self-test"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert line.startswith("rrt: self-test passed")
    assert "scored a self-assessment" in line and "main window painted" in line
    assert "proofed the sample draft" in line
    # The user's settings were not touched by the window check.
    assert not (tmp_path / "config" / "settings.json").exists()


def test_the_files_it_writes_are_kept_when_asked_and_are_complete(tmp_path: Path) -> None:
    run_self_test(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".rrwb")
    assert names == ["annotated-draft.docx", "assessment.docx", "assessment.pdf",
                     "assessment.xlsx", "proofing.docx", "proofing.pdf", "proofing.xlsx",
                     "summary.docx", "summary.pdf", "summary.xlsx"]


@pytest.mark.parametrize("name, content", [
    ("empty.pdf", b""),
    ("cut.pdf", b"%PDF-1.4\n1 0 obj\n"),
    ("text.docx", b"not a zip"),
])
def test_a_broken_export_is_caught(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SelfTestFailed):
        check_document(path)


def _failing(workbook: object, folder: Path) -> SelfTestOutcome:
    (folder / "half.xlsx").write_bytes(b"PK\x03\x04 cut short")
    return SelfTestOutcome("wrote a broken file", (folder / "half.xlsx",))


def test_a_module_whose_self_test_fails_makes_it_fail_with_a_sentence(
        capsys: pytest.CaptureFixture[str]) -> None:
    add_module(ModuleManifest("broken_check", "Broken", self_test=f"{__name__}:_failing"))
    try:
        status = main(["--self-test", "--no-window"])
    finally:
        remove_module("broken_check")
    assert status == 1
    error = capsys.readouterr().err.strip()
    assert error == "rrt: self-test failed: The xlsx export half.xlsx is not a complete xlsx file."


def test_unknown_options_with_it_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test", "--quick"]) == 2
    assert "--no-window" in capsys.readouterr().err


def test_a_component_without_its_package_details_fails_it(monkeypatch) -> None:
    from importlib import metadata

    real = metadata.version

    def version(name: str) -> str:
        if name == "openpyxl":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", version)
    with pytest.raises(SelfTestFailed, match="lacks the package details of openpyxl"):
        run_self_test()
