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
from PySide6.QtCore import QTimer
from app.settings import Settings
from app.ui.app import make_application
from app.ui.main_window import MainWindow

path = Path(sys.argv[1])
app = make_application()
window = MainWindow(Settings())
window.resize(1200, 800)
window.show_opening(path)

def open_then_quit():
    window.open_path(path)
    assert window.workbook_screen is not None, "the sample did not open"
    window.workbook_screen.repaint()  # paint the opened workbook before stopping the clock
    window.close()
    app.quit()

QTimer.singleShot(0, open_then_quit)
window.show()
app.exec()
"""


def time_process(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return time.perf_counter() - start


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
