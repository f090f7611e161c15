"""The framework template's sheets and columns, shared by reading and writing frameworks.

The workbook has these sheets (the template's "Read me" sheet explains them to users):

- **Framework**: two columns, Field and Value (Id, Version, Title, Description, Source,
  Licence note, Not applicable allowed, Not applicable label, Not applicable descriptor);
- **Scale**: one row per answer level: Level id (optional), Answer, Score, Descriptor;
- **Groups** (optional): Group id (optional), Respondent group, Description;
- **Sections** (optional): Section, Sub-section, Ref, Description, and one "Role: <group>"
  column per respondent group;
- **Criteria**: Section, Sub-section, Ref, Criterion, Guidance, Typical evidence, Weight,
  Show when ref, Show when answers, and optional "Descriptor: <answer>" columns.
"""

from __future__ import annotations

FRAMEWORK_FIELDS = {  # shown name -> key
    "Id": "id",
    "Version": "version",
    "Title": "title",
    "Description": "description",
    "Source": "source",
    "Licence note": "licence",
    "Not applicable allowed": "na_allowed",
    "Not applicable label": "na_label",
    "Not applicable descriptor": "na_descriptor",
}
SCALE_COLUMNS = ["Level id", "Answer", "Score", "Descriptor"]
GROUP_COLUMNS = ["Group id", "Respondent group", "Description"]
SECTION_COLUMNS = ["Section", "Sub-section", "Ref", "Description"]
CRITERIA_COLUMNS = ["Section", "Sub-section", "Ref", "Criterion", "Guidance",
                    "Typical evidence", "Weight", "Show when ref", "Show when answers"]
DESCRIPTOR_PREFIX = "Descriptor: "
ROLE_PREFIX = "Role: "


def shown(key: str) -> str:
    """The Framework sheet's name for the field `key` ("licence" -> "Licence note")."""
    return next(name for name, k in FRAMEWORK_FIELDS.items() if k == key)
