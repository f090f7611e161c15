"""Reading and changing the workbook's assessments (domain functions; edits go through the
operations in `app.assessments.operations`, which make them undoable)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.assessments.data import AssessmentData, AssessmentRow, ResponseData
from app.assessments.fields import (
    CONFIDENCE,
    FieldValue,
    assessment_label,
    response_label,
    validate_assessment,
    validate_response,
)
from app.assessments.frameworks import (
    NOT_APPLICABLE,
    Framework,
    fingerprint,
    framework_to_dict,
)
from app.assessments.models import (
    Assessment,
    AssessmentResponse,
    PinnedFramework,
    ResponseEvidence,
)
from app.assessments.pinned import framework_from_pinned, remember
from app.text_policy import TextRefused
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue
from app.workbook.models import EvidenceFile
from app.workbook.types import utcnow

Values = tuple[tuple[str, Any], ...]  # (column, value) pairs: a row as plain, hashable data


@dataclass(frozen=True)
class DeletedAssessment:
    """Everything needed to put a deleted assessment back exactly (for undo)."""

    assessment: Values
    responses: tuple[Values, ...]
    links: tuple[Values, ...]
    pinned: Values | None  # the pinned framework, when no other assessment used it

    @property
    def id(self) -> uuid.UUID:
        value = dict(self.assessment)["id"]
        assert isinstance(value, uuid.UUID)
        return value

    @property
    def name(self) -> str:
        return str(dict(self.assessment)["name"])


def row_values(obj: Any) -> Values:
    """A mapped row's columns as plain (name, value) pairs: what undo puts back."""
    return tuple((column.key, getattr(obj, column.key)) for column in obj.__table__.columns)


# ---------------------------------------------------------------- frameworks


def pin_framework(session: Session, framework: Framework, *,
                  row_id: uuid.UUID | None = None) -> PinnedFramework:
    """The workbook's copy of `framework`, pinned now unless this exact content already is
    (`row_id`: the new copy's id, so that redoing a step pins it exactly as before)."""
    print_ = fingerprint(framework)
    pinned = session.scalars(
        select(PinnedFramework).where(PinnedFramework.fingerprint == print_)).first()
    if pinned is not None:
        return pinned
    pinned = PinnedFramework(
        id=row_id or uuid.uuid4(), framework_id=framework.id, version=framework.version,
        title=framework.title, fingerprint=print_, pinned_at=utcnow(),
        content=json.dumps(framework_to_dict(framework), ensure_ascii=False, sort_keys=True),
    )
    session.add(pinned)
    session.flush()
    remember(print_, framework)
    return pinned


def pinned_framework(pinned: PinnedFramework) -> Framework:
    """The framework kept in the workbook, checked as strictly as a file."""
    return framework_from_pinned(pinned.fingerprint, pinned.content, pinned.title)


def pinned_frameworks(session: Session) -> list[Framework]:
    return [pinned_framework(p) for p in
            session.scalars(select(PinnedFramework).order_by(PinnedFramework.pinned_at))]


# ---------------------------------------------------------------- reading


def _row(assessment: Assessment, pinned: PinnedFramework) -> AssessmentRow:
    return AssessmentRow(
        id=assessment.id, framework_row_id=pinned.id, framework_id=pinned.framework_id,
        framework_version=pinned.version, framework_title=pinned.title, name=assessment.name,
        round_label=assessment.round_label, assessed_on=assessment.assessed_on,
        assessor=assessment.assessor, respondent_group=assessment.respondent_group,
        area_local=assessment.area_local, area_subregional=assessment.area_subregional,
        area_regional=assessment.area_regional, created_at=assessment.created_at,
        updated_at=assessment.updated_at,
    )


def list_assessments(session: Session) -> list[AssessmentRow]:
    """Every assessment, oldest round first."""
    query = select(Assessment, PinnedFramework).join(
        PinnedFramework, Assessment.framework_row_id == PinnedFramework.id)
    rows = [_row(assessment, pinned) for assessment, pinned in session.execute(query)]
    return sorted(rows, key=lambda row: (row.when, row.name))


def count_assessments(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Assessment)) or 0


def _get(session: Session, assessment_id: uuid.UUID) -> Assessment:
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        raise InvalidValue("That assessment is no longer in the workbook.")
    return assessment


def _framework_of(session: Session, assessment: Assessment) -> Framework:
    pinned = session.get(PinnedFramework, assessment.framework_row_id)
    if pinned is None:
        raise InvalidValue(f"The framework of the assessment “{assessment.name}” is missing "
                           "from the workbook; it may be damaged.")
    return pinned_framework(pinned)


def assessment_row(session: Session, assessment_id: uuid.UUID) -> AssessmentRow:
    assessment = _get(session, assessment_id)
    pinned = session.get(PinnedFramework, assessment.framework_row_id)
    if pinned is None:
        _framework_of(session, assessment)  # raises the sentence
    assert pinned is not None
    return _row(assessment, pinned)


def load_assessment(session: Session, assessment_id: uuid.UUID) -> AssessmentData:
    """An assessment with its pinned framework and its responses, as plain data."""
    assessment = _get(session, assessment_id)
    framework = _framework_of(session, assessment)
    row = assessment_row(session, assessment_id)
    return AssessmentData(row, framework, read_responses(session, assessment_id))


def read_responses(session: Session, assessment_id: uuid.UUID, ref: str | None = None
                   ) -> dict[str, ResponseData]:
    """The responses by criterion ref (only `ref`'s when given), with their evidence files.

    Plain columns rather than ORM objects, matched by ref: this runs after every rating in
    the editor, and building hundreds of mapped objects (and their ids) is what took the time.
    """
    responses = select(AssessmentResponse.criterion_ref, AssessmentResponse.answer,
                       AssessmentResponse.notes, AssessmentResponse.confidence,
                       AssessmentResponse.comment).where(
        AssessmentResponse.assessment_id == assessment_id)
    links = (select(AssessmentResponse.criterion_ref, EvidenceFile.name)
             .join(ResponseEvidence, ResponseEvidence.response_id == AssessmentResponse.id)
             .join(EvidenceFile, EvidenceFile.id == ResponseEvidence.evidence_file_id)
             .where(AssessmentResponse.assessment_id == assessment_id)
             .order_by(EvidenceFile.name))
    if ref is not None:
        responses = responses.where(AssessmentResponse.criterion_ref == ref)
        links = links.where(AssessmentResponse.criterion_ref == ref)
    names: dict[str, list[str]] = {}
    for criterion_ref, name in session.execute(links):
        names.setdefault(criterion_ref, []).append(name)
    return {
        criterion_ref: ResponseData(answer, notes, confidence, comment,
                                    tuple(names.get(criterion_ref, ())))
        for criterion_ref, answer, notes, confidence, comment in session.execute(responses)
    }


def prime(session: Session) -> None:
    """Read every assessment once, in idle time after the workbook opens: each pinned
    framework is parsed (and kept), and the queries the assessment screen runs are
    prepared, so choosing that screen does not wait for either. So are the look-ups the
    first rating makes (its response, then reading it back): prepared cold, they made the
    first key typed in the screen the slowest."""
    rows = list_assessments(session)
    for row in rows:
        load_assessment(session, row.id)
    if rows:
        _response(session, rows[-1].id, "", create=False)  # no criterion has an empty ref
        read_responses(session, rows[-1].id, "")


# ---------------------------------------------------------------- assessments


def _group(framework: Framework, value: str) -> str:
    """A respondent group as stored: the framework's group id (typed as id or label)."""
    if not value or not framework.respondent_groups:
        return value
    wanted = value.casefold()
    for group in framework.respondent_groups:
        if wanted in (group.id.casefold(), group.label.casefold()):
            return group.id
    known = ", ".join(group.label for group in framework.respondent_groups)
    raise InvalidValue(f"“{value}” is not a respondent group of {framework.title}. "
                       f"Choose one of: {known}.")


def _checked(framework: Framework, field_name: str, value: FieldValue) -> FieldValue:
    try:
        checked = validate_assessment(field_name, value)
    except TextRefused as refused:
        raise InvalidValue(str(refused)) from None
    if field_name == "respondent_group":
        checked = _group(framework, str(checked or ""))
    return checked


def create_assessment(session: Session, framework: Framework, values: Mapping[str, FieldValue],
                      *, assessment_id: uuid.UUID | None = None) -> AssessmentRow:
    """Add an assessment against `framework`, pinning the framework if it is not yet."""
    checked = {name: _checked(framework, name, value) for name, value in values.items()}
    if "name" not in checked:
        _checked(framework, "name", "")  # raises: an assessment needs a name
    pinned = pin_framework(session, framework)
    now = utcnow()
    assessment = Assessment(id=assessment_id or uuid.uuid4(), framework_row_id=pinned.id,
                            created_at=now, updated_at=now, **checked)
    session.add(assessment)
    session.flush()
    record_change(session, action="assessments.create", entity="assessment",
                  entity_id=str(assessment.id),
                  summary=f"Started assessment “{assessment.name}” ({framework.title} "
                          f"{framework.version})")
    return _row(assessment, pinned)


def update_assessment(session: Session, assessment_id: uuid.UUID, field_name: str,
                      value: FieldValue) -> tuple[FieldValue, FieldValue]:
    """Change one field; returns (old, new) as stored."""
    assessment = _get(session, assessment_id)
    new = _checked(_framework_of(session, assessment), field_name, value)
    old = getattr(assessment, field_name)
    if old == new:
        return old, new
    setattr(assessment, field_name, new)
    assessment.updated_at = utcnow()
    record_change(session, action="assessments.update", entity="assessment",
                  entity_id=str(assessment.id),
                  summary=f"{assessment_label(field_name)} of assessment “{assessment.name}” "
                          "changed" if field_name != "name" else
                          f"Assessment “{old}” renamed “{new}”")
    return old, new


def delete_assessment(session: Session, assessment_id: uuid.UUID) -> DeletedAssessment:
    """Delete an assessment with its responses and evidence links; returns all of it."""
    assessment = _get(session, assessment_id)
    responses = list(session.scalars(
        select(AssessmentResponse).where(AssessmentResponse.assessment_id == assessment_id)))
    response_ids = [r.id for r in responses]
    links = list(session.scalars(
        select(ResponseEvidence).where(ResponseEvidence.response_id.in_(response_ids))))
    deleted_values = row_values(assessment)
    name = assessment.name
    framework_row_id = assessment.framework_row_id
    kept = DeletedAssessment(deleted_values, tuple(row_values(r) for r in responses),
                             tuple(row_values(link) for link in links), None)
    session.execute(delete(ResponseEvidence).where(ResponseEvidence.response_id.in_(response_ids)))
    session.execute(delete(AssessmentResponse)
                    .where(AssessmentResponse.assessment_id == assessment_id))
    session.delete(assessment)
    session.flush()
    still_used = session.scalar(select(func.count()).select_from(Assessment)
                                .where(Assessment.framework_row_id == framework_row_id))
    pinned = session.get(PinnedFramework, framework_row_id)
    if not still_used and pinned is not None:
        kept = DeletedAssessment(kept.assessment, kept.responses, kept.links, row_values(pinned))
        session.delete(pinned)
        session.flush()
    session.expire_all()
    record_change(session, action="assessments.delete", entity="assessment",
                  entity_id=str(assessment_id), summary=f"Deleted assessment “{name}”")
    return kept


def restore_assessment(session: Session, deleted: DeletedAssessment) -> None:
    """Put a deleted assessment back exactly, with its responses, links and framework."""
    if deleted.pinned is not None:
        values = dict(deleted.pinned)
        if session.get(PinnedFramework, values["id"]) is None:
            session.add(PinnedFramework(**values))
            session.flush()
    session.add(Assessment(**dict(deleted.assessment)))
    session.flush()
    for response in deleted.responses:
        session.add(AssessmentResponse(**dict(response)))
    session.flush()
    for link in deleted.links:
        session.add(ResponseEvidence(**dict(link)))
    session.flush()
    record_change(session, action="assessments.restore", entity="assessment",
                  entity_id=str(deleted.id), summary=f"Restored assessment “{deleted.name}”")


# ---------------------------------------------------------------- responses


def _criterion_check(framework: Framework, ref: str) -> str:
    criterion = framework.criterion(ref.strip())
    if criterion is None:
        raise InvalidValue(f"There is no criterion “{ref}” in {framework.title} "
                           f"{framework.version}. Check the reference.")
    return criterion.ref


def answer_id(framework: Framework, answer: str | None) -> str | None:
    """An answer as stored: a level id (typed as id or label), NOT_APPLICABLE, or None."""
    if answer is None or not answer.strip():
        return None
    wanted = answer.strip().casefold()
    scale = framework.scale
    if wanted in (NOT_APPLICABLE, "n/a", "na", "not applicable") or (
            scale.not_applicable is not None and wanted == scale.not_applicable.label.casefold()):
        if scale.not_applicable is None:
            raise InvalidValue(f"{framework.title} has no “not applicable” answer: every "
                               "criterion shown needs a rating.")
        return NOT_APPLICABLE
    for level in scale.levels:
        if wanted in (level.id.casefold(), level.label.casefold()):
            return level.id
    known = ", ".join(level.label for level in scale.levels)
    raise InvalidValue(f"“{answer.strip()}” is not a rating of {framework.title}. "
                       f"Choose one of: {known}.")


def _response(session: Session, assessment_id: uuid.UUID, ref: str, *, create: bool
              ) -> AssessmentResponse | None:
    response = session.scalars(select(AssessmentResponse).where(
        AssessmentResponse.assessment_id == assessment_id,
        AssessmentResponse.criterion_ref == ref)).first()
    if response is None and create:
        response = AssessmentResponse(id=uuid.uuid4(), assessment_id=assessment_id,
                                      criterion_ref=ref, answer=None, notes="", confidence="",
                                      comment="", updated_at=utcnow())
        session.add(response)
        session.flush()
    return response


def _tidy(session: Session, response: AssessmentResponse) -> None:
    """A response left with nothing in it is removed, so undo leaves no trace."""
    if response.answer is None and not (response.notes or response.confidence
                                        or response.comment):
        linked = session.scalar(select(func.count()).select_from(ResponseEvidence)
                                .where(ResponseEvidence.response_id == response.id))
        if not linked:
            session.delete(response)
            session.flush()


def set_answer(session: Session, assessment_id: uuid.UUID, ref: str, answer: str | None
               ) -> tuple[str, str | None]:
    """Rate a criterion (a level, not applicable, or None to clear); returns (ref, old)."""
    assessment = _get(session, assessment_id)
    framework = _framework_of(session, assessment)
    ref = _criterion_check(framework, ref)
    new = answer_id(framework, answer)
    response = _response(session, assessment_id, ref, create=new is not None)
    old = response.answer if response is not None else None
    if response is None or old == new:
        return ref, old
    response.answer = new
    response.updated_at = utcnow()
    assessment.updated_at = response.updated_at
    _tidy(session, response)
    said = "cleared" if new is None else f"rated “{framework.scale.label_for(new)}”"
    record_change(session, action="assessments.rate", entity="assessment",
                  entity_id=str(assessment_id),
                  summary=f"Criterion {ref} {said} in “{assessment.name}”")
    return ref, old


def set_response_field(session: Session, assessment_id: uuid.UUID, ref: str, field_name: str,
                       value: str | None) -> tuple[str, str]:
    """Change a response's notes, confidence or comment; returns (ref, old)."""
    assessment = _get(session, assessment_id)
    ref = _criterion_check(_framework_of(session, assessment), ref)
    try:
        new = validate_response(field_name, value)
    except TextRefused as refused:
        raise InvalidValue(str(refused)) from None
    response = _response(session, assessment_id, ref, create=bool(new))
    old = str(getattr(response, field_name)) if response is not None else ""
    if response is None or old == new:
        return ref, old
    setattr(response, field_name, new)
    response.updated_at = utcnow()
    assessment.updated_at = response.updated_at
    _tidy(session, response)
    what = response_label(field_name)
    if field_name == "confidence":
        said = f"set to {CONFIDENCE[new].lower()}" if new else "cleared"
        summary = f"Confidence in {ref} {said} in “{assessment.name}”"
    else:
        summary = f"{what} of {ref} changed in “{assessment.name}”"
    record_change(session, action="assessments.respond", entity="assessment",
                  entity_id=str(assessment_id), summary=summary)
    return ref, old


def _evidence(session: Session, evidence_id: uuid.UUID) -> EvidenceFile:
    evidence = session.get(EvidenceFile, evidence_id)
    if evidence is None:
        raise InvalidValue("That evidence file is no longer in the workbook.")
    return evidence


def find_evidence(session: Session, name: str) -> uuid.UUID:
    """An evidence file's id from its name (exactly, else ignoring case)."""
    files = list(session.scalars(select(EvidenceFile)))
    for match in (lambda f: f.name == name, lambda f: f.name.casefold() == name.casefold()):
        found = [f for f in files if match(f)]
        if found:
            return found[0].id
    raise InvalidValue(f"There is no evidence file called “{name}” in this workbook.")


def link_evidence(session: Session, assessment_id: uuid.UUID, ref: str,
                  evidence_id: uuid.UUID) -> str:
    """Record that a stored evidence file supports a criterion's response; returns the ref."""
    assessment = _get(session, assessment_id)
    ref = _criterion_check(_framework_of(session, assessment), ref)
    evidence = _evidence(session, evidence_id)
    response = _response(session, assessment_id, ref, create=True)
    assert response is not None
    if session.get(ResponseEvidence, (response.id, evidence_id)) is not None:
        raise InvalidValue(f"“{evidence.name}” already supports criterion {ref}.")
    session.add(ResponseEvidence(response_id=response.id, evidence_file_id=evidence_id,
                                 linked_at=utcnow()))
    session.flush()
    record_change(session, action="assessments.link", entity="assessment",
                  entity_id=str(assessment_id),
                  summary=f"“{evidence.name}” linked to {ref} in “{assessment.name}”")
    return ref


def unlink_evidence(session: Session, assessment_id: uuid.UUID, ref: str,
                    evidence_id: uuid.UUID) -> str:
    assessment = _get(session, assessment_id)
    ref = _criterion_check(_framework_of(session, assessment), ref)
    response = _response(session, assessment_id, ref, create=False)
    link = None if response is None else session.get(ResponseEvidence, (response.id, evidence_id))
    if link is None:
        raise InvalidValue(f"That evidence file is not linked to criterion {ref}.")
    evidence = session.get(EvidenceFile, evidence_id)
    session.delete(link)
    session.flush()
    assert response is not None
    _tidy(session, response)
    name = evidence.name if evidence is not None else "An evidence file"
    record_change(session, action="assessments.unlink", entity="assessment",
                  entity_id=str(assessment_id),
                  summary=f"“{name}” unlinked from {ref} in “{assessment.name}”")
    return ref
