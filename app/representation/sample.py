"""The representation part of the bundled sample workbook: an illustrative population for a
made-up area and a worked board audit against it. The figures are invented for the
example; they are not ONS figures for any real place."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from app.representation.raise_action import RaiseGroupAction
from app.representation.store import (
    Answer,
    AuditRow,
    BaselineRow,
    add_audit,
    add_baseline,
    set_answer,
)

SAMPLE_AREA = (
    ("bangladeshi", 3_150), ("chinese", 1_900), ("indian", 12_400), ("pakistani", 9_850),
    ("other-asian", 3_300), ("african", 4_100), ("caribbean", 5_200), ("other-black", 1_350),
    ("white-and-asian", 1_700), ("white-and-black-african", 900),
    ("white-and-black-caribbean", 3_050), ("other-mixed", 1_400),
    ("british", 181_600), ("irish", 2_050), ("gypsy-or-irish-traveller", 300), ("roma", 450),
    ("other-white", 11_200), ("arab", 1_250), ("any-other", 1_750),
)
BOARD = (("british", 10), ("indian", 1), ("other-white", 1), ("prefer-not-to-say", 1))


def add_sample(session: Session) -> None:
    """The baseline, the board's audit and the questionnaire's answers, and the action the
    audit raises in the plan (the plans module's own sample actions follow it)."""
    baseline = add_baseline(session, BaselineRow(
        uuid.uuid4(), "Anytown (illustrative)", "X99000001", "Anytown",
        "ons2021",
        "Illustrative figures made up for the sample workbook, laid out like the ONS "
        "Census 2021 table TS021. They are not real ONS figures for any area.",
        SAMPLE_AREA))
    board = add_audit(session, AuditRow(
        uuid.uuid4(), "board", "Board of trustees", "partners", date(2026, 4, 1), "ons2021",
        baseline.id,
        "From the trustees' equality monitoring forms, April 2026 (counts only).", BOARD))
    set_answer(session, Answer(
        "informed", "developing",
        "We meet the BME infrastructure network each quarter and read its members' "
        "newsletter; we do not yet hear from groups outside the network."))
    set_answer(session, Answer(
        "impact", "not-yet",
        "We do not yet ask BME-led groups what difference our representation made."))
    # Fewer ethnic minority trustees than the area's share: the plan's action about it.
    RaiseGroupAction(board.id, "ethnic-minorities").apply(session)
