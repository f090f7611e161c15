"""Running rules over a document: every pattern of every rule found in one pass.

Each rule pattern becomes a *slot*. The slots' possible leading letters, in lower case, go
into one trie-shaped expression (see `prefixes.py`), which finds, in a single fast scan of
the lower-cased text, every word start where some pattern could match; only there are the
slots' own patterns tried (a case-sensitive one on the text as written). So the cost of a
pass grows with the matches, not with the number of rules. Case-insensitive patterns are
matched in lower case against the lower-cased copy. Both copies are a "match view": the
same length and offsets as the text, with no-break spaces, tabs, typographic hyphens and
apostrophes made plain, so a pattern need not spell every variant. Where term patterns
overlap, the one starting first wins, and at the same start the longer match.

A hit is not a finding when it is (see `exemptions.py`): inside quotation marks, part of a
cited title or an organisation's name, in a references section, covered by the run's
allow-list, or inside one of the rule's own exception patterns.

Document-level rules (occurrence, absence, co-occurrence) use the same hits and anchor
their finding on the text that triggered it, or on the title when the point is that
something is missing.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from app.proofing.document import Document, Paragraph
from app.proofing.rules.exemptions import Exemptions
from app.proofing.rules.prefixes import lower_pattern, prefixes, trie_pattern
from app.proofing.rules.rule import TERM_KINDS, Finding, Rule, RuleKind, Within

# Look-alikes made plain for matching: (character, replacement), one for one.
_PLAIN = (("\u00a0", " "), ("\u2007", " "), ("\u202f", " "), ("\t", " "), ("\u2009", " "),
          ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"),
          ("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'))
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
TERM = "term"
PREFIX_CHARS = 8


def match_view(text: str) -> str:
    """`text` with look-alike characters made plain; same length, same offsets."""
    for char, plain in _PLAIN:  # str.replace runs in C; translate with a table does not
        if char in text:
            text = text.replace(char, plain)
    return text


def lower_view(view: str) -> str:
    """The match view in lower case, keeping every offset (a letter whose lower case is
    longer, such as “İ”, is left as it is)."""
    lowered = view.lower()
    if len(lowered) == len(view):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in view)


def _whole(pattern: str) -> str:
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def _own_case(pattern: str, case_sensitive: bool) -> str:
    return pattern if case_sensitive else lower_pattern(pattern)


def _compile(patterns: Iterable[str], case_sensitive: bool) -> re.Pattern[str] | None:
    """For searching a small context (a sentence, a paragraph) in its own case view."""
    patterns = [_own_case(p, case_sensitive) for p in patterns]
    return re.compile("|".join(_whole(p) for p in patterns)) if patterns else None


class _Lazy:
    """Each rule's extra patterns (exceptions, `with`), compiled when first asked for."""

    def __init__(self, patterns: dict[str, tuple[tuple[str, ...], bool]]) -> None:
        self._patterns = patterns
        self._compiled: dict[str, re.Pattern[str] | None] = {}

    def get(self, rule_id: str) -> re.Pattern[str] | None:
        if rule_id not in self._compiled:
            patterns, case_sensitive = self._patterns.get(rule_id, ((), False))
            self._compiled[rule_id] = _compile(patterns, case_sensitive)
        return self._compiled[rule_id]


class _Slot:
    """One pattern of one rule, in one role (a term, or a document rule's trigger)."""

    __slots__ = ("_regex", "case_sensitive", "pattern", "replacement", "role", "rule")

    def __init__(self, rule: Rule, role: str, replacement: str, pattern: str) -> None:
        self.rule = rule
        self.case_sensitive = rule.case_sensitive
        self.role = role  # TERM, "patterns", "when", "unless"
        self.replacement = replacement
        self.pattern = pattern  # as written, in lower case unless the rule is case-sensitive
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        # Compiled on first use: most patterns never meet their prefix in a given draft.
        if self._regex is None:
            self._regex = re.compile(f"(?:{self.pattern})(?!\\w)")
        return self._regex


class _Scanner:
    """All slots: a trie of their prefixes (in lower case), and the rest.

    One pass over the lower-cased text finds every candidate; a case-sensitive pattern is
    then tried on the text as written at the same offset (the two have the same offsets).
    """

    def __init__(self, slots: list[_Slot], known: dict[str, list[str] | None]) -> None:
        self.by_prefix: dict[str, list[_Slot]] = defaultdict(list)
        self.plain: list[_Slot] = []
        for slot in slots:
            if slot.pattern in known:
                listed = known[slot.pattern]
                starts = frozenset(listed) if listed is not None else None
            else:
                starts = prefixes(slot.pattern)
            keys = {s[:PREFIX_CHARS].rstrip(" -'./").lower() for s in starts or ()}
            if starts is None or any(len(k) == 0 for k in keys):
                self.plain.append(slot)
                continue
            # A few letters narrow the candidates enough; longer keys only make the finder
            # slower to compile (measured: 8 is the sweet spot on the shipped set).
            for key in keys:
                self.by_prefix[key].append(slot)
        # The look-behind makes the engine give up at once inside words (measured faster
        # than letting it start the trie at every letter).
        self.finder = (re.compile(r"(?<!\w)" + trie_pattern(set(self.by_prefix)))
                       if self.by_prefix else None)

    def hits(self, view: str, low: str) -> Iterable[tuple[_Slot, int, int]]:
        if self.finder is not None:
            by_prefix = self.by_prefix
            for found in self.finder.finditer(low):
                position = found.start()
                word = found.group()
                for length in range(1, len(word) + 1):
                    for slot in by_prefix.get(word[:length], ()):
                        text = view if slot.case_sensitive else low
                        match = slot.regex.match(text, position)
                        if match is not None:
                            yield slot, position, match.end()
        for slot in self.plain:
            pattern = re.compile(r"(?<!\w)" + slot.regex.pattern)
            for match in pattern.finditer(view if slot.case_sensitive else low):
                yield slot, match.start(), match.end()


class RuleSet:
    """Rules compiled once, ready to run over any number of documents."""

    def __init__(self, rules: Sequence[Rule],
                 known_prefixes: dict[str, list[str] | None] | None = None) -> None:
        """`known_prefixes` (pattern → its prefixes, from the rule cache) saves parsing."""
        self.rules = tuple(rules)
        slots: list[_Slot] = []
        self._exceptions = _Lazy({r.id: (r.exceptions, r.case_sensitive) for r in self.rules})
        self._with = _Lazy({r.id: (r.with_, r.case_sensitive) for r in self.rules})
        for rule in self.rules:
            roles: list[tuple[str, str, str]]
            if rule.kind in TERM_KINDS:
                roles = [(TERM, pattern, replacement) for pattern, replacement in rule.patterns]
            else:
                roles = [("patterns", p, "") for p in rule.terms]
                roles += [("when", p, "") for p in rule.when]
                roles += [("unless", p, "") for p in rule.unless]
            for role, pattern, replacement in roles:
                own = _own_case(pattern, rule.case_sensitive)
                slots.append(_Slot(rule, role, replacement, own))
        self._scanner = _Scanner(slots, known_prefixes or {})

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def scanners(self) -> int:
        """How many passes over the text a document costs, however many rules there are."""
        return 1 if self._scanner.finder is not None else 0

    def only(self, rule_id: str) -> RuleSet:
        """The same set cut down to one rule (a rule's examples are run this way)."""
        return RuleSet([rule for rule in self.rules if rule.id == rule_id])

    @staticmethod
    def pattern_prefixes(rules: Sequence[Rule]) -> dict[str, list[str] | None]:
        """Every slot pattern's prefixes, for the rule cache to keep."""
        table: dict[str, list[str] | None] = {}
        for rule in rules:
            for pattern in (*rule.terms, *rule.when, *rule.unless):
                own = _own_case(pattern, rule.case_sensitive)
                found = prefixes(own)
                table[own] = sorted(found) if found is not None else None
        return table

    # ------------------------------------------------------------------ running

    def proof(self, document: Document, allow: Sequence[str] = ()) -> list[Finding]:
        """Every finding in `document`, in text order; `allow` lists terms to leave alone
        (organisation names such as "BME Network")."""
        if not document.paragraphs:
            return []
        run = _Run(document, Exemptions(document, allow), self._exceptions, self._with)
        terms: list[tuple[int, int, _Slot]] = []
        others: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for slot, start, end in self._scanner.hits(run.view, run.low):
            if slot.role == TERM:
                terms.append((start, end, slot))
            else:
                others[(slot.rule.id, slot.role)].append((start, end))
        terms.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        reached = 0
        for start, end, slot in terms:
            if start >= reached and run.term(slot.rule, slot.replacement, start, end):
                reached = end
        for rule in self.rules:
            if rule.kind not in TERM_KINDS:
                hits = {role: sorted(others.get((rule.id, role), ()))
                        for role in ("patterns", "when", "unless")}
                run.document_rule(rule, hits)
        run.findings.sort(key=lambda f: (f.start, -f.severity.rank, f.rule_id))
        return run.findings


class _Run:
    """One document being proofed: the text, its match views and the findings so far."""

    def __init__(self, document: Document, exemptions: Exemptions,
                 exceptions: _Lazy, with_: _Lazy) -> None:
        self.document = document
        self.view = match_view(document.text)
        self.low = lower_view(self.view)
        self.exemptions = exemptions
        self.exceptions = exceptions
        self.with_ = with_
        self.findings: list[Finding] = []
        self._starts = [p.start for p in document.paragraphs]

    def paragraph(self, offset: int) -> Paragraph:
        return self.document.paragraphs[max(bisect.bisect_right(self._starts, offset) - 1, 0)]

    def own_case(self, rule: Rule) -> str:
        return self.view if rule.case_sensitive else self.low

    def exempt(self, rule: Rule, start: int, end: int, paragraph: Paragraph) -> bool:
        if end > paragraph.end:  # a pattern with \s+ ran on into the next paragraph
            return True
        if rule.scope is not None and str(paragraph.kind) not in rule.scope:
            return True
        exceptions = self.exceptions.get(rule.id)
        if exceptions is not None and _inside_exception(self.own_case(rule), paragraph, start,
                                                        end, exceptions):
            return True
        return self.exemptions.covers(start, end, paragraph)

    def term(self, rule: Rule, replacement: str, start: int, end: int) -> bool:
        """Record a term hit as a finding unless it is exempt; True if it was."""
        paragraph = self.paragraph(start)
        if self.exempt(rule, start, end, paragraph):
            return False
        self.add(rule, start, end, paragraph, replacement or rule.suggestion)
        return True

    def add(self, rule: Rule, start: int, end: int, paragraph: Paragraph, suggestion: str,
            *, document_level: bool = False) -> None:
        excerpt = self.document.text[start:end]
        message = rule.message.replace("{match}", excerpt).replace("{suggestion}", suggestion)
        self.findings.append(Finding(
            rule.id, rule.severity, message, suggestion, rule.source, start, end,
            paragraph.index, excerpt, paragraph.heading_path, document_level, rule.rationale))

    # ------------------------------------------------------------ document-level

    def live(self, rule: Rule, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The hits that are not exempt and are in the rule's scope."""
        return [(start, end) for start, end in hits
                if not self.exempt(rule, start, end, self.paragraph(start))]

    def at(self, rule: Rule, start: int, end: int) -> None:
        self.add(rule, start, end, self.paragraph(start), rule.suggestion, document_level=True)

    def document_rule(self, rule: Rule, hits: dict[str, list[tuple[int, int]]]) -> None:
        if rule.kind is RuleKind.ABSENCE:
            trigger = None
            if rule.when:
                triggers = self.live(rule, hits["when"])
                if not triggers:
                    return  # nothing the rule is about (say, no targets at all)
                trigger = triggers[0]
            if hits["patterns"]:
                return
            if trigger is not None:
                self.at(rule, *trigger)
            else:
                title = self.document.paragraphs[0]
                self.at(rule, title.start, title.end)
        elif rule.kind is RuleKind.OCCURRENCE:
            if hits["unless"]:
                return
            found = self.live(rule, hits["patterns"])
            if found:
                self.at(rule, *found[0])
        elif rule.kind is RuleKind.COOCCURRENCE:
            self.cooccurrence(rule, self.live(rule, hits["patterns"]))

    def cooccurrence(self, rule: Rule, topics: list[tuple[int, int]]) -> None:
        company = self.with_.get(rule.id)
        assert company is not None
        together: list[tuple[int, int]] = []
        apart = 0
        for start, end in topics:
            context = self.context(rule, self.paragraph(start), start)
            if company.search(context):
                together.append((start, end))
            else:
                apart += 1
        if rule.only:
            if together and not apart:
                self.at(rule, *together[0])
            return
        flagged: set[int] = set()
        for start, end in together:
            index = self.paragraph(start).index
            if index not in flagged:
                flagged.add(index)
                self.at(rule, start, end)

    def context(self, rule: Rule, paragraph: Paragraph, offset: int) -> str:
        text = self.own_case(rule)
        if rule.within is Within.HEADING:
            own = [paragraph.text] if paragraph.is_heading else []
            joined = match_view("\n".join([*paragraph.heading_path, *own]))
            return joined if rule.case_sensitive else lower_view(joined)
        text = text[paragraph.start:paragraph.end]
        if rule.within is Within.PARAGRAPH:
            return text
        local = offset - paragraph.start
        begin = 0
        for end in _SENTENCE_END.finditer(text):
            if end.end() >= local:
                return text[begin:end.end()]
            begin = end.end()
        return text[begin:]


def _inside_exception(text: str, paragraph: Paragraph, start: int, end: int,
                      exceptions: re.Pattern[str]) -> bool:
    for match in exceptions.finditer(text, paragraph.start, paragraph.end):
        if match.start() <= start and end <= match.end():
            return True
    return False


def proof(document: Document, rules: RuleSet, allow: Sequence[str] = ()) -> list[Finding]:
    return rules.proof(document, allow)
