"""Proofing records in the workbook: storing a proof whole and reading it back, triage,
checklist and decision as undoable operations, carrying triage over to a new version of
the draft, schemes, the allow-list and the workbook's own rules."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserError
from app.proofing.operations import (
    AddRuleFile,
    AddScheme,
    AllowTerm,
    RemoveRecord,
    SetCapitals,
    SetCheck,
    SetCommitments,
    StoreRecord,
    TriageFindings,
    UpdateRecord,
)
from app.proofing.proofing import Proofer
from app.proofing.readers import read_draft_bytes
from app.proofing.records import (
    RecordData,
    build_record,
    carry_triage,
    list_records,
    load_record,
)
from app.proofing.sample_draft import sample_docx_path
from app.proofing.scheme import Commitment
from app.proofing.schemes_store import SchemeData, list_schemes
from app.proofing.workbook_rules import (
    RuleFileData,
    get_capitals,
    list_rule_files,
    proof_settings,
)
from app.workbook import Workbook
from app.workbook.operations import Mode, run_operation

DRAFT = """# Leisure strategy

## Who uses our services

Some groups are hard to reach.

BAME residents use the pools less.

## Targets

We will raise participation by 10% by 2028.
"""


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    book = Workbook.create(tmp_path / "proof.rrwb", title="Proofing")
    yield book
    book.close()


def _record(text: str = DRAFT, **kwargs: object) -> RecordData:
    data = text.encode()
    result = Proofer().proof(read_draft_bytes(data, "draft.md"))
    return build_record(result, data, "draft.md", **kwargs)  # type: ignore[arg-type]


def _undo(workbook: Workbook, change: object, label: str = "x") -> None:
    inverse = change.inverse  # type: ignore[attr-defined]
    assert inverse is not None
    run_operation(workbook, inverse, Mode.UNDO, label=label)


def test_a_stored_record_reads_back_exactly_and_removing_it_undoes(workbook: Workbook
                                                                   ) -> None:
    record = _record(version="0.1", author="Ann", team="Leisure", drafted_on=date(2026, 9, 1))
    assert {f.rule_id for f in record.findings} >= {"hard-to-reach", "bame-bme"}
    stored = run_operation(workbook, StoreRecord(record))
    with workbook.session() as session:
        back = load_record(session, record.id)
        rows = list_records(session)
    assert replace(back, proofed_at=None) == record
    assert back.draft == DRAFT.encode() and back.sha256 == record.sha256
    assert rows[0].title == "Leisure strategy" and rows[0].findings == len(record.findings)
    assert rows[0].open_findings == len(record.findings)
    assert workbook.overview().counts["proof_records"] == 1

    removed = run_operation(workbook, RemoveRecord(record.id))
    with workbook.session() as session:
        assert list_records(session) == []
    _undo(workbook, removed)
    with workbook.session() as session:
        assert load_record(session, record.id) == back  # same ids, same date, same bytes
    _undo(workbook, stored)
    assert workbook.overview().counts["proof_records"] == 0


def test_triage_checklist_screening_decision_undo_and_redo(workbook: Workbook) -> None:
    record = _record()
    run_operation(workbook, StoreRecord(record))
    first, second = record.findings[0].id, record.findings[1].id
    with pytest.raises(UserError, match="Say why"):
        run_operation(workbook, TriageFindings.one(first, "dismissed"))
    triaged = run_operation(workbook, TriageFindings(((first, "dismissed", "A quotation"),
                                                      (second, "accepted", ""))))
    edits = [run_operation(workbook, op) for op in (
        SetCheck(record.id, "proofread", "partly", "Only the first half"),
        UpdateRecord(record.id, "consultation", "None yet"),
        UpdateRecord(record.id, "decision", "revise"),
        UpdateRecord(record.id, "signed_on", date(2026, 10, 1)),
    )]
    with workbook.session() as session:
        back = load_record(session, record.id)
    assert [(f.triage, f.reason) for f in back.findings[:2]] == [
        ("dismissed", "A quotation"), ("accepted", "")]
    assert back.checks == (("proofread", "partly", "Only the first half"),)
    assert dict(back.screening) == {"consultation": "None yet"}
    assert (back.decision, back.signed_on) == ("revise", date(2026, 10, 1))

    undone_steps = []
    for change in reversed([triaged, *edits]):
        assert change.inverse is not None
        undone_steps.append(run_operation(workbook, change.inverse, Mode.UNDO, label="x"))
    with workbook.session() as session:
        undone = load_record(session, record.id)
    assert [f.triage for f in undone.findings] == ["open"] * len(record.findings)
    assert undone.checks == (("proofread", "", ""),) and undone.decision == ""
    assert dict(undone.screening) == {"consultation": ""} and undone.signed_on is None
    for step in reversed(undone_steps):  # the inverse of each undo step redoes it
        assert step.inverse is not None
        run_operation(workbook, step.inverse, Mode.REDO, label="x")
    with workbook.session() as session:
        assert load_record(session, record.id) == back


def test_impossible_values_are_refused_and_change_nothing(workbook: Workbook) -> None:
    record = _record()
    run_operation(workbook, StoreRecord(record))
    for op, says in (
        (UpdateRecord(record.id, "decision", "maybe"), "decision must be one of"),
        (UpdateRecord(record.id, "title", "  "), "cannot be empty"),
        (UpdateRecord(record.id, "colour", "red"), "no field called"),
        (SetCheck(record.id, "referred", "perhaps"), "yes, partly or no"),
        (TriageFindings.one(uuid.uuid4(), "fixed"), "no longer in the workbook"),
    ):
        with pytest.raises(UserError, match=says):
            run_operation(workbook, op)
    with workbook.session() as session:
        assert replace(load_record(session, record.id), proofed_at=None) == record


def test_a_new_version_carries_triage_over_only_where_the_text_is_unchanged() -> None:
    old = _record()
    triaged = replace(old, findings=tuple(
        replace(f, triage="dismissed", reason="Quoting a survey")
        if f.rule_id == "bame-bme" else replace(f, triage="fixed")
        if f.rule_id == "hard-to-reach" else f for f in old.findings))
    # The hard-to-reach paragraph is reworded; the BAME one moves down, its case and
    # spacing changed, its words the same.
    edited = DRAFT.replace("Some groups are hard to reach.",
                           "Some groups are hard to reach, we think.\n\nWe asked residents.")
    edited = edited.replace("BAME residents use the pools less.",
                            "BAME  residents use the pools LESS.")
    new = _record(edited)
    carried = {f.rule_id: (f.triage, f.reason) for f in
               carry_triage(triaged.findings, new.findings)}
    assert carried["hard-to-reach"] == ("open", "")
    assert carried["bame-bme"] == ("dismissed", "Quoting a survey")
    same = carry_triage(triaged.findings, _record().findings)
    assert [(f.triage, f.reason) for f in same] == [(f.triage, f.reason)
                                                    for f in triaged.findings]


def test_carry_over_uses_each_earlier_finding_once_in_order() -> None:
    text = "# Plan\n\nThese groups are hard to reach. Others are hard to reach too.\n"
    old = _record(text)
    hard = [f for f in old.findings if f.rule_id == "hard-to-reach"]
    assert len(hard) == 2
    first = hard[0].id
    old_findings = tuple(replace(f, triage="accepted") if f.id == first else f
                         for f in old.findings)
    carried = carry_triage(old_findings, _record(text).findings)
    assert [f.triage for f in carried if f.rule_id == "hard-to-reach"] == ["accepted", "open"]


def test_schemes_allow_list_and_rule_files_reach_the_proof(workbook: Workbook) -> None:
    scheme = SchemeData(uuid.uuid4(), "Our scheme", (
        Commitment("1", "Raise participation", "Raise participation in leisure.",
                   ("participation", "raise")),))
    added = run_operation(workbook, AddScheme(scheme))
    with workbook.session() as session:
        assert list_schemes(session)[0].commitments == scheme.commitments
    assert {c.id for c in scheme.as_scheme().commitments} == {"1", "duty-1", "duty-2",
                                                              "duty-3"}
    run_operation(workbook, AllowTerm("BAME residents"))
    run_operation(workbook, AddRuleFile(RuleFileData(
        uuid.uuid4(), "ours.yaml", "disable: [hard-to-reach]\n")))
    with pytest.raises(UserError, match="not a shipped rule"):
        run_operation(workbook, AddRuleFile(RuleFileData(
            uuid.uuid4(), "bad.yaml", "disable: [no-such-rule]\n")))
    with workbook.session() as session:
        settings = proof_settings(session)
    result = settings.proofer(scheme.as_scheme()).proof(read_draft_bytes(DRAFT.encode(),
                                                                         "d.md"))
    rules = {f.rule_id for f in result.findings}
    assert "hard-to-reach" not in rules and "bame-bme" not in rules
    assert result.coverage.commitments[0].addressed

    changed = run_operation(workbook, SetCommitments(scheme.id, ()))
    with workbook.session() as session:
        assert list_schemes(session)[0].commitments == ()
    _undo(workbook, changed)
    with workbook.session() as session:
        assert list_schemes(session)[0].commitments == scheme.commitments
    _undo(workbook, added)
    assert workbook.overview().counts["proof_schemes"] == 0


def test_the_sample_workbook_has_a_triaged_proof_with_a_decision(tmp_path: Path) -> None:
    from app.workbook.sample import build_sample

    path = tmp_path / "sample.rrwb"
    build_sample(path)
    with Workbook.open(path, read_only=True) as book, book.session() as session:
        rows = list_records(session)
        record = load_record(session, rows[0].id)
    assert record.draft == sample_docx_path().read_bytes()
    assert record.decision == "revise" and len(record.checks) == 4
    states = {f.triage for f in record.findings}
    assert {"open", "accepted", "fixed", "dismissed"} <= states


def test_the_capitalisation_style_is_kept_in_the_workbook_and_undoes(workbook: Workbook
                                                                     ) -> None:
    draft = read_draft_bytes(b"Plan\n\nSupport for White pupils and white British "
                             b"families.\n", "d.txt")

    def style_findings() -> list[tuple[str, str]]:
        with workbook.session() as session:
            settings = proof_settings(session)
        return [(f.rule_id, f.excerpt) for f in settings.proofer().proof(draft).findings
                if f.rule_id in ("ethnic-group-capitals", "colour-terms-lower-case")]

    with workbook.session() as session:
        assert get_capitals(session) == "ons"
    assert style_findings() == [("ethnic-group-capitals", "white")]
    # A workbook rule file that switches the default rule off stays valid in either style.
    run_operation(workbook, AddRuleFile(RuleFileData(
        uuid.uuid4(), "ours.yaml", "disable: [ethnic-group-capitals]\n")))
    changed = run_operation(workbook, SetCapitals("lower-colour"))
    with workbook.session() as session:
        assert get_capitals(session) == "lower-colour"
        assert [r.name for r in list_rule_files(session)] == ["ours.yaml"]  # not listed
    assert style_findings() == [("colour-terms-lower-case", "White")]
    with pytest.raises(UserError, match="keeps for its own settings"):
        run_operation(workbook, AddRuleFile(RuleFileData(
            uuid.uuid4(), "capitalisation-style", "rules: []\n")))
    with pytest.raises(UserError, match="not a capitalisation style"):
        run_operation(workbook, SetCapitals("shouty"))
    _undo(workbook, changed)
    with workbook.session() as session:
        assert get_capitals(session) == "ons"
    assert style_findings() == []  # ours.yaml still switches the default rule off
