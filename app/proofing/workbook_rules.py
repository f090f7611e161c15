"""The workbook's own proofing settings: the allow-list (wording the rules leave alone,
such as "BME Network") and user rule files that add, override or disable shipped rules.

Rule files are checked when they are added, exactly as a folder of rule files would be,
so a workbook never holds a file that stops proofing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.proofing.errors import RulesInvalid
from app.proofing.models import ProofAllow, ProofRuleFile
from app.proofing.rules.rule import Rule
from app.text_policy import TextRefused, clean_text
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue

if TYPE_CHECKING:
    from app.proofing.proofing import Proofer
    from app.proofing.scheme import Scheme

MAX_RULE_TEXT = 1024 * 1024


@dataclass(frozen=True)
class RuleFileData:
    id: uuid.UUID
    name: str
    text: str


def list_allowed(session: Session) -> list[str]:
    return list(session.scalars(select(ProofAllow.term).order_by(ProofAllow.term)))


def add_allowed(session: Session, term: str) -> str:
    try:
        term = clean_text(term, label="The wording", max_length=200, required=True)
    except TextRefused as refused:
        raise InvalidValue(str(refused)) from None
    if term.casefold() in (t.casefold() for t in list_allowed(session)):
        raise InvalidValue(f"“{term}” is already on the allow-list.")
    session.add(ProofAllow(term=term))
    session.flush()
    record_change(session, action="proofing.allow.add", entity="allow-list", entity_id=term,
                  summary=f"Allowed “{term}” in proofing")
    return term


def remove_allowed(session: Session, term: str) -> None:
    found = session.scalars(select(ProofAllow).where(ProofAllow.term == term)).first()
    if found is None:
        raise InvalidValue(f"“{term}” is not on the allow-list.")
    session.delete(found)
    record_change(session, action="proofing.allow.remove", entity="allow-list",
                  entity_id=term, summary=f"Took “{term}” off the proofing allow-list")


def list_rule_files(session: Session) -> list[RuleFileData]:
    return [RuleFileData(r.id, r.name, r.text) for r in
            session.scalars(select(ProofRuleFile).order_by(ProofRuleFile.name))]


def add_rule_file(session: Session, data: RuleFileData) -> None:
    if len(data.text.encode()) > MAX_RULE_TEXT:
        raise InvalidValue(f"“{data.name}” is larger than 1 MB, far larger than any rule "
                           "file.")
    existing = list_rule_files(session)
    if any(r.name.casefold() == data.name.casefold() for r in existing):
        raise InvalidValue(f"The workbook already has a rule file called “{data.name}”.")
    gather_rules([*((r.name, r.text) for r in existing), (data.name, data.text)])  # checks
    session.add(ProofRuleFile(id=data.id, name=data.name, text=data.text))
    session.flush()
    record_change(session, action="proofing.rules.add", entity="rule file",
                  entity_id=str(data.id), summary=f"Added proofing rules “{data.name}”")


def remove_rule_file(session: Session, file_id: uuid.UUID) -> RuleFileData:
    row = session.get(ProofRuleFile, file_id)
    if row is None:
        raise InvalidValue("That rule file is no longer in the workbook.")
    data = RuleFileData(row.id, row.name, row.text)
    session.execute(delete(ProofRuleFile).where(ProofRuleFile.id == file_id))
    record_change(session, action="proofing.rules.remove", entity="rule file",
                  entity_id=str(file_id), summary=f"Removed proofing rules “{data.name}”")
    return data


def gather_rules(files: Sequence[tuple[str, str]]) -> list[Rule]:
    """The shipped rules with the workbook's rule files applied in name order: a rule with
    a shipped id replaces it, `disable:` switches shipped rules off."""
    from app.proofing.rules.loader import load_rules, rules_from_yaml

    rules = {rule.id: rule for rule in load_rules()}
    shipped = set(rules)
    for name, text in sorted(files):
        added, disabled = rules_from_yaml(text, name)
        unknown = [rule_id for rule_id in disabled if rule_id not in shipped]
        if unknown:
            raise RulesInvalid(f"The rules in “{name}” disable “{unknown[0]}”, which is not "
                               "a shipped rule. Check the id.")
        for rule_id in disabled:
            rules.pop(rule_id, None)
        for rule in added:
            rules[rule.id] = rule
    return list(rules.values())


@dataclass(frozen=True)
class ProofSettings:
    """What a proof in this workbook uses, read in one session (then no session needed)."""

    allow: tuple[str, ...]
    rule_files: tuple[tuple[str, str], ...]

    def proofer(self, scheme: Scheme | None = None) -> Proofer:
        """A `Proofer` with these rules and allow-list (and the scheme, if any)."""
        from app.proofing.proofing import Proofer
        from app.proofing.rules.engine import RuleSet

        rule_set = RuleSet(gather_rules(self.rule_files)) if self.rule_files else None
        return Proofer(scheme=scheme, allow=self.allow, rule_set=rule_set)


def proof_settings(session: Session) -> ProofSettings:
    return ProofSettings(tuple(list_allowed(session)),
                         tuple((r.name, r.text) for r in list_rule_files(session)))
