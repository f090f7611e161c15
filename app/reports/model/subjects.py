"""A report's subject: the one thing in the workbook a report is about (say, one
self-assessment), when its `ReportSpec` offers a choice.

The module lists the choices (most recent first: the first is the default) and the
export finds the one the user named, by id or by name, with a sentence listing the
choices when the name fits none or more than one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.errors import UserError

MAX_LISTED = 20  # choices named in a message; more than this are counted, not listed


@dataclass(frozen=True)
class ReportSubject:
    id: str  # stable and typeable: what `rrt export --subject` accepts besides the name
    name: str  # "Spring review"
    detail: str = ""  # "2026, 01/04/2026, ISO performance and BME impact 1.1"

    @property
    def label(self) -> str:
        """How the choice reads in a list: the name, then what tells it apart."""
        return f"{self.name} ({self.detail})" if self.detail else self.name


class UnknownSubjectError(UserError):
    """The subject named fits none of the choices, or more than one; the message lists them."""


def _listing(subjects: Sequence[ReportSubject]) -> str:
    shown = [f"{s.label} [id {s.id}]" for s in subjects[:MAX_LISTED]]
    more = len(subjects) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def choose_subject(subjects: Sequence[ReportSubject], wanted: str, noun: str
                   ) -> ReportSubject:
    """The subject `wanted` names: its id, else its name or label (ignoring case)."""
    text = wanted.strip()
    folded = text.casefold()
    for subject in subjects:
        if subject.id.casefold() == folded:
            return subject
    matches = [s for s in subjects if s.name.casefold() == folded] or \
        [s for s in subjects if s.label.casefold() == folded]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownSubjectError(
            f"{len(matches)} {noun}s are called “{text}”; name one by its id: "
            f"{_listing(matches)}.")
    if not subjects:
        raise UnknownSubjectError(f"This workbook has no {noun} to report on yet.")
    raise UnknownSubjectError(f"There is no {noun} called “{text}” in this workbook. "
                              f"Choose one of: {_listing(subjects)}.")
