"""The bundled sample workbook, and a private copy of it for the user to explore.

Regenerate the bundled file after a schema change with `python -m app.workbook.sample`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from app.modules import load_target, modules
from app.paths import resource
from app.settings import data_dir
from app.workbook.store import Workbook

SAMPLE_NAME = "sample.rrwb"

def bundled_sample() -> Path:
    return resource("sample", SAMPLE_NAME)


def build_sample(path: Path) -> None:
    """Write a fresh sample workbook at `path` (replacing any file there)."""
    path.unlink(missing_ok=True)
    workbook = Workbook.create(
        path,
        title="Anytown CVS self-assessment 2026",
        organisation="Anytown Council for Voluntary Service",
        area="Anytown, West Midlands",
        owner="Sample user",
    )
    try:
        with workbook.session() as session:
            for module in modules():  # each module adds its part of the sample
                if module.sample:
                    load_target(module.sample)(session)
    finally:
        workbook.close()


def user_copy_of_sample() -> Path:
    """Copy the bundled sample where the user may change it, keeping the original clean."""
    target_dir = data_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "Sample workbook.rrwb"
    if not target.exists():
        shutil.copyfile(bundled_sample(), target)
    return target


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_sample()
    build_sample(out)
    print(f"Wrote {out}")
