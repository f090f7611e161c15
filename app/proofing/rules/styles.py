"""Capitalisation styles for ethnic groups: which of a pair of shipped rules is active.

Style guides differ (REFERENCE.md, "Writing about ethnicity"): the ONS capitalises every
ethnic group, White included; other government guidance has preferred lower case for the
colour terms. The default rule (`ethnic-group-capitals`) ships with the other rules; a
non-default style is a folder under resources/rules/styles/ applied on top of them, like a
user's folder: it disables the default rule and adds its own. Plain data and one path, so
`rrt proof` can check its argument without importing anything.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError

DEFAULT = "ons"
# Style name → what the user sees (the combo box, `rrt proofing style`).
CAPITALS: dict[str, str] = {
    "ons": "Capitalise all ethnic groups (ONS)",
    "lower-colour": "Lower-case colour terms (white, black)",
}
# The rule each style makes active; disabling either is always allowed, so a workbook's
# rule file that switches one off stays valid whichever style is chosen.
STYLE_RULES: dict[str, str] = {
    "ons": "ethnic-group-capitals",
    "lower-colour": "colour-terms-lower-case",
}


def check_capitals(name: str) -> str:
    """`name` if it is a style; otherwise a sentence listing the styles."""
    if name not in CAPITALS:
        raise UserError(f"“{name}” is not a capitalisation style; choose "
                        + " or ".join(f"“{n}”" for n in CAPITALS) + ".")
    return name


def style_folder(name: str) -> Path | None:
    """The folder of rule files that gives style `name`, or None for the default."""
    from app.paths import resource

    if check_capitals(name) == DEFAULT:
        return None
    return resource("rules", "styles", name)
