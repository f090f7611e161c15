"""The workshop pack: the facilitator's Word pack (purpose, options, a blank grid per
participant, the plan so far), the A3 landscape action plan with its header row on every
page, and the tracker; all open in LibreOffice, and a tracker saved by LibreOffice Calc
imports back with no change."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.plans.appraisal import operations as appraisal
from app.plans.operations import AddAction
from app.plans.tracker.compare import preview_import
from app.plans.tracker.export import take_tracker_snapshot
from app.plans.workshop.pack import PACK_FILES
from app.workbook import Workbook
from app.workbook.operations import run_operation
from tests.support.cli import rrt
from tests.support.office import convert_with_libreoffice, pdf_text, qpdf_check, require_tool

LONG = ("Agree with the network how groups led by people from ethnic minorities will hear "
        "about funding advice, who will tell them, and how we will know it reached them.")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pack")
    path = folder / "workshop.rrwb"
    with Workbook.create(path, title="Equality plan", organisation="Anytown CVS") as book:
        new = appraisal.AddAppraisal("Who should host the advice service?")
        a = appraisal.AddOption.of(new.appraisal_id, title="Council", strengths="Stable",
                                   weaknesses="Distant")
        b = appraisal.AddOption.of(new.appraisal_id, title="Network", strengths="Trusted")
        steps = [new, a, b, *(appraisal.AddParticipant.of(new.appraisal_id, name=name)
                              for name in ("Table 1", "Youth forum"))]
        steps += [AddAction.of(action=f"{n}. {LONG}", weakness=LONG, lead_partner="CVS",
                               due="31/03/2027") for n in range(1, 41)]
        # Text a spreadsheet could take for a formula or a number, and line breaks.
        steps.append(AddAction.of(action="=Count the groups reached", lead_partner="2027",
                                  outcome="One line\nand another", start="01/01/2027"))
        for step in steps:
            run_operation(book, step)
    out = folder / "out"
    out.mkdir()
    done = rrt("workshop", "pack", str(path), str(out))
    assert done.returncode == 0, done.stderr
    return path, out


def test_the_pack_writes_three_files_and_refuses_to_replace_them(
        pack: tuple[Path, Path]) -> None:
    path, out = pack
    assert sorted(p.name for p in out.iterdir()) == sorted(PACK_FILES)
    again = rrt("workshop", "pack", str(path), str(out))
    assert again.returncode == 3 and "already exists" in again.stderr
    assert "Traceback" not in again.stderr


def test_the_facilitator_pack_has_grids_for_each_participant(pack: tuple[Path, Path]) -> None:
    from docx import Document

    document = Document(str(pack[1] / "Workshop pack.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Purpose of the workshop", "Question 1: the options",
                        "Question 1: prioritisation grids", "The action plan so far"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Name or group: Table 1" in text and "Name or group: Youth forum" in text
    grids = [t for t in document.tables
             if t.rows[0].cells[0].text == "Option" and len(t.columns) == 4]
    assert len(grids) == 3  # two participants and a spare
    for grid in grids:
        assert [c.text for c in grid.rows[0].cells] == [
            "Option", "Rank (1 = first)", "Justification", "Suggested lead agency"]
        assert [r.cells[0].text for r in grid.rows[1:]] == ["Council", "Network"]
        assert all(not r.cells[1].text.strip() and not r.cells[3].text.strip()
                   for r in grid.rows[1:])
        xml = grid._tbl.xml
        assert "<w:tblHeader/>" in xml and "w:tblCaption" in xml  # header row, alt text
    options = document.tables[0]
    assert [c.text for c in options.rows[1].cells][1:4] == ["Council", "", "Stable"]


def test_the_a3_plan_repeats_its_header_on_every_page(pack: tuple[Path, Path]) -> None:
    pdf = pack[1] / "Action plan (A3).pdf"
    qpdf_check(pdf)
    info = subprocess.run([require_tool("pdfinfo"), str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    assert "1190.55 x 841.89 pts (A3)" in info  # landscape
    pages = [page for page in pdf_text(pdf).split("\f") if "Agree with the network" in page]
    assert len(pages) >= 2  # the 40 actions run over pages
    for page in pages:
        assert "Delivery action" in page and "Lead partner" in page
    text = " ".join(pdf_text(pdf).split())
    assert "40. Agree with the network" in text and "how we will know it reached them." in text


def test_the_pack_opens_in_libreoffice_and_a_calc_saved_tracker_changes_nothing(
        pack: tuple[Path, Path]) -> None:
    path, out = pack
    converted = convert_with_libreoffice(out / "Workshop pack.docx", "pdf")
    assert "Prioritisation grid for question 1: Youth forum" in pdf_text(converted)
    resaved = convert_with_libreoffice(out / "Action tracker.xlsx", "xlsx")
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        snapshot = take_tracker_snapshot(session)
    assert preview_import(resaved, snapshot).is_empty


def test_tracker_commands_export_preview_and_import(pack: tuple[Path, Path],
                                                    tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "copy.rrwb"
    path.write_bytes(pack[0].read_bytes())
    tracker = tmp_path / "tracker.xlsx"
    done = rrt("tracker", "export", str(path), str(tracker))
    assert done.returncode == 0 and "41 actions" in done.stdout, done.stderr
    book = load_workbook(tracker)
    book["Actions"]["H2"] = "Done"  # column H: status, of action 1
    book.save(tracker)
    dry = rrt("tracker", "import", str(path), str(tracker), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "  Status: Not started → Done" in dry.stdout and "nothing was changed" in dry.stdout
    done = rrt("tracker", "import", str(path), str(tracker))
    assert done.returncode == 0 and "Imported." in done.stdout
    listed = rrt("actions", "list", str(path))
    assert listed.stdout.splitlines()[0].endswith("[Done, due 31/03/2027]")
    again = rrt("tracker", "import", str(path), str(tracker))
    assert "changes nothing" in again.stdout
    book["Actions"]["I3"] = "Urgent"  # column I: priority
    book.save(tracker)
    refused = rrt("tracker", "import", str(path), str(tracker))
    assert refused.returncode == 3
    assert "Row 3, Priority: Priority must be one of: High, Medium, Low." in refused.stderr


def test_a_pack_for_a_new_workbook_has_a_blank_grid(tmp_path: Path) -> None:
    from app.plans.workshop.facilitator import SPARE_OPTIONS, build_pack, take_snapshot
    from app.reports.model.report import Table

    with Workbook.create(tmp_path / "new.rrwb", title="New") as book, \
            book.session() as session:
        report = build_pack(take_snapshot(session))
    assert [s.title for s in report.sections] == [
        "Purpose of the workshop", "Prioritisation grid", "The action plan so far"]
    grid = next(b for b in report.sections[1].blocks if isinstance(b, Table))
    assert len(grid.body) == SPARE_OPTIONS
    assert all(not str(cell).strip() for row in grid.body for cell in row.cells)
    assert report.sections[2].blocks[0].plain_text == "No actions have been agreed yet."
