"""A framework kept in a workbook (its JSON form), read back as a `Framework`.

Both the database layer (`records.py`) and the roll-up's plain-SQL reader read pinned
frameworks, so the parsing and the cache live here, free of SQLAlchemy. The cache is keyed
by fingerprint: a framework pinned in two hundred workbooks is checked once.
"""

from __future__ import annotations

import json
import threading

from app.assessments.frameworks import Framework, fingerprint, framework_from_dict
from app.workbook.errors import InvalidValue

_FRAMEWORKS: dict[str, Framework] = {}  # fingerprint -> framework, each read once
_lock = threading.Lock()  # the roll-up reads workbooks on several threads


def remember(print_: str, framework: Framework) -> None:
    with _lock:
        _FRAMEWORKS[print_] = framework


def framework_from_pinned(print_: str, content: str, title: str) -> Framework:
    """The framework a workbook keeps, checked as strictly as a file."""
    with _lock:
        cached = _FRAMEWORKS.get(print_)
    if cached is not None:
        return cached
    try:
        data = json.loads(content)
    except (TypeError, ValueError):
        raise InvalidValue(f"The copy of the framework “{title}” kept in this workbook "
                           "cannot be read; the workbook may be damaged.") from None
    framework = framework_from_dict(data, f"the framework “{title}” kept in the workbook")
    if fingerprint(framework) == print_:  # only a faithful copy is remembered
        remember(print_, framework)
    return framework
