"""Proofing records from the command line (`rrt proof --workbook`, `rrt proofing`), the
annotated copy from a stored record, and the proofing and register reports in Word, PDF
and Excel."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from app.proofing.sample_draft import sample_docx_path
from tests.support.cli import rrt
from tests.support.office import convert_with_libreoffice, pdf_text

DRAFT = "# Parks plan\n\nSome groups are hard to reach.\n\nBAME residents use parks less.\n"


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "cli.rrwb"
    assert rrt("new", str(path), "--title", "Parks").returncode == 0
    return path


def test_store_triage_decide_sign_off_and_reproof_from_the_command_line(tmp_path: Path
                                                                       ) -> None:
    book = _workbook(tmp_path)
    draft = tmp_path / "parks.md"
    draft.write_text(DRAFT, encoding="utf-8")
    stored = rrt("proof", str(draft), "--workbook", str(book), "--team", "Parks")
    assert stored.returncode == 0, stored.stderr
    assert "Proofed “Parks plan” version 1" in stored.stdout
    shown = json.loads(rrt("proofing", "show", str(book), "1", "--json").stdout)
    numbers = {f["rule"]: f["number"] for f in shown["findings"]}
    hard, bame = str(numbers["hard-to-reach"]), str(numbers["bame-bme"])
    refused = rrt("proofing", "triage", str(book), "1", bame, "--state", "dismissed")
    assert refused.returncode == 3 and refused.stderr.startswith("rrt: Say why")
    assert rrt("proofing", "triage", str(book), "1", bame, "--state", "dismissed",
               "--reason", "Quoting a survey").returncode == 0
    assert rrt("proofing", "triage", str(book), "Parks plan", hard, "--state",
               "accepted").returncode == 0
    assert rrt("proofing", "check", str(book), "1", "proofread", "yes").returncode == 0
    assert rrt("proofing", "decide", str(book), "1", "adopt-with-changes", "--rationale",
               "Reword two sentences").returncode == 0
    assert rrt("proofing", "sign-off", str(book), "1", "--name", "A. Officer", "--role",
               "Equality lead", "--date", "01/12/2026").returncode == 0
    shown = json.loads(rrt("proofing", "show", str(book), "1", "--json").stdout)
    assert (shown["decision"], shown["signed_by"], shown["signed_on"]) == (
        "adopt_with_changes", "A. Officer", "2026-12-01")
    assert shown["checklist"]["proofread"] == {"answer": "yes", "note": ""}
    assert rrt("proofing", "triage", str(book), "1", "99", "--state", "fixed").returncode == 2
    assert rrt("proofing", "show", str(book), "Nothing like it").returncode == 2

    # Version 2: the hard-to-reach sentence is reworded, the BAME one is not.
    draft.write_text(DRAFT.replace("Some groups are hard to reach.",
                                   "Staff say some groups are hard to reach."),
                     encoding="utf-8")
    again = rrt("proof", str(draft), "--workbook", str(book))
    assert again.returncode == 0 and "version 2" in again.stdout
    listed = json.loads(rrt("proofing", "list", str(book), "--json").stdout)
    assert [r["version"] for r in listed] == ["2", "1"]
    assert listed[0]["open"] == listed[1]["open"] + 1  # only the reworded one reopens
    latest = json.loads(rrt("proofing", "show", str(book), "1", "--json").stdout)
    states = {f["rule"]: (f["triage"], f["reason"]) for f in latest["findings"]}
    assert states["bame-bme"] == ("dismissed", "Quoting a survey")
    assert states["hard-to-reach"] == ("open", "")


def test_the_workbook_capitalisation_style_from_the_command_line(tmp_path: Path) -> None:
    book = _workbook(tmp_path)
    draft = tmp_path / "caps.md"
    draft.write_text("# Caps plan\n\nOutcomes for White pupils improved.\n", "utf-8")
    assert "[ons]" in rrt("proofing", "style", str(book)).stdout
    done = rrt("proofing", "style", str(book), "lower-colour")
    assert done.returncode == 0 and "Lower-case colour terms" in done.stdout
    assert "[lower-colour]" in rrt("proofing", "style", str(book)).stdout
    assert rrt("proof", str(draft), "--workbook", str(book)).returncode == 0
    shown = json.loads(rrt("proofing", "show", str(book), "1", "--json").stdout)
    assert [(f["rule"], f["excerpt"]) for f in shown["findings"] if "case" in f["rule"]
            or "capitals" in f["rule"]] == [("colour-terms-lower-case", "White")]
    # The flag overrides the workbook's style for one proof.
    assert rrt("proof", str(draft), "--workbook", str(book), "--capitals", "ons",
               "--title", "Caps plan again").returncode == 0
    shown = json.loads(rrt("proofing", "show", str(book), "1", "--json").stdout)
    assert shown["title"] == "Caps plan again"
    assert "colour-terms-lower-case" not in [f["rule"] for f in shown["findings"]]
    assert rrt("proofing", "style", str(book), "loud").returncode == 2


def test_annotated_copy_and_reports_from_a_stored_record(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = _workbook(tmp_path)
    assert rrt("proof", str(sample_docx_path()), "--workbook", str(book), "--title",
               "Leisure strategy", "--version", "0.3").returncode == 0
    out = tmp_path / "annotated.docx"
    done = rrt("proofing", "annotate", str(book), "1", str(out))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as package:
        comments = package.read("word/comments.xml").decode()
    assert comments.count("<w:comment ") >= 10 and "hard to reach" in comments

    files = {}
    for fmt in ("docx", "pdf", "xlsx"):
        files[fmt] = tmp_path / f"proofing.{fmt}"
        result = rrt("export", str(book), "--report", "proofing", "--subject",
                     "Leisure strategy, version 0.3", "--format", fmt, "--out",
                     str(files[fmt]))
        assert result.returncode == 0, result.stderr
    for text in (pdf_text(files["pdf"]), pdf_text(convert_with_libreoffice(files["docx"],
                                                                          "pdf"))):
        words = set(text.split())
        assert {"Checklist", "Screening", "Coverage", "Decision"} <= words, words
    sheets = load_workbook(files["xlsx"])
    assert {"Checklist", "Screening", "Coverage"} <= set(sheets.sheetnames)
    register = tmp_path / "register.xlsx"
    assert rrt("export", str(book), "--report", "proofing-register", "--format", "xlsx",
               "--out", str(register)).returncode == 0
    rows = list(load_workbook(register)["Register"].iter_rows(values_only=True))
    assert any("Leisure strategy" in row for row in rows)
