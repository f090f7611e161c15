"""Options appraisal in a workbook: options, participants and rankings as undoable edits,
impossible ranks refused with nothing changed, the recommendation in words, and
`rrt appraisal new|option|rank|show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import UserError
from app.plans.appraisal import operations as ops
from app.plans.appraisal.store import AppraisalData, list_appraisals, read_appraisal
from app.workbook import Workbook
from app.workbook.operations import Mode, Operation, run_operation
from tests.support.cli import rrt


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    book = Workbook.create(tmp_path / "appraisal.rrwb", title="Appraisal")
    yield book
    book.close()


def _data(workbook: Workbook) -> AppraisalData:
    with workbook.session() as session:
        return read_appraisal(session, list_appraisals(session)[0].id)


def _undo(workbook: Workbook, operation: Operation) -> None:
    change = run_operation(workbook, operation)
    assert change.inverse is not None
    run_operation(workbook, change.inverse, Mode.UNDO, label=operation.label)


def _setup(workbook: Workbook) -> tuple[ops.AddAppraisal, list[ops.AddOption],
                                        list[ops.AddParticipant]]:
    new = ops.AddAppraisal("Who should host the BME infrastructure support?")
    run_operation(workbook, new)
    options = [ops.AddOption.of(new.appraisal_id, title=t, strengths="s", weaknesses="w")
               for t in ("A new regional body", "An existing network", "The council")]
    people = [ops.AddParticipant.of(new.appraisal_id, name=n, lead_agency=agency)
              for n, agency in (("Table 1", "Regional network"), ("Table 2", "Council"),
                                ("Table 3", "Regional network"))]
    for op in (*options, *people):
        run_operation(workbook, op)
    a, b, c = (o.option_id for o in options)
    for person, ranks in zip(people, ({a: 1, b: 2, c: 3}, {a: 1, c: 2, b: 3},
                                      {b: 1, a: 2, c: 3}), strict=True):
        run_operation(workbook, ops.SetRanks(person.participant_id, tuple(ranks.items())))
    return new, options, people


def test_the_recommendation_and_its_rationale(workbook: Workbook) -> None:
    _setup(workbook)
    data = _data(workbook)
    assert data.rationale() == (
        "“A new regional body” has the highest Borda count (5 of a possible 6) and a mean "
        "rank of 1.33; 2 of 3 participants put it first. Agreement between participants: "
        "moderate agreement (Kendall's W = 0.44).")
    assert data.lead_agencies() == [("Regional network", 2), ("Council", 1)]


def test_every_edit_undoes_exactly(workbook: Workbook) -> None:
    new, options, people = _setup(workbook)
    before = _data(workbook)
    for operation in (
        ops.RemoveOption(options[0].option_id),
        ops.RemoveParticipant(people[1].participant_id),
        ops.SetRanks(people[0].participant_id, ((options[0].option_id, None),
                                                (options[2].option_id, 1))),
        ops.UpdateText("option", options[1].option_id, "strengths", "Trusted locally"),
        ops.UpdateText("appraisal", new.appraisal_id, "notes", "Chosen at the May workshop"),
    ):
        _undo(workbook, operation)
        assert _data(workbook) == before, operation
    _undo(workbook, ops.RemoveAppraisal(new.appraisal_id))
    assert _data(workbook) == before


@pytest.mark.parametrize("rank", [0, 4, -1, True, 1.5])
def test_an_impossible_rank_is_refused_and_nothing_changes(workbook: Workbook,
                                                           rank: object) -> None:
    _new, options, people = _setup(workbook)
    before = _data(workbook)
    with pytest.raises(UserError, match=r"A rank is a whole number from 1 .first. to 3"):
        run_operation(workbook, ops.SetRanks(people[0].participant_id, (
            (options[1].option_id, 1), (options[0].option_id, rank))))  # type: ignore[arg-type]
    assert _data(workbook) == before


def test_blank_names_are_refused(workbook: Workbook) -> None:
    new, _options, _people = _setup(workbook)
    with pytest.raises(UserError, match="Option cannot be empty"):
        run_operation(workbook, ops.AddOption.of(new.appraisal_id, title=" "))
    with pytest.raises(UserError, match="Participant cannot be empty"):
        run_operation(workbook, ops.AddParticipant.of(new.appraisal_id))


def test_the_command_line_runs_an_appraisal(tmp_path: Path) -> None:
    path = tmp_path / "cli.rrwb"
    assert rrt("new", str(path), "--title", "Workshop").returncode == 0
    assert "Options appraisal 1 started." in rrt(
        "appraisal", "new", str(path), "How should small groups get funding advice?").stdout
    for title in ("Drop-in surgeries", "Outreach worker", "Online guide", "Nothing new"):
        assert rrt("appraisal", "option", str(path), "1", title, "--strengths", "x"
                   ).returncode == 0
    assert rrt("appraisal", "rank", str(path), "1", "Table 1", "1=1", "2=1", "3=2",
               "--lead-agency", "CVS", "--justification", "Both reach people").returncode == 0
    assert rrt("appraisal", "rank", str(path), "1", "Table 2", "online guide=1").returncode == 0
    bad = rrt("appraisal", "rank", str(path), "1", "Table 3", "9=1")
    assert bad.returncode == 2 and "does not name an option" in bad.stderr
    too_big = rrt("appraisal", "rank", str(path), "1", "Table 3", "1=5")
    assert too_big.returncode == 3 and "from 1 (first) to 4" in too_big.stderr
    (shown,) = json.loads(rrt("appraisal", "show", str(path), "1", "--json").stdout)
    assert [p["name"] for p in shown["participants"]] == ["Table 1", "Table 2"]  # no Table 3
    assert [o["borda"] for o in shown["options"]] == [3.5, 3.5, 4, 1]
    assert [o["mean_rank"] for o in shown["options"]] == [2.25, 2.25, 2.0, 3.5]
    assert shown["kendalls_w"] == pytest.approx(66 / 180)
    assert shown["recommended"] == ["Online guide"]
    assert shown["participants"][0]["ranks"] == {
        "Drop-in surgeries": 1, "Outreach worker": 1, "Online guide": 2}
    # Ranking again replaces the earlier ranking, keeping the justification.
    assert rrt("appraisal", "rank", str(path), "1", "table 1", "4=1").returncode == 0
    (again,) = json.loads(rrt("appraisal", "show", str(path), "--json").stdout)
    assert again["participants"][0] == {"name": "Table 1", "justification": "Both reach people",
                                        "lead_agency": "CVS", "ranks": {"Nothing new": 1}}
    assert "Online guide" in rrt("appraisal", "show", str(path)).stdout
