"""Proofing a draft end to end: read it, run every rule, measure scheme coverage.

`Proofer` holds what is shared between drafts (the compiled rules, the scheme, the
allow-list), so a batch compiles rules once. Qt-free and store-free: the CLI uses it as it
is, and the workbook records will keep what it returns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.proofing.coverage import Coverage, coverage
from app.proofing.document import Document
from app.proofing.errors import DraftRefused
from app.proofing.readers import read_draft
from app.proofing.readers.package import ODF_SUFFIXES, TEXT_SUFFIXES, WORD_SUFFIXES
from app.proofing.rules.engine import RuleSet
from app.proofing.rules.loader import load_rule_set
from app.proofing.rules.rule import Finding, Severity
from app.proofing.rules.styles import DEFAULT
from app.proofing.scheme import Scheme, with_general_duty

DRAFT_SUFFIXES = frozenset({*WORD_SUFFIXES, *ODF_SUFFIXES, *TEXT_SUFFIXES})


@dataclass(frozen=True)
class ProofResult:
    document: Document
    findings: tuple[Finding, ...]
    coverage: Coverage

    def at_least(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity.rank >= severity.rank]


class Proofer:
    def __init__(self, *, rules_dir: Path | str | None = None, scheme: Scheme | None = None,
                 allow: Sequence[str] = (), rule_set: RuleSet | None = None,
                 capitals: str = DEFAULT) -> None:
        # `rule_set`: rules already gathered (a workbook's own rules on top of the shipped).
        # `capitals`: the capitalisation style for ethnic groups (`rules/styles.py`).
        self.rules = rule_set if rule_set is not None else load_rule_set(rules_dir,
                                                                         capitals=capitals)
        self.scheme = with_general_duty(scheme or Scheme("General equality duty"))
        self.allow = tuple(allow)

    def proof(self, document: Document) -> ProofResult:
        findings = self.rules.proof(document, self.allow)
        return ProofResult(document, tuple(findings), coverage(document, self.scheme))

    def proof_file(self, path: Path | str) -> ProofResult:
        return self.proof(read_draft(path))


def expand_drafts(paths: Sequence[Path | str]) -> Iterator[Path]:
    """The files named, with each folder replaced by the drafts inside it (sorted, nested
    folders included, hidden files and Word's "~$" lock files left out)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DRAFT_SUFFIXES
                and not p.name.startswith((".", "~$"))
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise DraftRefused(f"The folder {path} holds no drafts (.docx, .odt, .txt "
                                   "or .md files).")
            yield from found
        else:
            yield path
