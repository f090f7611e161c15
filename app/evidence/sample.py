"""The evidence files in the bundled sample workbook."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.workbook.evidence import attach_evidence

_EVIDENCE = {
    "Annual members survey 2025 summary.txt": (
        "Anytown CVS members survey, 2025 — summary of results.\n"
        "212 member groups replied. 41 describe themselves as led by people from ethnic "
        "minorities. Funding advice and training were the most used services.\n"
    ),
    "Board minutes extract - equality item.txt": (
        "Minutes extract: the board agreed to review how the CVS reaches groups led by "
        "people from ethnic minorities, and to report back to the annual meeting.\n"
    ),
}


def add_sample(session: Session) -> None:
    for name, text in _EVIDENCE.items():
        attach_evidence(session, name, text.encode("utf-8"))
