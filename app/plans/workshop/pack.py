"""Writing the workshop pack into a folder: the facilitator's Word pack, the action plan on
A3 landscape for the wall, and the Excel tracker to fill in. The snapshot is taken in one
short read; the writing (the slow part) touches no database, so it can run off the UI
thread with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.destinations import DestinationRefused, check_destination
from app.plans.report import PlanSnapshot, build_action_plan
from app.plans.tracker.export import TrackerSnapshot, take_tracker_snapshot, write_tracker
from app.plans.workshop.facilitator import PackSnapshot, build_pack
from app.plans.workshop.facilitator import take_snapshot as take_pack_snapshot

FACILITATOR_FILE = "Workshop pack.docx"
WALL_CHART_FILE = "Action plan (A3).pdf"
TRACKER_FILE = "Action tracker.xlsx"
PACK_FILES = (FACILITATOR_FILE, WALL_CHART_FILE, TRACKER_FILE)


@dataclass(frozen=True)
class WorkshopSnapshot:
    pack: PackSnapshot
    tracker: TrackerSnapshot


def take_workshop_snapshot(session: Session) -> WorkshopSnapshot:
    return WorkshopSnapshot(take_pack_snapshot(session), take_tracker_snapshot(session))


def existing_files(folder: Path) -> list[Path]:
    """The pack's files already in `folder` (writing the pack would replace them)."""
    return [Path(folder) / name for name in PACK_FILES if (Path(folder) / name).exists()]


def write_pack(snapshot: WorkshopSnapshot, folder: Path | str, *, overwrite: bool = False,
               today: date | None = None,
               progress: Callable[[float], None] | None = None,
               is_cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """Write the three files into `folder`; returns their paths. If any step fails or is
    cancelled, the files this call had already written are removed again."""
    from reportlab.lib.pagesizes import A3, landscape

    from app.reports.render.docx.renderer import render_docx
    from app.reports.render.pdf.renderer import render_pdf

    folder = Path(folder)
    if not folder.is_dir():
        raise DestinationRefused(f"The folder {folder} does not exist. Choose another folder.")
    paths = [check_destination(folder / name, suffix=Path(name).suffix, overwrite=overwrite)
             for name in PACK_FILES]

    def part(start: float, end: float) -> Callable[[float], None] | None:
        if progress is None:
            return None
        report = progress
        return lambda fraction: report(start + (end - start) * fraction)

    pack = snapshot.pack
    plan = PlanSnapshot(pack.title, pack.organisation, pack.owner, pack.plan)
    new = [path for path in paths if not path.exists()]
    try:
        render_docx(build_pack(pack, today), paths[0], progress=part(0.0, 0.45),
                    is_cancelled=is_cancelled)
        render_pdf(build_action_plan(plan, today), paths[1], page_size=landscape(A3),
                   progress=part(0.45, 0.85), is_cancelled=is_cancelled)
        write_tracker(snapshot.tracker, paths[2], progress=part(0.85, 1.0),
                      is_cancelled=is_cancelled)
    except BaseException:
        for path in new:  # never half a pack
            path.unlink(missing_ok=True)
        raise
    return paths
