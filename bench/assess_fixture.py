"""Fixtures for the self-assessment work items: a generated framework of any number of
criteria (the shipped ISO performance criteria repeated, ten to a section), workbooks
holding one rated assessment of it, and the same ratings as plain .xlsx sheets."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

FRAMEWORK_ID = "bench-assessment"
PER_SECTION = 10
AREAS = ("Anytown", "Bigcity", "Coalfield", "Dalesend")
XLSX_HEADER = ("Criterion", "Title", "Rating")


def framework(criteria: int) -> Any:
    """`criteria` criteria in sections of ten, worded like the shipped ISO framework."""
    from app.assessments.frameworks import framework_from_dict, framework_to_dict, load_framework
    from app.paths import resource

    shipped = framework_to_dict(load_framework(resource("frameworks", "iso-performance.yaml")))
    wording = [c for s in shipped["sections"] for c in s.get("criteria", [])]
    sections = []
    for start in range(0, criteria, PER_SECTION):
        number = start // PER_SECTION + 1
        items = []
        for n in range(start, min(criteria, start + PER_SECTION)):
            source = wording[n % len(wording)]
            items.append({"ref": f"{number}.{n - start + 1}", "title": source["title"],
                          "guidance": source.get("guidance", ""),
                          "evidence": source.get("evidence", [])})
        sections.append({"ref": str(number), "title": f"Function {number}",
                         "criteria": items})
    data = {**shipped, "id": FRAMEWORK_ID, "title": f"Benchmark framework ({criteria})",
            "sections": sections}
    data.pop("respondent_groups", None)
    return framework_from_dict(data)


def ratings(fw: Any, seed: int) -> list[tuple[str, str, str]]:
    """(ref, title, answer id) for every criterion: a level, sometimes not applicable."""
    rng = random.Random(seed)
    answers = [*(level.id for level in fw.scale.levels), "not-applicable"]
    return [(c.ref, c.title, rng.choice(answers)) for _place, c in fw.criteria()]


def build_workbook(path: Path, fw: Any, rated: list[tuple[str, str, str]], index: int) -> None:
    from app.assessments.records import create_assessment, set_answer
    from app.workbook import Workbook

    with Workbook.create(path, title=f"ISO {index}") as workbook, workbook.session() as session:
        row = create_assessment(session, fw, {
            "name": f"Self-assessment {index}", "round_label": "2026",
            "assessed_on": date(2026, 3, 1), "area_local": AREAS[index % len(AREAS)],
            "area_subregional": "Black Country", "area_regional": "West Midlands"})
        for ref, _title, answer in rated:
            set_answer(session, row.id, ref, answer)


def write_xlsx(path: Path, rated: list[tuple[str, str, str]]) -> None:
    from openpyxl import Workbook as ExcelWorkbook

    book = ExcelWorkbook(write_only=True)
    sheet = book.create_sheet("Assessment")
    sheet.append(XLSX_HEADER)
    for row in rated:
        sheet.append(row)
    book.save(path)


def rollup_paths(work: Path, count: int, suffix: str) -> list[Path]:
    return [work / "rollup" / f"iso-{n:03d}.{suffix}" for n in range(count)]


def prepare_rollup(count: int, work: Path, criteria: int = 150) -> None:
    """The first `count` workbooks and .xlsx files (the larger sizes reuse the smaller).

    The first workbook is built through the assessments domain; the others are copies of
    it given their own ratings, name and area with plain SQL (building each through the
    domain would take minutes of untimed set-up at 200 workbooks)."""
    import shutil
    import sqlite3

    (work / "rollup").mkdir(exist_ok=True)
    books, sheets = rollup_paths(work, count, "rrwb"), rollup_paths(work, count, "xlsx")
    fw: Any = None
    for n, (book, xlsx) in enumerate(zip(books, sheets, strict=True)):
        if book.exists() and xlsx.exists():
            continue
        fw = fw or framework(criteria)
        rated = ratings(fw, n)
        if n == 0:
            build_workbook(book, fw, rated, n)
        else:
            if not books[0].exists():
                prepare_rollup(1, work, criteria)
            shutil.copyfile(books[0], book)
            db = sqlite3.connect(book)
            with db:
                db.executemany("UPDATE assessment_response SET answer = ? "
                               "WHERE criterion_ref = ?", [(a, r) for r, _t, a in rated])
                db.execute("UPDATE assessment SET name = ?, area_local = ?",
                           (f"Self-assessment {n}", AREAS[n % len(AREAS)]))
            db.close()
        write_xlsx(xlsx, rated)


def editor_workbook(work: Path, criteria: int) -> Path:
    """A workbook with one assessment of `criteria` criteria, the last third of them rated
    (the rating item rates from the first)."""
    path = work / f"assess-{criteria}.rrwb"
    if not path.exists():
        fw = framework(criteria)
        rated = ratings(fw, 1)
        build_workbook(path, fw, rated[-(len(rated) // 3):], 1)
    return path
