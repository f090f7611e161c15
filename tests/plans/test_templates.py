"""Plan templates: the shipped ones load and cite the seed; starting from one adds its
actions, partners and dependencies as one undo step; a broken template changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.plans.plan import read_plan
from app.plans.templates import (
    TemplateError,
    find_template,
    list_templates,
    load_template,
    start_from_template,
)
from app.workbook import Workbook
from app.workbook.operations import Mode, run_operation
from tests.support.cli import rrt


def test_the_shipped_templates_load_and_cite_their_source() -> None:
    templates = {t.id: t for t in list_templates()}
    assert set(templates) == {"transitional-strategy", "stakeholder-roles"}
    strategy = templates["transitional-strategy"]
    assert [a.key for a in strategy.actions] == [
        "feedback", "action-planning", "succession", "dissemination"]
    assert "Rights & Responsibilities" in strategy.source
    roles = templates["stakeholder-roles"]
    assert [dict(a.values)["lead_partner"] for a in roles.actions] == [
        "Regional institutions", "Regeneration partnerships",
        "Generalist infrastructure support", "BME infrastructure support"]


def test_starting_from_a_template_is_one_undo_step(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "t.rrwb", title="T") as book:
        change = run_operation(book, start_from_template(find_template("transitional-strategy")))
        with book.session() as session:
            plan = read_plan(session)
        assert [row.lead_partner for row in plan.actions] == ["Steering group"] * 4
        assert plan.depends_on(plan.actions[1].id) == [1]
        assert plan.depends_on(plan.actions[3].id) == [2]
        assert plan.partners_text(plan.actions[0].id) == (
            "Local BME infrastructure network (delivers)")
        assert plan.actions[0].raised_by == "Template “Transitional strategy”"
        assert change.inverse is not None
        run_operation(book, change.inverse, Mode.UNDO, label="Start from template")
        with book.session() as session:
            empty = read_plan(session)
        assert empty.actions == () and empty.edges == () and empty.partners == {}


@pytest.mark.parametrize(("text", "says"), [
    ("actions: []\n", "list of actions"),
    ("id: x\ntitle: X\nsource: s\nactions:\n  - {key: a}\n", "Delivery action cannot be empty"),
    ("id: x\ntitle: X\nsource: s\nactions:\n  - {key: a, action: Do, depends_on: [b]}\n",
     "must name an earlier action"),
    ("id: x\ntitle: X\nsource: s\nactions:\n  - {key: a, action: Do, priority: urgent}\n",
     "Priority must be one of"),
    ("id: x\ntitle: X\nsource: s\nactions:\n  - {key: a, action: Do, colour: red}\n",
     "an action's fields"),
    ("id: x\ntitle: X\nsource: s\nactions: [\n", "cannot be read"),
])
def test_a_broken_template_is_refused_with_a_sentence(tmp_path: Path, text: str,
                                                       says: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=says):
        load_template(path)


def test_the_command_line_lists_and_starts_from_templates(tmp_path: Path) -> None:
    path = tmp_path / "cli.rrwb"
    assert rrt("new", str(path), "--title", "Plan").returncode == 0
    listed = rrt("actions", "from-template", str(path))
    assert "stakeholder-roles: Four stakeholder roles" in listed.stdout
    wrong = rrt("actions", "from-template", str(path), "nonsense")
    assert wrong.returncode == 3 and "no plan template called “nonsense”" in wrong.stderr
    added = rrt("actions", "from-template", str(path), "stakeholder-roles")
    assert added.returncode == 0 and "Added 4 actions" in added.stdout
    assert "4. Take a leadership role" in rrt("actions", "list", str(path)).stdout
