"""An action's partners, dependencies and progress notes (domain functions; edits go
through `app.plans.operations`, which makes them undoable)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.plans.actions import get_action, list_actions, short
from app.plans.dependencies import Edge, cycle_sentence, find_cycle
from app.plans.fields import PARTNER_ROLES, choice, parse_date
from app.plans.models import PlanActionPartner, PlanDependency, PlanProgressNote
from app.text_policy import clean_text
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue


@dataclass(frozen=True)
class PartnerRow:
    id: uuid.UUID
    action_id: uuid.UUID
    position: int
    name: str
    role: str

    @property
    def role_label(self) -> str:
        return PARTNER_ROLES.get(self.role, self.role)


@dataclass(frozen=True)
class NoteRow:
    id: uuid.UUID
    action_id: uuid.UUID
    noted_on: date
    text: str
    created_at: datetime  # kept so that a restored note is exactly as it was


@dataclass(frozen=True)
class ActionLinks:
    """Everything hanging off one action, kept so that undoing its removal puts all back."""

    partners: tuple[PartnerRow, ...] = ()
    notes: tuple[NoteRow, ...] = ()
    edges: tuple[Edge, ...] = ()  # both ways: what it depends on and what depends on it


def _values(row: PartnerRow | NoteRow) -> dict[str, object]:
    return {f.name: getattr(row, f.name) for f in fields(row)}


# ---------------------------------------------------------------------- partners

def list_partners(session: Session, action_id: uuid.UUID | None = None) -> list[PartnerRow]:
    query = select(PlanActionPartner).order_by(PlanActionPartner.action_id,
                                                PlanActionPartner.position)
    if action_id is not None:
        query = query.where(PlanActionPartner.action_id == action_id)
    return [PartnerRow(p.id, p.action_id, p.position, p.name, p.role)
            for p in session.scalars(query)]


def partner_name(value: object) -> str:
    return clean_text(str(value or ""), label="Partner name", max_length=200, required=True)


def add_partner(session: Session, action_id: uuid.UUID, name: str, role: str,
                partner_id: uuid.UUID) -> PartnerRow:
    name = partner_name(name)
    role = choice(role, "Partner role", PARTNER_ROLES)
    action = get_action(session, action_id)
    existing = list_partners(session, action_id)
    if any(p.name.casefold() == name.casefold() for p in existing):
        raise InvalidValue(f"“{name}” is already a partner of this action. Change its role "
                           "instead.")
    position = max((p.position for p in existing), default=-1) + 1
    row = PartnerRow(partner_id, action_id, position, name, role)
    restore_partner(session, row, log=False)
    record_change(session, action="plans.partner", entity="action", entity_id=str(action_id),
                  summary=f"Added partner “{name}” to action “{short(action.action)}”")
    return row


def set_partner_role(session: Session, partner_id: uuid.UUID, role: str) -> str:
    """Change a partner's role; returns the role it had."""
    role = choice(role, "Partner role", PARTNER_ROLES)
    partner = session.get(PlanActionPartner, partner_id)
    if partner is None:
        raise InvalidValue("That partner is no longer on the action.")
    old = partner.role
    if old != role:
        partner.role = role
        record_change(session, action="plans.partner", entity="action",
                      entity_id=str(partner.action_id),
                      summary=f"Role of partner “{partner.name}” changed to "
                              f"{PARTNER_ROLES[role].lower()}")
    return old


def remove_partner(session: Session, partner_id: uuid.UUID) -> PartnerRow:
    partner = session.get(PlanActionPartner, partner_id)
    if partner is None:
        raise InvalidValue("That partner is no longer on the action.")
    row = PartnerRow(partner.id, partner.action_id, partner.position, partner.name,
                     partner.role)
    session.delete(partner)
    session.flush()
    record_change(session, action="plans.partner", entity="action",
                  entity_id=str(row.action_id), summary=f"Removed partner “{row.name}”")
    return row


def restore_partner(session: Session, row: PartnerRow, *, log: bool = True) -> None:
    session.add(PlanActionPartner(**_values(row)))
    session.flush()
    if log:
        record_change(session, action="plans.partner", entity="action",
                      entity_id=str(row.action_id), summary=f"Restored partner “{row.name}”")


# ---------------------------------------------------------------------- dependencies

def list_edges(session: Session) -> list[Edge]:
    query = select(PlanDependency.action_id, PlanDependency.depends_on_id)
    return [(a, b) for a, b in session.execute(query)]


def add_dependency(session: Session, action_id: uuid.UUID, depends_on_id: uuid.UUID) -> bool:
    """Record that `action_id` depends on `depends_on_id`; False if it already did.

    A dependency that would close a circle is refused with a sentence naming the circle.
    """
    action, other = get_action(session, action_id), get_action(session, depends_on_id)
    edges = list_edges(session)
    if (action_id, depends_on_id) in edges:
        return False
    cycle = find_cycle(edges, (action_id, depends_on_id))
    if cycle is not None:
        raise InvalidValue(cycle_sentence(cycle, list_actions(session)))
    session.add(PlanDependency(action_id=action_id, depends_on_id=depends_on_id))
    session.flush()
    record_change(session, action="plans.dependency", entity="action",
                  entity_id=str(action_id),
                  summary=f"Action “{short(action.action)}” now depends on "
                          f"“{short(other.action)}”")
    return True


def remove_dependency(session: Session, action_id: uuid.UUID, depends_on_id: uuid.UUID
                      ) -> bool:
    """Forget a dependency; False if there was none."""
    link = session.get(PlanDependency, (action_id, depends_on_id))
    if link is None:
        return False
    session.delete(link)
    session.flush()
    record_change(session, action="plans.dependency", entity="action",
                  entity_id=str(action_id), summary="Removed a dependency between actions")
    return True


# ---------------------------------------------------------------------- notes

def list_notes(session: Session, action_id: uuid.UUID | None = None) -> list[NoteRow]:
    query = select(PlanProgressNote).order_by(PlanProgressNote.noted_on,
                                              PlanProgressNote.created_at)
    if action_id is not None:
        query = query.where(PlanProgressNote.action_id == action_id)
    return [NoteRow(n.id, n.action_id, n.noted_on, n.text, n.created_at)
            for n in session.scalars(query)]


def add_note(session: Session, action_id: uuid.UUID, noted_on: object, text: str,
             note_id: uuid.UUID) -> NoteRow:
    text = clean_text(str(text or ""), label="Progress note", max_length=2000,
                      multiline=True, required=True)
    when = parse_date(noted_on) if noted_on not in (None, "") else None  # type: ignore[arg-type]
    action = get_action(session, action_id)
    note = PlanProgressNote(id=note_id, action_id=action_id, noted_on=when or date.today(),
                            text=text)
    session.add(note)
    session.flush()
    record_change(session, action="plans.note", entity="action", entity_id=str(action_id),
                  summary=f"Progress note added to action “{short(action.action)}”")
    return NoteRow(note.id, note.action_id, note.noted_on, note.text, note.created_at)


def remove_note(session: Session, note_id: uuid.UUID) -> NoteRow:
    note = session.get(PlanProgressNote, note_id)
    if note is None:
        raise InvalidValue("That progress note is no longer in the workbook.")
    row = NoteRow(note.id, note.action_id, note.noted_on, note.text, note.created_at)
    session.delete(note)
    session.flush()
    record_change(session, action="plans.note", entity="action", entity_id=str(row.action_id),
                  summary=f"Removed progress note of {row.noted_on:%d/%m/%Y}")
    return row


def restore_note(session: Session, row: NoteRow, *, log: bool = True) -> None:
    session.add(PlanProgressNote(**_values(row)))
    session.flush()
    if log:
        record_change(session, action="plans.note", entity="action",
                      entity_id=str(row.action_id),
                      summary=f"Restored progress note of {row.noted_on:%d/%m/%Y}")


# ---------------------------------------------------------------------- all of an action's

def detach_links(session: Session, action_id: uuid.UUID) -> ActionLinks:
    """Delete and return everything hanging off an action (before the action goes)."""
    links = ActionLinks(
        tuple(list_partners(session, action_id)),
        tuple(list_notes(session, action_id)),
        tuple(edge for edge in list_edges(session) if action_id in edge),
    )
    for model in (PlanActionPartner, PlanProgressNote):
        session.execute(delete(model).where(model.action_id == action_id))
    session.execute(delete(PlanDependency).where(or_(
        PlanDependency.action_id == action_id, PlanDependency.depends_on_id == action_id)))
    session.expire_all()  # the bulk deletes bypassed the identity map
    return links


def attach_links(session: Session, links: ActionLinks) -> None:
    """Put back what `detach_links` took (after the action itself is back)."""
    for partner in links.partners:
        restore_partner(session, partner, log=False)
    for note in links.notes:
        restore_note(session, note, log=False)
    for a, b in links.edges:
        session.add(PlanDependency(action_id=a, depends_on_id=b))
    session.flush()
