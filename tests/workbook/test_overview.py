"""The overview: a workbook's details and counts read with plain SQL, agreeing with the ORM."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.workbook import Workbook, fileformat
from app.workbook.errors import InvalidValue, WorkbookClosed
from app.workbook.evidence import attach_evidence
from app.workbook.info import get_info, update_field
from app.workbook.overview import WorkbookOverview, parse_utc, read_overview
from app.workbook.snapshot import take_snapshot
from tests.support.counts import nothing_counted

ROOT = Path(__file__).resolve().parents[2]


def _read(path: Path) -> WorkbookOverview:
    connection = fileformat.connect(path, read_only=True)
    try:
        return read_overview(connection)
    finally:
        connection.close()


def test_a_new_workbook_with_no_evidence(new_workbook: Workbook) -> None:
    overview = _read(new_workbook.path)
    assert (overview.title, overview.organisation, overview.area, overview.owner) == (
        "Test workbook", "Testshire CVS", "Testshire", "Test Owner")
    assert overview.counts == {**nothing_counted(), "changes": 1}  # "workbook created"
    assert new_workbook.overview() == overview


def test_values_counts_and_times_agree_with_the_orm(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        attach_evidence(session, "minutes.txt", b"Board minutes")
        attach_evidence(session, "survey.csv", b"a,b\n1,2\n")
        update_field(session, "area", "Testshire and Wolds")
    with new_workbook.session() as session:
        info = get_info(session)
        expected_times = (info.created_at, info.updated_at)
        snapshot = take_snapshot(session, new_workbook.path)

    overview = new_workbook.overview()
    assert overview.area == "Testshire and Wolds"
    assert overview.counts == {**nothing_counted(), "changes": 4, "evidence": 2}
    assert (overview.created_at, overview.updated_at) == expected_times
    for moment in (overview.created_at, overview.updated_at):
        assert moment.utcoffset() == timedelta(0)
    assert overview.updated_at > overview.created_at
    # The report snapshot counts through the very same statement.
    assert snapshot.counts == overview.counts


def test_a_workbook_without_its_details_record_is_explained(new_workbook: Workbook) -> None:
    with new_workbook.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM workbook_info")
    with pytest.raises(InvalidValue, match="no details record"):
        new_workbook.overview()


def test_a_closed_workbook_is_not_read(new_workbook: Workbook) -> None:
    new_workbook.close()
    with pytest.raises(WorkbookClosed):
        new_workbook.overview()


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("2026-11-25 14:51:32.097429", datetime(2026, 11, 25, 14, 51, 32, 97429, tzinfo=UTC)),
        ("2026-11-25 14:51:32", datetime(2026, 11, 25, 14, 51, 32, tzinfo=UTC)),
        ("2026-11-25T14:51:32Z", datetime(2026, 11, 25, 14, 51, 32, tzinfo=UTC)),
        ("2026-11-25 15:51:32+01:00", datetime(2026, 11, 25, 14, 51, 32, tzinfo=UTC)),
        (b"2026-11-25 14:51:32.5", datetime(2026, 11, 25, 14, 51, 32, 500000, tzinfo=UTC)),
        (datetime(2026, 11, 25, 9, 51, tzinfo=timezone(timedelta(hours=-5))),
         datetime(2026, 11, 25, 14, 51, tzinfo=UTC)),
    ],
)
def test_stored_times_are_read_as_aware_utc(stored: object, expected: datetime) -> None:
    parsed = parse_utc(stored)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize("stored", ["yesterday", "", None, 1764082292])
def test_an_unreadable_time_is_explained(stored: object) -> None:
    with pytest.raises(InvalidValue, match="date that cannot be read"):
        parse_utc(stored)


def test_opening_and_looking_need_no_sqlalchemy(tmp_path: Path) -> None:
    """Opening a workbook and reading its overview and counts leave the ORM unloaded;
    the first session loads it and still works."""
    path = tmp_path / "look.rrwb"
    Workbook.create(path, title="Look only", owner="Sam").close()
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from app.workbook import Workbook

        with Workbook.open(Path({str(path)!r})) as workbook:
            overview = workbook.overview()
            assert "sqlalchemy" not in sys.modules, "looking loaded SQLAlchemy"
            assert (overview.title, overview.owner) == ("Look only", "Sam"), overview
            from tests.support.counts import nothing_counted
            assert overview.counts == dict(nothing_counted(), changes=1), overview.counts
            from app.workbook.info import update_field

            with workbook.session() as session:
                update_field(session, "title", "Looked at")
            assert workbook.overview().title == "Looked at"
            assert workbook.overview().counts["changes"] == 2
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
