"""Process start to a painted main window showing the sample workbook, against a bare
PySide6 window process. Both are measured side by side, alternating, in one run.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_startup.py
Target: ours <= 3.5x the bare window.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class QuitOnPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QApplication.instance().quit()
        return False

app = QApplication([])
window = QMainWindow()
window.resize(1200, 800)
window.setWindowTitle("Bare window")
quitter = QuitOnPaint()
window.installEventFilter(quitter)
window.show()
app.exec()
"""

OURS = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.ui.app import run_gui

def ready(window):
    assert window.workbook_screen is not None, "the sample did not open"
    window.workbook_screen.repaint()  # paint the opened workbook before stopping the clock
    print("painted", flush=True)
    window.close()
    QApplication.instance().quit()

run_gui(Path(sys.argv[1]), on_ready=ready)
"""


def time_process(code: str, *args: str) -> float:
    """Seconds from starting the process to its report that the window is painted."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.wait()
    assert line.strip() == "painted", "the window was never painted"
    return elapsed


def main(repeats: int = 7) -> None:
    from app.workbook.sample import bundled_sample

    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample.rrwb"
        sample.write_bytes(bundled_sample().read_bytes())
        os.environ["RRT_CONFIG_DIR"] = folder
        time_process(BARE)  # warm the file cache for both
        time_process(OURS, str(sample))
        bare, ours = [], []
        for _ in range(repeats):
            bare.append(time_process(BARE))
            ours.append(time_process(OURS, str(sample)))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 window: median {b * 1000:.0f} ms (best {min(bare) * 1000:.0f} ms)")
    print(f"our main window with the sample workbook: median {o * 1000:.0f} ms "
          f"(best {min(ours) * 1000:.0f} ms)")
    print(f"ratio ours / bare: {o / b:.2f}x (target <= 3.5x)")


if __name__ == "__main__":
    main()
