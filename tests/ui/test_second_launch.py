"""A second launch with a workbook hands it to the copy already running."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

from PySide6.QtNetwork import QLocalServer

from app.ui.single_instance import InstanceServer, hand_over, server_name
from app.ui.window_router import WindowRouter
from app.workbook import Workbook

ROOT = Path(__file__).resolve().parents[2]


def _unique_name() -> str:
    return f"rrt-test-{uuid.uuid4().hex[:12]}"


def test_a_later_process_hands_its_path_to_the_running_copy(qtbot, tmp_path: Path) -> None:
    received: list[tuple[Path, bool]] = []
    name = _unique_name()
    server = InstanceServer(lambda path, read_only: received.append((path, read_only)),
                            name=name)
    assert server.listen()
    code = ("import sys; from app.ui.single_instance import hand_over; "
            f"sys.exit(0 if hand_over({str(tmp_path / 'Plan.rrwb')!r}, read_only=True, "
            f"name={name!r}) else 1)")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    other = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=tmp_path)
    try:
        qtbot.waitUntil(lambda: bool(received), timeout=30_000)
        qtbot.waitUntil(lambda: other.poll() is not None, timeout=30_000)
    finally:
        if other.poll() is None:
            other.kill()
    assert received == [(tmp_path / "Plan.rrwb", True)]
    assert other.returncode == 0  # it was told the path was taken, and exits


def test_with_nobody_listening_the_launch_opens_the_workbook_itself(qapp) -> None:
    assert not hand_over(Path("Plan.rrwb"), name=_unique_name())


def test_a_name_left_by_a_crashed_copy_is_taken_over(qapp) -> None:
    name = _unique_name()
    crashed = QLocalServer()
    assert crashed.listen(name)
    crashed.close()  # on Unix a socket file is left behind, as after a crash
    server = InstanceServer(lambda *_: None, name=name)
    assert server.listen()


def test_the_name_is_per_settings_folder(monkeypatch, tmp_path: Path) -> None:
    first = server_name()
    monkeypatch.setenv("RRT_CONFIG_DIR", str(tmp_path / "elsewhere"))
    assert server_name() != first


def test_a_handed_over_workbook_comes_forward_or_opens_in_a_new_window(
        main_window, tmp_path: Path, messages) -> None:
    first_path, second_path = tmp_path / "First.rrwb", tmp_path / "Second.rrwb"
    for path in (first_path, second_path):
        Workbook.create(path, title=path.stem).close()
    window = main_window(first_path)
    router = WindowRouter(window)
    # The same workbook again: the window showing it, no "in use" error.
    assert router.open(first_path) is window
    # Another one: a new window, the first keeps its workbook.
    other = router.open(second_path)
    try:
        assert other is not window
        assert other.document is not None and other.document.path == second_path
        assert window.document is not None and window.document.path == first_path
        assert router.open(second_path) is other
        assert messages.shown == []
    finally:
        other.close()


def test_a_window_with_no_workbook_takes_the_handed_over_one(main_window,
                                                             workbook_path: Path) -> None:
    window = main_window()
    assert WindowRouter(window).open(workbook_path) is window
    assert window.document is not None and window.document.path == workbook_path


def test_launching_the_app_twice_on_one_workbook(tmp_path: Path) -> None:
    """Two real launches: the second hands over and exits at once, with no error."""
    from app.ui.single_instance import hand_over_probe

    path = tmp_path / "Shared.rrwb"
    Workbook.create(path, title="Shared").close()
    config = tmp_path / "config"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "RRT_CONFIG_DIR": str(config)}
    env.pop("RRT_EXIT_AFTER_FIRST_PAINT", None)
    first = subprocess.Popen([sys.executable, "-m", "app", str(path)], env=env, cwd=tmp_path)
    try:
        os.environ["RRT_CONFIG_DIR"] = str(config)  # the same name as the launches use
        import time

        deadline = time.monotonic() + 60
        while not hand_over_probe(server_name()):
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        second = subprocess.run([sys.executable, "-m", "app", str(path)], env=env,
                                cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert second.stderr.strip() == ""
        log = (config / "logs" / "rrt.log").read_text(encoding="utf-8")
        assert f"Handed {path} to the copy already running" in log
        assert first.poll() is None  # still running, with the workbook
    finally:
        first.terminate()
        first.wait(timeout=30)
    if sys.platform.startswith("linux"):  # quitting removes the socket file it listened on
        assert not (Path(os.environ.get("TMPDIR") or "/tmp") / server_name()).exists()


def test_finders_open_event_reaches_the_window_router(tmp_path: Path) -> None:
    """macOS sends FileOpen to the application object; the app passes it to the router."""
    path = tmp_path / "Finder.rrwb"
    Workbook.create(path, title="Finder").close()
    code = (
        "import os, sys\n"
        "from PySide6.QtGui import QFileOpenEvent\n"
        "from app.ui.app import DesktopApplication, make_application\n"
        "from app.ui.main_window import MainWindow\n"
        "from app.ui.window_router import WindowRouter\n"
        "app = make_application()\n"
        "assert isinstance(app, DesktopApplication)\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "router = WindowRouter(window)\n"
        "app.file_open_requested.connect(router.open_file)\n"
        f"app.sendEvent(app, QFileOpenEvent({str(path)!r}))\n"
        "print(window.document.path if window.document else None)\n"
        "window.close()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "RRT_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(path)
