"""Bulk reads pause the cyclic garbage collector and always put it back as it was."""

from __future__ import annotations

import gc
import threading

import pytest

from app.workbook import Workbook
from app.workbook.bulk import bulk_read
from app.workbook.changelog import recent_changes


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_collection_pauses_inside_and_resumes_after() -> None:
    with bulk_read():
        assert not gc.isenabled()
        with bulk_read():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner read must not resume it early"
    assert gc.isenabled()


def test_resumes_after_an_error() -> None:
    with pytest.raises(RuntimeError), bulk_read():
        raise RuntimeError("read failed")
    assert gc.isenabled()


def test_leaves_it_off_if_it_was_off() -> None:
    gc.disable()  # as the GUI does during start-up
    with bulk_read():
        pass
    assert not gc.isenabled()


def test_reads_in_two_threads_resume_when_both_are_done() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with bulk_read():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with bulk_read():
        pass
    assert not gc.isenabled(), "the other thread is still reading"
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_reading_the_change_log_leaves_collection_on(new_workbook: Workbook) -> None:
    with new_workbook.session() as session:
        assert [c.action for c in recent_changes(session)] == ["workbook.create"]
    assert gc.isenabled()
