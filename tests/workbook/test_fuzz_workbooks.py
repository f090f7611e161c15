"""Mutation fuzzing: no workbook file and no command line makes the app crash, hang or write.

Workbooks arrive by e-mail, so every file here is a sound workbook that has been damaged or
edited with other tools, chosen by a fixed seed. Each one is opened read-only and for
editing, looked at (overview, counts, a session read) and given to `rrt info` and `rrt check`.
Only a `UserError` (a sentence for the user) or success is allowed, each step finishes within
a time cap, and the read-only steps leave the file byte-for-byte as it was.

About 200 cases run by default; set RRT_FUZZ_CASES for more (thousands, say, overnight).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import random
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import run
from app.errors import UserError
from app.workbook import Workbook
from app.workbook.evidence import attach_evidence, list_evidence
from app.workbook.info import get_info, update_field

CASES = int(os.environ.get("RRT_FUZZ_CASES", "200"))
ARGV_CASES = max(100, CASES // 2)
SEED = 20261130
TIME_CAP = 30.0  # seconds for any one step; the app's own budgets are well inside it


def within_cap(label: str, action: Callable[[], Any]) -> Any:
    """Run `action` in a thread; fail (rather than hang the suite) if it outlasts TIME_CAP."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = action()
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(TIME_CAP)
    if worker.is_alive():
        pytest.fail(f"{label}: still running after {TIME_CAP:.0f} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


@pytest.fixture(scope="module")
def base_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-base") / "base.rrwb"
    with Workbook.create(path, title="Fuzz base", organisation="Testshire CVS") as workbook:
        with workbook.session() as session:
            for number in range(12):
                attach_evidence(session, f"file {number}.txt", bytes([number]) * (500 * number),
                                note=f"note {number}")
        with workbook.session() as session:
            update_field(session, "area", "Testshire")
    return path


# ------------------------------------------------------------------ mutations


def _flip_header(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 4)):
        data[rng.randrange(100)] ^= 1 << rng.randrange(8)


def _flip_pages(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 40)):
        data[rng.randrange(100, len(data))] = rng.randrange(256)


def _scribble_page(data: bytearray, rng: random.Random) -> None:
    page = int.from_bytes(data[16:18], "big") or 4096
    start = rng.randrange(len(data) // page) * page
    data[start : start + rng.randint(8, page)] = rng.randbytes(rng.randint(8, page))


def _truncate(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(len(data)) :]


def _append(data: bytearray, rng: random.Random) -> None:
    data.extend(rng.randbytes(rng.randint(1, 10_000)))


BYTE_MUTATIONS = [_flip_header, _flip_pages, _scribble_page, _truncate, _append]

BAD_VALUES = ["'yesterday'", "x'ff00'", "1764082292", "-1.5", "''", "NULL", "zeroblob(9)",
              "'9999-12-31T23:59:59-05:00'", "'0001-01-01 00:00:00+05:00'", "char(0)"]
TABLE_COLUMNS = {
    "workbook_info": ["id", "title", "organisation", "area", "owner", "created_at",
                      "updated_at"],
    "change_log": ["id", "at", "actor", "action", "entity", "entity_id", "summary"],
    "evidence_file": ["id", "sha256", "name", "media_type", "size", "added_at", "note"],
    "evidence_blob": ["sha256", "size", "data"],
}
RECURSIVE = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r"


def schema_statements(rng: random.Random) -> list[str]:
    table = rng.choice(sorted(TABLE_COLUMNS))
    column = rng.choice(TABLE_COLUMNS[table])
    choices = [
        [f"DROP TABLE {table}"],
        [f"ALTER TABLE {table} DROP COLUMN {column}"] if column not in ("id", "sha256") else
        [f"ALTER TABLE {table} ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'"],
        [f"CREATE TRIGGER t{rng.randrange(99)} AFTER INSERT ON {table} "
         "BEGIN DELETE FROM change_log; END"],
        [f"CREATE VIEW v{rng.randrange(99)} AS {RECURSIVE}"],
        [f"DROP TABLE {table}", f"CREATE VIEW {table} AS {RECURSIVE}"],
        [f"PRAGMA user_version = {rng.choice([-1, 0, 1, 3, 99, -(2**31)])}"],
        [f"PRAGMA application_id = {rng.choice([0, 1, -1, 1381128003])}"],
        [f"ALTER TABLE {table} RENAME TO {table}_old",
         f"CREATE TABLE {table} ({', '.join(f'{c} BLOB' for c in TABLE_COLUMNS[table])})",
         f"INSERT INTO {table} SELECT {', '.join(TABLE_COLUMNS[table])} FROM {table}_old"],
        [f"UPDATE {table} SET {column} = {rng.choice(BAD_VALUES)}"],
        [f"UPDATE workbook_info SET {rng.choice(['created_at', 'updated_at'])} = "
         f"{rng.choice(BAD_VALUES)}"],
        [f"UPDATE evidence_file SET added_at = {rng.choice(BAD_VALUES)}"],
        [f"UPDATE change_log SET id = {rng.choice(BAD_VALUES)}"],
        ["CREATE TABLE extra (x)", "INSERT INTO extra VALUES (1)"],
        [f"CREATE INDEX ix_fuzz ON {table} ({column})"],
        ["DELETE FROM workbook_info"],
    ]
    return rng.choice(choices)


def make_case(base: Path, folder: Path, index: int) -> tuple[Path, str]:
    rng = random.Random(SEED * 1000 + index)
    path = folder / f"case {index}.rrwb"
    shutil.copyfile(base, path)
    description: list[str] = []
    for _ in range(rng.choice([1, 1, 1, 2])):
        if rng.random() < 0.55:
            statements = schema_statements(rng)
            description.append("; ".join(statements))
            raw = sqlite3.connect(path)
            try:
                for statement in statements:
                    raw.execute(statement)
                raw.commit()
            except (sqlite3.Error, UnicodeDecodeError):
                pass  # the file was already damaged by an earlier mutation
            finally:
                raw.close()
        else:
            mutation = rng.choice(BYTE_MUTATIONS)
            description.append(mutation.__name__)
            data = bytearray(path.read_bytes())
            if data:
                mutation(data, rng)
            path.write_bytes(bytes(data))
    return path, " then ".join(description)


# ------------------------------------------------------------------ what each case runs


def look(path: Path) -> None:
    with Workbook.open(path, read_only=True) as workbook:
        workbook.overview()
        with workbook.session() as session:
            get_info(session)
            list_evidence(session)


def edit_open(path: Path) -> None:
    with Workbook.open(path) as workbook:
        workbook.overview()
        with workbook.session() as session:
            get_info(session)
            list_evidence(session)


def cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            status = run(list(args))
        except SystemExit as leaving:  # --help and --version
            status = int(leaving.code or 0)
    return status, err.getvalue()


def only_user_errors(label: str, action: Callable[[], Any]) -> None:
    try:
        within_cap(label, action)
    except UserError as error:
        text = str(error)
        assert text and "\n" not in text and "Traceback" not in text, f"{label}: {text!r}"


@pytest.mark.parametrize("index", range(CASES))
def test_damaged_or_edited_workbooks_give_sentences(
    base_workbook: Path, tmp_path: Path, index: int
) -> None:
    path, description = make_case(base_workbook, tmp_path, index)
    label = f"case {index} ({description})"
    before = digest(path)
    only_user_errors(f"{label}: read-only open", lambda: look(path))
    for command in ("info", "check"):
        status, err = within_cap(f"{label}: rrt {command}", lambda c=command: cli(c, str(path)))
        assert status in (0, 3), f"{label}: rrt {command} exit {status}: {err}"
        assert "Traceback" not in err and len(err.strip().splitlines()) <= 1, f"{label}: {err}"
    assert digest(path) == before, f"{label}: a read-only step changed the file"
    only_user_errors(f"{label}: open for editing", lambda: edit_open(path))


# ------------------------------------------------------------------ the command line


def random_argv(rng: random.Random, folder: Path, workbook: Path) -> list[str]:
    odd = [os.fsdecode(b"\xff\xfe"), "", " ", "-", "--", "\x00", "é\u202e", "x" * 100_000,
           os.fsdecode(b"bad\xffbyte.rrwb"), "--title", "--force", "--out", "--format",
           "nowhere/x.rrwb", str(folder), str(folder / "new.rrwb"), str(workbook),
           str(folder / "copy.rrwb"), "pdf", "docx", "xlsx", "--report", "--suppress", "none",
           "--organisation", "\t", "/dev/null", "/dev/zero", "x.docx"]
    command = rng.choice(["new", "info", "check", "copy", "export", rng.choice(odd)])
    return [command, *(rng.choice(odd) for _ in range(rng.randint(0, 6)))]


def test_random_command_lines_exit_0_2_or_3_with_one_line(
    base_workbook: Path, tmp_path: Path
) -> None:
    workbook = tmp_path / "w.rrwb"
    shutil.copyfile(base_workbook, workbook)
    rng = random.Random(SEED)
    for case in range(ARGV_CASES):
        argv = random_argv(rng, tmp_path, workbook)
        status, err = within_cap(f"argv {case}", lambda a=argv: cli(*a))
        shown = [arg[:40] for arg in argv]
        assert status in (0, 2, 3), f"{shown}: exit {status}: {err[-500:]}"
        assert "Traceback" not in err, f"{shown}: {err[-500:]}"
        assert len(err.strip().splitlines()) <= 1, f"{shown}: {err[-500:]}"
        if status:
            assert err.startswith("rrt: "), f"{shown}: {err[-500:]}"


@pytest.fixture(scope="module", autouse=True)
def memory_cap() -> Iterator[None]:
    # Every case in this file together may raise the process's peak memory only so far.
    from tests.support.caps import peak_memory_growth_below

    with peak_memory_growth_below(400):
        yield
