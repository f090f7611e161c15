"""Core edits: workbook details, evidence files and the change log."""

from __future__ import annotations

import pytest

from app.workbook import Workbook
from app.workbook.changelog import count_changes, recent_changes
from app.workbook.errors import InvalidValue, WorkbookClosed
from app.workbook.evidence import (
    MAX_EVIDENCE_BYTES,
    attach_evidence,
    count_evidence,
    evidence_data,
    list_evidence,
    remove_evidence,
    restore_evidence,
)
from app.workbook.info import get_info, update_field
from app.workbook.models import EvidenceBlob
from app.workbook.snapshot import take_snapshot


def test_detail_edit_is_logged_with_old_and_new_values(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        change = update_field(session, "organisation", "  Eastside Network ")
    assert (change.old, change.new) == ("Testshire CVS", "Eastside Network")
    with new_workbook.session() as session:
        entry = recent_changes(session)[0]
        assert entry.summary == "Organisation changed from “Testshire CVS” to “Eastside Network”"
        assert entry.actor
        assert get_info(session).updated_at >= get_info(session).created_at


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "needs a title"),
        ("area", "x" * 201, "too long"),
        ("owner", "line\nbreak", "line breaks"),
        ("id", "anything", "not a workbook detail"),
    ],
)
def test_impossible_values_change_nothing(
    new_workbook: Workbook, field: str, value: str, message: str
) -> None:
    with pytest.raises(InvalidValue, match=message), new_workbook.session() as session:
        update_field(session, field, value)
    with new_workbook.session() as session:
        info = get_info(session)
        assert (info.title, info.area, info.owner) == ("Test workbook", "Testshire", "Test Owner")
        assert [c.action for c in recent_changes(session)] == ["workbook.create"]


def test_same_file_attached_twice_is_stored_once(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        first = attach_evidence(session, "survey.xlsx", b"identical bytes")
        second = attach_evidence(session, "survey copy.xlsx", b"identical bytes")
    assert first.created and not second.created
    assert first.evidence.id == second.evidence.id
    with new_workbook.session() as session:
        assert len(list_evidence(session)) == 1
        assert session.query(EvidenceBlob).count() == 1
        assert list_evidence(session)[0].media_type.startswith("application/")


def test_folder_part_of_a_name_is_dropped(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        attached = attach_evidence(session, "C:/Users/me/Documents/../minutes.txt", b"m")
    assert attached.evidence.name == "minutes.txt"


def test_removed_evidence_can_be_restored_exactly(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        original = attach_evidence(session, "minutes.txt", b"board minutes").evidence
    with new_workbook.session() as session:
        removed = remove_evidence(session, original.id)
        assert session.query(EvidenceBlob).count() == 0  # no orphaned content left behind
    with new_workbook.session() as session:
        restore_evidence(session, removed)
    with new_workbook.session() as session:
        (restored,) = list_evidence(session)
        assert (restored.id, restored.name) == (original.id, "minutes.txt")
        assert evidence_data(session, restored.id) == b"board minutes"


def test_oversized_evidence_is_refused(new_workbook: Workbook) -> None:
    with pytest.raises(InvalidValue, match="larger than"), new_workbook.session() as session:
        attach_evidence(session, "video.mp4", b"\0" * (MAX_EVIDENCE_BYTES + 1))


def test_snapshot_is_plain_data(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        attach_evidence(session, "a.txt", b"a")
        snapshot = take_snapshot(session, new_workbook.path)
    assert snapshot.title == "Test workbook"
    assert [e.name for e in snapshot.evidence] == ["a.txt"]
    assert snapshot.counts["evidence"] == 1
    assert snapshot.schema_version == 2


def test_new_workbook_records_its_creation(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        (entry,) = recent_changes(session)
    assert entry.summary == "Workbook “Test workbook” created"


def test_a_closed_workbook_refuses_further_work(new_workbook: Workbook) -> None:
    new_workbook.close()
    with pytest.raises(WorkbookClosed, match="has been closed"), new_workbook.session():
        pass


def test_counts(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        attach_evidence(session, "a.txt", b"a")
        attach_evidence(session, "b.txt", b"b")
    with new_workbook.session() as session:
        assert count_evidence(session) == 2
        assert count_changes(session) == 3


def test_describing_evidence_is_undoable_and_follows_the_text_policy(new_workbook) -> None:
    import pytest

    from app.evidence.operations import AttachEvidence, DescribeEvidence
    from app.workbook.errors import InvalidValue
    from app.workbook.evidence import MAX_NOTE, list_evidence
    from app.workbook.operations import Mode, run_operation

    attach = AttachEvidence("minutes.txt", b"Minutes")
    run_operation(new_workbook, attach)
    change = run_operation(new_workbook, DescribeEvidence(attach.evidence_id, "minutes.txt",
                                                          "  Board minutes,\r\nMarch 2026  "))
    with new_workbook.session() as session:
        assert list_evidence(session)[0].note == "Board minutes,\nMarch 2026"
    run_operation(new_workbook, change.inverse, Mode.UNDO)
    with new_workbook.session() as session:
        assert list_evidence(session)[0].note == ""
    with pytest.raises(InvalidValue, match="too long"):
        run_operation(new_workbook, DescribeEvidence(attach.evidence_id, "minutes.txt",
                                                     "x" * (MAX_NOTE + 1)))
    with pytest.raises(InvalidValue, match="control characters"):
        run_operation(new_workbook, DescribeEvidence(attach.evidence_id, "minutes.txt",
                                                     "bad\x07bell"))
