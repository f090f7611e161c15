"""Plan templates: sets of actions, as data in `resources/plan_templates/*.yaml`, that a
facilitator adds to the action plan in one undoable step and then adapts.

A template is checked when it is read: each action's values by the same rules as a typed
one, partner roles against the known roles, and `depends_on` against earlier keys, so a
template can never add half its actions and then fail.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.paths import resource
from app.plans.fields import PARTNER_ROLES, TEXT_FIELDS, choice, validate
from app.plans.operations import AddAction, AddDependency, AddPartner, Steps
from app.text_policy import TextRefused
from app.workbook.operations import Operation

_ACTION_KEYS = frozenset({"key", "partners", "depends_on", "priority", *TEXT_FIELDS})


class TemplateError(UserError):
    """A plan template that cannot be used as it is."""


@dataclass(frozen=True)
class TemplateAction:
    key: str
    values: tuple[tuple[str, str], ...]
    partners: tuple[tuple[str, str], ...]  # (name, role)
    depends_on: tuple[str, ...]


@dataclass(frozen=True)
class PlanTemplate:
    id: str
    title: str
    description: str
    source: str
    actions: tuple[TemplateAction, ...]


def templates_dir() -> Path:
    return resource("plan_templates")


def list_templates(folder: Path | None = None) -> list[PlanTemplate]:
    return [load_template(path) for path in sorted((folder or templates_dir()).glob("*.yaml"))]


def find_template(name: str, folder: Path | None = None) -> PlanTemplate:
    templates = list_templates(folder)
    for template in templates:
        if name in (template.id, template.title):
            return template
    known = ", ".join(t.id for t in templates)
    raise TemplateError(f"There is no plan template called “{name}”. The templates are: "
                        f"{known}.")


def load_template(path: Path) -> PlanTemplate:
    import yaml  # only when a template is read: the CLI's parser must stay light

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        raise TemplateError(f"The plan template “{path.name}” cannot be read. Check that it "
                            "is a YAML file saved as UTF-8 text.") from None
    try:
        return _template(data)
    except (TextRefused, KeyError, TypeError, ValueError) as problem:
        detail = str(problem) if isinstance(problem, TextRefused) else \
            f"it lacks or mistypes {problem}"
        raise TemplateError(f"The plan template “{path.name}” cannot be used: {detail}"
                            ) from None


def _template(data: Any) -> PlanTemplate:
    if not isinstance(data, dict) or not isinstance(data.get("actions"), list) \
            or not data["actions"]:
        raise ValueError("its list of actions")
    seen: set[str] = set()
    actions = []
    for item in data["actions"]:
        if not isinstance(item, dict) or set(item) - _ACTION_KEYS:
            raise ValueError(f"an action's fields (known: {', '.join(sorted(_ACTION_KEYS))})")
        key = str(item["key"])
        if key in seen:
            raise ValueError(f"the key “{key}”, which is used twice")
        values = {name: validate(name, str(item.get(name, ""))) for name in TEXT_FIELDS
                  if name in item or name == "action"}
        values["priority"] = validate("priority", item.get("priority", "medium"))
        partners = tuple(
            (str(validate("lead_partner", str(p["name"]))),
             choice(p.get("role", "supports"), "Partner role", PARTNER_ROLES))
            for p in item.get("partners", []))
        depends = tuple(str(k) for k in item.get("depends_on", []))
        for other in depends:
            if other not in seen:
                raise ValueError(f"“{other}” in depends_on of “{key}” (it must name an "
                                 "earlier action)")
        seen.add(key)
        actions.append(TemplateAction(key, tuple((k, str(v)) for k, v in values.items()),
                                      partners, depends))
    return PlanTemplate(str(data["id"]), str(data["title"]), str(data.get("description", "")),
                        str(data["source"]), tuple(actions))


def start_from_template(template: PlanTemplate) -> Steps:
    """One undoable step that adds the template's actions, partners and dependencies."""
    ids = {action.key: uuid.uuid4() for action in template.actions}
    steps: list[Operation] = []
    for action in template.actions:
        steps.append(AddAction((*action.values, ("raised_by", f"Template “{template.title}”")),
                               ids[action.key]))
        steps.extend(AddPartner(ids[action.key], name, role) for name, role in action.partners)
        steps.extend(AddDependency(ids[action.key], ids[key]) for key in action.depends_on)
    return Steps(tuple(steps), "Start from template")
