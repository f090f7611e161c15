"""A real install: build the wheel, install it into a fresh virtual environment and use it
from somewhere that is not the checkout, as a user would.

Offline and quick: the wheel is built without build isolation (the test extras bring the
backend), and the new environment reuses the already-installed dependencies through a .pth
file, so only the app itself comes from the wheel. The checks prove it does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from tests.support.office import pdf_text, qpdf_check

ROOT = Path(__file__).resolve().parents[1]
TITLE = "Wheel install check"

pytestmark = pytest.mark.install

# Never copied into the build: a stale build/ would put old files in the wheel.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
    ".ruff_cache", ".mypy_cache", "tmp",
)


def _clean_env(**extra: str) -> dict[str, str]:
    # PYTHONPATH pointing at a checkout would make the checkout, not the wheel, win.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PYTHONNOUSERSITE="1", **extra)
    return env


class Installed:
    """A virtual environment holding the wheel, and a place outside the checkout to run it."""

    def __init__(self, base: Path, wheel: Path, venv: Path) -> None:
        self.wheel = wheel
        self.venv = venv
        self.work = base / "work"
        self.work.mkdir()
        self.config = base / "config"
        bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
        self.python = bin_dir / ("python.exe" if sys.platform == "win32" else "python")
        self.rrt_command = bin_dir / ("rrt.exe" if sys.platform == "win32" else "rrt")

    def run(self, *command: str | Path, timeout: float = 120,
            **extra_env: str) -> subprocess.CompletedProcess[str]:
        env = _clean_env(RRT_CONFIG_DIR=str(self.config), QT_QPA_PLATFORM="offscreen",
                         **extra_env)
        return subprocess.run([str(part) for part in command], cwd=self.work, env=env,
                              capture_output=True, text=True, timeout=timeout, check=False)

    def rrt(self, *args: str | Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
        return self.run(self.rrt_command, *args, **extra_env)


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, env=_clean_env(), capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"


def _has_build_backend() -> bool:
    # setuptools 70.1 builds wheels without the separate "wheel" package.
    try:
        major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (70, 1)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    if not _has_build_backend():
        pytest.fail("building the wheel offline needs the test extras' build backend: "
                    "pip install -e '.[test]'", pytrace=False)
    base = tmp_path_factory.mktemp("wheel-install")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-cache-dir", "-q", "-w", str(wheels), "."], cwd=source)
    (wheel,) = wheels.glob("*.whl")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=base)
    installed = Installed(base, wheel, venv)
    # The dependencies this interpreter already has, after the venv's own site-packages;
    # plain path lines, so the checkout's editable-install hook (a .pth there) never runs.
    site_dirs = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    venv_site = installed.run(installed.python, "-c",
                              "import sysconfig; print(sysconfig.get_path('purelib'))")
    assert venv_site.returncode == 0, venv_site.stderr
    Path(venv_site.stdout.strip(), "_rrt_test_dependencies.pth").write_text(
        "\n".join(site_dirs) + "\n", encoding="utf-8")
    _run([str(installed.python), "-m", "pip", "install", "--no-deps", "--no-index", "-q",
          str(wheel)], cwd=base)
    return installed


def _repo_files(folder: str) -> set[str]:
    return {p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def test_the_wheel_carries_resources_docs_and_every_migration(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    assert {f"app/_resources/{name}" for name in _repo_files("resources")} <= names
    assert "app/_docs/USER_GUIDE.md" in names
    migrations = {f"app/{name}" for name in _repo_files("app")
                  if "migrations" in name.split("/")[:-1]}
    assert "app/workbook/migrations/script.py.mako" in migrations
    assert any("/versions/" in name for name in migrations)
    assert migrations <= names


def test_the_app_runs_from_the_venv_not_the_checkout(installed: Installed) -> None:
    code = ("import app, app.paths; print(app.__file__); print(app.paths.resources_dir()); "
            "print(app.paths.docs_dir())")
    result = installed.run(installed.python, "-c", code)
    assert result.returncode == 0, result.stderr
    module, resources, docs = (Path(line).resolve() for line in result.stdout.splitlines())
    venv = installed.venv.resolve()
    for path in (module, resources, docs):
        assert path.is_relative_to(venv), f"{path} is not inside {venv}"
        assert not path.is_relative_to(ROOT)
    assert (resources / "sample" / "sample.rrwb").is_file()
    assert (resources / "fonts" / "DejaVuSans.ttf").is_file()
    assert (docs / "USER_GUIDE.md").is_file()


def test_new_and_export_in_every_format(installed: Installed) -> None:
    made = installed.rrt("new", "Install check.rrwb", "--title", TITLE)
    assert made.returncode == 0, made.stderr
    workbook = installed.work / "Install check.rrwb"
    assert workbook.is_file()
    magic = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04"}
    inside = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
    for fmt, start in magic.items():
        out = installed.work / f"summary.{fmt}"
        result = installed.rrt("export", workbook.name, "--format", fmt, "--out", out.name)
        assert result.returncode == 0, result.stderr
        assert out.read_bytes().startswith(start)
        if fmt in inside:
            assert inside[fmt] in zipfile.ZipFile(out).namelist()
    pdf = installed.work / "summary.pdf"
    qpdf_check(pdf)
    assert TITLE in pdf_text(pdf)


def test_the_sample_opens_offscreen(installed: Installed) -> None:
    result = installed.rrt("--sample", RRT_EXIT_AFTER_FIRST_PAINT="1")
    assert result.returncode == 0, result.stderr
    assert (installed.config / "data" / "Sample workbook.rrwb").is_file()


def test_the_installed_self_test_passes(installed: Installed) -> None:
    """What an installer runs on its bundle, run here on the installed wheel."""
    result = installed.rrt("--self-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("rrt: self-test passed")
