"""Run every benchmark and print one table: `python -m bench [--quick] [--only NAME]`.

For each work item: ours and the peer (the program a user or developer would otherwise
reach for), medians of interleaved runs, the ratio ours/peer, the target, and a verdict;
sized items run at four sizes and show the growth per doubling of the size. Both sides of
an item are timed the same way: whole process against whole process, or in-process
against in-process after the same warm-up (see bench/harness.py).

`--write-docs` regenerates docs/PERFORMANCE.md from this run; never edit that by hand.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

from bench import bundle, procs
from bench.harness import (
    GROWTH_FLAG,
    ROOT,
    InProcess,
    Process,
    Series,
    Side,
    growth_per_doubling,
    interleave,
)
from bench.plans_fixture import prepare_tracker


@dataclass(frozen=True)
class Target:
    """All optional: ours/peer at most `ratio`, ours at most `seconds` (at the largest
    size), growth per doubling at most `growth`, and ours' peak memory below the peer's."""

    ratio: float | None = None
    seconds: float | None = None
    growth: float | None = None
    less_memory: bool = False
    max_mb: float | None = None  # ours' peak memory at most this

    def text(self) -> str:
        parts = []
        if self.ratio is not None:
            parts.append(f"ratio ≤ {self.ratio:.3g}")
        if self.seconds is not None:
            parts.append(f"≤ {self.seconds:g} s")
        if self.growth is not None:
            parts.append(f"growth ≤ {self.growth:g}")
        if self.less_memory:
            parts.append("RSS < peer")
        if self.max_mb is not None:
            parts.append(f"RSS ≤ {self.max_mb:g} MB")
        return ", ".join(parts) or "—"


@dataclass(frozen=True)
class Item:
    name: str
    title: str
    what: str  # one line: what both sides do
    ours: Side
    peer: Side | None  # None: nothing to compare with (the row shows "—")
    sizes: tuple[int, ...] = ()  # empty: one fixed workload (`fixed` below)
    quick_sizes: tuple[int, ...] = ()
    fixed: int = 0
    quick_fixed: int = 0
    unit: str = "rows"
    rounds: int = 5
    runs: int = 1  # timed runs per in-process child
    large_rounds: int = 0  # rounds at the largest size, when fewer (0: the same)
    warm_size: int = 10
    metrics: tuple[tuple[str, str, Target], ...] = (("total", "", Target()),)
    prepare: Callable[[int, Path], None] | None = None  # builds fixtures, untimed
    # Where a side is downloaded from on first run ("npm", "PyPI"); empty: already here.
    # `--offline` leaves such items out (the runner's own test never needs the network).
    peer_download: str = ""
    # Why the item cannot run on this machine (None: it can); such items are left out.
    unavailable: Callable[[], str | None] | None = None


@dataclass
class Result:
    item: Item
    label: str
    target: Target
    sizes: list[int] = field(default_factory=list)
    ours: list[float] = field(default_factory=list)  # medians by size
    peer: list[float] = field(default_factory=list)
    spread: list[tuple[float, float]] = field(default_factory=list)  # ours' min-max by size
    ours_mb: float = 0.0
    peer_mb: float = 0.0
    samples: int = 0

    @property
    def ratio(self) -> float | None:
        return self.ours[-1] / self.peer[-1] if self.peer else None

    def growth(self) -> tuple[list[float], list[float]]:
        return (growth_per_doubling(self.sizes, self.ours),
                growth_per_doubling(self.sizes, self.peer) if self.peer else [])

    def failures(self) -> list[str]:
        t, out = self.target, []
        if t.ratio is not None and (self.ratio is None or self.ratio > t.ratio):
            out.append("ratio")
        if t.seconds is not None and self.ours[-1] > t.seconds:
            out.append("time")
        ours_growth = self.growth()[0]
        if ours_growth and ours_growth[-1] > (t.growth or GROWTH_FLAG):
            out.append("growth")
        if t.less_memory and (not self.peer or self.ours_mb >= self.peer_mb):
            out.append("memory")
        if t.max_mb is not None and self.ours_mb > t.max_mb:
            out.append("memory")
        return out

    def verdict(self) -> str:
        failed = self.failures()
        return "pass" if not failed else "FAIL (" + ", ".join(failed) + ")"


# ---------------------------------------------------------------- the work items

PY = sys.executable


def _sample(work: Path) -> Path:
    return work / "sample.rrwb"


def _prepare_sample(_size: int, work: Path) -> None:
    from app.workbook.sample import bundled_sample

    if not _sample(work).exists():
        shutil.copyfile(bundled_sample(), _sample(work))


def _prepare_open(size: int, work: Path) -> None:
    """A workbook of `size` assessment-like rows and 200 evidence files, and the same rows
    in an .xlsx (until the assessment tables exist, the change log stands in for them)."""
    import random

    from openpyxl import Workbook as ExcelWorkbook

    from app.workbook import Workbook
    from app.workbook.evidence import attach_evidence
    from app.workbook.models import ChangeLogEntry
    from app.workbook.types import utcnow

    path, xlsx = work / f"open-{size}.rrwb", work / f"open-{size}.xlsx"
    if path.exists():
        return
    rng = random.Random(7)
    ratings = ("Excellent", "Good", "Adequate", "Needs improvement", "Not yet started")
    rows = [
        (f"{n // 100 + 1}.{n % 100 + 1}", f"Function {n % 17 + 1}", rng.choice(ratings),
         rng.randint(1, 5), rng.choice(("High", "Medium", "Low")),
         "Evidence from the members survey and board minutes; " * rng.randint(1, 3),
         rng.choice(("A. Khan", "B. Okafor", "C. Nowak", "D. Nguyễn")))
        for n in range(size)
    ]
    with Workbook.create(path, title="Big self-assessment") as workbook:
        with workbook.session() as session:
            now = utcnow()
            session.add_all(
                ChangeLogEntry(at=now, actor=r[6], action=f"rating.{r[3]}", entity=r[1],
                               entity_id=r[0], summary=f"{r[2]} ({r[4]}): {r[5]}")
                for r in rows
            )
        with workbook.session() as session:
            for number in range(200):
                attach_evidence(session, f"evidence {number}.pdf",
                                rng.randbytes(rng.randint(5_000, 60_000)))
    book = ExcelWorkbook(write_only=True)
    sheet = book.create_sheet("Assessment")
    sheet.append(("Criterion", "Section", "Rating", "Score", "Confidence", "Evidence notes",
                  "Assessor"))
    for row in rows:
        sheet.append(row)
    book.save(xlsx)


def _bundle_start(_size: int, work: Path) -> list[str]:
    return [str(bundle.executable()), str(work / bundle.SAMPLE)]


def _checkout_start(_size: int, work: Path) -> list[str]:
    return [PY, "-m", "app", str(work / bundle.SAMPLE)]


def _prepare_lo(size: int, work: Path) -> None:
    """The Word export LibreOffice converts, and its profile warmed by one first start."""
    from app.reports.render.docx.renderer import render_docx
    from bench.report_fixture import build_benchmark_report

    docx = work / f"report-{size}.docx"
    if not docx.exists():
        render_docx(build_benchmark_report(size), docx)
        (work / "lo-out").mkdir(exist_ok=True)
        import subprocess

        subprocess.run(_libreoffice(size, work), check=True, capture_output=True, timeout=600)


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise SystemExit("LibreOffice is not installed; the PDF comparison needs it.")
    return found


def _libreoffice(size: int, work: Path) -> list[str]:
    return [_soffice(), f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
            "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
            str(work / "lo-out"), str(work / f"report-{size}.docx")]


def _rrt(*args: str) -> Callable[[int, Path], list[str]]:
    def argv(_size: int, work: Path) -> list[str]:
        return [PY, "-m", "app", *(a.format(sample=_sample(work), work=work) for a in args)]

    return argv


def _script(code: str, *args: str) -> Callable[[int, Path], list[str]]:
    def argv(size: int, work: Path) -> list[str]:
        fonts = str(ROOT / "resources" / "fonts")
        return [PY, "-c", code, *(a.format(sample=_sample(work), work=work, size=size,
                                          fonts=fonts) for a in args)]

    return argv


def _prepare_rollup(size: int, work: Path) -> None:
    from bench.assess_fixture import prepare_rollup

    prepare_rollup(size, work)


def _prepare_assessment(size: int, work: Path) -> None:
    from bench.assess_fixture import editor_workbook

    editor_workbook(work, size)


def _prepare_rating(_size: int, work: Path) -> None:
    _prepare_assessment(RATED_CRITERIA, work)


def _proof_prepare(size: int, work: Path) -> None:
    from bench import proof_fixture

    proof_fixture.prepare(size, work)


def _proof_ours(size: int, work: Path) -> list[str]:
    from bench import proof_fixture

    return proof_fixture.peer_command(Path(PY), "-m", "app", "proof",
                                      str(proof_fixture.draft(work, size)), "--format", "json")


def _proof_peer(tool: str) -> Callable[[int, Path], list[str]]:
    def argv(size: int, work: Path) -> list[str]:
        from bench import proof_fixture

        text = str(proof_fixture.extracted(work, size))
        binary = proof_fixture.alex_bin(work) if tool == "alex" else \
            proof_fixture.proselint_bin(work)
        if not binary.exists():
            raise SystemExit(f"{tool} could not be installed here, so the proof item cannot "
                             "be compared: " + " ".join(proof_fixture.NOTES))
        if tool == "alex":
            return proof_fixture.peer_command(proof_fixture.alex_bin(work), text)
        return proof_fixture.peer_command(proof_fixture.proselint_bin(work), "check", text)

    return argv


PROOF_WORDS = 50_000
PROOF_QUICK = 2_000
# Whole process ≤ 0.35 s and peak RSS ≤ 100 MiB; ≥ 5x faster than alex, ≥ 2.5x than
# proselint; in-process ≥ 300,000 words a second.
PROOF_TARGET = {"seconds": 0.35, "max_mb": 100}  # MB here are MiB (ru_maxrss in KiB ÷ 1024)
RATED_CRITERIA = 500  # the rating item's assessment; its size is the ratings made

TRACKER_SIZES = (250, 500, 1_000, 2_000)  # the target is at 2,000 actions
TRACKER_QUICK = (10, 20, 40, 80)
TABLE_SIZES = (250, 1_000, 4_000, 16_000)  # the sizes the issue names (4x steps)
TABLE_QUICK = (20, 40, 80, 160)

ITEMS: tuple[Item, ...] = (
    Item(
        "startup", "Start-up with the sample open",
        "whole processes: ours runs run_gui on the sample; the peer shows a bare QMainWindow; "
        "both probe the event loop every 10 ms after the first paint",
        Process(_script(procs.OURS_STARTUP, "{sample}")), Process(_script(procs.BARE)),
        rounds=7, metrics=(("painted", "first paint", Target(ratio=2.0)),
                           ("interactive", "interactive (loop answers ≤ 50 ms)",
                            Target(ratio=3.0))),
        prepare=_prepare_sample,
    ),
    Item(
        "open", "Open a workbook and read its rows",
        "in-process: ours opens the workbook (lock, quick_check, counts) and reads every row "
        "through the ORM; the peer reads the same rows from .xlsx with openpyxl read-only",
        InProcess("open:ours"), InProcess("open:peer"),
        sizes=(2_500, 5_000, 10_000, 20_000), quick_sizes=(50, 100, 200, 400),
        rounds=3, runs=2, metrics=(("total", "", Target(ratio=0.2)),), prepare=_prepare_open,
    ),
    Item(
        "docx-report", "Word export, 100-page report",
        "in-process: render_docx against python-docx's object API on the same template, "
        "same chart images",
        InProcess("docx-report:ours"), InProcess("docx-report:peer"),
        fixed=200, quick_fixed=20, unit="tables", rounds=3, runs=2, warm_size=20,
        metrics=(("total", "", Target(ratio=0.5, seconds=0.5, less_memory=True)),),
    ),
    Item(
        "pdf-report", "PDF export, 100-page report",
        "whole processes: ours imports, builds the report and renders the PDF; LibreOffice "
        "(warmed profile) converts our Word export of the same report",
        Process(_script(procs.OURS_PDF_REPORT, "{size}", "{work}/ours-report.pdf")),
        Process(_libreoffice),
        fixed=200, quick_fixed=20, unit="tables", rounds=3,
        metrics=(("total", "", Target(ratio=1 / 3)),), prepare=_prepare_lo,
    ),
    Item(
        "xlsx-report", "Excel export, 100-page report",
        "in-process: render_xlsx (typed cells, styles, 10 native charts) against openpyxl "
        "writing the same cells (no charts), one sheet per table",
        InProcess("xlsx-report:ours"), InProcess("xlsx-report:peer"),
        fixed=200, quick_fixed=20, unit="tables", rounds=3, runs=2, warm_size=20,
        metrics=(("total", "", Target(ratio=2.0)),),
    ),
    Item(
        "docx-table", "Word export, one table",
        "in-process: render_docx against python-docx's object API (add_row, cell.text)",
        InProcess("docx-table:ours"), InProcess("docx-table:peer"),
        sizes=TABLE_SIZES, quick_sizes=TABLE_QUICK, rounds=3, large_rounds=2,
        metrics=(("total", "", Target(seconds=2.0, growth=2.2)),),
    ),
    Item(
        "pdf-table", "PDF export, one table",
        "in-process: render_pdf against reportlab platypus (LongTable, repeated header, "
        "the same DejaVu faces)",
        InProcess("pdf-table:ours"), InProcess("pdf-table:peer"),
        sizes=TABLE_SIZES, quick_sizes=TABLE_QUICK, rounds=3, large_rounds=2,
        metrics=(("total", "", Target(growth=GROWTH_FLAG)),),
    ),
    Item(
        "xlsx-table", "Excel export, one table",
        "in-process: render_xlsx against openpyxl appending the same rows (bold, frozen header)",
        InProcess("xlsx-table:ours"), InProcess("xlsx-table:peer"),
        sizes=TABLE_SIZES, quick_sizes=TABLE_QUICK, rounds=3,
        metrics=(("total", "", Target(growth=GROWTH_FLAG)),),
    ),
    Item(
        "long-text", "PDF export, one long paragraph",
        "in-process: render_pdf against reportlab platypus with one Paragraph of the same text",
        InProcess("long-pdf:ours"), InProcess("long-pdf:peer"),
        sizes=(12_500, 25_000, 50_000, 100_000), quick_sizes=(500, 1_000, 2_000, 4_000),
        unit="chars", rounds=3, metrics=(("total", "", Target(growth=GROWTH_FLAG)),),
    ),
    Item(
        "rollup", "Roll-up of self-assessments across workbooks",
        "in-process: roll_up over N workbooks of one 150-criterion assessment each (each "
        "opened read-only with plain SQLite, its assessment tables checked, its answers "
        "read, scored and collated by area) against openpyxl reading the same ratings from "
        "N .xlsx files (one sheet of 150 rows) and counting them per criterion; the target "
        "is the issue's 50 workbooks per second, so 4 s for 200",
        InProcess("rollup:ours"), InProcess("rollup:peer"),
        sizes=(25, 50, 100, 200), quick_sizes=(2, 4, 8, 16), unit="workbooks", rounds=3,
        large_rounds=2, warm_size=2,
        # >= 50 workbooks per second at the largest size (200): at most 4 s.
        metrics=(("total", "", Target(seconds=200 / 50)),), prepare=_prepare_rollup,
    ),
    Item(
        "tracker-export", "Action tracker export",
        "in-process: write_tracker (drop-down lists, dates, locked ids, row heights, the "
        "hidden stamp) from a plan snapshot, against openpyxl appending the same cells "
        "(bold, frozen header)",
        InProcess("tracker-export:ours"), InProcess("tracker-export:peer"),
        sizes=TRACKER_SIZES, quick_sizes=TRACKER_QUICK, unit="actions", rounds=3,
        metrics=(("total", "", Target(seconds=1.0)),), prepare=prepare_tracker,
    ),
    Item(
        "tracker-import", "Action tracker re-import",
        "in-process: preview_import of a tracker whose every tenth status was changed "
        "(guarded archive check, read, compare field by field) against openpyxl read-only "
        "reading the same rows",
        InProcess("tracker-import:ours"), InProcess("tracker-import:peer"),
        sizes=TRACKER_SIZES, quick_sizes=TRACKER_QUICK, unit="actions", rounds=3,
        metrics=(("total", "", Target(seconds=1.0)),), prepare=prepare_tracker,
    ),
    Item(
        "assessment-paint", "Self-assessment screen, first paint of the criteria",
        "whole processes, each timing its own span: ours has the workbook open and painted "
        "and times choosing the Self-assessments section (editor built, newest assessment "
        "selected) to the end of the criteria tree's first paint; the peer times building a "
        "bare QTreeWidget of the same sections and criteria in a shown window to the end of "
        "its first paint",
        Process(_script(procs.OURS_ASSESSMENT_PAINT, "{work}/assess-{size}.rrwb")),
        Process(_script(procs.PEER_TREE_PAINT, "{size}")),
        fixed=500, quick_fixed=50, unit="criteria", rounds=5,
        metrics=(("editor", "", Target(seconds=0.1)),), prepare=_prepare_assessment,
    ),
    Item(
        "rating-probe", "Rating criteria by keyboard, event-loop gaps",
        f"a whole process, no peer: in the open Self-assessments screen ({RATED_CRITERIA} "
        "criteria), once the criteria tree has painted, a number key then Down on it, N "
        "times, each key a QTest click posted through the event loop 20 ms after the last; "
        "a 10 ms precise timer records the longest time between two of its ticks",
        Process(_script(procs.OURS_RATING_PROBE, f"{{work}}/assess-{RATED_CRITERIA}.rrwb",
                        "{size}")),
        None,
        fixed=100, quick_fixed=10, unit="ratings", rounds=3,
        metrics=(("gap", "largest gap", Target(seconds=0.05)),), prepare=_prepare_rating,
    ),
    Item(
        "cli-info", "rrt info on the sample",
        "whole processes: rrt info against a python sqlite3 script printing the same JSON",
        Process(_rrt("info", "{sample}")), Process(_script(procs.PEER_INFO, "{sample}")),
        rounds=7, metrics=(("total", "", Target(ratio=2.0)),), prepare=_prepare_sample,
    ),
    Item(
        "cli-check", "rrt check on the sample",
        "whole processes: rrt check against a python sqlite3 script running integrity_check",
        Process(_rrt("check", "{sample}")), Process(_script(procs.PEER_CHECK, "{sample}")),
        rounds=7, metrics=(("total", "", Target(ratio=2.0)),), prepare=_prepare_sample,
    ),
    Item(
        "cli-docx", "rrt export --format docx of the sample",
        "whole processes: rrt export against a minimal python-docx script reading the "
        "workbook with sqlite3 and writing the same paragraphs and tables",
        Process(_rrt("export", "{sample}", "--format", "docx", "--out",
                     "{work}/ours-cli.docx", "--force")),
        Process(_script(procs.PEER_EXPORT_DOCX, "{sample}", "{work}/peer-cli.docx")),
        rounds=7, metrics=(("total", "", Target(ratio=2.0)),), prepare=_prepare_sample,
    ),
    Item(
        "cli-pdf", "rrt export --format pdf of the sample",
        "whole processes: rrt export against a minimal reportlab script (same fonts) reading "
        "the workbook with sqlite3 and writing the same paragraphs and tables",
        Process(_rrt("export", "{sample}", "--format", "pdf", "--out",
                     "{work}/ours-cli.pdf", "--force")),
        Process(_script(procs.PEER_EXPORT_PDF, "{sample}", "{work}/peer-cli.pdf", "{fonts}")),
        rounds=7, metrics=(("total", "", Target(ratio=2.0)),), prepare=_prepare_sample,
    ),
    Item(
        "proof", "rrt proof of a 50,000-word draft against alex",
        "whole processes: rrt proof reads the .docx, runs every rule and measures coverage "
        "of the general duty (JSON out); alex (npm, installed into the run's folder) reads "
        "the same text as our reader extracts it",
        Process(_proof_ours), Process(_proof_peer("alex")), peer_download="npm",
        fixed=PROOF_WORDS, quick_fixed=PROOF_QUICK, unit="words", rounds=5,
        metrics=(("total", "vs alex", Target(ratio=0.2, **PROOF_TARGET)),),
        prepare=_proof_prepare,
    ),
    Item(
        "proof", "rrt proof of a 50,000-word draft against proselint",
        "whole processes: rrt proof as above; proselint (pip, in a throwaway venv in the "
        "run's folder) checks the same extracted text",
        Process(_proof_ours), Process(_proof_peer("proselint")), peer_download="PyPI",
        fixed=PROOF_WORDS, quick_fixed=PROOF_QUICK, unit="words", rounds=5,
        metrics=(("total", "vs proselint", Target(ratio=0.4, **PROOF_TARGET)),),
        prepare=_proof_prepare,
    ),
    Item(
        "proof", "Proofing in-process (words a second)",
        "in-process, no peer: Proofer.proof_file on the same draft after a warm-up (read, "
        "every rule, coverage); the target is 300,000 words a second",
        InProcess("proof:ours"), None,
        fixed=PROOF_WORDS, quick_fixed=PROOF_QUICK, unit="words", rounds=5, runs=3,
        warm_size=1_000,
        metrics=(("total", "in-process", Target(seconds=round(PROOF_WORDS / 300_000, 3))),),
    ),
    Item(
        "bundle", "Installed app, start to a painted window (warm)",
        "whole processes: the Linux bundle (PyInstaller one-folder, built first when missing "
        "or older than the code) against `python -m app` from this checkout, each opening "
        "a copy of the sample and painting the window (RRT_EXIT_AFTER_FIRST_PAINT=1), "
        "spawn to exit; the target: an installed copy starts no slower than a quarter "
        "more than the checkout",
        Process(_bundle_start, env=bundle.EXIT_AFTER_FIRST_PAINT),
        Process(_checkout_start, env=bundle.EXIT_AFTER_FIRST_PAINT),
        rounds=7, metrics=(("total", "warm", Target(ratio=1.25)),), prepare=bundle.prepare,
        peer_download="PyPI", unavailable=bundle.unavailable,
    ),
    Item(
        "bundle", "Installed app, start to a painted window (cold)",
        "as above, with the operating system's page cache emptied before every start of "
        "either side, as after a reboot",
        Process(_bundle_start, env=bundle.EXIT_AFTER_FIRST_PAINT,
                before=bundle.drop_page_cache),
        Process(_checkout_start, env=bundle.EXIT_AFTER_FIRST_PAINT,
                before=bundle.drop_page_cache),
        rounds=5, metrics=(("total", "cold", Target(ratio=1.25)),), prepare=bundle.prepare,
        peer_download="PyPI", unavailable=bundle.cold_unavailable,
    ),
)


# ---------------------------------------------------------------- running


def run_item(item: Item, work: Path, *, quick: bool) -> list[Result]:
    sizes = (item.quick_sizes if quick else item.sizes) or (
        (item.quick_fixed if quick else item.fixed),)
    results = [Result(item, label, target) for _, label, target in item.metrics]
    for index, size in enumerate(sizes):
        warm = min(item.warm_size, size)
        if item.prepare is not None:
            item.prepare(size, work)
            if isinstance(item.ours, InProcess):
                item.prepare(warm, work)  # the warm-up reads a fixture of its own
        rounds = 1 if quick else item.rounds
        if not quick and item.large_rounds and index == len(sizes) - 1 and len(sizes) > 1:
            rounds = item.large_rounds
        runs = 1 if quick else item.runs
        mine, theirs = interleave(item.ours, item.peer, size, warm, rounds, runs, work)
        for (metric, _, _), result in zip(item.metrics, results, strict=True):
            result.sizes.append(size)
            result.ours.append(mine.median(metric))
            if theirs.samples:
                result.peer.append(_peer_median(theirs, metric))
                result.peer_mb = max(result.peer_mb, theirs.peak_mb())
            result.spread.append(mine.spread(metric))
            result.ours_mb = max(result.ours_mb, mine.peak_mb())
            result.samples = len(mine.samples)
    return results


def _peer_median(series: Series, metric: str) -> float:
    return series.median(metric if metric in series.samples[0].seconds else "total")


def _fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _fmt_growth(factors: Sequence[float]) -> str:
    return " ".join(f"{f:.2f}" for f in factors) if factors else ""


NO_PEER = "—"  # an item with nothing to compare against
HEADER = ("work item", "size", "ours", "peer", "ratio", "ours MB", "peer MB",
          "growth ours", "growth peer", "target", "verdict")


def table_rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    """One row per work item (at its largest size), then one per smaller size of a curve."""
    rows: list[tuple[str, ...]] = []
    for result in results:
        name = result.item.name + (f" {result.label}" if result.label else "")
        sized = len(result.sizes) > 1
        growth_ours, growth_peer = result.growth()
        unit = result.item.unit
        size = f"{result.sizes[-1]:,} {unit}" if sized or result.item.fixed else "—"
        peer = bool(result.peer)
        rows.append((name, size, _fmt_s(result.ours[-1]),
                     _fmt_s(result.peer[-1]) if peer else NO_PEER,
                     f"{result.ratio:.2f}" if result.ratio is not None else NO_PEER,
                     f"{result.ours_mb:.0f}", f"{result.peer_mb:.0f}" if peer else NO_PEER,
                     _fmt_growth(growth_ours), _fmt_growth(growth_peer), result.target.text(),
                     result.verdict()))
        if sized:
            for i in range(len(result.sizes) - 1):
                rows.append((f"  {result.item.name}", f"{result.sizes[i]:,} {unit}",
                             _fmt_s(result.ours[i]),
                             _fmt_s(result.peer[i]) if peer else NO_PEER,
                             f"{result.ours[i] / result.peer[i]:.2f}" if peer else NO_PEER,
                             "", "", "", "", "", ""))
    return rows


def format_table(results: Sequence[Result]) -> str:
    rows = [HEADER, *table_rows(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
             + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def environment() -> str:
    versions = []
    for names in (("PySide6", "PySide6-Essentials"), ("python-docx",), ("reportlab",),
                  ("openpyxl",), ("SQLAlchemy",), ("lxml",)):
        for package in names:
            try:
                versions.append(f"{names[0]} {metadata.version(package)}")
                break
            except metadata.PackageNotFoundError:
                continue
        else:
            versions.append(f"{names[0]} (not installed)")
    lo = "LibreOffice not installed"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        import subprocess

        found = subprocess.run([soffice, "--version"], capture_output=True, text=True,
                               timeout=120).stdout.split()
        lo = " ".join(found[:2]) if found else "LibreOffice (version unknown)"
    return (f"{date.today():%d %B %Y}; Python {platform.python_version()} on "
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores; "
            f"{', '.join(versions)}, {lo}")


def how_measured(items: Sequence[Item], quick: bool) -> str:
    lines = []
    for item in items:
        if quick:
            reps = "1 round"
        else:
            reps = f"{item.rounds} rounds" + (f" × {item.runs} runs" if item.runs > 1 else "")
            if item.sizes and item.large_rounds:
                reps += f" ({item.large_rounds} at the largest size)"
        lines.append(f"- **{item.name}** ({item.title}; {reps}): {item.what}.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one round (for tests)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help=f"run only this item (repeatable): {', '.join(i.name for i in ITEMS)}")
    parser.add_argument("--offline", action="store_true",
                        help="leave out items whose peer is downloaded on first run")
    parser.add_argument("--write-docs", action="store_true",
                        help="regenerate docs/PERFORMANCE.md from this run")
    args = parser.parse_args(argv)
    items = [i for i in ITEMS if (not args.only or i.name in args.only)
             and not (args.offline and i.peer_download)]
    if not items:
        parser.error(f"no item called {args.only}")
    left_out = []
    for item in items:
        reason = item.unavailable() if item.unavailable is not None else None
        if reason is not None:
            left_out.append(f"{item.name} ({item.title}) was left out: {reason}.")
    items = [i for i in items if i.unavailable is None or i.unavailable() is None]
    started = time.perf_counter()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="rrt-bench-") as folder:
        for item in items:
            print(f"running {item.name}…", file=sys.stderr, flush=True)
            results.extend(run_item(item, Path(folder), quick=args.quick))
    elapsed = time.perf_counter() - started
    table = format_table(results)
    print(table)
    print(f"\n{environment()}; whole run {elapsed:.0f} s\n")
    print(how_measured(items, args.quick))
    from bench.proof_fixture import NOTES

    notes = [*NOTES, *bundle.NOTES, *left_out]
    for note in notes:
        print(f"\n{note}")
    if args.write_docs:
        from bench.docs import write_performance

        write_performance(ROOT / "docs" / "PERFORMANCE.md", table, environment(),
                          "\n\n".join([how_measured(items, args.quick), *notes]), elapsed,
                          results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
