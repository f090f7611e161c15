"""The workbook's own proofing settings: the allow-list (wording the rules leave alone,
such as "BME Network"), user rule files that add, override or disable shipped rules, and
the capitalisation style for ethnic groups.

Rule files are checked when they are added, exactly as a folder of rule files would be,
so a workbook never holds a file that stops proofing.

The capitalisation style is kept as one more row of the rule-file table under a reserved
name (`STYLE_FILE`), so choosing it needs no new table: no row means the default (ONS),
and the row is never listed or applied as a rule file.
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
from app.proofing.rules.styles import CAPITALS, DEFAULT, STYLE_RULES, check_capitals
from app.text_policy import TextRefused, clean_text
from app.workbook.changelog import record_change
from app.workbook.errors import InvalidValue

if TYPE_CHECKING:
    from app.proofing.proofing import Proofer
    from app.proofing.scheme import Scheme

MAX_RULE_TEXT = 1024 * 1024
STYLE_FILE = "capitalisation-style"  # no .yaml: a user's rule file can never take the name
_STYLE_KEY = "capitals: "


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
            session.scalars(select(ProofRuleFile).where(ProofRuleFile.name != STYLE_FILE)
                            .order_by(ProofRuleFile.name))]


def _style_row(session: Session) -> ProofRuleFile | None:
    return session.scalars(select(ProofRuleFile).where(ProofRuleFile.name == STYLE_FILE)).first()


def get_capitals(session: Session) -> str:
    """The workbook's capitalisation style for ethnic groups (see `rules/styles.py`)."""
    row = _style_row(session)
    if row is None:
        return DEFAULT
    value = row.text.strip().removeprefix(_STYLE_KEY).strip()
    return value if value in CAPITALS else DEFAULT  # a style this build lacks: the default


def set_capitals(session: Session, style: str) -> str:
    """Choose the capitalisation style; returns the one it replaces."""
    check_capitals(style)
    old = get_capitals(session)
    if style == old:
        return old
    row = _style_row(session)
    if style == DEFAULT:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ProofRuleFile(name=STYLE_FILE, text=f"{_STYLE_KEY}{style}\n"))
    else:
        row.text = f"{_STYLE_KEY}{style}\n"
    session.flush()
    record_change(session, action="proofing.capitals", entity="proofing settings",
                  entity_id=style, summary="Capitalisation of ethnic groups: "
                  f"{CAPITALS[style].lower()}")
    return old


def add_rule_file(session: Session, data: RuleFileData) -> None:
    if len(data.text.encode()) > MAX_RULE_TEXT:
        raise InvalidValue(f"“{data.name}” is larger than 1 MB, far larger than any rule "
                           "file.")
    existing = list_rule_files(session)
    if any(r.name.casefold() == data.name.casefold() for r in existing):
        raise InvalidValue(f"The workbook already has a rule file called “{data.name}”.")
    if data.name.casefold() == STYLE_FILE:
        raise InvalidValue(f"“{data.name}” is a name the workbook keeps for its own "
                           "settings; rename the rule file and add it again.")
    gather_rules([*((r.name, r.text) for r in existing), (data.name, data.text)],
                 get_capitals(session))  # checks
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


def gather_rules(files: Sequence[tuple[str, str]], capitals: str = DEFAULT) -> list[Rule]:
    """The shipped rules in capitalisation style `capitals`, with the workbook's rule files
    applied in name order: a rule with a shipped id replaces it, `disable:` switches
    shipped rules off."""
    from app.proofing.rules.loader import load_rules, rules_from_yaml

    rules = {rule.id: rule for rule in load_rules(capitals=capitals)}
    shipped = set(rules) | set(STYLE_RULES.values())  # either style's rule may be disabled
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
    capitals: str = DEFAULT

    def proofer(self, scheme: Scheme | None = None, capitals: str | None = None) -> Proofer:
        """A `Proofer` with these rules and allow-list (and the scheme, if any);
        `capitals` overrides the workbook's style for this proof."""
        from app.proofing.proofing import Proofer
        from app.proofing.rules.engine import RuleSet

        style = capitals or self.capitals
        rule_set = RuleSet(gather_rules(self.rule_files, style)) if self.rule_files else None
        return Proofer(scheme=scheme, allow=self.allow, rule_set=rule_set, capitals=style)


def proof_settings(session: Session) -> ProofSettings:
    return ProofSettings(tuple(list_allowed(session)),
                         tuple((r.name, r.text) for r in list_rule_files(session)),
                         get_capitals(session))
