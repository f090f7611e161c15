"""Actions gain an `origin`: the key of what raised them, which the user never edits.

Actions raised before this step are linked by reading their "raised by" text the way the
older builds matched it (best effort, plain SQL and string work, no module code): an
assessment's name and criterion, an audit's body, date and group, a proofing finding's
reference. An action the text does not tie to exactly one thing keeps the origin "" and
can be raised again. There is no text matching after this step.

Revision ID: plans_0004
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import sqlalchemy as sa
from alembic import op

revision = "plans_0004"
down_revision = "plans_0003"
branch_labels = None
depends_on = None

# The texts the older builds wrote (app/assessments/improvement.py, app/representation/
# raise_action.py and app/proofing/raise_action.py as they were at plans_0003).
_ASSESSMENT = re.compile(r"Assessment “(?P<name>.*)”, criterion (?P<ref>\S+)", re.S)
_AUDIT = re.compile(r"Representation audit “(?P<body>.*)”, (?P<d>\d\d)/(?P<m>\d\d)/"
                    r"(?P<y>\d{4}): (?P<group>.+)", re.S)
_FINDING = re.compile(r".*\(finding (?P<hex>[0-9a-f]{8})\)", re.S)
# Group labels of the shipped classifications (ONS 2001, 2011, 2021) and the body kinds'
# labels at plans_0003, frozen here so that the step never changes with later data.
_GROUPS = {
    "White": "white", "Mixed": "mixed", "Mixed or Multiple ethnic groups": "mixed",
    "Asian or Asian British": "asian", "Asian, Asian British or Asian Welsh": "asian",
    "Black or Black British": "black", "Black, African, Caribbean or Black British": "black",
    "Black, Black British, Black Welsh, Caribbean or African": "black",
    "Chinese or other ethnic group": "chinese-or-other", "Other ethnic group": "other",
}
_MINORITIES = "Ethnic minorities (all groups except "


def _has(table: str) -> bool:
    return sa.inspect(op.get_bind()).has_table(table)


def _hex(value: object) -> str:
    return str(value).replace("-", "").lower()


def _origins(raised: list[tuple[object, str]]) -> Iterator[tuple[object, str]]:
    """(action id, origin) for each action whose text names exactly one thing."""
    bind = op.get_bind()
    names: dict[str, list[str]] = {}
    if _has("assessment"):
        for row_id, name in bind.execute(sa.text("SELECT id, name FROM assessment")):
            names.setdefault(name, []).append(_hex(row_id))
    audits: list[tuple[str, str, str]] = []
    if _has("rep_audit"):
        audits = [(_hex(i), str(d), b) for i, d, b in bind.execute(sa.text(
            "SELECT id, audit_date, body_name FROM rep_audit"))]
    findings: dict[str, list[tuple[str, str]]] = {}
    if _has("proof_finding"):
        for finding_id, record_id in bind.execute(sa.text(
                "SELECT id, record_id FROM proof_finding")):
            findings.setdefault(_hex(finding_id)[:8], []).append(
                (_hex(record_id), _hex(finding_id)))
    for action_id, text in raised:
        if match := _ASSESSMENT.fullmatch(text):
            ids = names.get(match["name"], [])
            if len(ids) == 1:
                yield action_id, f"assessments:{ids[0]}:{match['ref']}"
        elif match := _AUDIT.fullmatch(text):
            label = match["group"]
            key = "ethnic-minorities" if label.startswith(_MINORITIES) else _GROUPS.get(label)
            when = f"{match['y']}-{match['m']}-{match['d']}"
            on_day = [a for a in audits if a[1].startswith(when)]
            # An audit's body label is its name, or its kind's label when it has no name.
            named = [a for a in on_day if a[2] == match["body"]] or \
                [a for a in on_day if not a[2]]
            if key and len(named) == 1:
                yield action_id, f"representation:{named[0][0]}:{key}"
        elif match := _FINDING.fullmatch(text):
            found = findings.get(match["hex"], [])
            if len(found) == 1:
                yield action_id, "proofing:{}:{}".format(*found[0])


def upgrade() -> None:
    # Plain ALTER TABLE, not a batch copy: dropping plan_action to copy it would cascade
    # to its partners, notes and dependencies.
    op.add_column("plan_action", sa.Column("origin", sa.String(200), nullable=False,
                                           server_default=""))
    op.create_index(op.f("ix_plan_action_origin"), "plan_action", ["origin"])
    bind = op.get_bind()
    raised = [(i, t) for i, t in bind.execute(sa.text(
        "SELECT id, raised_by FROM plan_action WHERE raised_by != ''"))]
    seen: set[str] = set()
    for action_id, origin in _origins(raised):
        if origin not in seen:  # the older builds never raised one thing twice
            seen.add(origin)
            bind.execute(sa.text("UPDATE plan_action SET origin = :origin WHERE id = :id"),
                         {"origin": origin, "id": action_id})


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_action_origin"), "plan_action")
    op.drop_column("plan_action", "origin")
