"""In-process export time for one very long paragraph, per format (a benchmark, not a test).

Each report has a single paragraph of 10,000, 40,000 or 100,000 characters (words, and one
unbroken string) and a 40,000-character organisation name on the title page and in the
running footer. Layout should grow about linearly: 100k characters well under a second.

Run: python bench/bench_long_text.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (10_000, 40_000, 100_000)
ORGANISATION = ("Northfield Council for Voluntary Service " * 1000)[:40_000]


def long_report(size: int, *, unbroken: bool):
    from app.reports.model.report import Paragraph, Report, Section, TitlePage

    text = "x" * size if unbroken else ("lorem ipsum dolor sit amet " * (size // 27 + 1))[:size]
    return Report(
        title_page=TitlePage(title="Long text", organisation=ORGANISATION,
                             report_date=date(2026, 11, 25)),
        sections=(Section("Findings", (Paragraph.of(text),)),),
    )


def renderers():
    from app.reports.render.docx.renderer import render_docx
    from app.reports.render.pdf.renderer import render_pdf
    from app.reports.render.xlsx.renderer import render_xlsx

    return {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    render = renderers()
    with tempfile.TemporaryDirectory(prefix="rrt-bench-long-") as folder:
        for name in render:  # warm up: fonts, imports, template
            render[name](long_report(100, unbroken=False), Path(folder) / f"warm.{name}")
        print(f"{'format':6} {'text':9} " + " ".join(f"{size:>9,}" for size in SIZES))
        for name, function in render.items():
            for unbroken in (False, True):
                cells = []
                for size in SIZES:
                    report = long_report(size, unbroken=unbroken)
                    times = []
                    for _ in range(args.rounds):
                        start = time.perf_counter()
                        function(report, Path(folder) / f"long.{name}")
                        times.append(time.perf_counter() - start)
                    cells.append(f"{statistics.median(times):8.3f}s")
                kind = "unbroken" if unbroken else "words"
                print(f"{name:6} {kind:9} " + " ".join(cells), flush=True)


if __name__ == "__main__":
    main()
