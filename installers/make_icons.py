"""Render the app icon (resources/icons/app.svg) to the PNG, ICO and ICNS files installers use.

    QT_QPA_PLATFORM=offscreen python installers/make_icons.py

Qt's own SVG renderer draws each size (so the files match the window icon exactly);
Pillow writes the Windows .ico and the macOS .icns from those PNGs. Run it after changing
the SVG and commit what it writes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows asks an .ico for


def png_path(size: int) -> Path:
    return ICONS / "png" / f"rrt-{size}.png"


def render_pngs() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _application = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "app.svg"))
    if not renderer.isValid():
        raise SystemExit("app.svg could not be read")
    png_path(0).parent.mkdir(exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        if not image.save(str(png_path(size))):
            raise SystemExit(f"could not write {png_path(size)}")


def write_ico_and_icns() -> None:
    images = [Image.open(png_path(size)).convert("RGBA") for size in SIZES]
    largest = images[-1]
    by_size = {image.width: image for image in images}
    largest.save(ICONS / "rrt.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[by_size[s] for s in ICO_SIZES])
    largest.save(ICONS / "rrt.icns", format="ICNS",
                 append_images=[by_size[s] for s in (16, 32, 64, 128, 256)])


if __name__ == "__main__":
    render_pngs()
    write_ico_and_icns()
    print(f"Wrote {len(SIZES)} PNGs, rrt.ico and rrt.icns in {ICONS}")
