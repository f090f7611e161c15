"""What raised an action: a short key the raising module writes, never shown or edited.

An action's "raised by" is a label the user may reword; its `origin` is the link. Each
raising module builds its keys in one function of its own with `origin_key` (e.g.
`assessments:<assessment id>:<criterion ref>`) and asks here whether a key, or any key
under a prefix, already has an action. An action typed by hand or added from a template
has the origin "".
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.plans.actions import ActionRow, row_of
from app.plans.models import PlanAction

SEPARATOR = ":"


def origin_key(module: str, *parts: str) -> str:
    """`module:part:part…`; the parts are ids and references, so none holds the separator
    except perhaps the last."""
    return SEPARATOR.join((module, *parts))


def prefix_of(module: str, *parts: str) -> str:
    """The prefix every key under `parts` starts with (`module:part:`)."""
    return origin_key(module, *parts) + SEPARATOR


def _under(prefix: str) -> ColumnElement[bool]:
    # substr, not LIKE: SQLite's LIKE ignores case and treats % and _ as wildcards.
    return func.substr(PlanAction.origin, 1, len(prefix)) == prefix


def action_raised_by(session: Session, origin: str) -> ActionRow | None:
    """The action whose origin is `origin` (the first in the plan's order), if any."""
    if not origin:
        return None
    query = (select(PlanAction).where(PlanAction.origin == origin)
             .order_by(PlanAction.position, PlanAction.created_at).limit(1))
    action = session.scalar(query)
    return None if action is None else row_of(action)


def actions_raised_under(session: Session, prefix: str) -> list[ActionRow]:
    """The actions whose origin starts with `prefix`, in the plan's order."""
    query = (select(PlanAction).where(_under(prefix))
             .order_by(PlanAction.position, PlanAction.created_at))
    return [row_of(action) for action in session.scalars(query)]


def origins_under(session: Session, prefix: str) -> set[str]:
    """The origins starting with `prefix` that have an action (one query)."""
    return set(session.scalars(select(PlanAction.origin).where(_under(prefix))))
