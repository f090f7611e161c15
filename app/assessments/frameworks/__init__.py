"""Frameworks: the rating scales and criteria that self-assessments are made against.

A framework is data the user can read, extend and version (YAML files in
resources/frameworks/ and the user's own frameworks folder, or a spreadsheet to import).
"""

from app.assessments.frameworks.errors import (
    FrameworkError,
    FrameworkFileRefused,
    FrameworkImportError,
    FrameworkInvalid,
)
from app.assessments.frameworks.loader import (
    fingerprint,
    framework_from_dict,
    framework_from_yaml,
    framework_to_dict,
    framework_to_yaml,
    load_framework,
)
from app.assessments.frameworks.model import (
    NOT_APPLICABLE,
    Criterion,
    Framework,
    RespondentGroup,
    Scale,
    ScaleLevel,
    Section,
    ShowWhen,
    validate_framework,
)

__all__ = [
    "NOT_APPLICABLE",
    "Criterion",
    "Framework",
    "FrameworkError",
    "FrameworkFileRefused",
    "FrameworkImportError",
    "FrameworkInvalid",
    "RespondentGroup",
    "Scale",
    "ScaleLevel",
    "Section",
    "ShowWhen",
    "fingerprint",
    "framework_from_dict",
    "framework_from_yaml",
    "framework_to_dict",
    "framework_to_yaml",
    "load_framework",
    "validate_framework",
]
