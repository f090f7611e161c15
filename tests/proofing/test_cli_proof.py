"""`rrt proof`: exit codes, JSON, batches, the annotated copy, and a light import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.proofing.sample_draft import build_sample_docx, sample_docx_path, sample_text_path
from tests.support.cli import ROOT, rrt

CLEAN = "Parks Plan\n\nWe consulted Somali and Bangladeshi community organisations directly.\n\n" \
        "The plan meets our equality objectives and the Public Sector Equality Duty.\n"


def test_exit_codes_follow_the_threshold(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert rrt("proof", str(clean)).returncode == 0
    flagged = tmp_path / "flagged.txt"
    flagged.write_text(CLEAN + "\nOur work with BAME groups continues.\n", encoding="utf-8")
    done = rrt("proof", str(flagged))
    assert done.returncode == 1 and "[bame-bme]" in done.stdout
    assert rrt("proof", str(flagged), "--fail-on", "warning").returncode == 1
    assert rrt("proof", str(flagged), "--fail-on", "error").returncode == 0


def test_capitals_flag_chooses_the_style(tmp_path: Path) -> None:
    draft = tmp_path / "caps.txt"
    draft.write_text("Plan\n\nOutcomes for White pupils and white British residents "
                     "improved.\n", encoding="utf-8")

    def flagged(*extra: str) -> list[tuple[str, str]]:
        done = rrt("proof", str(draft), "--format", "json", *extra)
        assert done.returncode in (0, 1), done.stderr
        [result] = json.loads(done.stdout)["drafts"]
        return [(f["rule"], f["excerpt"]) for f in result["findings"]
                if f["rule"] in ("ethnic-group-capitals", "colour-terms-lower-case")]

    assert flagged() == flagged("--capitals", "ons") == [("ethnic-group-capitals", "white")]
    assert flagged("--capitals", "lower-colour") == [("colour-terms-lower-case", "White")]
    assert rrt("proof", str(draft), "--capitals", "upper").returncode == 2


def test_bad_input_exits_3_with_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"not really a document")
    done = rrt("proof", str(tmp_path / "bad.docx"))
    assert done.returncode == 3
    assert done.stderr.startswith("rrt: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert rrt("proof", str(tmp_path / "missing.docx")).returncode == 3
    assert rrt("proof", str(sample_text_path()), "--rules", str(tmp_path / "none")).returncode == 3
    assert rrt("proof", "--fail-on", "loud", "x.txt").returncode == 2


def test_json_and_a_batch_over_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "b.md").write_text("# Plan\n\nOutreach to hard to reach groups.\n", "utf-8")
    (folder / "c.docx").write_bytes(b"broken")
    (folder / "~$lock.docx").write_bytes(b"ignored")
    done = rrt("proof", str(folder), "--format", "json")
    assert done.returncode == 3  # one draft could not be read; the others were proofed
    report = json.loads(done.stdout)
    by_name = {Path(d["file"]).name: d for d in report["drafts"]}
    assert set(by_name) == {"a.txt", "b.md", "c.docx"}
    assert by_name["c.docx"]["error"]
    finding = next(f for f in by_name["b.md"]["findings"] if f["rule"] == "hard-to-reach")
    assert finding["excerpt"] == "hard to reach" and finding["severity"] == "warning"
    assert finding["source"] and finding["suggestion"]
    text = (folder / "b.md").read_text("utf-8")
    assert "hard to reach" in text
    assert {c["id"] for c in by_name["a.txt"]["coverage"]} == {"duty-1", "duty-2", "duty-3"}


def test_scheme_allow_list_and_annotated_copy(tmp_path: Path) -> None:
    scheme = tmp_path / "scheme.md"
    scheme.write_text("# 1 Leisure access\n\nMore residents use leisure centres and pools.\n\n"
                      "# 2 School exclusions\n\nFewer exclusions of Black Caribbean pupils.\n",
                      encoding="utf-8")
    out = tmp_path / "annotated.docx"
    done = rrt("proof", str(sample_docx_path()), "--scheme", str(scheme), "--allow",
               "Black Swimmers Association", "--annotate", str(out), "--format", "json")
    assert done.returncode == 1, done.stderr
    [draft] = json.loads(done.stdout)["drafts"]
    coverage = {c["id"]: c for c in draft["coverage"]}
    assert coverage["1"]["addressed"] and not coverage["2"]["addressed"]
    assert out.is_file()
    again = rrt("proof", str(sample_docx_path()), "--annotate", str(out))
    assert again.returncode == 3 and "already exists" in again.stderr


def test_the_sample_draft_exercises_the_rules_and_matches_its_text(tmp_path: Path) -> None:
    from app.proofing.proofing import Proofer
    from app.proofing.readers import read_draft

    rebuilt = build_sample_docx(tmp_path / "sample.docx")
    shipped = read_draft(sample_docx_path())
    assert [p.text for p in read_draft(rebuilt).paragraphs] == [p.text for p in
                                                                 shipped.paragraphs]
    result = Proofer().proof(shipped)
    rules = {f.rule_id for f in result.findings}
    assert len(rules) >= 12
    excerpts = " ".join(f.excerpt for f in result.findings)
    assert "BME Network" not in excerpts and "Black Swimmers" not in excerpts
    assert "a club for BME people" not in excerpts  # a quotation


def test_proof_loads_no_qt_store_renderers_or_other_commands(tmp_path: Path) -> None:
    code = (
        "import sys; from app.main import main; "
        f"status = main(['proof', {str(sample_docx_path())!r}, '--format', 'json']); "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'docx', "
        "'pydantic', 'yaml', 'sqlite3', 'hashlib', 'platformdirs') "
        "or m.startswith(('app.reports', 'app.ui', 'app.workbook.store', "
        "'app.workbook.fileformat', 'app.workbook.operations')) "
        # Other commands' code is not loaded just to build the command line.
        "or ('.commands.' in m and not m.startswith('app.proofing.commands.proof'))); "
        "print(status, heavy, file=sys.stderr)"
    )
    # The rules are checked (YAML, pydantic) once and cached; the next run needs neither.
    env_cache = {"RRT_CACHE_DIR": str(tmp_path / "cache")}
    import os

    env = {**os.environ, **env_cache}
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=120, check=False)
    assert done.stderr.strip().splitlines()[-1] == "1 []", done.stderr
