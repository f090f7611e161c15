"""Build resources/frameworks/framework-template.xlsx, the spreadsheet users fill in to
write their own framework. Rebuild after changing the layout in `excel.py`:

    python -m app.assessments.frameworks.make_template [OUT.xlsx]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from app.assessments.frameworks.excel import framework_workbook
from app.assessments.frameworks.model import Framework, validate_framework

READ_ME: list[tuple[str, str]] = [
    ("About this template",
     "Fill in these sheets to write your own self-assessment framework, then import it with "
     "the app (or: rrt frameworks import FILE.xlsx). The example rows show the layout: "
     "replace them with your own. If anything is wrong, the import lists every problem by "
     "sheet and row, and nothing is imported until all are put right."),
    ("Framework sheet", "One value per field, in the Value column."),
    ("Id", "A short name for the framework: lower-case letters, digits and hyphens, such as "
           "my-cvs-standards. Keep it the same when you make a new version."),
    ("Version", "A number such as 1.0. Raise it (1.1, 2.0) each time you change the framework; "
                "the app offers the newest version of each Id."),
    ("Title", "The framework's name as people will see it."),
    ("Description", "What the framework is for and who should complete it."),
    ("Source", "Where the framework comes from: author or organisation, title and year."),
    ("Licence note", "Who may use or change the wording."),
    ("Not applicable allowed", "Yes if people may answer 'Not applicable' to a criterion; No "
                               "if every criterion they see must be rated."),
    ("Not applicable label / descriptor", "The wording of that answer, and what it means."),
    ("Scale sheet", "One row per answer people can give, from lowest to highest."),
    ("Level id", "Optional short name for the answer; left empty, one is made from the answer."),
    ("Answer", "The wording of the answer, such as 'Developing'."),
    ("Score", "A number for the answer, used when results are added up."),
    ("Descriptor", "What this answer means, shown to people choosing it."),
    ("Groups sheet", "Optional. One row per respondent group whose answers are kept apart and "
                     "compared (for example residents and councillors). Leave it empty if "
                     "there is one set of answers."),
    ("Sections sheet", "Optional. A reference and description for each section, and the role "
                       "of each group in it (one 'Role: group' column per group)."),
    ("Criteria sheet", "One row per criterion: a statement or question to rate."),
    ("Section / Sub-section", "The section the criterion belongs to, and optionally a "
                              "sub-section inside it. Use exactly the same wording on every row "
                              "of the same section."),
    ("Ref", "The criterion's reference, such as 2.3. Each Ref must be used only once."),
    ("Criterion", "The statement or question itself."),
    ("Guidance", "Help for the person answering: what to think about."),
    ("Typical evidence", "Documents or records that would show the answer; put each on its own "
                         "line, or separate them with semicolons."),
    ("Weight", "How much the criterion counts compared with others: a number above 0. Left "
               "empty, it is 1."),
    ("Show when ref / Show when answers", "Optional. Show this criterion only when the "
                                          "criterion with that Ref has one of these answers "
                                          "(separate answers with semicolons). Fill in both "
                                          "or neither."),
    ("Descriptor: answer", "Optional columns, one per answer on the Scale sheet: wording that "
                           "replaces the answer's descriptor for this criterion only."),
]

EXAMPLE: dict[str, Any] = {
    "id": "my-framework",
    "version": "1.0",
    "title": "My framework",
    "description": "Replace this with what your framework is for.",
    "source": "Your organisation, the year",
    "licence": "An editable starting point: change it to suit your organisation.",
    "scale": {
        "levels": [
            {"id": "not-in-place", "label": "Not in place", "score": 0,
             "descriptor": "Nothing is done yet."},
            {"id": "developing", "label": "Developing", "score": 1,
             "descriptor": "Some work has started but it is patchy."},
            {"id": "established", "label": "Established", "score": 2,
             "descriptor": "Planned, done consistently and reviewed."},
            {"id": "exemplary", "label": "Exemplary", "score": 3,
             "descriptor": "Established, with results that can be shown."},
        ],
        "not_applicable": {"label": "Not applicable",
                           "descriptor": "This does not apply to us (say why)."},
    },
    "sections": [
        {"ref": "1", "title": "Access", "description": "Who can use our services.",
         "criteria": [
             {"ref": "1.1", "title": "We know who uses our services",
              "guidance": "Think about how you record and analyse who uses each service.",
              "evidence": ["service user records", "annual monitoring report"]},
             {"ref": "1.2", "title": "We act on gaps in who uses our services",
              "guidance": "When a group is missing, what do you do about it?",
              "weight": 2,
              "show_when": {"criterion": "1.1",
                            "answer_in": ["developing", "established", "exemplary"]},
              "descriptors": {"not-in-place": "We have not looked at who is missing."}},
         ]},
    ],
}


def example_framework() -> Framework:
    return validate_framework(EXAMPLE, "the template example")


def build_template(destination: Path) -> Path:
    book = framework_workbook(example_framework(), read_me=READ_ME)
    book.active = 0
    book.save(destination)
    return destination


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from app.paths import resource

    out = Path(args[0]) if args else resource("frameworks", "framework-template.xlsx")
    print(f"Wrote {build_template(out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
