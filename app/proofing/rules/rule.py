"""A proofing rule and a finding, as plain frozen data (what the engine and callers use).

Rule files are YAML (see `model.py` for the fields and their checks, `loader.py` for
reading them); each rule becomes a `Rule`. Running rules over a `Document` gives
`Finding`s, each pointing at an exact span of `Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class RuleKind(StrEnum):
    EXISTENCE = "existence"  # a term that should not be used
    SUBSTITUTION = "substitution"  # a term, and the wording to use instead
    OCCURRENCE = "occurrence"  # the document does something (unless it also does another)
    ABSENCE = "absence"  # the document never does something it should
    COOCCURRENCE = "cooccurrence"  # a topic appears only alongside something else


class Within(StrEnum):
    """Where a co-occurrence rule looks for its `with` patterns around the topic."""

    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    HEADING = "heading"  # the headings above the paragraph (its section)


TERM_KINDS = frozenset({RuleKind.EXISTENCE, RuleKind.SUBSTITUTION})


@dataclass(frozen=True)
class Citation:
    citation: str
    link: str = ""

    def text(self) -> str:
        return f"{self.citation} ({self.link})" if self.link else self.citation


@dataclass(frozen=True)
class Rule:
    id: str
    kind: RuleKind
    message: str  # may use {match} (the text found) and {suggestion}
    severity: Severity
    source: Citation
    # Term rules: each pattern with its suggested replacement ("" for existence rules).
    # Document rules: the patterns they look for (see `RuleKind`).
    patterns: tuple[tuple[str, str], ...]
    rationale: str = ""
    suggestion: str = ""  # the general advice when a pattern has no replacement of its own
    scope: frozenset[str] | None = None  # paragraph kinds it applies to; None: all
    exceptions: tuple[str, ...] = ()  # patterns: a hit inside one of these is not a finding
    when: tuple[str, ...] = ()  # absence: only if one of these occurs
    unless: tuple[str, ...] = ()  # occurrence: not if one of these occurs anywhere
    with_: tuple[str, ...] = ()  # co-occurrence: the company the topic keeps
    within: Within = Within.PARAGRAPH
    only: bool = False  # co-occurrence: flag only if the topic never appears elsewhere
    case_sensitive: bool = False
    flag_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()
    origin: str = ""  # the file it came from, for messages

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(pattern for pattern, _ in self.patterns)


@dataclass(frozen=True)
class Finding:
    """One thing to look at: a rule's verdict on an exact span of the document's text."""

    rule_id: str
    severity: Severity
    message: str
    suggestion: str
    source: Citation
    start: int  # span in Document.text
    end: int
    paragraph: int  # Paragraph.index
    excerpt: str  # Document.text[start:end]
    heading_path: tuple[str, ...] = ()
    document_level: bool = False  # about the whole draft; the span is where it shows
    rationale: str = field(default="", compare=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule_id, "severity": str(self.severity), "message": self.message,
            "suggestion": self.suggestion, "source": self.source.citation,
            "link": self.source.link, "start": self.start, "end": self.end,
            "paragraph": self.paragraph, "excerpt": self.excerpt,
            "heading_path": list(self.heading_path), "document_level": self.document_level,
        }
