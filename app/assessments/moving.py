"""Moving an assessment to a newer version of its framework, in the workbook.

The newer version is pinned (if this exact copy is not yet), the assessment points at it,
and each response carries over by reference id with its rating, notes, confidence,
comment and evidence links. A rating the new scale lacks is cleared and said in the
response's comment; a response whose criterion is gone is removed and written out whole
in the change log. `AssessmentState` holds an assessment's rows exactly, so the step's
undo (and redo) put every row back as it was.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.assessments.frameworks import Framework, fingerprint
from app.assessments.frameworks.model import version_key
from app.assessments.models import (
    Assessment,
    AssessmentResponse,
    PinnedFramework,
    ResponseEvidence,
)
from app.assessments.records import Values, load_assessment, pin_framework, row_values
from app.assessments.versions import MovePlan, check_move, plan_move
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue
from app.workbook.types import utcnow

if TYPE_CHECKING:
    from app.assessments.frameworks.catalogue import Catalogue


@dataclass(frozen=True)
class AssessmentState:
    """An assessment's own row, responses and evidence links, exactly as stored."""

    assessment: Values
    responses: tuple[Values, ...]
    links: tuple[Values, ...]

    @property
    def id(self) -> uuid.UUID:
        value = dict(self.assessment)["id"]
        assert isinstance(value, uuid.UUID)
        return value


def _get(session: Session, assessment_id: uuid.UUID) -> Assessment:
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        raise InvalidValue("That assessment is no longer in the workbook.")
    return assessment


def _responses(session: Session, assessment_id: uuid.UUID) -> list[AssessmentResponse]:
    return list(session.scalars(select(AssessmentResponse)
                                .where(AssessmentResponse.assessment_id == assessment_id)
                                .order_by(AssessmentResponse.criterion_ref)))


def capture_state(session: Session, assessment_id: uuid.UUID) -> AssessmentState:
    assessment = _get(session, assessment_id)
    responses = _responses(session, assessment_id)
    links = session.scalars(select(ResponseEvidence).where(
        ResponseEvidence.response_id.in_([r.id for r in responses])))
    return AssessmentState(row_values(assessment), tuple(row_values(r) for r in responses),
                           tuple(row_values(link) for link in links))


def put_state(session: Session, state: AssessmentState) -> None:
    """Make the assessment's rows exactly those of `state` (its framework must be pinned)."""
    assessment = _get(session, state.id)
    ids = [r.id for r in _responses(session, state.id)]
    session.execute(delete(ResponseEvidence).where(ResponseEvidence.response_id.in_(ids)))
    session.execute(delete(AssessmentResponse)
                    .where(AssessmentResponse.assessment_id == state.id))
    session.flush()
    for name, value in state.assessment:
        setattr(assessment, name, value)
    session.flush()
    session.add_all(AssessmentResponse(**dict(values)) for values in state.responses)
    session.flush()
    session.add_all(ResponseEvidence(**dict(values)) for values in state.links)
    session.flush()


def add_pinned(session: Session, values: Values) -> None:
    if session.get(PinnedFramework, dict(values)["id"]) is None:
        session.add(PinnedFramework(**dict(values)))
        session.flush()


def remove_pinned_if_unused(session: Session, row_id: uuid.UUID) -> None:
    used = session.scalar(select(func.count()).select_from(Assessment)
                          .where(Assessment.framework_row_id == row_id))
    pinned = session.get(PinnedFramework, row_id)
    if pinned is not None and not used:
        session.delete(pinned)
        session.flush()


def move_assessment(session: Session, assessment_id: uuid.UUID, framework: Framework, *,
                    pinned_id: uuid.UUID | None = None) -> tuple[MovePlan, Values | None]:
    """Move the assessment to `framework` (a newer version of its own); returns what
    happened to its responses and, when the version had to be pinned now, that new row."""
    assessment = _get(session, assessment_id)
    data = load_assessment(session, assessment_id)
    problem = check_move(data.framework, framework, assessment.name)
    if problem:
        raise InvalidValue(problem)
    plan = plan_move(data, framework)
    already = session.scalars(select(PinnedFramework).where(
        PinnedFramework.fingerprint == fingerprint(framework))).first()
    pinned = already or pin_framework(session, framework, row_id=pinned_id)

    by_ref = {r.criterion_ref: r for r in _responses(session, assessment_id)}
    gone = [by_ref[d.ref].id for d in plan.dropped]
    session.execute(delete(ResponseEvidence).where(ResponseEvidence.response_id.in_(gone)))
    session.execute(delete(AssessmentResponse).where(AssessmentResponse.id.in_(gone)))
    now = utcnow()
    for cleared in plan.cleared:
        response = by_ref[cleared.ref]
        response.answer = None
        response.comment = f"{response.comment}\n\n{cleared.note}" if response.comment \
            else cleared.note
        response.updated_at = now
    assessment.framework_row_id = pinned.id
    assessment.updated_at = now
    session.flush()

    old = data.framework
    summary = (f"Moved assessment “{assessment.name}” from {old.title} {old.version} to "
               f"{framework.version}: {plan.summary()}")
    for cleared in plan.cleared:
        summary += f". Rating of {cleared.ref} cleared: {cleared.note}"
    for dropped in plan.dropped:
        summary += f". Not carried over, as version {framework.version} has no criterion " \
                   f"{dropped.ref} “{dropped.title}”: {dropped.held}"
    record_change(session, action="assessments.move", entity="assessment",
                  entity_id=str(assessment_id), summary=summary + ".")
    return plan, (None if already is not None else row_values(pinned))


def known_versions(session: Session, framework_id: str,
                   catalogue: Catalogue | None = None) -> dict[tuple[int, ...], Framework]:
    """Every version of a framework this computer or workbook has, by version key. Of two
    copies of one version the workbook's is used, so its rounds stay on the same text."""
    from app.assessments.frameworks.catalogue import load_catalogue
    from app.assessments.records import pinned_frameworks

    found: dict[tuple[int, ...], Framework] = {}
    for entry in (catalogue or load_catalogue()).every_version:  # the user's copy last
        if entry.id == framework_id:
            found[entry.framework.version_key] = entry.framework
    for framework in pinned_frameworks(session):
        if framework.id == framework_id:
            found[framework.version_key] = framework
    return found


def newer_versions(session: Session, framework_id: str, version: str,
                   catalogue: Catalogue | None = None) -> tuple[Framework, ...]:
    """The versions of a framework newer than `version`, newest first."""
    found = known_versions(session, framework_id, catalogue)
    current = version_key(version)
    return tuple(found[key] for key in sorted(found, reverse=True) if key > current)
