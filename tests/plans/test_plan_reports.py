"""The action-plan report shows partners, dates, dependencies, warnings and progress notes;
the options-appraisal report shows options, rankings, the result and how it is worked out,
in Word, PDF and Excel alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.plans.appraisal import operations as appraisal
from app.plans.operations import AddAction, AddDependency, AddNote, AddPartner
from app.plans.report import build_action_plan, take_snapshot
from app.workbook import Workbook
from app.workbook.operations import run_operation
from tests.support.cli import rrt
from tests.support.office import pdf_text


def _plan_workbook(path: Path) -> None:
    with Workbook.create(path, title="Equality plan", organisation="Anytown CVS") as book:
        first = AddAction.of(action="Agree a vision", lead_partner="Council", due="31/03/2027")
        second = AddAction.of(action="Set targets", lead_partner="CVS", start="01/03/2027",
                              due="30/06/2027", status="blocked")
        for op in (first, second, AddPartner(first.action_id, "Library", "delivers"),
                   AddDependency(second.action_id, first.action_id),
                   AddNote(second.action_id, "Waiting for the vision", "2027-02-01")):
            run_operation(book, op)


def test_the_action_plan_report_model(tmp_path: Path) -> None:
    path = tmp_path / "plan.rrwb"
    _plan_workbook(path)
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        report = build_action_plan(take_snapshot(session, path), today=date(2027, 4, 1))
    actions, order, progress = report.sections
    table = actions.blocks[-1]
    assert [row.cells for row in table.body] == [
        (1, "", "Agree a vision", "", "Council", "Library (delivers)", None,
         date(2027, 3, 31), "Not started", "Medium", ""),
        (2, "", "Set targets", "", "CVS", "", date(2027, 3, 1), date(2027, 6, 30), "Blocked",
         "Medium", "1"),
    ]
    figures = {f.label: f.value for f in actions.blocks[1].figures}
    assert figures["Blocked"] == "1" and figures["Overdue"] == "1"
    assert "is due to start on 01/03/2027" in order.blocks[0].items[0].plain_text
    assert [row.cells for row in progress.blocks[0].body] == [
        (2, date(2027, 2, 1), "Waiting for the vision")]


def test_the_options_appraisal_exports_in_three_formats(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "appraisal.rrwb"
    with Workbook.create(path, title="Workshop", organisation="Anytown CVS") as book:
        new = appraisal.AddAppraisal("Who should host the advice service?")
        a = appraisal.AddOption.of(new.appraisal_id, title="Council", strengths="Stable")
        b = appraisal.AddOption.of(new.appraisal_id, title="Network", weaknesses="Small")
        p = appraisal.AddParticipant.of(new.appraisal_id, name="Table 1",
                                        justification="Trusted", lead_agency="Network")
        for op in (new, a, b, p, appraisal.SetRanks(p.participant_id, (
                (b.option_id, 1), (a.option_id, 2)))):
            run_operation(book, op)
    outputs = {fmt: tmp_path / f"appraisal.{fmt}" for fmt in ("docx", "pdf", "xlsx")}
    for fmt, out in outputs.items():
        done = rrt("export", str(path), "--report", "options-appraisal", "--format", fmt,
                   "--out", str(out))
        assert done.returncode == 0, done.stderr
    words = set(pdf_text(outputs["pdf"]).split())
    assert {"Recommended:", "“Network”", "Borda", "Kendall's"} <= words, words
    sheets = load_workbook(outputs["xlsx"])
    ranks = [row for row in sheets["Q1 rankings"].iter_rows(values_only=True) if any(row)]
    assert ("Council", 2, 0, 2) in ranks and ("Network", 1, 1, 1) in ranks
    from docx import Document

    text = "\n".join(p.text for p in Document(str(outputs["docx"])).paragraphs)
    assert "Recommended: “Network” has the highest Borda count (1 of a possible 1)" in text
