"""The whole action plan read at once: actions with their partners, dependencies, notes
and date warnings, as plain values for screens, reports and `rrt actions list --json`."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.plans.actions import ActionRow, list_actions
from app.plans.dependencies import DependencyWarning, Edge, dependency_warnings
from app.plans.links import NoteRow, PartnerRow, list_edges, list_notes, list_partners


@dataclass(frozen=True)
class Plan:
    actions: tuple[ActionRow, ...] = ()
    partners: dict[uuid.UUID, tuple[PartnerRow, ...]] = field(default_factory=dict)
    notes: dict[uuid.UUID, tuple[NoteRow, ...]] = field(default_factory=dict)
    edges: tuple[Edge, ...] = ()
    warnings: tuple[DependencyWarning, ...] = ()

    def number_of(self, action_id: uuid.UUID) -> int:
        return next(n for n, row in enumerate(self.actions, 1) if row.id == action_id)

    def depends_on(self, action_id: uuid.UUID) -> list[int]:
        """The numbers of the actions `action_id` depends on, in plan order."""
        return sorted(self.number_of(b) for a, b in self.edges if a == action_id)

    def warnings_for(self, action_id: uuid.UUID) -> list[str]:
        return [w.text for w in self.warnings if w.action_id == action_id]

    def partners_text(self, action_id: uuid.UUID) -> str:
        """"Library (delivers); Council (funds)"."""
        return "; ".join(f"{p.name} ({p.role_label.lower()})"
                         for p in self.partners.get(action_id, ()))

    def as_json(self) -> list[dict[str, Any]]:
        return [{
            "number": number,
            "weakness": row.weakness,
            "action": row.action,
            "outcome": row.outcome,
            "lead_partner": row.lead_partner,
            "partners": [{"name": p.name, "role": p.role}
                         for p in self.partners.get(row.id, ())],
            "start": _iso(row.start),
            "due": _iso(row.due),
            "status": row.status,
            "priority": row.priority,
            "raised_by": row.raised_by,
            "origin": row.origin,
            "depends_on": self.depends_on(row.id),
            "notes": [{"on": n.noted_on.isoformat(), "text": n.text}
                      for n in self.notes.get(row.id, ())],
            "warnings": self.warnings_for(row.id),
        } for number, row in enumerate(self.actions, 1)]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def read_plan(session: Session) -> Plan:
    actions = tuple(list_actions(session))
    partners: dict[uuid.UUID, list[PartnerRow]] = defaultdict(list)
    for partner in list_partners(session):
        partners[partner.action_id].append(partner)
    notes: dict[uuid.UUID, list[NoteRow]] = defaultdict(list)
    for note in list_notes(session):
        notes[note.action_id].append(note)
    edges = tuple(list_edges(session))
    return Plan(actions, {k: tuple(v) for k, v in partners.items()},
                {k: tuple(v) for k, v in notes.items()}, edges,
                tuple(dependency_warnings(actions, edges)))
