"""Workbooks for the roll-up tests: assessments of two versions of a small framework in
different areas, and two files that cannot be read."""

from __future__ import annotations

import copy
import os
from pathlib import Path

from app.assessments.frameworks import Framework, framework_from_dict
from app.assessments.operations import CreateAssessment, RateCriterion
from app.workbook import Workbook
from app.workbook.operations import run_operation
from tests.assessments.conftest import SMALL


def small_framework(version: str = "1.0", extra: bool = False) -> Framework:
    data = copy.deepcopy(SMALL)
    data["version"] = version
    if extra:  # version 2.0 drops 2.1 and adds 3.1
        data["sections"][1] = {"ref": "3", "title": "Third", "criteria": [
            {"ref": "3.1", "title": "New"}]}
    return framework_from_dict(data)


def make_workbook(path: Path, framework: Framework, ratings: dict[str, str], **areas: str) -> Path:
    with Workbook.create(path, title=path.stem) as book:
        create = CreateAssessment.of(framework, name=f"{path.stem} review", **areas)
        run_operation(book, create)
        for ref, answer in ratings.items():
            run_operation(book, RateCriterion(create.assessment_id, ref, answer))
    return path


def make_books(tmp_path: Path) -> list[Path]:
    """Four workbooks of two versions of the small framework in two local areas (one with
    no area), then a file of noise and a truncated workbook."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    old, new = small_framework(), small_framework("2.0", extra=True)
    paths = [
        make_workbook(tmp_path / "north.rrwb", old, {"1.1": "established", "2.1": "developing"},
                  area_local="Northtown", area_regional="West Midlands"),
        make_workbook(tmp_path / "south.rrwb", new, {"1.1": "not-in-place", "3.1": "developing"},
                  area_local="Southtown", area_regional="West Midlands"),
        make_workbook(tmp_path / "east.rrwb", new, {"1.1": "developing"},
                  area_local="Northtown", area_regional="West Midlands"),
        make_workbook(tmp_path / "nowhere.rrwb", old, {"1.1": "n/a"}),
    ]
    noise = tmp_path / "noise.rrwb"
    noise.write_bytes(os.urandom(8192))
    truncated = tmp_path / "truncated.rrwb"
    whole = paths[0].read_bytes()
    truncated.write_bytes(whole[: len(whole) // 3])
    return [*paths, noise, truncated]
