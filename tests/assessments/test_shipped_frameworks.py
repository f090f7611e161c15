"""The frameworks shipped in resources/frameworks load, cite their source and hold what the
source report sets out."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.assessments.frameworks import NOT_APPLICABLE, Framework, load_framework
from app.paths import resource

SHIPPED = resource("frameworks")

ISO_FUNCTIONS = [
    "Community development", "Access to resources", "Fund-raising advice and support",
    "Technical support", "Interface", "Voice", "Representation", "Leadership",
    "Policy analysis", "Research", "Information and advice", "Good practice", "Development",
    "Partnership building/brokerage", "Networking", "Signposting", "Skills development",
]
HEADINGS = ["Vision", "Cultural change", "Leadership", "Strategy", "Structure", "Capacity",
            "Information"]


def _load(name: str) -> Framework:
    return load_framework(SHIPPED / f"{name}.yaml")


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_framework_loads_and_cites_its_source(path: Path) -> None:
    framework = load_framework(path)
    assert framework.id == path.stem
    assert "20" in framework.source  # a year
    assert "editable starting point" in framework.licence
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and "editable starting point" in text.splitlines()[2]
    assert framework.scale.not_applicable is not None
    assert NOT_APPLICABLE in framework.scale.answer_ids()


def test_iso_performance() -> None:
    framework = _load("iso-performance")
    assert "Rights & Responsibilities" in framework.source and "2005" in framework.source
    titles = [section.title for section in framework.sections]
    assert titles[:17] == ISO_FUNCTIONS
    for section in framework.sections[:17]:
        assert [c.title.split(": ")[1] for c in section.criteria] == [
            "standard of service", "access by BME VCOs", "impact on BME VCOs"]
    hard, audit = framework.sections[17], framework.sections[18]
    assert len(hard.criteria) == 7 and "Hard intelligence" in hard.title
    assert len(audit.criteria) == 5 and "representation" in audit.title
    assert all(c.show_when is not None and c.show_when.criterion == "7.1"
               for c in audit.criteria)
    assert framework.counts() == (19, 17 * 3 + 7 + 5)
    assert [level.label for level in framework.scale.levels] == [
        "Not in place", "Developing", "Established", "Exemplary"]


def test_bme_engagement() -> None:
    framework = _load("bme-engagement")
    assert [section.title for section in framework.sections] == HEADINGS
    assert [group.label for group in framework.respondent_groups] == [
        "Regional institutions", "Regeneration partnerships",
        "Generalist infrastructure support", "BME infrastructure support"]
    vision = framework.sections[0]
    indicators = vision.sections[0]
    assert len(indicators.criteria) == 8
    assert indicators.criteria[2].title == "Proportionate representation on partnership boards"
    # Every baseline criterion describes its weakness at the lowest level.
    baseline = [c for _place, c in framework.criteria() if c not in indicators.criteria]
    assert len(baseline) == 15
    assert all(c.descriptors.get("weakness-present") for c in baseline)
    # Each heading states at least one stakeholder group's role.
    assert all(section.roles for section in framework.sections)
    assert framework.counts() == (7, 23)


def test_community_participation() -> None:
    framework = _load("community-participation")
    titles = [section.title for section in framework.sections]
    assert titles[:4] == ["Influence", "Inclusivity", "Communication", "Capacity"]
    assert len(titles) == 9
    assert [s.description.split(" dimension")[0] for s in framework.sections] == [
        "Active Partners"] * 4 + ["Auditing Community Participation"] * 5
    assert "Yorkshire Forward" in framework.source and "2000" in framework.source
    assert "Burns" in framework.source and "Taylor" in framework.source
    assert "could not be checked" in framework.licence
    assert {group.id for group in framework.respondent_groups} == {
        "residents", "community-voluntary-sector", "officers", "councillors"}
    assert all(len(section.criteria) == 3 for section in framework.sections)
