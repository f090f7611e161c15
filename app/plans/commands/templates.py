"""`rrt actions from-template WORKBOOK [NAME]`: list the plan templates, or add one's
actions to the action plan as one step."""

from __future__ import annotations

import argparse
from pathlib import Path


def run_from_template(args: argparse.Namespace) -> int:
    from app.plans.templates import find_template, list_templates, start_from_template
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    if args.template is None:
        for template in list_templates():
            print(f"{template.id}: {template.title} ({len(template.actions)} actions)")
        return 0
    template = find_template(args.template)  # before opening: a wrong name changes nothing
    with Workbook.open(Path(args.path)) as workbook:
        run_operation(workbook, start_from_template(template))
    print(f"Added {len(template.actions)} actions from “{template.title}”.")
    return 0
