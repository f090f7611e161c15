"""Export the 100-page benchmark report to PDF, against LibreOffice converting its .docx.

The alternative is what a user without the toolkit would do: save the Word export and turn
it into a PDF with LibreOffice. Both run side by side, alternating, in one run; LibreOffice
gets a warmed-up user profile (its first start is not counted against it) and the .docx is
written once, before timing.

Run: python bench/bench_pdf.py [--rounds 3]
Target: ours >= 6x faster than LibreOffice.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 6.0


def write_docx(report, path: Path) -> str:
    """The Word export if it exists; else a plain python-docx document of the same content."""
    try:
        from app.reports.render.docx.renderer import render_docx
    except ImportError:
        _simple_docx(report, path)
        return "simple python-docx writer"
    render_docx(report, path)
    return "app.reports.render.docx.renderer.render_docx"


def _simple_docx(report, path: Path) -> None:
    import docx

    from app.reports.model import report as model

    document = docx.Document()
    document.add_heading(report.title, 0)
    for level, block in report.walk():
        if isinstance(block, model.Section):
            document.add_heading(block.title, min(level, 9))
        elif isinstance(block, model.Paragraph):
            document.add_paragraph(block.plain_text)
        elif isinstance(block, model.BulletList):
            for item in block.items:
                document.add_paragraph(item.plain_text, style="List Bullet")
        elif isinstance(block, model.Table):
            rows = block.iter_rows()
            table = document.add_table(rows=len(rows) + 1, cols=len(block.columns))
            for i, column in enumerate(block.columns):
                table.cell(0, i).text = column.title
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row.cells):
                    table.cell(r, c).text = "" if value is None else str(value)
    document.save(path)


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("LibreOffice is not installed; the comparison needs it.")


def libreoffice_pdf(docx: Path, out_dir: Path, profile: Path) -> Path:
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return out_dir / (docx.stem + ".pdf")


def page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from bench.report_fixture import build_benchmark_report

    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        t0 = time.perf_counter()
        from app.reports.render.pdf.renderer import render_pdf

        report = build_benchmark_report()
        ours_pdf = work / "ours.pdf"
        render_pdf(report, ours_pdf)  # warm-up: imports, font loading
        first = time.perf_counter() - t0
        docx = work / "report.docx"
        writer = write_docx(report, docx)
        profile, lo_out = work / "lo-profile", work / "lo-out"
        lo_out.mkdir()
        libreoffice_pdf(docx, lo_out, profile)  # warm-up: LibreOffice creates its profile

        ours, theirs = [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            render_pdf(report, ours_pdf)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            lo_pdf = libreoffice_pdf(docx, lo_out, profile)
            theirs.append(time.perf_counter() - start)

        ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
        ratio = theirs_median / ours_median
        print(f"report: {len(report.tables())} tables, {len(report.charts())} charts")
        print(f".docx for LibreOffice written by: {writer}")
        print(f"ours (render_pdf), first call incl. imports: {first:.2f} s")
        print(
            f"ours (render_pdf):        median {ours_median:.2f} s  "
            f"runs {', '.join(f'{t:.2f}' for t in ours)}"
        )
        print(
            f"LibreOffice docx -> pdf:  median {theirs_median:.2f} s  "
            f"runs {', '.join(f'{t:.2f}' for t in theirs)}"
        )
        print(f"pages: ours {page_count(ours_pdf)}, LibreOffice {page_count(lo_pdf)}")
        verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
        print(f"ratio: ours is {ratio:.1f}x faster ({verdict} the {TARGET_RATIO:g}x target)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
