"""Running rules over a document: every term rule in two combined regular expressions.

All existence and substitution patterns are compiled into one alternation per case
setting, each pattern a named group (`m.lastgroup` says which rule and replacement it
is), so a pass over the text costs about the same for 10 rules as for 300. Patterns are
matched as whole words over a "match view" of the text: the same length and offsets, with
no-break spaces, tabs, typographic hyphens and apostrophes made plain, so a pattern need
not spell every variant. Where two patterns could match at the same place, the longer
pattern is tried first.

A hit is not a finding when it is (see `exemptions.py`): inside quotation marks, part of a
cited title or an organisation's name, in a references section, covered by the run's
allow-list, or inside one of the rule's own exception patterns.

Document-level rules (occurrence, absence, co-occurrence) each compile their few patterns
once and anchor their finding on the text that triggered it, or on the title when the
point is that something is missing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.proofing.document import Document, Paragraph
from app.proofing.rules.exemptions import Exemptions
from app.proofing.rules.rule import TERM_KINDS, Finding, Rule, RuleKind, Within

_PLAIN = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\u2009": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2019": "'", "\u2018": "'",
    "\u201c": '"', "\u201d": '"',
})
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def match_view(text: str) -> str:
    """`text` with look-alike characters made plain; same length, same offsets."""
    return text.translate(_PLAIN)


def _whole(pattern: str) -> str:
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def _compile(patterns: Iterable[str], case_sensitive: bool) -> re.Pattern[str] | None:
    patterns = list(patterns)
    if not patterns:
        return None
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("|".join(_whole(p) for p in patterns), flags)


@dataclass(frozen=True)
class _DocumentRule:
    rule: Rule
    patterns: re.Pattern[str]
    when: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    with_: re.Pattern[str] | None
    exceptions: re.Pattern[str] | None


class RuleSet:
    """Rules compiled once, ready to run over any number of documents."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._lookup: dict[str, tuple[Rule, str]] = {}
        self._exceptions: dict[str, re.Pattern[str] | None] = {}
        groups: dict[bool, list[tuple[str, str]]] = {False: [], True: []}
        for rule in self.rules:
            if rule.kind not in TERM_KINDS:
                continue
            self._exceptions[rule.id] = _compile(rule.exceptions, rule.case_sensitive)
            for pattern, replacement in rule.patterns:
                name = f"r{len(self._lookup)}"
                self._lookup[name] = (rule, replacement)
                groups[rule.case_sensitive].append((name, pattern))
        self._term_patterns = []
        for case_sensitive, named in groups.items():
            if named:
                named.sort(key=lambda item: -len(item[1]))  # the longer, likely more specific
                body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in named)
                flags = 0 if case_sensitive else re.IGNORECASE
                self._term_patterns.append(re.compile(_whole(body), flags))
        self._document_rules = [
            _DocumentRule(
                rule,
                patterns=_compile(rule.terms, rule.case_sensitive) or re.compile(r"(?!)"),
                when=_compile(rule.when, rule.case_sensitive),
                unless=_compile(rule.unless, rule.case_sensitive),
                with_=_compile(rule.with_, rule.case_sensitive),
                exceptions=_compile(rule.exceptions, rule.case_sensitive),
            )
            for rule in self.rules if rule.kind not in TERM_KINDS
        ]

    def __len__(self) -> int:
        return len(self.rules)

    def only(self, rule_id: str) -> RuleSet:
        """The same set cut down to one rule (a rule's examples are run this way)."""
        return RuleSet([rule for rule in self.rules if rule.id == rule_id])

    # ------------------------------------------------------------------ running

    def proof(self, document: Document, allow: Sequence[str] = ()) -> list[Finding]:
        """Every finding in `document`, in text order; `allow` lists terms to leave alone
        (organisation names such as "BME Network")."""
        if not document.paragraphs:
            return []
        run = _Run(document, Exemptions(document, allow))
        for pattern in self._term_patterns:
            for match in pattern.finditer(run.view):
                name = match.lastgroup
                assert name is not None
                rule, replacement = self._lookup[name]
                run.term(rule, replacement, match.start(name), match.end(name),
                         self._exceptions[rule.id])
        for compiled in self._document_rules:
            run.document_rule(compiled)
        run.findings.sort(key=lambda f: (f.start, -f.severity.rank, f.rule_id))
        return run.findings


class _Run:
    """One document being proofed: the text, its match view and the findings so far."""

    def __init__(self, document: Document, exemptions: Exemptions) -> None:
        self.document = document
        self.view = match_view(document.text)
        self.exemptions = exemptions
        self.findings: list[Finding] = []
        self._starts = [p.start for p in document.paragraphs]

    def paragraph(self, offset: int) -> Paragraph:
        return self.document.paragraphs[max(bisect.bisect_right(self._starts, offset) - 1, 0)]

    def exempt(self, rule: Rule, start: int, end: int, paragraph: Paragraph,
               exceptions: re.Pattern[str] | None) -> bool:
        if end > paragraph.end:  # a pattern with \s+ ran on into the next paragraph
            return True
        if rule.scope is not None and str(paragraph.kind) not in rule.scope:
            return True
        if exceptions is not None and _inside_exception(self.view, paragraph, start, end,
                                                        exceptions):
            return True
        return self.exemptions.covers(start, end, paragraph)

    def term(self, rule: Rule, replacement: str, start: int, end: int,
             exceptions: re.Pattern[str] | None) -> None:
        paragraph = self.paragraph(start)
        if self.exempt(rule, start, end, paragraph, exceptions):
            return
        self.add(rule, start, end, paragraph, replacement or rule.suggestion)

    def add(self, rule: Rule, start: int, end: int, paragraph: Paragraph, suggestion: str,
            *, document_level: bool = False) -> None:
        excerpt = self.document.text[start:end]
        message = rule.message.replace("{match}", excerpt).replace("{suggestion}", suggestion)
        self.findings.append(Finding(
            rule.id, rule.severity, message, suggestion, rule.source, start, end,
            paragraph.index, excerpt, paragraph.heading_path, document_level, rule.rationale))

    # ------------------------------------------------------------ document-level

    def hits(self, compiled: _DocumentRule, pattern: re.Pattern[str]) -> Iterable[re.Match[str]]:
        """The pattern's matches that are not exempt and are in the rule's scope."""
        for match in pattern.finditer(self.view):
            paragraph = self.paragraph(match.start())
            if not self.exempt(compiled.rule, match.start(), match.end(), paragraph,
                               compiled.exceptions):
                yield match

    def first_hit(self, compiled: _DocumentRule, pattern: re.Pattern[str]) -> Any:
        return next(iter(self.hits(compiled, pattern)), None)

    def at_title(self, rule: Rule) -> None:
        paragraph = self.document.paragraphs[0]
        self.add(rule, paragraph.start, paragraph.end, paragraph, rule.suggestion,
                 document_level=True)

    def at_match(self, rule: Rule, match: re.Match[str]) -> None:
        self.add(rule, match.start(), match.end(), self.paragraph(match.start()),
                 rule.suggestion, document_level=True)

    def document_rule(self, compiled: _DocumentRule) -> None:
        rule = compiled.rule
        if rule.kind is RuleKind.ABSENCE:
            trigger = None
            if compiled.when is not None:
                trigger = self.first_hit(compiled, compiled.when)
                if trigger is None:
                    return  # nothing the rule is about (say, no targets at all)
            if compiled.patterns.search(self.view):
                return
            if trigger is not None:
                self.at_match(rule, trigger)
            else:
                self.at_title(rule)
        elif rule.kind is RuleKind.OCCURRENCE:
            if compiled.unless is not None and compiled.unless.search(self.view):
                return
            hit = self.first_hit(compiled, compiled.patterns)
            if hit is not None:
                self.at_match(rule, hit)
        elif rule.kind is RuleKind.COOCCURRENCE:
            self.cooccurrence(compiled)

    def cooccurrence(self, compiled: _DocumentRule) -> None:
        rule = compiled.rule
        assert compiled.with_ is not None
        together: list[re.Match[str]] = []
        apart = 0
        flagged_paragraphs: set[int] = set()
        for match in self.hits(compiled, compiled.patterns):
            paragraph = self.paragraph(match.start())
            context = self.context(rule.within, paragraph, match.start())
            if compiled.with_.search(context):
                together.append(match)
            else:
                apart += 1
        if rule.only:
            if together and not apart:
                self.at_match(rule, together[0])
            return
        for match in together:
            paragraph = self.paragraph(match.start())
            if paragraph.index not in flagged_paragraphs:
                flagged_paragraphs.add(paragraph.index)
                self.at_match(rule, match)

    def context(self, within: Within, paragraph: Paragraph, offset: int) -> str:
        if within is Within.HEADING:
            own = [paragraph.text] if paragraph.is_heading else []
            return match_view("\n".join([*paragraph.heading_path, *own]))
        text = self.view[paragraph.start:paragraph.end]
        if within is Within.PARAGRAPH:
            return text
        local = offset - paragraph.start
        begin = 0
        for end in _SENTENCE_END.finditer(text):
            if end.end() >= local:
                return text[begin:end.end()]
            begin = end.end()
        return text[begin:]


def _inside_exception(view: str, paragraph: Paragraph, start: int, end: int,
                      exceptions: re.Pattern[str]) -> bool:
    for match in exceptions.finditer(view, paragraph.start, paragraph.end):
        if match.start() <= start and end <= match.end():
            return True
    return False


def proof(document: Document, rules: RuleSet, allow: Sequence[str] = ()) -> list[Finding]:
    return rules.proof(document, allow)
