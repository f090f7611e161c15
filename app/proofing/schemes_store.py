"""Equality schemes kept in the workbook: several per workbook, each a list of
commitments, with the general duty's three limbs added when proofing (unless switched off).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.proofing.models import ProofCommitment, ProofScheme
from app.proofing.scheme import Commitment, Scheme, split_keywords, with_general_duty
from app.text_policy import TextRefused, clean_text
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue


@dataclass(frozen=True)
class SchemeData:
    """A scheme as plain values: what adding writes and what removing gives back."""

    id: uuid.UUID
    name: str
    commitments: tuple[Commitment, ...] = ()
    general_duty: bool = True
    commitment_ids: tuple[uuid.UUID, ...] = ()  # kept so undo restores the same rows

    def as_scheme(self) -> Scheme:
        """The scheme proofing uses (with the duty's limbs when asked for)."""
        scheme = Scheme(self.name, self.commitments)
        return with_general_duty(scheme) if self.general_duty else scheme


def _clean(label: str, value: str, limit: int, *, required: bool = False,
           multiline: bool = False) -> str:
    try:
        return clean_text(value, label=label, max_length=limit, required=required,
                          multiline=multiline)
    except TextRefused as refused:
        raise InvalidValue(str(refused)) from None


def add_scheme(session: Session, data: SchemeData) -> None:
    name = _clean("The scheme's name", data.name, 200, required=True)
    taken = session.scalar(select(func.count()).select_from(ProofScheme).where(
        func.lower(ProofScheme.name) == name.lower(), ProofScheme.id != data.id))
    if taken:
        raise InvalidValue(f"There is already a scheme called “{name}”; give this one "
                           "another name.")
    session.add(ProofScheme(id=data.id, name=name, general_duty=data.general_duty))
    session.flush()
    _add_commitments(session, data.id, data.commitments, data.commitment_ids)
    record_change(session, action="proofing.scheme.add", entity="equality scheme",
                  entity_id=str(data.id), summary=f"Added equality scheme “{name}”")


def _add_commitments(session: Session, scheme_id: uuid.UUID,
                     commitments: tuple[Commitment, ...], ids: tuple[uuid.UUID, ...]) -> None:
    ids = ids or tuple(uuid.uuid4() for _ in commitments)
    codes: set[str] = set()
    for position, (commitment, row_id) in enumerate(zip(commitments, ids, strict=True)):
        code = _clean("The number", commitment.id, 40, required=True)
        if code in codes:
            raise InvalidValue(f"Two commitments are numbered “{code}”; give each its own.")
        codes.add(code)
        session.add(ProofCommitment(
            id=row_id, scheme_id=scheme_id, position=position, code=code,
            title=_clean("The title", commitment.title, 300, required=True),
            text=_clean("The text", commitment.text, 10_000, multiline=True),
            keywords=_clean("The keywords", "; ".join(commitment.keywords), 2_000)))
    session.flush()


def remove_scheme(session: Session, scheme_id: uuid.UUID) -> SchemeData:
    data = load_scheme(session, scheme_id)
    session.execute(delete(ProofCommitment).where(ProofCommitment.scheme_id == scheme_id))
    session.execute(delete(ProofScheme).where(ProofScheme.id == scheme_id))
    record_change(session, action="proofing.scheme.remove", entity="equality scheme",
                  entity_id=str(scheme_id), summary=f"Removed equality scheme “{data.name}”")
    return data


def list_schemes(session: Session) -> list[SchemeData]:
    return [load_scheme(session, scheme_id) for scheme_id in session.scalars(
        select(ProofScheme.id).order_by(ProofScheme.created_at, ProofScheme.name))]


def load_scheme(session: Session, scheme_id: uuid.UUID) -> SchemeData:
    scheme = session.get(ProofScheme, scheme_id)
    if scheme is None:
        raise InvalidValue("That equality scheme is no longer in the workbook.")
    rows = list(session.scalars(select(ProofCommitment).where(
        ProofCommitment.scheme_id == scheme_id).order_by(ProofCommitment.position)))
    return SchemeData(scheme.id, scheme.name,
                      tuple(Commitment(r.code, r.title, r.text, split_keywords(r.keywords))
                            for r in rows),
                      scheme.general_duty, tuple(r.id for r in rows))


def find_scheme(session: Session, wanted: str) -> SchemeData:
    """A scheme by its name (ignoring case) or id, with a sentence listing them if none."""
    schemes = list_schemes(session)
    for scheme in schemes:
        if wanted.strip().casefold() in (scheme.name.casefold(), str(scheme.id)):
            return scheme
    names = ", ".join(f"“{s.name}”" for s in schemes) or "none yet"
    raise InvalidValue(f"There is no equality scheme called “{wanted}” in this workbook "
                       f"(it has: {names}).")


def update_scheme(session: Session, scheme_id: uuid.UUID, name: str, value: str | bool
                  ) -> str | bool:
    """Rename a scheme or switch the general duty's limbs; returns the old value."""
    scheme = session.get(ProofScheme, scheme_id)
    if scheme is None:
        raise InvalidValue("That equality scheme is no longer in the workbook.")
    old: str | bool
    if name == "name":
        new = _clean("The scheme's name", str(value), 200, required=True)
        old = scheme.name
        if new == old:
            return old
        scheme.name = new
    elif name == "general_duty":
        old = scheme.general_duty
        if bool(value) == old:
            return old
        scheme.general_duty = bool(value)
    else:
        raise InvalidValue(f"A scheme has no field called “{name}”.")
    record_change(session, action="proofing.scheme.update", entity="equality scheme",
                  entity_id=str(scheme_id), summary=f"Changed equality scheme “{scheme.name}”")
    return old


def set_commitments(session: Session, scheme_id: uuid.UUID,
                    commitments: tuple[Commitment, ...]) -> tuple[Commitment, ...]:
    """Replace a scheme's commitments (the editor saves the list whole); returns the old."""
    data = load_scheme(session, scheme_id)
    if data.commitments == commitments:
        return commitments
    session.execute(delete(ProofCommitment).where(ProofCommitment.scheme_id == scheme_id))
    session.flush()
    _add_commitments(session, scheme_id, commitments, ())
    record_change(session, action="proofing.scheme.commitments", entity="equality scheme",
                  entity_id=str(scheme_id),
                  summary=f"Changed the commitments of equality scheme “{data.name}”")
    return data.commitments
