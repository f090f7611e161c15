"""Reading and changing baselines, audits, expanded categories and questionnaire answers
(domain functions; edits go through `app.representation.operations`, which undo them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.plans.fields import parse_due
from app.representation.classifications import Classification, get_classification, get_mapping
from app.representation.errors import RepresentationError
from app.representation.models import (
    RepAnswer,
    RepAudit,
    RepAuditCount,
    RepBaseline,
    RepBaselineCount,
    RepExpandedCategory,
)
from app.representation.vocabulary import BODY_KINDS, RATINGS, ROLES, question
from app.text_policy import TextRefused, clean_text
from app.workbook.changelog import record_change
from app.workbook.types import utcnow

MAX_COUNT = 100_000_000  # more people than the United Kingdom holds: a typing mistake
Counts = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class BaselineRow:
    id: uuid.UUID
    name: str
    area_code: str
    area_name: str
    classification: str
    source: str
    counts: Counts
    created_at: datetime | None = None

    @property
    def count_map(self) -> dict[str, int]:
        return dict(self.counts)


@dataclass(frozen=True)
class AuditRow:
    id: uuid.UUID
    body_kind: str
    body_name: str
    role: str
    audit_date: date
    classification: str
    baseline_id: uuid.UUID | None
    notes: str
    counts: Counts
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def count_map(self) -> dict[str, int]:
        return dict(self.counts)

    @property
    def body_label(self) -> str:
        return self.body_name or BODY_KINDS.get(self.body_kind, self.body_kind)

    @property
    def describe(self) -> str:
        return f"{self.body_label}, {self.audit_date:%d/%m/%Y}"


@dataclass(frozen=True)
class ExpandedCategory:
    id: uuid.UUID
    classification: str
    key: str
    parent: str
    label: str


@dataclass(frozen=True)
class Answer:
    question: str
    rating: str = ""
    narrative: str = ""
    evidence: tuple[uuid.UUID, ...] = ()


# ---------------------------------------------------------------- checking values


def check_count(value: object, what: str = "A count") -> int:
    """A whole number of people, 0 or more; text such as "12" or "1,234" is read too."""
    if isinstance(value, bool):
        raise RepresentationError(f"{what} must be a whole number, such as 12.")
    if isinstance(value, str):
        typed = value.strip()
        text = typed.replace(",", "")
        try:
            value = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                raise RepresentationError(
                    f"{what} must be a whole number, such as 12; “{typed}” is not."
                ) from None
            if not number.is_integer():
                raise RepresentationError(
                    f"{what} must be a whole number of people; “{typed}” is not."
                ) from None
            value = int(number)
    if isinstance(value, float):
        if not value.is_integer():
            raise RepresentationError(f"{what} must be a whole number of people.")
        value = int(value)
    if not isinstance(value, int):
        raise RepresentationError(f"{what} must be a whole number, such as 12.")
    if value < 0:
        raise RepresentationError(f"{what} cannot be below zero.")
    if value > MAX_COUNT:
        raise RepresentationError(f"{what} of {value:,} is more than any real body or area.")
    return value


def check_category(session: Session, classification: Classification, category: str) -> str:
    if classification.is_known(category):
        return category
    found = classification.find(category)
    if found:
        return found
    if any(e.key == category for e in list_expanded(session, classification.id)):
        return category
    raise RepresentationError(
        f"“{category}” is not a category of {classification.title} or one of your expanded "
        "categories under it."
    )


def _text(value: object, label: str, max_length: int, *, required: bool = False,
          multiline: bool = False) -> str:
    return clean_text(str(value or ""), label=label, max_length=max_length, required=required,
                      multiline=multiline)


def check_audit_field(field: str, value: object) -> object:
    """The value as stored, or a sentence saying why not (nothing changed)."""
    if field == "body_kind":
        if value not in BODY_KINDS:
            raise RepresentationError(
                f"The kind of body must be one of: {', '.join(BODY_KINDS)}.")
        return value
    if field == "body_name":
        return _text(value, "The body's name", 200)
    if field == "role":
        value = value or ""
        if value and value not in ROLES:
            raise RepresentationError(
                f"The role of engagement must be one of: {', '.join(ROLES)}.")
        return value
    if field == "audit_date":
        if isinstance(value, date):
            return value
        parsed = parse_due(str(value or "")) if value else None
        if parsed is None:
            raise RepresentationError("An audit needs the date its figures describe.")
        return parsed
    if field == "notes":
        return _text(value, "Notes", 20_000, multiline=True)
    if field == "classification":
        get_classification(str(value))
        return value
    if field == "baseline_id":
        if value in (None, ""):
            return None
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    raise TextRefused(f"“{field}” is not part of an audit.")


AUDIT_FIELDS = ("body_kind", "body_name", "role", "audit_date", "notes", "baseline_id")


# ---------------------------------------------------------------- baselines


def _baseline_row(session: Session, baseline: RepBaseline) -> BaselineRow:
    counts = session.execute(
        select(RepBaselineCount.category, RepBaselineCount.count)
        .where(RepBaselineCount.baseline_id == baseline.id).order_by(RepBaselineCount.id)
    ).all()
    return BaselineRow(baseline.id, baseline.name, baseline.area_code, baseline.area_name,
                       baseline.classification, baseline.source,
                       tuple((c, n) for c, n in counts), baseline.created_at)


def list_baselines(session: Session) -> list[BaselineRow]:
    rows = session.scalars(select(RepBaseline).order_by(RepBaseline.created_at, RepBaseline.name))
    return [_baseline_row(session, b) for b in rows]


def get_baseline(session: Session, baseline_id: uuid.UUID) -> BaselineRow:
    baseline = session.get(RepBaseline, baseline_id)
    if baseline is None:
        raise RepresentationError("That baseline is no longer in the workbook.")
    return _baseline_row(session, baseline)


def add_baseline(session: Session, row: BaselineRow) -> BaselineRow:
    """Add a baseline whose every value is checked first; returns it as stored."""
    classification = get_classification(row.classification)
    name = _text(row.name or row.area_name or row.area_code, "The baseline's name", 200,
                 required=True)
    seen: dict[str, int] = {}
    for category, count in row.counts:
        key = check_category(session, classification, category)
        if key in seen:
            raise RepresentationError(f"The baseline gives “{key}” twice.")
        seen[key] = check_count(count)
    baseline = RepBaseline(
        id=row.id, name=name, area_code=_text(row.area_code, "The area code", 40),
        area_name=_text(row.area_name, "The area's name", 200),
        classification=classification.id, source=_text(row.source, "The source", 2000),
        created_at=row.created_at or utcnow())
    session.add(baseline)
    session.flush()
    session.add_all(RepBaselineCount(baseline_id=baseline.id, category=c, count=n)
                    for c, n in seen.items())
    session.flush()
    record_change(session, action="representation.baseline.add", entity="baseline",
                  entity_id=str(baseline.id), summary=f"Added baseline “{name}”")
    return _baseline_row(session, baseline)


def remove_baseline(session: Session, baseline_id: uuid.UUID) -> BaselineRow:
    row = get_baseline(session, baseline_id)
    users = session.scalar(select(func.count()).select_from(RepAudit)
                           .where(RepAudit.baseline_id == baseline_id)) or 0
    if users:
        raise RepresentationError(
            f"The baseline “{row.name}” is used by {users} audit"
            f"{'s' if users != 1 else ''}; choose another baseline for "
            f"{'them' if users != 1 else 'it'} first."
        )
    session.execute(delete(RepBaselineCount).where(RepBaselineCount.baseline_id == baseline_id))
    session.execute(delete(RepBaseline).where(RepBaseline.id == baseline_id))
    record_change(session, action="representation.baseline.remove", entity="baseline",
                  entity_id=str(baseline_id), summary=f"Removed baseline “{row.name}”")
    return row


# ---------------------------------------------------------------- audits


def _audit_row(session: Session, audit: RepAudit) -> AuditRow:
    counts = session.execute(
        select(RepAuditCount.category, RepAuditCount.count)
        .where(RepAuditCount.audit_id == audit.id).order_by(RepAuditCount.id)
    ).all()
    return AuditRow(audit.id, audit.body_kind, audit.body_name, audit.role, audit.audit_date,
                    audit.classification, audit.baseline_id, audit.notes,
                    tuple((c, n) for c, n in counts), audit.created_at, audit.updated_at)


def list_audits(session: Session) -> list[AuditRow]:
    query = select(RepAudit).order_by(RepAudit.body_kind, RepAudit.body_name,
                                      RepAudit.audit_date, RepAudit.created_at)
    return [_audit_row(session, a) for a in session.scalars(query)]


def get_audit(session: Session, audit_id: uuid.UUID) -> AuditRow:
    audit = session.get(RepAudit, audit_id)
    if audit is None:
        raise RepresentationError("That audit is no longer in the workbook.")
    return _audit_row(session, audit)


def _check_baseline_fits(session: Session, classification: str,
                         baseline_id: uuid.UUID | None) -> None:
    if baseline_id is None:
        return
    baseline = get_baseline(session, baseline_id)
    if baseline.classification != classification:
        get_mapping(classification, baseline.classification)  # raises if no honest route


def add_audit(session: Session, row: AuditRow) -> AuditRow:
    values = {f: check_audit_field(f, getattr(row, f)) for f in AUDIT_FIELDS}
    classification = get_classification(row.classification)
    if not values["body_name"]:
        values["body_name"] = BODY_KINDS[str(values["body_kind"])]
    _check_baseline_fits(session, classification.id, values["baseline_id"])  # type: ignore[arg-type]
    counts: dict[str, int] = {}
    for category, count in row.counts:
        key = check_category(session, classification, category)
        counts[key] = check_count(count)
    now = utcnow()
    audit = RepAudit(id=row.id, classification=classification.id,
                     created_at=row.created_at or now, updated_at=row.updated_at or now,
                     **values)
    session.add(audit)
    session.flush()
    session.add_all(RepAuditCount(audit_id=audit.id, category=c, count=n)
                    for c, n in counts.items())
    session.flush()
    stored = _audit_row(session, audit)
    record_change(session, action="representation.audit.add", entity="audit",
                  entity_id=str(audit.id), summary=f"Added audit “{stored.describe}”")
    return stored


def update_audit(session: Session, audit_id: uuid.UUID, field: str, value: object
                 ) -> tuple[object, object]:
    """Change one detail of an audit; returns (old, new) as stored."""
    if field not in AUDIT_FIELDS:
        raise RepresentationError(f"“{field}” is not a detail of an audit you can change.")
    new = check_audit_field(field, value)
    audit = session.get(RepAudit, audit_id)
    if audit is None:
        raise RepresentationError("That audit is no longer in the workbook.")
    if field == "baseline_id":
        _check_baseline_fits(session, audit.classification, new)  # type: ignore[arg-type]
    old = getattr(audit, field)
    if old == new:
        return old, new
    setattr(audit, field, new)
    audit.updated_at = utcnow()
    record_change(session, action="representation.audit.update", entity="audit",
                  entity_id=str(audit_id),
                  summary=f"Changed {field.replace('_', ' ')} of audit "
                          f"“{_audit_row(session, audit).describe}”")
    return old, new


def set_count(session: Session, audit_id: uuid.UUID, category: str, count: object
              ) -> tuple[str, int | None, int | None]:
    """Set (or, with None, clear) one category's count; returns (category, old, new)."""
    audit = session.get(RepAudit, audit_id)
    if audit is None:
        raise RepresentationError("That audit is no longer in the workbook.")
    classification = get_classification(audit.classification)
    key = check_category(session, classification, category)
    new = None if count is None else check_count(count, f"The count for “{key}”")
    existing = session.scalar(select(RepAuditCount).where(
        RepAuditCount.audit_id == audit_id, RepAuditCount.category == key))
    old = existing.count if existing else None
    if old == new:
        return key, old, new
    if existing is not None and new is None:
        session.delete(existing)
    elif existing is not None and new is not None:
        existing.count = new
    elif new is not None:
        session.add(RepAuditCount(audit_id=audit_id, category=key, count=new))
    audit.updated_at = utcnow()
    session.flush()
    label = _label(session, classification, key)
    record_change(session, action="representation.audit.count", entity="audit",
                  entity_id=str(audit_id),
                  summary=f"Set {label} to {'nothing' if new is None else new} in audit "
                          f"“{_audit_row(session, audit).describe}”")
    return key, old, new


def _label(session: Session, classification: Classification, key: str) -> str:
    if classification.is_known(key):
        return classification.category(key).label
    for expanded in list_expanded(session, classification.id):
        if expanded.key == key:
            return expanded.label
    return key


def remove_audit(session: Session, audit_id: uuid.UUID) -> AuditRow:
    row = get_audit(session, audit_id)
    session.execute(delete(RepAuditCount).where(RepAuditCount.audit_id == audit_id))
    session.execute(delete(RepAudit).where(RepAudit.id == audit_id))
    record_change(session, action="representation.audit.remove", entity="audit",
                  entity_id=str(audit_id), summary=f"Removed audit “{row.describe}”")
    return row


def restore_audit(session: Session, row: AuditRow) -> AuditRow:
    """Put a removed audit back with its identity, dates and every count."""
    return add_audit(session, replace(row))


def body_history(session: Session, body_kind: str, body_name: str) -> list[AuditRow]:
    """The audits of one body, oldest first: the time series."""
    return sorted((a for a in list_audits(session)
                   if a.body_kind == body_kind and a.body_name == body_name),
                  key=lambda a: (a.audit_date, a.created_at or utcnow()))


# ---------------------------------------------------------------- expanded categories


def list_expanded(session: Session, classification: str | None = None) -> list[ExpandedCategory]:
    query = select(RepExpandedCategory).order_by(RepExpandedCategory.label)
    if classification:
        query = query.where(RepExpandedCategory.classification == classification)
    return [ExpandedCategory(e.id, e.classification, e.key, e.parent, e.label)
            for e in session.scalars(query)]


def add_expanded(session: Session, category: ExpandedCategory) -> ExpandedCategory:
    classification = get_classification(category.classification)
    if category.parent not in classification.category_ids:
        raise RepresentationError(
            f"An expanded category must sit under a census category of {classification.title};"
            f" “{category.parent}” is not one.")
    label = _text(category.label, "The category's name", 200, required=True)
    key = category.key or "x-" + "".join(ch if ch.isalnum() else "-" for ch in label.lower())
    if classification.is_known(key) or any(
            e.key == key for e in list_expanded(session, classification.id)):
        raise RepresentationError(f"There is already a category called “{key}”.")
    session.add(RepExpandedCategory(id=category.id, classification=classification.id,
                                    key=key[:64], parent=category.parent, label=label))
    session.flush()
    record_change(session, action="representation.category.add", entity="category",
                  entity_id=str(category.id), summary=f"Added category “{label}”")
    return ExpandedCategory(category.id, classification.id, key[:64], category.parent, label)


def remove_expanded(session: Session, category_id: uuid.UUID) -> ExpandedCategory:
    found = session.get(RepExpandedCategory, category_id)
    if found is None:
        raise RepresentationError("That category is no longer in the workbook.")
    used = session.scalar(select(func.count()).select_from(RepAuditCount).join(
        RepAudit, RepAudit.id == RepAuditCount.audit_id).where(
        RepAuditCount.category == found.key,
        RepAudit.classification == found.classification)) or 0
    if used:
        raise RepresentationError(
            f"“{found.label}” has counts in {used} audit{'s' if used != 1 else ''}; clear "
            "them first.")
    # A baseline may record the local category too; its figures would be orphaned.
    in_baselines = session.scalar(select(func.count()).select_from(RepBaselineCount).join(
        RepBaseline, RepBaseline.id == RepBaselineCount.baseline_id).where(
        RepBaselineCount.category == found.key,
        RepBaseline.classification == found.classification)) or 0
    if in_baselines:
        raise RepresentationError(
            f"“{found.label}” has figures in {in_baselines} baseline"
            f"{'s' if in_baselines != 1 else ''}; remove "
            f"{'them' if in_baselines != 1 else 'it'} first.")
    row = ExpandedCategory(found.id, found.classification, found.key, found.parent, found.label)
    session.delete(found)
    record_change(session, action="representation.category.remove", entity="category",
                  entity_id=str(row.id), summary=f"Removed category “{row.label}”")
    return row


def rename_expanded(session: Session, category_id: uuid.UUID, label: object) -> str:
    """Give a local category a new name; returns the old one. Its key, and so every count
    recorded under it, stays as it is."""
    found = session.get(RepExpandedCategory, category_id)
    if found is None:
        raise RepresentationError("That category is no longer in the workbook.")
    new = _text(label, "The category's name", 200, required=True)
    old = found.label
    if new == old:
        return old
    classification = get_classification(found.classification)
    if any(e.id != found.id and e.label.casefold() == new.casefold()
           for e in list_expanded(session, found.classification)) or any(
            c.label.casefold() == new.casefold() for _, c in classification.categories()):
        raise RepresentationError(
            f"There is already a category called “{new}” in {classification.title}.")
    found.label = new
    session.flush()
    record_change(session, action="representation.category.rename", entity="category",
                  entity_id=str(found.id), summary=f"Renamed category “{old}” to “{new}”")
    return old


# ---------------------------------------------------------------- the questionnaire


def get_answers(session: Session) -> dict[str, Answer]:
    return {a.question: Answer(a.question, a.rating, a.narrative, tuple(
        uuid.UUID(line) for line in a.evidence.splitlines() if line.strip()))
        for a in session.scalars(select(RepAnswer))}


def set_answer(session: Session, answer: Answer) -> Answer:
    """Store an answer; returns the one it replaced (empty if none)."""
    q = question(answer.question)
    if answer.rating not in RATINGS:
        known = ", ".join(r for r in RATINGS if r)
        raise RepresentationError(f"The rating must be one of: {known}.")
    narrative = _text(answer.narrative, "The answer", 20_000, multiline=True)
    old = get_answers(session).get(q.id, Answer(q.id))
    stored = session.get(RepAnswer, q.id)
    if stored is None:
        stored = RepAnswer(question=q.id)
        session.add(stored)
    stored.rating = answer.rating
    stored.narrative = narrative
    stored.evidence = "\n".join(str(e) for e in answer.evidence)
    stored.updated_at = utcnow()
    session.flush()
    record_change(session, action="representation.answer", entity="question", entity_id=q.id,
                  summary=f"Answered representation question {q.number}")
    return old
