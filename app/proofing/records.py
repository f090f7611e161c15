"""Proofing records in the workbook: storing a proof, reading it back, and the edits a
user makes to it (triage, checklist, screening, decision, sign-off).

A record keeps the draft's bytes (once per SHA-256) so it can be re-read, annotated or
re-proofed later without the original file. Every function that changes something writes
the change log, and returns what undo needs to put it back exactly.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from app.proofing.fields import (
    ANSWERS,
    CHECKLIST,
    DATE_FIELDS,
    DECISIONS,
    MAX_NOTE,
    MAX_REASON,
    MAX_SCREENING,
    SCREENING,
    TEXT_FIELDS,
    TRIAGE,
    label_of,
)
from app.proofing.models import ProofCheck, ProofDraft, ProofFinding, ProofRecord
from app.text_policy import TextRefused, clean_text
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue
from app.workbook.types import utcnow

MAX_DRAFT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class FindingRow:
    id: uuid.UUID
    rule_id: str
    severity: str
    message: str
    suggestion: str
    source: str
    link: str
    paragraph: int
    heading_path: tuple[str, ...]
    start: int
    end: int
    excerpt: str
    document_level: bool
    context: str  # hash of the paragraph's words: what re-proofing matches on
    triage: str = "open"
    reason: str = ""


@dataclass(frozen=True)
class CoverageRow:
    id: str
    title: str
    general_duty: bool
    matches: tuple[tuple[int, float, str], ...]  # (paragraph, score, its opening words)

    @property
    def addressed(self) -> bool:
        return bool(self.matches)


@dataclass(frozen=True)
class RecordData:
    """A whole record as plain values: what storing writes and what removing gives back."""

    id: uuid.UUID
    title: str
    draft_name: str
    draft: bytes = field(repr=False)
    version: str = ""
    author: str = ""
    team: str = ""
    drafted_on: date | None = None
    proofed_at: datetime | None = None
    scheme_name: str = ""
    word_count: int = 0
    findings: tuple[FindingRow, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()
    checks: tuple[tuple[str, str, str], ...] = ()  # (item, answer, note)
    screening: tuple[tuple[str, str], ...] = ()  # (field, text)
    decision: str = ""
    rationale: str = ""
    signed_by: str = ""
    signed_role: str = ""
    signed_on: date | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.draft).hexdigest()


@dataclass(frozen=True)
class RecordRow:
    """One line of the register."""

    id: uuid.UUID
    title: str
    version: str
    author: str
    team: str
    drafted_on: date | None
    proofed_at: datetime
    draft_name: str
    scheme_name: str
    findings: int
    open_findings: int
    decision: str
    signed_by: str
    signed_on: date | None

    @property
    def name(self) -> str:
        return f"{self.title}, version {self.version}" if self.version else self.title


# ---------------------------------------------------------------- building a record


def paragraph_context(text: str) -> str:
    """A paragraph's words, case and spacing ignored, as a short hash."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode()).hexdigest()[:32]


def build_record(result: object, draft: bytes, draft_name: str, *, title: str = "",
                 version: str = "", author: str = "", team: str = "",
                 drafted_on: date | None = None, record_id: uuid.UUID | None = None
                 ) -> RecordData:
    """A record from a `ProofResult` and the draft's bytes (nothing is stored yet)."""
    from app.proofing.proofing import ProofResult

    assert isinstance(result, ProofResult)
    document = result.document
    paragraphs = document.paragraphs
    findings = tuple(
        FindingRow(uuid.uuid4(), f.rule_id, str(f.severity), f.message, f.suggestion,
                   f.source.citation, f.source.link, f.paragraph, f.heading_path, f.start,
                   f.end, f.excerpt, f.document_level,
                   paragraph_context(paragraphs[f.paragraph].text) if paragraphs else "")
        for f in result.findings)
    coverage = tuple(
        CoverageRow(c.commitment.id, c.commitment.title, c.commitment.general_duty,
                    tuple((m.paragraph, m.score, _opening(paragraphs[m.paragraph].text))
                          for m in c.matches))
        for c in result.coverage.commitments)
    return RecordData(
        record_id or uuid.uuid4(), title or document.title(), draft_name, draft,
        version=version, author=author, team=team, drafted_on=drafted_on,
        scheme_name=result.coverage.scheme.name, word_count=document.word_count,
        findings=findings, coverage=coverage)


def _opening(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def carry_triage(previous: Sequence[FindingRow], findings: Sequence[FindingRow]
                 ) -> tuple[FindingRow, ...]:
    """`findings` with the triage of the matching earlier findings carried over.

    A finding matches an earlier one with the same rule, the same words flagged and an
    unchanged paragraph (case and spacing aside); each earlier finding is used once, so
    two identical sentences keep their own decisions in order.
    """
    pool: dict[tuple[str, str, str], list[FindingRow]] = defaultdict(list)
    for old in previous:
        pool[_key(old)].append(old)
    carried = []
    for finding in findings:
        candidates = pool.get(_key(finding))
        if candidates:
            old = candidates.pop(0)
            finding = replace(finding, triage=old.triage, reason=old.reason)
        carried.append(finding)
    return tuple(carried)


def _key(finding: FindingRow) -> tuple[str, str, str]:
    return finding.rule_id, " ".join(finding.excerpt.casefold().split()), finding.context


# ---------------------------------------------------------------- storing and removing


def store_record(session: Session, data: RecordData) -> None:
    """Write a whole record (a new proof, or one put back by undo)."""
    if len(data.draft) > MAX_DRAFT_BYTES:
        raise InvalidValue(f"“{data.draft_name}” is larger than 50 MB, too large to keep in "
                           "the workbook.")
    title = _text("The title", data.title, 300, required=True)
    digest = data.sha256
    if session.get(ProofDraft, digest) is None:
        session.add(ProofDraft(sha256=digest, size=len(data.draft), data=data.draft))
    now = utcnow()
    session.add(ProofRecord(
        id=data.id, title=title, version=_text("The version", data.version, 40),
        author=_text("The author", data.author, 200),
        team=_text("The owning team", data.team, 200), drafted_on=data.drafted_on,
        proofed_at=data.proofed_at or now, scheme_name=data.scheme_name[:200],
        draft_name=_text("The file name", data.draft_name, 255, required=True),
        draft_sha256=digest, word_count=data.word_count,
        screening=json.dumps(dict(data.screening), ensure_ascii=False),
        coverage=json.dumps([_coverage_json(c) for c in data.coverage], ensure_ascii=False),
        decision=data.decision, rationale=data.rationale, signed_by=data.signed_by,
        signed_role=data.signed_role, signed_on=data.signed_on, updated_at=now))
    session.flush()
    for position, f in enumerate(data.findings):
        session.add(ProofFinding(
            id=f.id, record_id=data.id, position=position, rule_id=f.rule_id,
            severity=f.severity, message=f.message, suggestion=f.suggestion, source=f.source,
            link=f.link[:500], paragraph=f.paragraph,
            heading_path=json.dumps(list(f.heading_path), ensure_ascii=False),
            start=f.start, end=f.end, excerpt=f.excerpt, document_level=f.document_level,
            context=f.context, triage=f.triage, reason=f.reason))
    for item, answer, note in data.checks:
        session.add(ProofCheck(record_id=data.id, item=item, answer=answer, note=note))
    session.flush()
    record_change(session, action="proofing.store", entity="proofing record",
                  entity_id=str(data.id), summary=f"Proofed “{title}”"
                  + (f" version {data.version}" if data.version else ""))


def remove_record(session: Session, record_id: uuid.UUID) -> RecordData:
    """Remove a record; returns it whole, so undo can put it back."""
    data = load_record(session, record_id)
    session.execute(delete(ProofFinding).where(ProofFinding.record_id == record_id))
    session.execute(delete(ProofCheck).where(ProofCheck.record_id == record_id))
    session.execute(delete(ProofRecord).where(ProofRecord.id == record_id))
    still_used = session.scalar(select(func.count()).select_from(ProofRecord).where(
        ProofRecord.draft_sha256 == data.sha256))
    if not still_used:
        session.execute(delete(ProofDraft).where(ProofDraft.sha256 == data.sha256))
    record_change(session, action="proofing.remove", entity="proofing record",
                  entity_id=str(record_id), summary=f"Removed proofing record “{data.title}”")
    return data


def _coverage_json(row: CoverageRow) -> dict[str, object]:
    return {"id": row.id, "title": row.title, "general_duty": row.general_duty,
            "matches": [list(m) for m in row.matches]}


# ---------------------------------------------------------------- reading


def _get(session: Session, record_id: uuid.UUID) -> ProofRecord:
    record = session.get(ProofRecord, record_id)
    if record is None:
        raise InvalidValue("That proofing record is no longer in the workbook.")
    return record


def list_records(session: Session) -> list[RecordRow]:
    """The register: every record, most recently proofed first."""
    counts: dict[uuid.UUID, tuple[int, int]] = {}
    for record_id, total, still_open in session.execute(
            select(ProofFinding.record_id, func.count(),
                   func.sum(case((ProofFinding.triage == "open", 1), else_=0)))
            .group_by(ProofFinding.record_id)):
        counts[record_id] = (total, int(still_open or 0))
    rows = []
    for r in session.scalars(select(ProofRecord).order_by(ProofRecord.proofed_at.desc(),
                                                          ProofRecord.title)):
        total, still_open = counts.get(r.id, (0, 0))
        rows.append(RecordRow(r.id, r.title, r.version, r.author, r.team, r.drafted_on,
                              r.proofed_at, r.draft_name, r.scheme_name, total, still_open,
                              r.decision, r.signed_by, r.signed_on))
    return rows


def load_record(session: Session, record_id: uuid.UUID) -> RecordData:
    r = _get(session, record_id)
    draft = session.get(ProofDraft, r.draft_sha256)
    findings = tuple(
        FindingRow(f.id, f.rule_id, f.severity, f.message, f.suggestion, f.source, f.link,
                   f.paragraph, tuple(json.loads(f.heading_path)), f.start, f.end, f.excerpt,
                   f.document_level, f.context, f.triage, f.reason)
        for f in session.scalars(select(ProofFinding).where(ProofFinding.record_id == r.id)
                                 .order_by(ProofFinding.position)))
    checks = tuple((c.item, c.answer, c.note) for c in session.scalars(
        select(ProofCheck).where(ProofCheck.record_id == r.id).order_by(ProofCheck.id)))
    coverage = tuple(
        CoverageRow(c["id"], c["title"], bool(c["general_duty"]),
                    tuple((int(p), float(s), str(t)) for p, s, t in c["matches"]))
        for c in json.loads(r.coverage))
    return RecordData(
        r.id, r.title, r.draft_name, draft.data if draft else b"", version=r.version,
        author=r.author, team=r.team, drafted_on=r.drafted_on, proofed_at=r.proofed_at,
        scheme_name=r.scheme_name, word_count=r.word_count, findings=findings,
        coverage=coverage, checks=checks,
        screening=tuple(json.loads(r.screening).items()), decision=r.decision,
        rationale=r.rationale, signed_by=r.signed_by, signed_role=r.signed_role,
        signed_on=r.signed_on)


def latest_with_title(session: Session, title: str) -> RecordData | None:
    """The most recent record of the draft called `title` (for carrying triage over)."""
    found = session.scalars(select(ProofRecord.id).where(
        func.lower(ProofRecord.title) == title.strip().lower())
        .order_by(ProofRecord.proofed_at.desc())).first()
    return load_record(session, found) if found else None


# ---------------------------------------------------------------- edits

Value = str | date | None


def _text(label: str, value: str, limit: int, *, multiline: bool = False,
          required: bool = False) -> str:
    try:
        return clean_text(value, label=label, max_length=limit, multiline=multiline,
                          required=required)
    except TextRefused as refused:
        raise InvalidValue(str(refused)) from None


def update_record(session: Session, record_id: uuid.UUID, name: str, value: Value
                  ) -> Value:
    """Change one field (details, screening, decision, sign-off); returns the old value."""
    record = _get(session, record_id)
    old: Value
    if name in TEXT_FIELDS:
        label, limit, multiline = TEXT_FIELDS[name]
        new: Value = _text(label, str(value or ""), limit, multiline=multiline,
                           required=name == "title")
        old = getattr(record, name)
        if new == old:
            return old
        setattr(record, name, new)
    elif name in DATE_FIELDS:
        if value is not None and not isinstance(value, date):
            raise InvalidValue(f"{DATE_FIELDS[name]} must be a date.")
        old = getattr(record, name)
        if value == old:
            return old
        setattr(record, name, value)
    elif name == "decision":
        if value and value not in DECISIONS:
            raise InvalidValue("The decision must be one of: "
                               f"{', '.join(DECISIONS.values()).lower()}.")
        old = record.decision
        if (value or "") == old:
            return old
        record.decision = str(value or "")
    elif name in SCREENING:
        answers = json.loads(record.screening)
        old = answers.get(name, "")
        new = _text(SCREENING[name], str(value or ""), MAX_SCREENING, multiline=True)
        if new == old:
            return old
        answers[name] = new
        record.screening = json.dumps(answers, ensure_ascii=False)
    else:
        raise InvalidValue(f"A proofing record has no field called “{name}”.")
    record.updated_at = utcnow()
    record_change(session, action="proofing.update", entity="proofing record",
                  entity_id=str(record_id),
                  summary=f"{label_of(name)} of proofing record “{record.title}” changed")
    return old


def set_check(session: Session, record_id: uuid.UUID, item: str, answer: str, note: str
              ) -> tuple[str, str]:
    """Answer one checklist item; returns the old (answer, note)."""
    record = _get(session, record_id)
    if item not in CHECKLIST:
        raise InvalidValue(f"The checklist has no item called “{item}”; the items are "
                           f"{', '.join(CHECKLIST)}.")
    if answer and answer not in ANSWERS:
        raise InvalidValue("A checklist answer is yes, partly or no.")
    note = _text("The note", note, MAX_NOTE, multiline=True)
    check = session.scalars(select(ProofCheck).where(ProofCheck.record_id == record_id,
                                                     ProofCheck.item == item)).first()
    old = (check.answer, check.note) if check else ("", "")
    if old == (answer, note):
        return old
    if check is None:
        session.add(ProofCheck(record_id=record_id, item=item, answer=answer, note=note))
    else:
        check.answer, check.note = answer, note
    record.updated_at = utcnow()
    record_change(session, action="proofing.check", entity="proofing record",
                  entity_id=str(record_id),
                  summary=f"Checklist of “{record.title}”: {CHECKLIST[item].lower()}")
    return old


Triage = tuple[uuid.UUID, str, str]  # (finding id, state, reason)


def triage_findings(session: Session, changes: Iterable[Triage]) -> tuple[Triage, ...]:
    """Set findings' triage; returns their old states. Dismissing needs a reason."""
    old: list[Triage] = []
    record: ProofRecord | None = None
    for finding_id, state, reason in changes:
        if state not in TRIAGE:
            raise InvalidValue("A finding is open, accepted, dismissed or fixed.")
        reason = _text("The reason", reason, MAX_REASON, multiline=True)
        if state == "dismissed" and not reason:
            raise InvalidValue("Say why the finding is dismissed, so whoever reads the "
                               "record later knows.")
        finding = session.get(ProofFinding, finding_id)
        if finding is None:
            raise InvalidValue("That finding is no longer in the workbook.")
        if (finding.triage, finding.reason) == (state, reason):
            continue
        old.append((finding_id, finding.triage, finding.reason))
        finding.triage, finding.reason = state, reason
        record = record or _get(session, finding.record_id)
    if old and record is not None:
        word = "a finding" if len(old) == 1 else f"{len(old)} findings"
        record_change(session, action="proofing.triage", entity="proofing record",
                      entity_id=str(record.id), summary=f"Triaged {word} in “{record.title}”")
    return tuple(old)


def draft_of(session: Session, record_id: uuid.UUID) -> tuple[str, bytes]:
    """The stored draft's file name and bytes."""
    record = _get(session, record_id)
    draft = session.get(ProofDraft, record.draft_sha256)
    if draft is None:
        raise InvalidValue(f"The draft of “{record.title}” is missing from the workbook.")
    return record.draft_name, draft.data
