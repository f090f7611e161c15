"""Whole-process programs: the code each child runs with `python -c`.

Start-up children print `at painted T` and `at interactive T` (T from time.perf_counter,
the same clock as the parent's). After the first paint a 10 ms precise timer probes the
event loop; a gap over 60 ms means the loop could not answer within 50 ms. Probing goes on
until the app says its background start-up work is done and then 300 ms more; the
window is interactive from the end of the last late answer (or the first paint).
"""

from __future__ import annotations

PROBE = r"""
import time
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication

def probe_then_quit(window, busy=lambda: False):
    painted = time.perf_counter()
    print("at painted", painted, flush=True)
    state = {"last": painted, "interactive": painted, "idle_since": None}
    timer = QTimer(window)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)

    def tick():
        now = time.perf_counter()
        if now - state["last"] > 0.060:  # the loop was blocked for more than 50 ms
            state["interactive"] = now
        state["last"] = now
        if busy():
            state["idle_since"] = None
            return
        if state["idle_since"] is None:
            state["idle_since"] = now
        if now - state["idle_since"] >= 0.3 or now - painted > 30:
            timer.stop()
            print("at interactive", state["interactive"], flush=True)
            QApplication.setQuitOnLastWindowClosed(False)
            window.close()
            QApplication.exit(0)

    timer.timeout.connect(tick)
    timer.start()
"""

BARE = PROBE + r"""
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow

class OnFirstPaint(QObject):
    done = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, lambda: probe_then_quit(window))
        return False

app = QApplication([])
window = QMainWindow()
window.resize(1200, 800)
window.setWindowTitle("Bare window")
painted = OnFirstPaint()
window.installEventFilter(painted)
window.show()
app.exec()
"""

OURS_STARTUP = PROBE + r"""
import sys
from pathlib import Path
from app.ui.app import run_gui

def ready(window):
    assert window.workbook_screen is not None, "the sample did not open"
    window.workbook_screen.repaint()  # painted, not just scheduled, before the clock reads
    document = window.document
    warmed = getattr(document, "warmed_up", None)
    probe_then_quit(window, busy=lambda: warmed is not None and not warmed.is_set())

run_gui(Path(sys.argv[1]), on_ready=ready)
"""

# Whole-process PDF export of the benchmark report: imports, fonts, model, render.
OURS_PDF_REPORT = r"""
import sys
from pathlib import Path
from bench.report_fixture import build_benchmark_report
from app.reports.render.pdf.renderer import render_pdf
render_pdf(build_benchmark_report(int(sys.argv[1])), Path(sys.argv[2]))
"""

# `rrt info`'s plain counterpart: the details row and the counts, as JSON.
PEER_INFO = r"""
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
title, organisation, area, owner, created, updated = db.execute(
    "SELECT title, organisation, area, owner, created_at, updated_at FROM workbook_info").fetchone()
counts = {"changes": db.execute("SELECT count(*) FROM change_log").fetchone()[0],
          "evidence": db.execute("SELECT count(*) FROM evidence_file").fetchone()[0]}
version = db.execute("PRAGMA user_version").fetchone()[0]
print(json.dumps({"title": title, "organisation": organisation, "area": area, "owner": owner,
                  "created_at": created, "updated_at": updated, "schema_version": version,
                  "counts": counts}, indent=2, ensure_ascii=False))
"""

# `rrt check`'s plain counterpart: SQLite's full integrity check.
PEER_CHECK = r"""
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
result = db.execute("PRAGMA integrity_check").fetchall()
print("sound" if result == [("ok",)] else result[0][0])
"""

# What the summary report holds, read with plain SQL (shared by the two export peers).
_READ_SUMMARY = r"""
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
title, organisation, area, owner, created, updated = db.execute(
    "SELECT title, organisation, area, owner, created_at, updated_at FROM workbook_info").fetchone()
details = [("Title", title), ("Organisation", organisation or "Not recorded"),
           ("Area", area or "Not recorded"), ("Owner", owner or "Not recorded"),
           ("Created", created[:10]), ("Last changed", updated[:10])]
evidence = db.execute("SELECT name, media_type, size, added_at FROM evidence_file "
                      "ORDER BY added_at").fetchall()
changes = db.execute("SELECT at, actor, summary FROM change_log ORDER BY at DESC LIMIT 200"
                     ).fetchall()
"""

# A minimal python-docx script writing the summary's paragraphs and tables.
PEER_EXPORT_DOCX = _READ_SUMMARY + r"""
from docx import Document
document = Document()
document.add_heading(title, 0)
document.add_paragraph("Workbook summary")
document.add_heading("About this workbook", 1)
document.add_paragraph(f"This summary describes the workbook “{title}” kept by {organisation}.")
def table(header, rows):
    grid = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(grid.rows[0].cells, header):
        cell.text = text
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row):
            cell.text = str(value)
table(("Detail", "Value"), details)
document.add_heading("Evidence files", 1)
table(("File", "Type", "Size", "Added"),
      [(n, t, f"{s // 1024} KB", a[:10]) for n, t, s, a in evidence])
document.add_heading("Recent changes", 1)
table(("When", "By", "What changed"), [(a[:10], b, s) for a, b, s in changes])
document.save(sys.argv[2])
"""

# A minimal reportlab script writing the same, in the same embedded DejaVu faces.
PEER_EXPORT_PDF = _READ_SUMMARY + r"""
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
pdfmetrics.registerFont(TTFont("Sans", sys.argv[3] + "/DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("Sans-Bold", sys.argv[3] + "/DejaVuSans-Bold.ttf"))
styles = getSampleStyleSheet()
h1 = styles["Heading1"].clone("h1", fontName="Sans-Bold")
body = styles["BodyText"].clone("body", fontName="Sans")
def table(header, rows):
    return Table([header] + [list(map(str, r)) for r in rows], repeatRows=1,
                 style=[("FONT", (0, 0), (-1, -1), "Sans", 9)])
story = [Paragraph(title, styles["Title"].clone("t", fontName="Sans-Bold")),
         Paragraph("About this workbook", h1),
         Paragraph(f"This summary describes the workbook “{title}” kept by {organisation}.", body),
         table(("Detail", "Value"), details), Paragraph("Evidence files", h1),
         table(("File", "Type", "Size", "Added"),
               [(n, t, f"{s // 1024} KB", a[:10]) for n, t, s, a in evidence]),
         Paragraph("Recent changes", h1),
         table(("When", "By", "What changed"), [(a[:10], b, s) for a, b, s in changes])]
SimpleDocTemplate(sys.argv[2]).build(story)
"""

# ---------------------------------------------------------------- the self-assessment screen
# These children print `took NAME SECONDS`: a span they time themselves, in-process, from
# the moment the work starts (interpreter start-up, imports and opening the workbook are
# outside it).

_FIRST_PAINT = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    '''Lets the watched widget paint, then calls `done` with the moment its paint ended.'''
    def __init__(self, widget, done):
        super().__init__(widget)
        self.widget, self.done = widget, done
        widget.installEventFilter(self)
    def eventFilter(self, watched, event):
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QApplication.sendEvent(watched, event)  # the paint itself, inside the span
            self.done(time.perf_counter())
            return True
        return False

def when_settled(window, then):
    '''Runs `then` once the document's background warm-up has finished.'''
    document = window.document
    warmed = getattr(document, "warmed_up", None)
    def poll():
        if warmed is not None and not warmed.is_set():
            QTimer.singleShot(20, poll)
        else:
            QTimer.singleShot(50, then)
    poll()

def finish(window):
    QApplication.setQuitOnLastWindowClosed(False)
    window.close()
    QApplication.exit(0)
"""

# Ours: the workbook is open and painted; the clock runs from choosing the Self-assessments
# section (the editor is built on first use and selects the newest assessment) to the end
# of the criteria tree's first paint.
OURS_ASSESSMENT_PAINT = _FIRST_PAINT + r"""
import sys
from pathlib import Path
from app.ui.app import run_gui

def ready(window):
    def measure():
        screen = window.workbook_screen
        start = time.perf_counter()
        screen.show_section("assessments")
        editor = screen.editor("assessments")
        assert editor.criteria_model.framework is not None, "no assessment selected"
        def painted(end):
            print("took editor", end - start, flush=True)
            QTimer.singleShot(0, lambda: finish(window))
        FirstPaint(editor.tree.viewport(), painted)
    when_settled(window, measure)

run_gui(Path(sys.argv[1]), on_ready=ready)
"""

# The peer: a shown QMainWindow; the clock runs from building a bare QTreeWidget of the same
# sections and criteria (same five columns, expanded) to the end of its first paint.
PEER_TREE_PAINT = _FIRST_PAINT + r"""
import sys
from PySide6.QtWidgets import QMainWindow, QTreeWidget, QTreeWidgetItem
from bench.assess_fixture import framework

app = QApplication([])
window = QMainWindow()
window.resize(1200, 800)
window.show()
fw = framework(int(sys.argv[1]))
rated = {}

def measure():
    start = time.perf_counter()
    tree = QTreeWidget()
    tree.setColumnCount(5)
    tree.setHeaderLabels(["Ref", "Criterion", "Rating", "Confidence", "Evidence"])
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    for section in fw.sections:
        parent = QTreeWidgetItem(tree, [section.ref or "", section.title])
        for criterion in section.criteria:
            QTreeWidgetItem(parent, [criterion.ref, criterion.title, "", "", ""])
    tree.expandAll()
    window.setCentralWidget(tree)
    def painted(end):
        print("took editor", end - start, flush=True)
        QTimer.singleShot(0, lambda: finish(window))
    FirstPaint(tree.viewport(), painted)

QTimer.singleShot(300, measure)
app.exec()
"""

# Ours, with no peer: 100 criteria rated in a row by keyboard (a number key, then Down),
# each key a QTest click on the tree posted through the event loop 20 ms after the last
# one's work ended, while a 10 ms precise
# timer records the longest time between two of its ticks (the loop's largest gap, 10 ms
# tick included).
OURS_RATING_PROBE = _FIRST_PAINT + r"""
import shutil, sys, tempfile
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from app.ui.app import run_gui
PACE_MS = 20

def ready(window):
    def measure():
        screen = window.workbook_screen
        screen.show_section("assessments")
        editor = screen.editor("assessments")
        tree = editor.tree
        tree.setFocus()
        # The first key comes once the criteria are on screen, as a person sees them
        # before typing: choosing the section and its first paint is the paint item's.
        FirstPaint(tree.viewport(), lambda _at: QTimer.singleShot(0, lambda: rate(editor, tree)))
    def rate(editor, tree):
        count = int(sys.argv[2])
        first = editor.current_ref()
        keys = []
        for n in range(count):
            keys += [Qt.Key(Qt.Key.Key_1 + n % 4), Qt.Key.Key_Down]
        state = {"last": time.perf_counter(), "gap": 0.0, "done": False}
        probe = QTimer(window)
        probe.setTimerType(Qt.TimerType.PreciseTimer)
        probe.setInterval(10)
        def tick():
            now = time.perf_counter()
            state["gap"] = max(state["gap"], now - state["last"])
            state["last"] = now
        probe.timeout.connect(tick)
        start = time.perf_counter()
        def press():
            if keys:
                key = keys.pop(0)
                QTest.keyClick(tree, key)
                if key == Qt.Key.Key_Down and editor.current_ref() is None:
                    keys.insert(0, Qt.Key.Key_Down)  # a section's row: on to its first
                # 20 ms on (a fast typist's pace): the probe, due sooner, ticks first, so
                # each gap is one key's work, not a run of keys queued back to back.
                QTimer.singleShot(PACE_MS, press)
                return
            probe.stop()
            tick()
            data = editor.data
            rated = sum(1 for r in data.responses.values() if r.answer is not None)
            assert editor.current_ref() != first and rated >= count, (rated, count)
            print("took gap", state["gap"], flush=True)
            print("took rating", time.perf_counter() - start, flush=True)
            finish(window)
        probe.start()
        state["last"] = time.perf_counter()
        QTimer.singleShot(0, press)
    QTimer.singleShot(0, lambda: when_settled(window, measure))

copy = Path(tempfile.mkdtemp(prefix="rrt-rating-")) / "rating.rrwb"  # every run starts unrated
shutil.copyfile(sys.argv[1], copy)
run_gui(copy, on_ready=ready)
shutil.rmtree(copy.parent, ignore_errors=True)
"""
