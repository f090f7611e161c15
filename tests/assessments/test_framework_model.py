"""A framework's rules: each broken one is reported with the file, the place and the problem."""

from __future__ import annotations

from typing import Any

import pytest

from app.assessments.frameworks import (
    FrameworkInvalid,
    fingerprint,
    framework_from_dict,
    framework_from_yaml,
    framework_to_dict,
    framework_to_yaml,
    validate_framework,
)
from app.errors import UserError


def _problems(data: dict[str, Any]) -> str:
    with pytest.raises(FrameworkInvalid) as caught:
        validate_framework(data, "small.yaml")
    assert isinstance(caught.value, UserError)
    message = str(caught.value)
    assert message.startswith("The framework “small.yaml” has ")
    return message


def test_a_sound_framework_loads(small: dict[str, Any]) -> None:
    framework = validate_framework(small, "small.yaml")
    assert framework.counts() == (2, 3)
    assert framework.summary() == "Small framework 1.0: 2 sections (1 sub-section), 3 criteria"
    assert framework.criterion("1.2").weight == 2  # type: ignore[union-attr]
    assert [place for place, _ in framework.criteria()] == [
        "sections[0].criteria[0]", "sections[0].criteria[1]",
        "sections[1].sections[0].criteria[0]",
    ]


def test_duplicate_ref_names_both_places(small: dict[str, Any]) -> None:
    small["sections"][1]["sections"][0]["criteria"][0]["ref"] = "1.1"
    message = _problems(small)
    assert "sections[1].sections[0].criteria[0] (ref 1.1)" in message
    assert "already used at sections[0].criteria[0]" in message


def test_unknown_scale_level_in_descriptors_and_conditions(small: dict[str, Any]) -> None:
    criterion = small["sections"][0]["criteria"][1]
    criterion["descriptors"] = {"exemplary": "Best of all"}
    criterion["show_when"]["answer_in"] = ["maybe"]
    message = _problems(small)
    assert "sections[0].criteria[1].descriptors (ref 1.2): “exemplary” is not a level" in message
    assert "sections[0].criteria[1].show_when.answer_in (ref 1.2): “maybe” is not a level" \
        in message
    assert "has 2 problems" in message


@pytest.mark.parametrize("weight", [0, -1, "high", float("inf")])
def test_bad_weight(small: dict[str, Any], weight: object) -> None:
    small["sections"][0]["criteria"][0]["weight"] = weight
    message = _problems(small)
    assert "sections[0].criteria[0] (ref 1.1): “weight” must be" in message


def test_condition_naming_an_unknown_criterion(small: dict[str, Any]) -> None:
    small["sections"][0]["criteria"][1]["show_when"]["criterion"] = "9.9"
    message = _problems(small)
    assert "sections[0].criteria[1].show_when (ref 1.2): it names “9.9”, which is not a " \
        "criterion" in message


def test_condition_cycle(small: dict[str, Any]) -> None:
    small["sections"][0]["criteria"][0]["show_when"] = {"criterion": "2.1",
                                                         "answer_in": ["developing"]}
    small["sections"][1]["sections"][0]["criteria"][0]["show_when"] = {
        "criterion": "1.2", "answer_in": ["not-applicable"]}
    message = _problems(small)
    assert "go round in a circle (1.1 → 2.1 → 1.2 → 1.1)" in message
    assert message.count("circle") == 1  # one circle, reported once


def test_condition_on_itself(small: dict[str, Any]) -> None:
    small["sections"][0]["criteria"][1]["show_when"]["criterion"] = "1.2"
    assert "cannot depend on its own answer" in _problems(small)


def test_empty_section(small: dict[str, Any]) -> None:
    small["sections"].append({"title": "Nothing here"})
    assert "sections[2]: the section “Nothing here” is empty" in _problems(small)


def test_missing_and_misspelt_fields(small: dict[str, Any]) -> None:
    del small["source"]
    small["sections"][0]["criteria"][0]["wieght"] = 2
    message = _problems(small)
    assert "the file: the field “source” is missing." in message
    assert "sections[0].criteria[0] (ref 1.1): “wieght” is not a field" in message


def test_not_applicable_only_when_the_scale_allows_it(small: dict[str, Any]) -> None:
    small["scale"]["not_applicable"] = None
    small["sections"][0]["criteria"][1]["show_when"]["answer_in"] = ["not-applicable"]
    assert "“not-applicable” is not a level" in _problems(small)


def test_unknown_group_in_roles(small: dict[str, Any]) -> None:
    small["sections"][0]["roles"] = {"councillors": "Lead"}
    assert "sections[0].roles: “councillors” is not one of the framework's respondent " \
        "groups" in _problems(small)


def test_not_a_mapping() -> None:
    with pytest.raises(FrameworkInvalid, match="does not hold a framework"):
        framework_from_yaml(b"- just\n- a list\n", "list.yaml")


def test_yes_and_no_stay_text() -> None:
    text = b"""
id: yn
version: 2
title: Yes or no
source: Test, 2026
scale:
  levels: [{id: no, label: No, score: 0}, {id: yes, label: Yes, score: 1}]
sections:
  - title: Only
    criteria: [{ref: 1, title: Only, show_when: {criterion: 2, answer_in: [yes]}},
               {ref: 2, title: Second}]
"""
    framework = framework_from_yaml(text, "yn.yaml")
    assert [level.label for level in framework.scale.levels] == ["No", "Yes"]
    assert framework.version == "2"


def test_fingerprint_and_forms_are_stable(small: dict[str, Any]) -> None:
    framework = validate_framework(small, "small.yaml")
    again = framework_from_dict(framework_to_dict(framework))
    assert fingerprint(again) == fingerprint(framework)
    assert fingerprint(framework).startswith("sha256:")
    from_yaml = framework_from_yaml(framework_to_yaml(framework, header="A note"), "x.yaml")
    assert from_yaml == framework
    assert fingerprint(from_yaml) == fingerprint(framework)
    small["sections"][0]["criteria"][0]["guidance"] = "Changed"
    assert fingerprint(validate_framework(small, "small.yaml")) != fingerprint(framework)


def test_dict_form_is_json(small: dict[str, Any]) -> None:
    import json

    data = framework_to_dict(validate_framework(small, "small.yaml"))
    assert json.loads(json.dumps(data)) == data
