"""The action tracker's fixtures: a workbook of N actions, its tracker, and the tracker
after a participant changed every tenth action's status (built once, untimed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

EDIT_EVERY = 10  # the edited tracker changes the status of every tenth action


def tracker_paths(work: Path, size: int) -> tuple[Path, Path, Path]:
    """(the workbook, its tracker, the edited tracker)."""
    return (work / f"plan-{size}.rrwb", work / f"tracker-{size}.xlsx",
            work / f"tracker-{size}-edited.xlsx")


def action_values(n: int) -> dict[str, Any]:
    return {"weakness": f"Weakness {n}: " + "groups are not heard in decisions " * 3,
            "action": f"Action {n}: " + "agree with the network how to reach them " * 2,
            "outcome": "Every group can say who to ask for advice.",
            "lead_partner": ("CVS", "Council", "BME Network")[n % 3],
            "start": "01/01/2027", "due": "31/03/2027",
            "priority": ("high", "medium", "low")[n % 3]}


def prepare_tracker(size: int, work: Path) -> None:
    from openpyxl import load_workbook

    from app.plans.operations import AddAction, Steps
    from app.plans.tracker import layout
    from app.plans.tracker.export import take_tracker_snapshot, write_tracker
    from app.workbook import Workbook
    from app.workbook.operations import run_operation

    path, tracker, edited = tracker_paths(work, size)
    if path.exists():
        return
    with Workbook.create(path, title="Big plan") as book:
        run_operation(book, Steps(tuple(AddAction.of(**action_values(n))
                                        for n in range(size))))
        with book.session() as session:
            write_tracker(take_tracker_snapshot(session), tracker)
    sheets = load_workbook(tracker)
    column = 1 + [c.field for c in layout.COLUMNS].index("status")
    for row in range(2, size + 2, EDIT_EVERY):
        sheets[layout.ACTIONS_SHEET].cell(row=row, column=column).value = "Done"
    sheets.save(edited)
