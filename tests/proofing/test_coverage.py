"""Equality schemes from Word and Excel, and which paragraphs address each commitment."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import UserError
from app.proofing.coverage import coverage, stem
from app.proofing.readers import read_draft_bytes
from app.proofing.scheme import Commitment, Scheme, load_scheme, with_general_duty
from tests.proofing.wordfiles import para, run, write_docx

DRAFT = "\n\n".join([
    "Library Strategy",
    "We will open the central library on Sundays and extend evening hours in every branch.",
    "Staff will be trained to recognise and report racist harassment, and every complaint of "
    "discrimination will be investigated within ten days.",
    "Book stock in Polish, Urdu and Somali will grow, and reading groups will build "
    "understanding between residents of different ethnic groups.",
])


def test_stemming_joins_common_forms() -> None:
    assert stem("consultation") == stem("consulted") == stem("consulting") == "consult"
    assert stem("opportunities") == stem("opportunity")


def test_each_commitment_finds_the_paragraphs_that_address_it() -> None:
    document = read_draft_bytes(DRAFT.encode(), "draft.txt")
    scheme = with_general_duty(Scheme("Our scheme", (
        Commitment("1", "Opening hours", "Libraries open when working residents can use them.",
                   ("Sunday opening", "evening hours")),
        Commitment("2", "School exclusions", "Reduce exclusions of Black Caribbean pupils."),
    )))
    result = {c.commitment.id: c for c in coverage(document, scheme).commitments}
    assert result["1"].matches[0].paragraph == 1
    assert result["duty-1"].matches[0].paragraph == 2  # harassment, discrimination
    assert result["duty-3"].matches[0].paragraph == 3  # bringing people together
    assert not result["2"].addressed
    assert [c.id for c in coverage(document, scheme).unaddressed] == ["2"]
    for item in result.values():
        scores = [m.score for m in item.matches]
        assert scores == sorted(scores, reverse=True)


def test_scheme_from_word_headings(tmp_path: Path) -> None:
    body = "".join([
        para(run("Race Equality Scheme 2026"), style="Title"),
        para(run("1. Access to services"), style="Heading1"),
        para(run("Every resident can use our services, whatever their ethnic group.")),
        para(run("Keywords: access, take-up; interpreting")),
        para(run("2. Fair recruitment"), style="Heading1"),
        para(run("Our staff reflect the borough at every grade.")),
    ])
    scheme = load_scheme(write_docx(tmp_path / "scheme.docx", body))
    assert scheme.name == "Race Equality Scheme 2026"
    assert [(c.id, c.title, c.keywords) for c in scheme.commitments] == [
        ("1", "Access to services", ("access", "take-up", "interpreting")),
        ("2", "Fair recruitment", ())]
    assert scheme.commitments[0].text.startswith("Every resident")


def test_scheme_from_a_numbered_list_in_markdown(tmp_path: Path) -> None:
    (tmp_path / "scheme.md").write_text(
        "Our objectives\n\n1. Access: every resident can use our services.\n"
        "2. Recruitment: our staff reflect the borough.\n", encoding="utf-8")
    scheme = load_scheme(tmp_path / "scheme.md")
    assert [(c.id, c.title, c.text) for c in scheme.commitments] == [
        ("1", "Access", "every resident can use our services."),
        ("2", "Recruitment", "our staff reflect the borough.")]


def test_a_markdown_title_above_numbered_headings_is_not_a_commitment(tmp_path: Path) -> None:
    (tmp_path / "scheme.md").write_text(
        "# Race Equality Scheme 2026\n\nAdopted by the council in March.\n\n"
        "## 1. Access to services\n\nEvery resident can use our services.\n\n"
        "Keywords: access, interpreting\n\n"
        "### How we will know\n\nTake-up by ethnic group.\n\n"
        "## 2. Fair recruitment\n\nOur staff reflect the borough.\n", encoding="utf-8")
    scheme = load_scheme(tmp_path / "scheme.md")
    assert scheme.name == "Race Equality Scheme 2026"
    assert [(c.id, c.title, c.keywords) for c in scheme.commitments] == [
        ("1", "Access to services", ("access", "interpreting")),
        ("2", "Fair recruitment", ())]
    assert "Take-up by ethnic group." in scheme.commitments[0].text


def test_a_lone_title_above_unnumbered_headings_or_a_list(tmp_path: Path) -> None:
    (tmp_path / "headings.md").write_text(
        "# Our objectives\n\n## Access\n\nEvery resident.\n\n## Recruitment\n\nStaff.\n",
        encoding="utf-8")
    assert [(c.id, c.title) for c in load_scheme(tmp_path / "headings.md").commitments] == [
        ("1", "Access"), ("2", "Recruitment")]
    (tmp_path / "list.md").write_text(
        "# Our objectives\n\n1. Access: every resident.\n2. Recruitment: staff.\n",
        encoding="utf-8")
    assert [(c.id, c.title) for c in load_scheme(tmp_path / "list.md").commitments] == [
        ("1", "Access"), ("2", "Recruitment")]


def test_a_word_title_heading_above_numbered_headings(tmp_path: Path) -> None:
    body = "".join([
        para(run("Race Equality Scheme 2026"), style="Heading1"),
        para(run("Adopted by the council in March.")),
        para(run("1. Access to services"), style="Heading2"),
        para(run("Every resident can use our services.")),
        para(run("2. Fair recruitment"), style="Heading2"),
        para(run("Our staff reflect the borough.")),
        para(run("A fair deal for tenants"), style="Heading2"),
    ])
    scheme = load_scheme(write_docx(tmp_path / "scheme.docx", body))
    assert scheme.name == "Race Equality Scheme 2026"
    assert [(c.id, c.title) for c in scheme.commitments] == [
        ("1", "Access to services"), ("2", "Fair recruitment"), ("3", "A fair deal for tenants")]


def test_scheme_from_a_spreadsheet(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Race equality objectives"])
    sheet.append(["ID", "Title", "Description", "Keywords"])
    sheet.append([1, "Access", "Every resident can use our services.", "access; take-up"])
    sheet.append([None, None, None, None])
    sheet.append(["R2", "Recruitment", "Staff reflect the borough.", None])
    book.save(tmp_path / "objectives.xlsx")
    scheme = load_scheme(tmp_path / "objectives.xlsx")
    assert [(c.id, c.title, c.keywords) for c in scheme.commitments] == [
        ("1", "Access", ("access", "take-up")), ("R2", "Recruitment", ())]


def test_bad_schemes_are_refused_with_a_sentence(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Name", "Notes"])
    book.save(tmp_path / "wrong.xlsx")
    with pytest.raises(UserError, match="no column headed “title”"):
        load_scheme(tmp_path / "wrong.xlsx")
    (tmp_path / "flat.txt").write_text("Just prose with no numbers.\n", encoding="utf-8")
    with pytest.raises(UserError, match="no numbered headings or list items"):
        load_scheme(tmp_path / "flat.txt")
    (tmp_path / "twice.md").write_text("1. A\n2. B\n1. C\n", encoding="utf-8")
    (tmp_path / "twice.md").write_text("# 1 A\n\n# 1 B\n", encoding="utf-8")
    with pytest.raises(UserError, match="two commitments “1”"):
        load_scheme(tmp_path / "twice.md")
    (tmp_path / "fake.xlsx").write_bytes(b"not a zip")
    with pytest.raises(UserError):
        load_scheme(tmp_path / "fake.xlsx")
