"""The installed app: the Linux one-folder bundle, built when missing or older than the
code, what it weighs, and starting it to a painted window against the source checkout.

Both sides run the same command line, the one a user's double-click runs (`rrt
WORKBOOK`), with `RRT_EXIT_AFTER_FIRST_PAINT=1`: the app opens the workbook, paints the
window and closes it properly, so the clock runs from spawning the process to its exit.
The cold item empties the operating system's page cache before every start (of either
side), as after a reboot.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.harness import ROOT

BUNDLE_ENV = "RRT_BUNDLE"  # a built bundle folder to measure as it is (no rebuild)
BUILD = ROOT / "build" / "linux"
SAMPLE = "bundle-sample.rrwb"
EXIT_AFTER_FIRST_PAINT = {"RRT_EXIT_AFTER_FIRST_PAINT": "1"}
_DROP_CACHES = Path("/proc/sys/vm/drop_caches")
# What the bundle is made from: a newer file here means the bundle is out of date.
_SOURCES = ("app", "resources", "installers", "pyproject.toml")

NOTES: list[str] = []  # lines for the report: the bundle's size


def bundle_folder() -> Path:
    return Path(os.environ.get(BUNDLE_ENV) or BUILD / "dist" / "rrt")


def executable() -> Path:
    return bundle_folder() / "rrt"


def _newest_source() -> float:
    newest = 0.0
    for name in _SOURCES:
        top = ROOT / name
        paths = [top] if top.is_file() else top.rglob("*")
        for path in paths:
            if "__pycache__" not in path.parts and path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return newest


def unavailable() -> str | None:
    """Why the bundle cannot be had here, or None."""
    if not sys.platform.startswith("linux"):
        return "the Linux bundle is built and measured on Linux only"
    if os.environ.get(BUNDLE_ENV):
        return None if executable().is_file() else f"{BUNDLE_ENV} names no bundle"
    if shutil.which("dpkg-deb") is None:
        return "dpkg-deb is not installed, so the bundle's package cannot be built"
    return None


def cold_unavailable() -> str | None:
    """Why starts cannot be made cold here (emptying the page cache needs root), or None."""
    reason = unavailable()
    if reason is None and not os.access(_DROP_CACHES, os.W_OK):
        reason = f"emptying the page cache needs write access to {_DROP_CACHES} (root)"
    return reason


def drop_page_cache() -> None:
    """Write dirty pages out and drop the clean ones, so the next start reads from disk."""
    os.sync()
    _DROP_CACHES.write_text("3\n", encoding="ascii")


def prepare(_size: int, work: Path) -> None:
    """Build the bundle if it is missing or older than the code (untimed), note its size,
    and give both sides the sample workbook to open."""
    from app.workbook.sample import bundled_sample

    if not os.environ.get(BUNDLE_ENV) and (
        not executable().is_file() or executable().stat().st_mtime < _newest_source()
    ):
        print("building the bundle (about a minute)…", file=sys.stderr, flush=True)
        subprocess.run(["bash", str(ROOT / "installers" / "linux" / "build.sh")], check=True,
                       cwd=ROOT, stdout=subprocess.DEVNULL, timeout=1800)
    if not (work / SAMPLE).exists():
        shutil.copyfile(bundled_sample(), work / SAMPLE)
    if not NOTES:
        NOTES.append(size_note())


def _size(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def size_note() -> str:
    folder = bundle_folder()
    total, count = _size(folder)
    qt = folder / "_internal" / "PySide6" / "Qt"
    qt_bytes = _size(qt)[0] if qt.is_dir() else 0
    plugins = sorted(p.name for p in (qt / "plugins").iterdir()) if (qt / "plugins").is_dir() \
        else []
    packages = sorted(BUILD.glob("rrt_*.deb")) if not os.environ.get(BUNDLE_ENV) else []
    package = (f"; its .deb is {packages[-1].stat().st_size / 1e6:.0f} MB"
               if packages else "")
    return (f"The Linux bundle (`bash installers/linux/build.sh`, measured above as "
            f"\"bundle\") is {total / 1e6:.0f} MB in {count:,} files, {qt_bytes / 1e6:.0f} MB "
            f"of it Qt{package}. Qt plugin folders bundled: {', '.join(plugins) or 'none'}.")
