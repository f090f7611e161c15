"""Reading and changing the workbook's actions (domain functions; edits go through the
operations in `app.plans.operations`, which make them undoable)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.plans.fields import CLOSED, STATUSES, FieldValue, label_of, validate
from app.plans.models import PlanAction
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue
from app.workbook.types import utcnow


@dataclass(frozen=True)
class ActionRow:
    """An action as plain values, for screens, reports and undo."""

    id: uuid.UUID
    position: int
    weakness: str
    action: str
    outcome: str
    lead_partner: str
    start: date | None
    due: date | None
    status: str
    priority: str
    raised_by: str
    created_at: datetime
    updated_at: datetime
    origin: str = ""  # see `app.plans.origins`

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    def overdue(self, today: date) -> bool:
        """Due before `today` and its work not over."""
        return self.due is not None and self.due < today and self.status not in CLOSED


def row_of(action: PlanAction) -> ActionRow:
    return ActionRow(**{f.name: getattr(action, f.name) for f in fields(ActionRow)})


def list_actions(session: Session) -> list[ActionRow]:
    query = select(PlanAction).order_by(PlanAction.position, PlanAction.created_at)
    return [row_of(action) for action in session.scalars(query)]


def count_actions(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(PlanAction)) or 0


def short(text: str, limit: int = 60) -> str:
    """One line of `text` (for change-log lines and sentences that name an action)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def add_action(session: Session, values: dict[str, FieldValue], *,
               action_id: uuid.UUID | None = None, position: int | None = None,
               origin: str = "") -> ActionRow:
    """Add an action (at the end unless `position` is given); every value is checked first.

    `origin` is the raising module's key for what raised it (`app.plans.origins`)."""
    checked = {field: validate(field, value) for field, value in values.items()}
    _check_origin(origin)
    if "action" not in checked:
        validate("action", "")  # raises: says that an action needs saying what will be done
    if position is None:
        last = session.scalar(select(func.max(PlanAction.position)))
        position = 0 if last is None else last + 1
    _check_dates(checked.get("start"), checked.get("due"))  # type: ignore[arg-type]
    now = utcnow()
    action = PlanAction(id=action_id or uuid.uuid4(), position=position, created_at=now,
                        updated_at=now, origin=origin, **checked)
    session.add(action)
    session.flush()
    record_change(session, action="plans.add", entity="action", entity_id=str(action.id),
                  summary=f"Added action “{short(action.action)}”")
    return row_of(action)


def _check_origin(origin: str) -> None:
    # Written by code, never typed; a bad key is a programming error made plain.
    if len(origin) > 200 or not origin.isprintable():
        raise InvalidValue("An action's origin must be one short line.")


def _check_dates(start: date | None, due: date | None) -> None:
    if start is not None and due is not None and start > due:
        raise InvalidValue(
            f"The start date ({start:%d/%m/%Y}) is after the due date ({due:%d/%m/%Y}). "
            "Change one of them so that the action starts before it is due.")


def get_action(session: Session, action_id: uuid.UUID) -> PlanAction:
    action = session.get(PlanAction, action_id)
    if action is None:
        raise InvalidValue("That action is no longer in the workbook.")
    return action


def update_action(session: Session, action_id: uuid.UUID, field: str, value: FieldValue
                  ) -> tuple[FieldValue, FieldValue]:
    """Change one field; returns (old, new) as stored."""
    new = validate(field, value)
    action = get_action(session, action_id)
    old = getattr(action, field)
    if old == new:
        return old, new
    if field in ("start", "due"):
        dates = {"start": action.start, "due": action.due, field: new}
        _check_dates(dates["start"], dates["due"])  # type: ignore[arg-type]
    setattr(action, field, new)
    action.updated_at = utcnow()
    record_change(session, action="plans.update", entity="action", entity_id=str(action.id),
                  summary=f"{label_of(field)} of action “{short(action.action)}” changed")
    return old, new


def remove_action(session: Session, action_id: uuid.UUID) -> ActionRow:
    """Remove an action; returns it as it was, so that undo can put it back."""
    action = get_action(session, action_id)
    row = row_of(action)
    session.delete(action)
    record_change(session, action="plans.remove", entity="action", entity_id=str(row.id),
                  summary=f"Removed action “{short(row.action)}”")
    return row


def restore_action(session: Session, row: ActionRow) -> None:
    """Put a removed action back exactly, with its identity, place and dates."""
    session.add(PlanAction(**{f.name: getattr(row, f.name) for f in fields(ActionRow)}))
    session.flush()
    record_change(session, action="plans.restore", entity="action", entity_id=str(row.id),
                  summary=f"Restored action “{short(row.action)}”")
