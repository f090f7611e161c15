"""The sample workbook's proofing: a small equality scheme, the allow-list entry the sample
draft needs, and a proofing record of the bundled sample draft with some findings triaged,
the checklist worked through, a decision, and an action raised in the action plan from
one finding. Modules add their samples in order, so the plan's own sample actions
(added later) follow the ones raised here."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from app.proofing.raise_action import RaiseFindingAction
from app.proofing.records import build_record, store_record, triage_findings
from app.proofing.sample_draft import SAMPLE_ALLOW, sample_docx_path
from app.proofing.scheme import Commitment
from app.proofing.schemes_store import SchemeData, add_scheme
from app.proofing.workbook_rules import add_allowed, proof_settings

SAMPLE_SCHEME = SchemeData(
    uuid.UUID("5c4e0d57-3a52-4a3e-9a0c-1b7d1e8f0a01"),
    "Riverside race equality scheme 2025",
    (
        Commitment("1", "Know who uses our services",
                   "Collect and analyse service use by ethnic group and publish what we find.",
                   ("ethnic monitoring", "service use", "data", "analysis")),
        Commitment("2", "Involve communities in decisions",
                   "Consult ethnic minority residents and their organisations directly, early "
                   "and in ways they choose.",
                   ("consultation", "engagement", "communities", "involve")),
        Commitment("3", "Fair access to leisure and wellbeing",
                   "Remove barriers that keep people of some ethnic groups from using leisure "
                   "and wellbeing services.",
                   ("access", "barriers", "leisure", "participation")),
    ),
)


def add_sample(session: Session) -> None:
    add_scheme(session, SAMPLE_SCHEME)
    for term in SAMPLE_ALLOW:
        add_allowed(session, term)
    path = sample_docx_path()
    data = path.read_bytes()
    result = proof_settings(session).proofer(SAMPLE_SCHEME.as_scheme()).proof_file(path)
    record = build_record(result, data, path.name, version="0.3", author="Policy officer",
                          team="Leisure and Wellbeing", drafted_on=date(2026, 9, 14))
    record = replace(record, checks=(
        ("referred", "partly", "The scheme was read at the start but not used in the "
                               "targets section."),
        ("validated", "no", "The targets were set before the scheme was checked."),
        ("proofread", "yes", "Proof-read by the equality officer."),
        ("checked", "yes", ""),
    ), decision="revise", rationale=(
        "The strategy sets participation targets without breaking them down by ethnic "
        "group and consults through a single event. Revise those sections and proof again."
    ), screening=(
        ("relevance_opportunity", "High: participation in leisure differs by ethnic group."),
        ("evidence", "Leisure centre membership data 2025; Active Lives survey."),
        ("consultation", "Planned, but only through one community event."),
    ))
    store_record(session, record)
    by_rule = {f.rule_id: f for f in record.findings}
    changes = []
    if "bame-bme" in by_rule:
        changes.append((by_rule["bame-bme"].id, "accepted", ""))
    if "race-as-data" in by_rule:
        changes.append((by_rule["race-as-data"].id, "dismissed",
                        "The sentence quotes the census question's own wording."))
    if "hard-to-reach" in by_rule:
        changes.append((by_rule["hard-to-reach"].id, "fixed", ""))
    triage_findings(session, changes)
    if "bame-bme" in by_rule:  # the accepted finding goes into the action plan
        RaiseFindingAction(by_rule["bame-bme"].id,
                           uuid.UUID("5c4e0d57-3a52-4a3e-9a0c-1b7d1e8f0a02")).apply(session)
