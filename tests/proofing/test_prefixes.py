"""The prefix finder: every match of a pattern starts with one of its prefixes."""

from __future__ import annotations

import re

import pytest

from app.proofing.rules.loader import load_rules
from app.proofing.rules.prefixes import lower_pattern, prefixes, trie_pattern


@pytest.mark.parametrize(("pattern", "expected"), [
    ("targets?", {"target", "targets"}),
    ("colou?r[- ]blind", {"colour blind", "colour-blind", "color blind", "color-blind"}),
    ("(?:broken down|analysed) by race", {"broken down by race", "analysed by race"}),
    ("(?:(?<=\\bone )|(?<=\\ba ))(?:bme|black) rep", {"bme rep", "black rep"}),
    ("co-?produc\\w*", {"co-produc", "coproduc"}),
    ("\\w+ x", None),
    ("(?:x|\\w)y", None),
    ("(?:do(?:es)?n't|do not) see", {"don't see", "doesn't see", "do not see"}),
])
def test_prefixes(pattern: str, expected: set[str] | None) -> None:
    found = prefixes(pattern)
    assert (set(found) if found is not None else None) == expected


def test_lower_pattern_keeps_escapes() -> None:
    assert lower_pattern(r"BME\S+\W\B[A-Z]") == r"bme\S+\W\B[a-z]"


def test_trie_matches_exactly_the_words() -> None:
    words = {"bme", "bame", "b", "target", "tar", "ethnic people"}
    finder = re.compile(f"(?:{trie_pattern(words)})$")
    for word in words:
        assert finder.match(word)
    for other in ("bm", "targ", "ethnic", "x"):
        assert not finder.match(other)


def test_every_match_of_every_shipped_pattern_starts_with_a_prefix() -> None:
    examples = [e for rule in load_rules() for e in (*rule.flag_examples, *rule.pass_examples)]
    for rule in load_rules():
        for pattern in (*rule.terms, *rule.when, *rule.unless):
            own = pattern if rule.case_sensitive else lower_pattern(pattern)
            starts = prefixes(own)
            if starts is None:
                continue
            compiled = re.compile(rf"(?<!\w)(?:{own})(?!\w)")
            for example in examples:
                text = example if rule.case_sensitive else example.lower()
                for match in compiled.finditer(text):
                    assert any(text.startswith(s, match.start()) for s in starts), (rule.id,
                                                                                    pattern)
