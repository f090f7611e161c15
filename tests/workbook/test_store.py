"""The workbook file: creating, reopening, refusing bad files, upgrading and copying."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from app.errors import UserError
from app.workbook import Workbook, fileformat
from app.workbook.errors import (
    DamagedWorkbook,
    InvalidValue,
    NotAWorkbook,
    WorkbookExists,
    WorkbookNeedsUpgrade,
    WorkbookNotFound,
    WorkbookReadOnly,
    WorkbookTooNew,
)
from app.workbook.evidence import attach_evidence, list_evidence
from app.workbook.info import get_info, update_field
from app.workbook.lock import lock_path_for
from app.workbook.module_schema import modules_need_upgrade

FIXTURES = Path(__file__).parent.parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_workbook_reopens_with_its_details(tmp_path: Path) -> None:
    path = tmp_path / "Board audit.rrwb"
    with (
        Workbook.create(path, title="Board audit", organisation="Northfield CVS") as workbook,
        workbook.session() as session,
    ):
        update_field(session, "area", "Northfield")
    with Workbook.open(path) as reopened, reopened.session() as session:
        info = get_info(session)
        assert (info.title, info.organisation, info.area) == (
            "Board audit",
            "Northfield CVS",
            "Northfield",
        )
        assert info.created_at.tzinfo is not None


def test_file_is_a_single_complete_sqlite_file_with_our_identity(new_workbook: Workbook) -> None:
    raw = sqlite3.connect(new_workbook.path)
    try:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == fileformat.APPLICATION_ID
        assert raw.execute("PRAGMA user_version").fetchone()[0] == fileformat.SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        raw.close()
    with new_workbook.engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert driver.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert not Path(str(new_workbook.path) + "-wal").exists()


def test_create_refuses_an_existing_file_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "existing.rrwb"
    path.write_text("precious")
    with pytest.raises(WorkbookExists, match="already exists"):
        Workbook.create(path, title="New")
    assert path.read_text() == "precious"


def test_create_without_a_title_makes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "untitled.rrwb"
    with pytest.raises(InvalidValue, match="needs a title"):
        Workbook.create(path, title="   ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"Minutes of the board meeting\n" * 20, "minutes.txt"),
        (b"", "empty.rrwb"),
        (b"SQLite format 3\x00short", "truncated.rrwb"),
    ],
)
def test_not_a_workbook_is_refused_untouched(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NotAWorkbook, match="not a Rights & Responsibilities workbook"):
        Workbook.open(path)
    assert path.read_bytes() == content
    assert not lock_path_for(path).exists()


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "contacts.rrwb"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE contacts (name TEXT)")
    raw.commit()
    raw.close()
    before = digest(path)
    with pytest.raises(NotAWorkbook, match="another program"):
        Workbook.open(path)
    assert digest(path) == before


def test_a_word_document_renamed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "strategy.rrwb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(NotAWorkbook):
        Workbook.open(path)


def test_missing_file_and_folder_give_sentences(tmp_path: Path) -> None:
    with pytest.raises(WorkbookNotFound, match="There is no file"):
        Workbook.open(tmp_path / "nowhere.rrwb")
    with pytest.raises(NotAWorkbook, match="folder"):
        Workbook.open(tmp_path)


def test_damaged_workbook_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.rrwb"
    with Workbook.create(path, title="To be damaged") as workbook, workbook.session() as session:
        for number in range(40):
            attach_evidence(session, f"note {number}.txt", bytes([number]) * 3000)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Scribble over the middle pages, leaving the header intact.
    for offset in range(page_size * 3, len(data) - page_size, page_size * 2):
        data[offset : offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DamagedWorkbook, match="damaged"):
        Workbook.open(path)
    assert digest(path) == before
    assert not lock_path_for(path).exists()


def test_newer_workbook_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.rrwb"
    Workbook.create(path, title="From the future").close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {fileformat.SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = digest(path)
    with pytest.raises(WorkbookTooNew, match="newer version of the app"):
        Workbook.open(path)
    assert digest(path) == before


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("workbook_v*.rrwb")), ids=lambda p: p.stem)
def test_every_past_format_opens_and_upgrades(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / "old.rrwb"
    shutil.copyfile(fixture, path)
    old_version = fileformat.read_header(path).schema_version
    raw = sqlite3.connect(path)
    try:  # an older core format, or a module's tables missing or older
        needs_upgrade = (old_version < fileformat.SCHEMA_VERSION
                         or modules_need_upgrade(raw, path, old_version))
    finally:
        raw.close()
    with Workbook.open(path) as workbook:
        assert workbook.schema_version() == fileformat.SCHEMA_VERSION
        with workbook.session() as session:
            assert get_info(session).title == f"Format {old_version} workbook"
            assert get_info(session).organisation == "Oldtown CVS"
            attach_evidence(session, "new.txt", b"added after upgrade")
        if needs_upgrade:
            assert workbook.upgraded_from == old_version
            assert workbook.backup_path is not None
            backup_header = fileformat.read_header(workbook.backup_path)
            assert backup_header.schema_version == old_version
            assert digest(workbook.backup_path) != digest(path)
        else:
            assert workbook.backup_path is None


def test_read_only_open_of_an_old_workbook_asks_for_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.rrwb"
    shutil.copyfile(FIXTURES / "workbook_v1.rrwb", path)
    with pytest.raises(WorkbookNeedsUpgrade, match="older version"):
        Workbook.open(path, read_only=True)
    assert digest(path) == digest(FIXTURES / "workbook_v1.rrwb")


def test_read_only_workbook_refuses_edits(new_workbook: Workbook) -> None:
    with (
        Workbook.open(new_workbook.path, read_only=True) as viewer,
        pytest.raises(WorkbookReadOnly),
        viewer.session() as session,
    ):
        update_field(session, "title", "Changed")
    with new_workbook.session() as session:
        assert get_info(session).title == "Test workbook"


def test_save_a_copy_is_a_complete_workbook(new_workbook: Workbook, tmp_path: Path) -> None:
    with new_workbook.session() as session:
        attach_evidence(session, "survey.csv", b"group,count\nA,12\n")
    copy = tmp_path / "copy.rrwb"
    new_workbook.save_copy(copy)
    assert not Path(str(copy) + "-journal").exists()
    with Workbook.open(copy) as opened, opened.session() as session:
        assert [e.name for e in list_evidence(session)] == ["survey.csv"]
        assert opened.integrity_problems() == []


def test_save_a_copy_onto_itself_is_refused(new_workbook: Workbook) -> None:
    with pytest.raises(UserError, match="cannot be written over"):
        new_workbook.save_copy(new_workbook.path, overwrite=True)


def test_failed_action_rolls_back_everything(new_workbook: Workbook) -> None:
    with pytest.raises(InvalidValue), new_workbook.session() as session:
        update_field(session, "area", "Halfway")
        update_field(session, "title", "")  # impossible: the whole action is undone
    with new_workbook.session() as session:
        assert get_info(session).area == "Testshire"
