"""The rule file format, checked with pydantic: every problem names the file and the rule.

A rule file is YAML:

    rules:
      - id: hard-to-reach            # lower case, digits and hyphens
        kind: substitution           # existence | substitution | occurrence | absence
                                     # | cooccurrence
        patterns:                    # regular expressions, matched as whole words,
          hard[- ]to[- ]reach: "seldom heard"  # case-insensitive unless case_sensitive
        message: "…{match}…"         # {match}: the words found; {suggestion}
        rationale: "why it matters"
        source: {citation: "…", link: "https://…"}
        severity: warning            # info | warning | error
        suggestion: "general advice"
        scope: [paragraph, list-item]  # paragraph kinds; leave out for all
        exceptions: ["…"]            # patterns: a hit inside one is not a finding
        examples: {flag: ["…"], pass: ["…"]}
    disable: [some-rule-id]          # user files: switch shipped rules off

Document-level kinds add `when` (absence: only if one of these occurs), `unless`
(occurrence: not if one of these occurs anywhere), and for co-occurrence `with`, `within`
(sentence | paragraph | heading) and `only`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from app.proofing.document import Kind
from app.proofing.errors import RulesInvalid
from app.proofing.rules.rule import (
    TERM_KINDS,
    Citation,
    Rule,
    RuleKind,
    Severity,
    Within,
)

Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4_000)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1_000)]
Pattern = Annotated[str, StringConstraints(min_length=1, max_length=500)]
_FORBIDDEN = re.compile(r"\(\?P?<\w|\(\?P=|\\[1-9]|\(\?[aiLmsux]+\)|\(\?\#")


class _Strict(BaseModel):
    # A misspelt field ("sevrity") is refused, never silently dropped.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SourceSpec(_Strict):
    citation: Line
    link: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""


class Examples(_Strict):
    flag: Annotated[list[Text], Field(max_length=50)] = []
    pass_: Annotated[list[Text], Field(max_length=50, alias="pass")] = []


class RuleSpec(_Strict):
    id: Id
    kind: RuleKind
    patterns: Annotated[list[Pattern], Field(min_length=1, max_length=300)] | Annotated[
        dict[Pattern, Text], Field(min_length=1, max_length=300)]
    message: Line
    rationale: Text = ""
    source: SourceSpec
    severity: Severity = Severity.WARNING
    suggestion: Text = ""
    scope: list[Kind] | None = None
    exceptions: Annotated[list[Pattern], Field(max_length=100)] = []
    when: Annotated[list[Pattern], Field(max_length=100)] = []
    unless: Annotated[list[Pattern], Field(max_length=100)] = []
    with_: Annotated[list[Pattern], Field(max_length=100, alias="with")] = []
    within: Within = Within.PARAGRAPH
    only: bool = False
    case_sensitive: bool = False
    examples: Examples = Examples()


class RuleFileSpec(_Strict):
    rules: Annotated[list[RuleSpec], Field(max_length=2_000)] = []
    disable: Annotated[list[Id], Field(max_length=2_000)] = []
    version: Literal[1] = 1


def validate_rule_file(data: Any, name: str) -> tuple[list[Rule], list[str]]:
    """The rules and the ids to disable in one parsed file; or `RulesInvalid` naming
    the file and the rule of every problem."""
    try:
        spec = RuleFileSpec.model_validate(data)
    except ValidationError as error:
        raise RulesInvalid(_describe(error, data, name)) from None
    problems: list[str] = []
    rules: list[Rule] = []
    seen: set[str] = set()
    for rule in spec.rules:
        where = f"“{name}”, rule “{rule.id}”"
        if rule.id in seen:
            problems.append(f"{where}: the id is used twice in the file")
        seen.add(rule.id)
        problems.extend(f"{where}: {p}" for p in _rule_problems(rule))
        rules.append(_as_rule(rule, name))
    if problems:
        raise RulesInvalid(_sentence(problems))
    return rules, list(spec.disable)


def _rule_problems(rule: RuleSpec) -> list[str]:
    problems = []
    is_map = isinstance(rule.patterns, dict)
    if rule.kind is RuleKind.SUBSTITUTION and not is_map:
        problems.append("a substitution rule's patterns must map each pattern to its "
                        "replacement (pattern: replacement)")
    if rule.kind is not RuleKind.SUBSTITUTION and is_map:
        problems.append(f"an {rule.kind} rule's patterns are a list, not pattern: replacement")
    if rule.kind is RuleKind.COOCCURRENCE and not rule.with_:
        problems.append("a co-occurrence rule needs `with` patterns")
    if rule.kind is not RuleKind.COOCCURRENCE and (rule.with_ or rule.only):
        problems.append("only a co-occurrence rule takes `with` and `only`")
    if rule.when and rule.kind is not RuleKind.ABSENCE:
        problems.append("only an absence rule takes `when`")
    if rule.unless and rule.kind is not RuleKind.OCCURRENCE:
        problems.append("only an occurrence rule takes `unless`")
    if rule.kind in TERM_KINDS and not rule.examples.flag:
        problems.append("give at least one example under examples: flag")
    for field_name, values in (("patterns", list(rule.patterns)), ("exceptions", rule.exceptions),
                               ("when", rule.when), ("unless", rule.unless),
                               ("with", rule.with_)):
        for value in values:
            problem = pattern_problem(value)
            if problem:
                problems.append(f"{field_name} “{value}” {problem}")
    return problems


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot take part in a combined expression, or None."""
    if _FORBIDDEN.search(pattern):
        return ("uses named groups, back-references, comments or flags, which rule "
                "patterns may not")
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return f"is not a valid pattern ({error.msg})"
    if compiled.match(""):
        return "matches empty text"
    return None


def _as_rule(spec: RuleSpec, name: str) -> Rule:
    if isinstance(spec.patterns, dict):
        patterns = tuple(spec.patterns.items())
    else:
        patterns = tuple((p, "") for p in spec.patterns)
    return Rule(
        id=spec.id, kind=spec.kind, message=spec.message, severity=spec.severity,
        source=Citation(spec.source.citation, spec.source.link), patterns=patterns,
        rationale=spec.rationale, suggestion=spec.suggestion,
        scope=frozenset(str(k) for k in spec.scope) if spec.scope else None,
        exceptions=tuple(spec.exceptions), when=tuple(spec.when), unless=tuple(spec.unless),
        with_=tuple(spec.with_), within=spec.within, only=spec.only,
        case_sensitive=spec.case_sensitive, flag_examples=tuple(spec.examples.flag),
        pass_examples=tuple(spec.examples.pass_), origin=name,
    )


def _describe(error: ValidationError, data: Any, name: str) -> str:
    problems = []
    for item in error.errors()[:10]:
        location = list(item["loc"])
        where = f"“{name}”"
        if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):
            index = location[1]
            rule_id = _rule_id(data, index)
            where += f", rule “{rule_id}”" if rule_id else f", rule {index + 1}"
            location = location[2:]
        field_name = ".".join(str(part) for part in location if not str(part).startswith(
            ("list[", "dict[", "function-")))
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "is not a field rules have (check the spelling)"
        elif item["type"] == "missing":
            message = "is missing"
        problems.append(f"{where}: {field_name or 'the file'} {message}".rstrip())
    return _sentence(problems)


def _rule_id(data: Any, index: int) -> str | None:
    try:
        value = data["rules"][index]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return str(value) if value is not None else None


def _sentence(problems: list[str]) -> str:
    shown = problems[:10]
    more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
    return "The rules were not loaded: " + "; ".join(shown) + more + "."
