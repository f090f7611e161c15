"""What a workbook holds when nothing has been added: every module's count at zero.

Tests compare counts against this plus what they added, so a new module's count does not
make every expectation in the suite out of date."""

from __future__ import annotations

from app.modules import all_counts


def nothing_counted() -> dict[str, int]:
    return {count.name: 0 for count in all_counts()}
