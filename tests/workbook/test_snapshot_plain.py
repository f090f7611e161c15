"""The report snapshot is read with plain SQL and holds the very values the ORM gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.reports.workbook_export import prepare_export
from app.workbook import Workbook
from app.workbook.changelog import recent_changes
from app.workbook.evidence import attach_evidence, list_evidence
from app.workbook.info import get_info
from app.workbook.snapshot import read_snapshot

ROOT = Path(__file__).resolve().parents[2]


def test_plain_snapshot_matches_the_orm(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        attach_evidence(session, "survey.csv", b"a,b\n1,2\n")
        attach_evidence(session, "Minutes – Zażółć.txt", b"Board minutes")
    with new_workbook.session() as session:
        info = get_info(session)
        evidence = [(e.name, e.media_type, e.size, e.added_at) for e in list_evidence(session)]
        changes = [(c.at, c.actor, c.summary) for c in recent_changes(session, 200)]
        details = (info.title, info.organisation, info.area, info.owner, info.created_at,
                   info.updated_at)
    snapshot = new_workbook.read(lambda raw: read_snapshot(raw, new_workbook.path))
    assert (snapshot.title, snapshot.organisation, snapshot.area, snapshot.owner,
            snapshot.created_at, snapshot.updated_at) == details
    assert [(e.name, e.media_type, e.size, e.added_at) for e in snapshot.evidence] == evidence
    assert [(c.at, c.actor, c.summary) for c in snapshot.recent_changes] == changes
    assert prepare_export(new_workbook, "summary").snapshot == snapshot


def test_cli_paths_do_not_load_the_orm(tmp_path: Path) -> None:
    """`rrt info`, `check` and `export` read with plain SQL: SQLAlchemy is never imported."""
    from app.workbook.sample import bundled_sample

    sample = tmp_path / "sample.rrwb"
    sample.write_bytes(bundled_sample().read_bytes())
    commands = [["info", str(sample)], ["check", str(sample)]] + [
        ["export", str(sample), "--format", fmt, "--out", str(tmp_path / f"out.{fmt}")]
        for fmt in ("docx", "pdf", "xlsx")
    ]
    for args in commands:
        code = ("import sys; from app.main import main; status = main(sys.argv[1:]); "
                "assert 'sqlalchemy' not in sys.modules, 'SQLAlchemy was loaded'; "
                "sys.exit(status)")
        done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)},
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (args[0], done.stderr[-2000:])
