"""Reading and changing options appraisals (domain functions; edits go through
`app.plans.appraisal.operations`, which makes them undoable)."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.plans.actions import short
from app.plans.appraisal.aggregate import Aggregate, aggregate, number
from app.plans.appraisal.models import (
    PlanAppraisal,
    PlanAppraisalOption,
    PlanAppraisalParticipant,
    PlanAppraisalRank,
)
from app.plans.fields import TextField
from app.text_policy import TextRefused, clean_text
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue

APPRAISAL_FIELDS = {
    "question": TextField("Question or recommendation", 2000, multiline=True, required=True),
    "notes": TextField("Facilitator's rationale", 2000, multiline=True),
}
OPTION_FIELDS = {
    "title": TextField("Option", 200, required=True),
    "description": TextField("Description", 2000, multiline=True),
    "strengths": TextField("Strengths", 2000, multiline=True),
    "weaknesses": TextField("Weaknesses", 2000, multiline=True),
}
PARTICIPANT_FIELDS = {
    "name": TextField("Participant", 200, required=True),
    "justification": TextField("Justification", 2000, multiline=True),
    "lead_agency": TextField("Suggested lead agency", 200),
}
_KINDS: dict[type, tuple[dict[str, TextField], str]] = {
    PlanAppraisal: (APPRAISAL_FIELDS, "options appraisal"),
    PlanAppraisalOption: (OPTION_FIELDS, "option"),
    PlanAppraisalParticipant: (PARTICIPANT_FIELDS, "participant"),
}


@dataclass(frozen=True)
class AppraisalRow:
    id: uuid.UUID
    position: int
    question: str
    notes: str
    created_at: datetime


@dataclass(frozen=True)
class OptionRow:
    id: uuid.UUID
    appraisal_id: uuid.UUID
    position: int
    title: str
    description: str
    strengths: str
    weaknesses: str


@dataclass(frozen=True)
class ParticipantRow:
    id: uuid.UUID
    appraisal_id: uuid.UUID
    position: int
    name: str
    justification: str
    lead_agency: str


Ranks = tuple[tuple[uuid.UUID, uuid.UUID, int], ...]  # (participant, option, rank)


@dataclass(frozen=True)
class AppraisalData:
    """One appraisal with everything in it, as plain values (also what undo restores)."""

    appraisal: AppraisalRow
    options: tuple[OptionRow, ...]
    participants: tuple[ParticipantRow, ...]
    ranks: Ranks

    def ranking_of(self, participant_id: uuid.UUID) -> dict[uuid.UUID, int]:
        return {o: r for p, o, r in self.ranks if p == participant_id}

    def aggregate(self) -> Aggregate:
        return aggregate([o.id for o in self.options],
                         [self.ranking_of(p.id) for p in self.participants])

    def lead_agencies(self) -> list[tuple[str, int]]:
        """Suggested lead agencies, most suggested first."""
        counts = Counter(p.lead_agency for p in self.participants if p.lead_agency)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))

    def rationale(self) -> str:
        """The recommended option and why, in words."""
        result = self.aggregate()
        titles = {o.id: f"“{o.title}”" for o in self.options}
        if not self.options:
            return "No options yet: add the options to be appraised."
        if not result.raters:
            return "No one has ranked the options yet, so there is no recommendation."
        agreement = f"Agreement between participants: {result.agreement}"
        if result.w is not None:
            agreement += f" (Kendall's W = {result.w:.2f})"
        if len(result.recommended) > 1:
            names = " and ".join(titles[o] for o in result.recommended)
            return (f"{names} tie on Borda count, mean rank and first places; the group "
                    f"needs to choose between them. {agreement}.")
        best = result.score_of(result.recommended[0])
        firsts = (f"{best.first_places} of {result.raters} participants put it first"
                  if result.raters > 1 else "the participant put it first"
                  if best.first_places else "it was not put first")
        return (f"{titles[best.option_id]} has the highest Borda count "
                f"({number(best.borda)} of a possible {number(result.max_borda)}) and a mean "
                f"rank of {number(best.mean_rank or 0)}; {firsts}. {agreement}.")


def _row(cls: type, obj: object) -> Any:
    return cls(**{f.name: getattr(obj, f.name) for f in fields(cls)})


def _plain(row: object) -> dict[str, Any]:
    return {f.name: getattr(row, f.name) for f in fields(row)}  # type: ignore[arg-type]


def check(fields_: dict[str, TextField], field: str, value: object) -> str:
    if field not in fields_:
        raise TextRefused(f"“{field}” cannot be changed here.")
    rule = fields_[field]
    return clean_text(str(value or ""), label=rule.label, max_length=rule.max_length,
                      multiline=rule.multiline, required=rule.required)


# ---------------------------------------------------------------------- reading

def list_appraisals(session: Session) -> list[AppraisalRow]:
    query = select(PlanAppraisal).order_by(PlanAppraisal.position, PlanAppraisal.created_at)
    return [_row(AppraisalRow, a) for a in session.scalars(query)]


def count_appraisals(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(PlanAppraisal)) or 0


def read_appraisal(session: Session, appraisal_id: uuid.UUID) -> AppraisalData:
    appraisal = _get(session, PlanAppraisal, appraisal_id)
    options = session.scalars(select(PlanAppraisalOption).where(
        PlanAppraisalOption.appraisal_id == appraisal_id).order_by(PlanAppraisalOption.position))
    people = session.scalars(select(PlanAppraisalParticipant).where(
        PlanAppraisalParticipant.appraisal_id == appraisal_id)
        .order_by(PlanAppraisalParticipant.position))
    option_rows = tuple(_row(OptionRow, o) for o in options)
    people_rows = tuple(_row(ParticipantRow, p) for p in people)
    ranks = session.execute(select(
        PlanAppraisalRank.participant_id, PlanAppraisalRank.option_id, PlanAppraisalRank.rank
    ).where(PlanAppraisalRank.option_id.in_([o.id for o in option_rows])))
    return AppraisalData(_row(AppraisalRow, appraisal), option_rows, people_rows,
                         tuple(sorted((p, o, r) for p, o, r in ranks)))


def _get(session: Session, model: type, row_id: uuid.UUID) -> Any:
    found = session.get(model, row_id)
    if found is None:
        raise InvalidValue(f"That {_KINDS[model][1]} is no longer in the workbook.")
    return found


def _log(session: Session, appraisal_id: uuid.UUID, summary: str) -> None:
    record_change(session, action="plans.appraisal", entity="appraisal",
                  entity_id=str(appraisal_id), summary=summary)


def _next_position(session: Session, column: Any, *where: Any) -> int:
    last = session.scalar(select(func.max(column)).where(*where))
    return 0 if last is None else last + 1


# ---------------------------------------------------------------------- changing

def add_appraisal(session: Session, appraisal_id: uuid.UUID, question: str) -> None:
    question = check(APPRAISAL_FIELDS, "question", question)
    session.add(PlanAppraisal(id=appraisal_id, question=question,
                              position=_next_position(session, PlanAppraisal.position)))
    session.flush()
    _log(session, appraisal_id, f"Started options appraisal “{short(question)}”")


def add_option(session: Session, appraisal_id: uuid.UUID, option_id: uuid.UUID,
               values: dict[str, str]) -> OptionRow:
    checked = {field: check(OPTION_FIELDS, field, value) for field, value in values.items()}
    if "title" not in checked:
        check(OPTION_FIELDS, "title", "")  # raises: an option needs a name
    _get(session, PlanAppraisal, appraisal_id)
    option = PlanAppraisalOption(
        id=option_id, appraisal_id=appraisal_id, **checked,
        position=_next_position(session, PlanAppraisalOption.position,
                                PlanAppraisalOption.appraisal_id == appraisal_id))
    session.add(option)
    session.flush()
    _log(session, appraisal_id, f"Added option “{option.title}”")
    return _row(OptionRow, option)


def add_participant(session: Session, appraisal_id: uuid.UUID, participant_id: uuid.UUID,
                    values: dict[str, str]) -> ParticipantRow:
    checked = {field: check(PARTICIPANT_FIELDS, field, value)
               for field, value in values.items()}
    if "name" not in checked:
        check(PARTICIPANT_FIELDS, "name", "")
    _get(session, PlanAppraisal, appraisal_id)
    person = PlanAppraisalParticipant(
        id=participant_id, appraisal_id=appraisal_id, **checked,
        position=_next_position(session, PlanAppraisalParticipant.position,
                                PlanAppraisalParticipant.appraisal_id == appraisal_id))
    session.add(person)
    session.flush()
    _log(session, appraisal_id, f"Added participant “{person.name}”")
    return _row(ParticipantRow, person)


def update_text(session: Session, model: type, row_id: uuid.UUID, field: str, value: object
                ) -> str:
    """Change one text field of an appraisal, option or participant; returns the old value."""
    rules, kind = _KINDS[model]
    new = check(rules, field, value)
    row = _get(session, model, row_id)
    old: str = getattr(row, field)
    if old != new:
        setattr(row, field, new)
        appraisal_id = row.id if model is PlanAppraisal else row.appraisal_id
        _log(session, appraisal_id, f"{rules[field].label} of {kind} changed")
    return old


def set_ranks(session: Session, participant_id: uuid.UUID,
              ranks: dict[uuid.UUID, int | None]) -> dict[uuid.UUID, int | None]:
    """Set (or, with None, clear) a participant's rank of some options; returns the ranks
    those options had. A rank runs from 1 to the number of options; equal ranks tie."""
    person = _get(session, PlanAppraisalParticipant, participant_id)
    options = set(session.scalars(select(PlanAppraisalOption.id).where(
        PlanAppraisalOption.appraisal_id == person.appraisal_id)))
    for option_id, rank in ranks.items():
        if option_id not in options:
            raise InvalidValue("That option is not part of this appraisal.")
        if rank is not None and (isinstance(rank, bool) or not isinstance(rank, int)
                                 or not 1 <= rank <= len(options)):
            raise InvalidValue(f"A rank is a whole number from 1 (first) to {len(options)}; "
                               "give two options the same number for a tie, or leave one "
                               "blank to leave it unranked.")
    old: dict[uuid.UUID, int | None] = {}
    for option_id, rank in ranks.items():
        found = session.get(PlanAppraisalRank, (participant_id, option_id))
        old[option_id] = found.rank if found else None
        if found is not None and rank is None:
            session.delete(found)
        elif found is not None and rank is not None:
            found.rank = rank
        elif rank is not None:
            session.add(PlanAppraisalRank(participant_id=participant_id, option_id=option_id,
                                          rank=rank))
    session.flush()
    if old != ranks:
        _log(session, person.appraisal_id, f"Ranking of “{person.name}” changed")
    return old


def remove_option(session: Session, option_id: uuid.UUID) -> tuple[OptionRow, Ranks]:
    option = _get(session, PlanAppraisalOption, option_id)
    row: OptionRow = _row(OptionRow, option)
    ranks = _ranks_where(session, PlanAppraisalRank.option_id == option_id)
    session.execute(delete(PlanAppraisalRank).where(PlanAppraisalRank.option_id == option_id))
    session.delete(option)
    session.flush()
    _log(session, row.appraisal_id, f"Removed option “{row.title}”")
    return row, ranks


def remove_participant(session: Session, participant_id: uuid.UUID
                       ) -> tuple[ParticipantRow, Ranks]:
    person = _get(session, PlanAppraisalParticipant, participant_id)
    row: ParticipantRow = _row(ParticipantRow, person)
    ranks = _ranks_where(session, PlanAppraisalRank.participant_id == participant_id)
    session.execute(delete(PlanAppraisalRank)
                    .where(PlanAppraisalRank.participant_id == participant_id))
    session.delete(person)
    session.flush()
    _log(session, row.appraisal_id, f"Removed participant “{row.name}”")
    return row, ranks


def remove_appraisal(session: Session, appraisal_id: uuid.UUID) -> AppraisalData:
    data = read_appraisal(session, appraisal_id)
    option_ids = [o.id for o in data.options]
    session.execute(delete(PlanAppraisalRank).where(PlanAppraisalRank.option_id.in_(option_ids)))
    for model in (PlanAppraisalOption, PlanAppraisalParticipant):
        session.execute(delete(model).where(model.appraisal_id == appraisal_id))
    session.execute(delete(PlanAppraisal).where(PlanAppraisal.id == appraisal_id))
    session.expire_all()  # the bulk deletes bypassed the identity map
    _log(session, appraisal_id, f"Removed options appraisal “{short(data.appraisal.question)}”")
    return data


def restore(session: Session, *, appraisal: AppraisalRow | None = None,
            options: tuple[OptionRow, ...] = (), participants: tuple[ParticipantRow, ...] = (),
            ranks: Ranks = (), summary: str) -> None:
    """Put rows back exactly as they were (the inverse of a removal)."""
    if appraisal is not None:
        session.add(PlanAppraisal(**_plain(appraisal)))
        session.flush()
    session.add_all([PlanAppraisalOption(**_plain(o)) for o in options])
    session.add_all([PlanAppraisalParticipant(**_plain(p)) for p in participants])
    session.flush()
    session.add_all([PlanAppraisalRank(participant_id=p, option_id=o, rank=r)
                     for p, o, r in ranks])
    session.flush()
    owner = appraisal.id if appraisal else (options or participants)[0].appraisal_id
    _log(session, owner, summary)


def _ranks_where(session: Session, condition: Any) -> Ranks:
    rows = session.execute(select(PlanAppraisalRank.participant_id, PlanAppraisalRank.option_id,
                                  PlanAppraisalRank.rank).where(condition))
    return tuple(sorted((p, o, r) for p, o, r in rows))
