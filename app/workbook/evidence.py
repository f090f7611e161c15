"""Evidence files kept inside the workbook, stored once per content hash."""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.text_policy import TextRefused, clean_text
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue
from app.workbook.models import EvidenceBlob, EvidenceFile
from app.workbook.types import utcnow

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
MAX_NAME = 255
MAX_NOTE = 10_000


@dataclass(frozen=True)
class Attached:
    evidence: EvidenceFile
    created: bool  # False when the same content was already attached


@dataclass(frozen=True)
class RemovedEvidence:
    """Everything needed to put a removed file back exactly (for undo)."""

    id: uuid.UUID
    name: str
    media_type: str
    note: str
    added_at: datetime
    data: bytes


def _guess_media_type(name: str) -> str:
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def _clean_name(name: str) -> str:
    if isinstance(name, str):
        name = Path(name.strip()).name  # never keep a folder path from another machine
    if not name:
        raise InvalidValue("An evidence file needs a name.")
    try:
        return clean_text(name, label="The file name", max_length=MAX_NAME, required=True)
    except TextRefused as refused:
        raise InvalidValue(str(refused)) from None


def clean_note(note: str) -> str:
    """An evidence note as it would be stored (several lines allowed)."""
    try:
        return clean_text(note, label="The note", max_length=MAX_NOTE, multiline=True)
    except TextRefused as refused:
        raise InvalidValue(str(refused)) from None


def attach_evidence(
    session: Session,
    name: str,
    data: bytes,
    media_type: str | None = None,
    *,
    evidence_id: uuid.UUID | None = None,
    added_at: datetime | None = None,
    note: str = "",
) -> Attached:
    """Attach a file's bytes; the same content attached twice is kept once."""
    name = _clean_name(name)
    note = clean_note(note)
    if len(data) > MAX_EVIDENCE_BYTES:
        raise InvalidValue(
            f"“{name}” is larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB. "
            "Attach a smaller file, or keep it elsewhere and note where in the evidence notes."
        )
    digest = hashlib.sha256(data).hexdigest()
    existing = session.scalars(select(EvidenceFile).where(EvidenceFile.sha256 == digest)).first()
    if existing is not None:
        return Attached(existing, created=False)
    if session.get(EvidenceBlob, digest) is None:
        session.add(EvidenceBlob(sha256=digest, size=len(data), data=data))
    evidence = EvidenceFile(
        id=evidence_id or uuid.uuid4(),
        sha256=digest,
        name=name,
        media_type=media_type or _guess_media_type(name),
        size=len(data),
        added_at=added_at or utcnow(),
        note=note,
    )
    session.add(evidence)
    session.flush()
    record_change(
        session,
        action="evidence.attach",
        entity="evidence",
        entity_id=str(evidence.id),
        summary=f"Attached evidence “{name}”",
    )
    return Attached(evidence, created=True)


def read_evidence_file(path: Path) -> bytes:
    """Read a file the user chose, with a sentence for each way it can fail."""
    path = Path(path)
    if not path.is_file():
        raise InvalidValue(f"There is no file at {path}.")
    size = path.stat().st_size
    if size > MAX_EVIDENCE_BYTES:
        raise InvalidValue(
            f"“{path.name}” is larger than {MAX_EVIDENCE_BYTES // (1024 * 1024)} MB. "
            "Attach a smaller file."
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise InvalidValue(f"“{path.name}” could not be read ({error.strerror}).") from error


def remove_evidence(session: Session, evidence_id: uuid.UUID) -> RemovedEvidence:
    evidence = session.get(EvidenceFile, evidence_id)
    if evidence is None:
        raise InvalidValue("That evidence file is no longer in the workbook.")
    blob = session.get(EvidenceBlob, evidence.sha256)
    removed = RemovedEvidence(
        id=evidence.id,
        name=evidence.name,
        media_type=evidence.media_type,
        note=evidence.note,
        added_at=evidence.added_at,
        data=blob.data if blob else b"",
    )
    digest = evidence.sha256
    session.delete(evidence)
    session.flush()
    still_used = session.scalar(
        select(func.count()).select_from(EvidenceFile).where(EvidenceFile.sha256 == digest)
    )
    if not still_used and blob is not None:
        session.delete(blob)
    record_change(
        session,
        action="evidence.remove",
        entity="evidence",
        entity_id=str(removed.id),
        summary=f"Removed evidence “{removed.name}”",
    )
    return removed


def restore_evidence(session: Session, removed: RemovedEvidence) -> EvidenceFile:
    """Put back a removed file with its original identity (undo of a removal)."""
    return attach_evidence(
        session,
        removed.name,
        removed.data,
        removed.media_type,
        evidence_id=removed.id,
        added_at=removed.added_at,
        note=removed.note,
    ).evidence


def list_evidence(session: Session) -> list[EvidenceFile]:
    return list(session.scalars(select(EvidenceFile).order_by(EvidenceFile.name)))


def count_evidence(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(EvidenceFile)) or 0


def evidence_data(session: Session, evidence_id: uuid.UUID) -> bytes:
    evidence = session.get(EvidenceFile, evidence_id)
    if evidence is None:
        raise InvalidValue("That evidence file is no longer in the workbook.")
    blob = session.get(EvidenceBlob, evidence.sha256)
    return blob.data if blob else b""
