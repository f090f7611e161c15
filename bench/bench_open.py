"""Open a big workbook and paint its navigator, against openpyxl reading the same rows.

The workbook holds 10,000 assessment-like rows and 200 evidence files; the alternative
is what users do today: the same rows in an .xlsx, read with openpyxl in read-only mode.
Both are measured side by side, alternating, in one run.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_open.py
Target: ours >= 25x faster.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROWS = 10_000
EVIDENCE_FILES = 200
RATINGS = ("Excellent", "Good", "Adequate", "Needs improvement", "Not yet started")
COLUMNS = ("Criterion", "Section", "Rating", "Score", "Confidence", "Evidence notes", "Assessor")


def assessment_like_rows(rng: random.Random) -> list[tuple[str, str, str, int, str, str, str]]:
    rows = []
    for number in range(ROWS):
        rating = rng.choice(RATINGS)
        rows.append((
            f"{number // 100 + 1}.{number % 100 + 1}",
            f"Function {number % 17 + 1}",
            rating,
            RATINGS.index(rating) + 1,
            rng.choice(("High", "Medium", "Low")),
            "Evidence from the members survey and board minutes; " * rng.randint(1, 3),
            rng.choice(("A. Khan", "B. Okafor", "C. Nowak", "D. Nguyễn")),
        ))
    return rows


def build_workbook(path: Path, rows: list[tuple], rng: random.Random) -> None:
    from app.workbook import Workbook
    from app.workbook.evidence import attach_evidence
    from app.workbook.models import ChangeLogEntry
    from app.workbook.types import utcnow

    with Workbook.create(path, title="Big self-assessment") as workbook:
        with workbook.session() as session:
            now = utcnow()
            # Until the assessment tables exist, the change log stands in for them: rows of
            # the same size and shape (ids, short labels and a paragraph of notes).
            session.add_all(
                ChangeLogEntry(at=now, actor=row[6], action=f"rating.{row[3]}", entity=row[1],
                               entity_id=row[0], summary=f"{row[2]} ({row[4]}): {row[5]}")
                for row in rows
            )
        with workbook.session() as session:
            for number in range(EVIDENCE_FILES):
                attach_evidence(session, f"evidence {number}.pdf",
                                rng.randbytes(rng.randint(5_000, 60_000)))


def build_xlsx(path: Path, rows: list[tuple]) -> None:
    from openpyxl import Workbook as ExcelWorkbook

    book = ExcelWorkbook(write_only=True)
    sheet = book.create_sheet("Assessment")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    book.save(path)


def read_xlsx(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    count = sum(1 for _ in book["Assessment"].iter_rows(values_only=True))
    book.close()
    return count


def main(repeats: int = 9) -> None:
    from app.settings import Settings
    from app.ui.app import make_application
    from app.ui.main_window import MainWindow

    rng = random.Random(7)
    rows = assessment_like_rows(rng)
    application = make_application()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["RRT_CONFIG_DIR"] = folder
        workbook_path = Path(folder) / "big.rrwb"
        xlsx_path = Path(folder) / "big.xlsx"
        build_workbook(workbook_path, rows, rng)
        build_xlsx(xlsx_path, rows)
        window = MainWindow(Settings())
        window.resize(1200, 800)
        window.show()
        application.processEvents()

        def open_and_paint() -> None:
            assert window.open_path(workbook_path)
            screen = window.workbook_screen
            assert screen is not None
            screen.navigator.repaint()  # synchronous paint of the navigator
            window.close_workbook()

        ours, theirs = [], []
        open_and_paint()  # warm caches for both sides alike
        assert read_xlsx(xlsx_path) == ROWS + 1
        for _ in range(repeats):
            start = time.perf_counter()
            open_and_paint()
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            read_xlsx(xlsx_path)
            theirs.append(time.perf_counter() - start)
        size_mb = workbook_path.stat().st_size / 1e6
        window.close()
    o, t = statistics.median(ours), statistics.median(theirs)
    print(f"workbook: {ROWS} rows, {EVIDENCE_FILES} evidence files, {size_mb:.1f} MB")
    print(f"open workbook and paint navigator: median {o * 1000:.1f} ms")
    print(f"openpyxl read-only, same rows: median {t * 1000:.1f} ms")
    print(f"ratio: ours is {t / o:.1f}x faster (target >= 25x)")


if __name__ == "__main__":
    main()
