"""At 100 %, 150 % and 200 % on a 1024×600 screen every window fits, its buttons show and
its text is not cut; a saved window size is fitted to the screen it opens on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSize

from app.settings import Settings
from app.ui.fitting import fitted_rect, restored_size

ROOT = Path(__file__).resolve().parents[2]
SCREEN = QRect(0, 0, 1024, 600)


@pytest.mark.parametrize("scale", ["1", "1.5", "2"])
def test_every_window_fits_a_small_screen(tmp_path: Path, scale: str) -> None:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": SCREEN.width(), "height": SCREEN.height(),
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
               QT_SCALE_FACTOR=scale, RRT_CONFIG_DIR=str(tmp_path / "config"),
               PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "tests.ui.fit_child"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    problems = json.loads(result.stdout.strip().splitlines()[-1])
    assert problems == []


def test_fitted_rect_keeps_a_window_on_the_screen() -> None:
    rect = fitted_rect(QRect(600, 400, 1100, 720), SCREEN)
    assert SCREEN.contains(rect)
    assert rect.width() <= SCREEN.width() and rect.height() <= SCREEN.height()
    small = fitted_rect(QRect(100, 50, 400, 300), SCREEN)
    assert small == QRect(100, 50, 400, 300)  # already fits: left alone


def test_restored_size_suits_the_screen() -> None:
    default = QSize(1100, 720)
    assert restored_size(None, default, SCREEN).width() <= SCREEN.width()
    # Saved on a big monitor: clamped to this screen.
    big = restored_size(QSize(2400, 1400), default, SCREEN)
    assert big.width() <= SCREEN.width() and big.height() <= SCREEN.height()
    # Saved at 200 % (a quarter of the area in logical pixels), restored at 100 %.
    tiny = restored_size(QSize(480, 260), default, SCREEN)
    assert tiny == restored_size(None, default, SCREEN)
    assert restored_size(QSize(900, 500), default, SCREEN) == QSize(900, 500)


def test_a_saved_window_bigger_than_the_screen_opens_on_it(main_window) -> None:
    first = main_window()
    first.resize(3000, 2000)
    first.move(-500, -500)
    settings = Settings.load()
    settings.window_geometry = bytes(first.saveGeometry().toBase64()).decode()
    first.close()
    again = main_window(settings=settings)
    area = again.screen().availableGeometry()
    assert area.contains(again.geometry())
    assert QByteArray.fromBase64(settings.window_geometry.encode())  # still readable
