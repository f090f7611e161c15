"""The component list behind Help › About: versions and licences as installed."""

from __future__ import annotations

from email.message import Message

from app.components import bundled_components, licence_of


def _meta(**fields: str | list[str]) -> Message:
    message = Message()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            message[key.replace("_", "-")] = item
    return message


def test_the_licence_comes_from_the_metadata_in_its_short_form() -> None:
    assert licence_of(_meta(License_Expression="MIT"), "x") == "MIT"
    assert licence_of(_meta(License="BSD-3-Clause"), "x") == "BSD-3-Clause"
    # A licence's whole text is not its name: the classifier says it shorter.
    text = "BSD license (see license.txt for details), Copyright (c) 2000-2025 ReportLab"
    meta = _meta(License=text, Classifier=["License :: OSI Approved :: BSD License"])
    assert licence_of(meta, "x") == "BSD License"
    assert licence_of(_meta(), "MIT") == "MIT"
    assert licence_of(None, "MIT") == "MIT"


def test_every_component_has_a_version_and_a_licence_here() -> None:
    components = bundled_components()
    assert components[0].name == "Python"
    missing = [c.name for c in components if not c.version or not c.licence]
    assert missing == []
