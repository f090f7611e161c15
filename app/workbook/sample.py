"""The bundled sample workbook, and a private copy of it for the user to explore.

Regenerate the bundled file after a schema change with `python -m app.workbook.sample`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from app.paths import resource
from app.settings import data_dir
from app.workbook.evidence import attach_evidence
from app.workbook.store import Workbook

SAMPLE_NAME = "sample.rrwb"

_EVIDENCE = {
    "Annual members survey 2025 summary.txt": (
        "Anytown CVS members survey, 2025 — summary of results.\n"
        "212 member groups replied. 41 describe themselves as led by people from ethnic "
        "minorities. Funding advice and training were the most used services.\n"
    ),
    "Board minutes extract - equality item.txt": (
        "Minutes extract: the board agreed to review how the CVS reaches groups led by "
        "people from ethnic minorities, and to report back to the annual meeting.\n"
    ),
}


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
            for name, text in _EVIDENCE.items():
                attach_evidence(session, name, text.encode("utf-8"))
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
