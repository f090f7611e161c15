"""Only one editor at a time: a second window or process is told who has the workbook."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.workbook import Workbook
from app.workbook.errors import WorkbookInUse
from app.workbook.info import get_info
from app.workbook.lock import current_user, lock_path_for

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_second_open_in_the_same_process_is_refused(new_workbook: Workbook) -> None:
    with pytest.raises(WorkbookInUse) as refused:
        Workbook.open(new_workbook.path)
    assert current_user() in str(refused.value)
    assert "open it read-only" in str(refused.value)


def test_second_process_is_told_the_workbook_is_in_use(new_workbook: Workbook) -> None:
    result = run_python(
        """
        import sys
        from app.workbook import Workbook
        from app.workbook.errors import WorkbookInUse
        try:
            Workbook.open(sys.argv[1])
        except WorkbookInUse as error:
            print(error)
            sys.exit(7)
        """,
        str(new_workbook.path),
    )
    assert result.returncode == 7, result.stderr
    assert "is already open by" in result.stdout
    assert current_user() in result.stdout


def test_second_process_may_read_while_the_owner_edits(new_workbook: Workbook) -> None:
    result = run_python(
        """
        import sys
        from app.workbook import Workbook
        from app.workbook.info import get_info
        with Workbook.open(sys.argv[1], read_only=True) as workbook:
            with workbook.session() as session:
                print(get_info(session).title)
        """,
        str(new_workbook.path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Test workbook"


def test_closing_releases_the_workbook(new_workbook: Workbook) -> None:
    new_workbook.close()
    assert not lock_path_for(new_workbook.path).exists()
    with Workbook.open(new_workbook.path) as again, again.session() as session:
        assert get_info(session).title == "Test workbook"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX-only")
def test_stale_lock_from_a_killed_process_is_cleared(tmp_path: Path) -> None:
    path = tmp_path / "crashed.rrwb"
    Workbook.create(path, title="Crashed").close()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from app.workbook import Workbook\n"
            "wb = Workbook.open(sys.argv[1])\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
            str(path),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "open"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    lock_file = lock_path_for(path)
    assert json.loads(lock_file.read_text())["pid"] == child.pid  # left behind by the crash
    with Workbook.open(path) as workbook:
        assert workbook.cleared_stale_lock
        assert json.loads(lock_file.read_text())["pid"] == os.getpid()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows refuses to delete an open file")
def test_deleting_the_lock_file_does_not_let_a_second_editor_in(tmp_path: Path) -> None:
    path = tmp_path / "shared.rrwb"
    Workbook.create(path, title="Shared").close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from app.workbook import Workbook\n"
            "wb = Workbook.open(sys.argv[1])\n"
            "print('open', flush=True)\n"
            "sys.stdin.read()\n",
            str(path),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        lock_path_for(path).unlink()
        with pytest.raises(WorkbookInUse, match="already open"):
            Workbook.open(path)
        # A second process is refused as well, and reading is still allowed.
        result = run_python(
            """
            import sys
            from app.workbook import Workbook
            from app.workbook.errors import WorkbookInUse
            try:
                Workbook.open(sys.argv[1])
            except WorkbookInUse:
                sys.exit(7)
            """,
            str(path),
        )
        assert result.returncode == 7, result.stderr
        with Workbook.open(path, read_only=True) as viewer:
            assert viewer.overview().title == "Shared"
    finally:
        holder.kill()
        holder.wait()


def test_replacing_the_lock_file_does_not_let_a_second_editor_in(
    new_workbook: Workbook,
) -> None:
    lock_file = lock_path_for(new_workbook.path)
    lock_file.unlink()
    lock_file.write_text("{}")
    with pytest.raises(WorkbookInUse):
        Workbook.open(new_workbook.path)


def test_the_lock_file_is_hidden_beside_the_workbook(new_workbook) -> None:
    from app.destinations import DestinationRefused, check_destination

    lock_file = lock_path_for(new_workbook.path)
    assert lock_file.parent == new_workbook.path.parent
    assert lock_file.name == f".{new_workbook.path.name}.lock" and lock_file.exists()
    visible = [p.name for p in new_workbook.path.parent.iterdir() if not p.name.startswith(".")]
    assert not any(name.endswith(".lock") for name in visible)
    with pytest.raises(DestinationRefused, match="lock file"):
        check_destination(lock_file, suffix=".lock", overwrite=True)
