"""The Qt binding in use must not corrupt the interpreter over a long session."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_none_alive() -> None:
    # PySide6 6.12.0 on Python 3.11 dropped a reference to None on each such call, and the
    # app aborted after enough of them; pyproject.toml keeps that release out.
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 10
