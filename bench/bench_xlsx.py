"""Excel export of the 100-page benchmark report (200 tables, 10 native charts).

There is no named alternative for this format; the figure shows that an Excel export of a
large report takes about as long as the Word one. Best of N runs in one process.

Run: python bench/bench_xlsx.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.reports.render.xlsx.renderer import render_xlsx  # noqa: E402
from bench.report_fixture import build_benchmark_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    report = build_benchmark_report()
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(repeat):
            out = Path(folder) / f"report-{number}.xlsx"
            start = time.perf_counter()
            render_xlsx(report, out)
            times.append(time.perf_counter() - start)
        sheets = len(report.tables()) + len(report.charts()) + 1
    print(f"Excel export: best {min(times):.2f} s over {repeat} runs "
          f"({sheets} sheets: summary, {len(report.tables())} tables, "
          f"{len(report.charts())} charts)")


if __name__ == "__main__":
    main()
