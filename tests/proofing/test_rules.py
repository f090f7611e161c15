"""The rule engine and the shipped rules: examples, exact offsets, exemptions, user rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import UserError
from app.proofing.readers import read_draft_bytes
from app.proofing.rules.engine import RuleSet
from app.proofing.rules.loader import load_rules, rules_from_yaml, shipped_rules_dir
from app.proofing.rules.rule import RuleKind

SHIPPED = load_rules(use_cache=False)  # at import: no cache folder is set up yet
RULES = RuleSet(SHIPPED)
# A capitalisation style's own rules are loaded only in that style; their examples run too.
LOWER_COLOUR = load_rules(use_cache=False, capitals="lower-colour")
STYLE_ONLY = [rule for rule in LOWER_COLOUR if rule.id not in {r.id for r in SHIPPED}]
EVERY_RULE = RuleSet([*SHIPPED, *STYLE_ONLY])


def doc(text: str):
    return read_draft_bytes(text.encode("utf-8"), "example.txt")


def _examples(which: str) -> list[tuple[str, str]]:
    return [(rule.id, example) for rule in [*SHIPPED, *STYLE_ONLY]
            for example in (rule.flag_examples if which == "flag" else rule.pass_examples)]


@pytest.mark.parametrize(("rule_id", "example"), _examples("flag"))
def test_each_rule_flags_its_examples(rule_id: str, example: str) -> None:
    findings = EVERY_RULE.only(rule_id).proof(doc(example))
    assert [f.rule_id for f in findings] and {f.rule_id for f in findings} == {rule_id}


@pytest.mark.parametrize(("rule_id", "example"), _examples("pass"))
def test_each_rule_passes_its_examples(rule_id: str, example: str) -> None:
    assert EVERY_RULE.only(rule_id).proof(doc(example)) == []


def test_every_rule_cites_a_source_and_has_examples() -> None:
    assert len(SHIPPED) >= 20
    for rule in [*SHIPPED, *STYLE_ONLY]:
        assert rule.source.citation, rule.id
        assert rule.flag_examples and rule.pass_examples, rule.id
        assert rule.message and rule.rationale, rule.id


RACE_EQUALITY_PARAGRAPH = (
    "Race equality is owned by the board. Black Caribbean and Black African residents, "
    "Pakistani and Bangladeshi families, and people from other ethnic minority groups, "
    "including White minorities such as Gypsy, Roma and Irish Traveller communities, are "
    "under-represented among library members. Unemployment in the Black ethnic group is "
    "twice that in the White British group. We set targets for each ethnic group, monitor "
    "take-up by ethnicity every quarter, and publish ethnicity data in line with our race "
    "equality scheme and the Public Sector Equality Duty. We consulted Somali, Kurdish and "
    "Chinese community organisations directly, and the minority ethnic staff network "
    "reviewed the plan. A Black-led housing association and the Mixed ethnic group panel "
    "advised on lettings; minority languages will be offered."
)


def test_a_race_equality_document_does_not_drown_in_false_positives() -> None:
    assert RULES.proof(doc(RACE_EQUALITY_PARAGRAPH)) == []


CAPITALS_PARAGRAPH = (
    "White pupils did well. Outcomes for White British and black Caribbean pupils differ, "
    "and asian households were surveyed. The council's white paper and Black History "
    "Month events at White City were planned.")


def test_the_capitalisation_style_chooses_one_rule_of_the_pair() -> None:
    from app.proofing.rules.styles import CAPITALS, STYLE_RULES

    assert {s.id for s in STYLE_ONLY} == {STYLE_RULES["lower-colour"]}
    text = "Plan\n\n" + CAPITALS_PARAGRAPH
    found = {}
    for style in CAPITALS:
        rules = load_rules(use_cache=False, capitals=style)
        ids = {rule.id for rule in rules}
        assert STYLE_RULES[style] in ids
        assert not (set(STYLE_RULES.values()) - {STYLE_RULES[style]}) & ids
        found[style] = [(f.excerpt, f.suggestion) for f in
                        RuleSet(rules).only(STYLE_RULES[style]).proof(doc(text))]
    assert found["ons"] == [("black", "Black"), ("asian", "Asian")]
    assert found["lower-colour"] == [("White", "white")]  # not at the sentence's start


def test_a_user_may_disable_either_rule_of_the_pair_in_any_style(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text("disable: [ethnic-group-capitals, "
                                         "colour-terms-lower-case]\n", encoding="utf-8")
    for style in ("ons", "lower-colour"):
        ids = {rule.id for rule in load_rules(tmp_path, use_cache=False, capitals=style)}
        assert not {"ethnic-group-capitals", "colour-terms-lower-case"} & ids
    with pytest.raises(UserError, match="not a capitalisation style"):
        load_rules(capitals="shouty")


def test_every_finding_span_maps_back_to_its_text() -> None:
    text = ("Draft plan\n\nWe will reach BAME and hard-to-reach groups.\n\n"
            "Coloured people and mixed-race pupils; Gypsy/Roma sites.\n\n"
            "Our target is 300 homes. We will monitor progress.")
    document = doc(text)
    findings = RULES.proof(document)
    assert {f.rule_id for f in findings} >= {
        "bame-bme", "hard-to-reach", "coloured", "mixed-race", "slashed-groups",
        "targets-without-ethnic-breakdown", "no-ethnic-monitoring", "no-reference-to-duty",
        "no-consultation-with-ethnic-minorities"}
    for finding in findings:
        assert document.text[finding.start:finding.end] == finding.excerpt
        paragraph = document.paragraphs[finding.paragraph]
        assert paragraph.start <= finding.start and finding.end <= paragraph.end
    bame = next(f for f in findings if f.rule_id == "bame-bme")
    assert bame.excerpt == "BAME" and "ethnic minorities" in bame.message
    target = next(f for f in findings if f.rule_id == "targets-without-ethnic-breakdown")
    assert target.excerpt == "target" and target.document_level
    duty = next(f for f in findings if f.rule_id == "no-reference-to-duty")
    assert duty.excerpt == "Draft plan"


def test_quotes_titles_references_and_allow_list_are_exempt() -> None:
    text = (
        "Plan\n\n"
        "The 2005 report spoke of “BME communities” and 'hard to reach' groups. "
        "See Engaging BME Communities in Regeneration (2004). "
        "The BME Network will host the event. "
        "Walsall BME Forum and Sandwell Ethnic Minority Network agreed.\n\n"
        "REFERENCES\n\n"
        "Bloggs, J. Working with BAME groups. London.")
    findings = RuleSet([r for r in SHIPPED if r.kind in (RuleKind.EXISTENCE,
                                                         RuleKind.SUBSTITUTION)]).proof(doc(text))
    assert findings == []
    loose = "Plan\n\nWe thank the BME Link for its help with BME residents."
    found = RULES.only("bame-bme").proof(doc(loose))
    assert [f.excerpt for f in found] == ["BME", "BME"]
    allowed = RULES.only("bame-bme").proof(doc(loose), allow=["BME Link"])
    assert len(allowed) == 1 and allowed[0].start == loose.rindex("BME")


def test_look_alike_characters_still_match_at_the_same_offsets() -> None:
    text = "Plan\n\nOutreach for hard\u2011to\u00a0reach groups."
    document = doc(text)
    [finding] = RULES.only("hard-to-reach").proof(document)
    assert finding.excerpt == "hard\u2011to\u00a0reach"


def test_term_rules_compile_into_a_few_patterns() -> None:
    assert RULES.scanners == 1


USER_RULES = """
version: 1
disable: [gypsy-capital]
rules:
  - id: hard-to-reach
    kind: existence
    patterns: ['hard[- ]to[- ]reach']
    message: "Our own wording for {match}."
    source: {citation: "House style guide"}
    severity: error
    examples: {flag: ["hard to reach"], pass: ["easy"]}
  - id: service-users
    kind: substitution
    patterns: {'service users': 'residents'}
    message: "Say {suggestion}."
    source: {citation: "House style guide"}
    severity: info
    examples: {flag: ["service users"]}
"""


def test_user_rules_add_override_and_disable(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(USER_RULES, encoding="utf-8")
    rules = {rule.id: rule for rule in load_rules(tmp_path)}
    assert "gypsy-capital" not in rules
    assert rules["hard-to-reach"].message == "Our own wording for {match}."
    assert rules["service-users"].origin == "house.yaml"
    text = "Plan\n\nService users who are hard to reach."
    findings = RuleSet(list(rules.values())).proof(doc(text))
    assert {(f.rule_id, f.severity.value) for f in findings if not f.document_level} == {
        ("service-users", "info"), ("hard-to-reach", "error")}


@pytest.mark.parametrize(("yaml_text", "expected"), [
    ("rules:\n  - id: x1\n    kind: existence\n    patterns: ['a']\n    message: m\n"
     "    source: {citation: c}\n    sevrity: error\n", "rule “x1”: sevrity is not a field"),
    ("rules:\n  - id: x2\n    kind: substitution\n    patterns: ['a']\n    message: m\n"
     "    source: {citation: c}\n    examples: {flag: [a]}\n", "rule “x2”: a substitution"),
    ("rules:\n  - id: x3\n    kind: existence\n    patterns: ['(a']\n    message: m\n"
     "    source: {citation: c}\n    examples: {flag: [a]}\n", "rule “x3”: patterns “(a” is not"),
    ("rules:\n  - id: x4\n    kind: existence\n    patterns: ['(?P<n>a)']\n    message: m\n"
     "    source: {citation: c}\n    examples: {flag: [a]}\n", "named groups"),
    ("rules:\n  - &a {id: x5}\n  - *a\n", "anchors or aliases"),
    ("rules: [\n", "not valid YAML"),
    ("rules:\n  - id: x6\n    kind: existence\n    patterns: ['a*']\n    message: m\n"
     "    source: {citation: c}\n    examples: {flag: [a]}\n", "matches empty text"),
])
def test_bad_rule_files_name_the_file_and_rule(yaml_text: str, expected: str) -> None:
    with pytest.raises(UserError) as caught:
        rules_from_yaml(yaml_text, "mine.yaml")
    assert "“mine.yaml”" in str(caught.value) and expected in str(caught.value)


def test_python_tags_are_refused() -> None:
    with pytest.raises(UserError, match="not valid YAML"):
        rules_from_yaml("rules: !!python/object/apply:os.system ['true']\n", "evil.yaml")


def test_checked_rules_are_cached_and_a_change_is_noticed(tmp_path: Path) -> None:
    from app.proofing.rules import cache

    (tmp_path / "house.yaml").write_text(USER_RULES, encoding="utf-8")
    first = load_rules(tmp_path)
    stored = next(p for p in cache.cache_folder().glob("rules-*.json")
                  if p.name == f"rules-{cache.cache_key([shipped_rules_dir(), tmp_path])}.json")
    assert load_rules(tmp_path) == first == load_rules(tmp_path, use_cache=False)
    stored.write_text("[{\"id\": 1}]", encoding="utf-8")  # damaged: rebuilt, not trusted
    assert load_rules(tmp_path) == first
    (tmp_path / "house.yaml").write_text(USER_RULES.replace("Say {suggestion}.", "Use it."),
                                         encoding="utf-8")
    changed = {rule.id: rule for rule in load_rules(tmp_path)}
    assert changed["service-users"].message == "Use it."
